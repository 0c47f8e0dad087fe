"""Rate limiting from Python across engines sharing a real redis-server (two processes' view)."""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_platform import Engine
from shared_platform.ratelimit import (
    CreatePolicyRequest,
    CreateRuleRequest,
    DistributedStoreConfig,
    DistributedStoreType,
    RateLimit,
    RateLimitClient,
    RuleTarget,
    StoreUnavailableError,
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url() -> Iterator[str]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt-get install -y redis-server)")
    port = _free_port()
    args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    server = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/"
    finally:
        server.kill()
        server.wait()


def _on_redis(engine: Engine, redis_url: str) -> RateLimitClient:
    rl = engine.tenant("acme").ratelimit
    rl.configure_distributed_store(DistributedStoreConfig(type=DistributedStoreType.REDIS, connection_url=redis_url))
    return rl


def _limited(engine: Engine, redis_url: str) -> RateLimitClient:
    rl = _on_redis(engine, redis_url)
    limit = RateLimit(scope="user", max_requests=3, window_seconds=60)
    policy = rl.create_policy(CreatePolicyRequest(name="shared", limits=[limit]))
    rl.create_rule(CreateRuleRequest(name="users", policy_id=policy.id, target=RuleTarget(type="user")))
    return rl


def test_two_engines_share_one_limit_through_redis(redis_url: str, tmp_path: Path) -> None:
    database = str(tmp_path / "platform.db")  # both "processes" share the system of record
    with Engine(database=database) as first, Engine(database=database) as second:
        a = _limited(first, redis_url)
        b = _on_redis(second, redis_url)
        decisions = [rl.consume("/api", user="u1").allowed for rl in (a, b, a, b, a)]
        assert decisions == [True, True, True, False, False]
        assert b.consume("/api", user="u2").allowed, "other users keep their own counters"
        assert a.get_distributed_store_status().connected


def test_redis_down_is_a_typed_error(redis_url: str) -> None:
    with Engine() as engine:
        rl = _limited(engine, redis_url)
        assert rl.consume("/api", user="u1").allowed
    port = _free_port()
    with Engine() as engine:
        rl = engine.tenant("acme").ratelimit
        with pytest.raises(StoreUnavailableError) as caught:
            rl.configure_distributed_store(
                DistributedStoreConfig(type=DistributedStoreType.REDIS, connection_url=f"redis://127.0.0.1:{port}/")
            )
        assert caught.value.status == 503
