"""Rate limiting from Python: typed decisions, management models, header parsing, retries."""

import asyncio
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from shared_platform import Engine
from shared_platform.errors import ValidationError
from shared_platform.ratelimit import (
    AdjustLimitRequest,
    AdjustmentActiveError,
    BypassType,
    CreateBypassRuleRequest,
    CreatePolicyRequest,
    CreateRuleRequest,
    EndpointCost,
    PolicyInUseError,
    PolicyNotFoundError,
    RateLimit,
    RateLimitAlgorithm,
    RateLimitCheckRequest,
    RateLimitClient,
    RateLimitExceededError,
    RateLimitScope,
    RuleConflictError,
    RuleTarget,
    RuleTargetType,
    ThrottleConfig,
    ThrottleMode,
    TimeRange,
    TokenBucketConfig,
    UpdatePolicyRequest,
    parse_rate_limit_headers,
    rate_limit_aware,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def per_user(rl: RateLimitClient, limit: int = 2, **policy: object) -> str:
    request = CreatePolicyRequest(
        name="per-user",
        limits=[RateLimit(scope=RateLimitScope.USER, max_requests=limit, window_seconds=60)],
        **policy,  # type: ignore[arg-type]
    )
    created = rl.create_policy(request)
    rl.create_rule(CreateRuleRequest(name="users", policy_id=created.id, target=RuleTarget(type=RuleTargetType.USER)))
    return created.id


@pytest.fixture
def rl(engine: Engine) -> Iterator[RateLimitClient]:
    yield engine.tenant("acme").ratelimit


def test_consume_counts_and_refuses_with_typed_decision(rl: RateLimitClient) -> None:
    policy_id = per_user(rl)
    first = rl.consume("/api/items", "GET", user="u1")
    assert (first.allowed, first.action, first.limit, first.remaining, first.used) == (True, "allow", 2, 1, 1)
    assert (first.policy_id, first.policy_name, first.scope, first.algorithm) == (
        policy_id,
        "per-user",
        "user",
        "sliding_window",
    )
    assert first.reset_at == T0 + timedelta(seconds=60)
    assert first.retry_after is None
    rl.consume("/api/items", "GET", user="u1")
    refused = rl.consume("/api/items", "GET", user="u1")
    assert (refused.allowed, refused.action, refused.remaining) == (False, "reject", 0)
    assert refused.retry_after == pytest.approx(90.0)  # the previous window still weighs half at t=90 s
    assert refused.headers()["Retry-After"] == "90"
    assert "allowed=False" in repr(refused)


def test_check_is_read_only_and_enforce_raises(rl: RateLimitClient) -> None:
    per_user(rl, limit=1)
    for _ in range(3):
        assert rl.check("/api", user="u1").remaining == 1
    rl.enforce("/api", user="u1")
    with pytest.raises(RateLimitExceededError) as caught:
        rl.enforce("/api", user="u1")
    assert caught.value.status == 429
    assert caught.value.retry_after == pytest.approx(120.0)


def test_headers_of_a_decision_round_trip_through_the_parser(rl: RateLimitClient) -> None:
    limit = RateLimit(scope=RateLimitScope.USER, max_requests=5, window_seconds=60, cost_based=True)
    policy = rl.create_policy(CreatePolicyRequest(name="weighted", limits=[limit]))
    rl.create_rule(CreateRuleRequest(name="users", policy_id=policy.id, target=RuleTarget(type=RuleTargetType.USER)))
    headers = rl.consume("/api", user="u1", cost=2).headers()
    assert headers["X-RateLimit-Remaining"] == "3"
    assert headers["RateLimit"] == '"weighted";r=3;t=60'
    info = rl.parse_rate_limit_headers(headers)
    assert (info.limit, info.remaining, info.policy, info.reset_at) == (5, 3, "weighted", T0 + timedelta(seconds=60))


def test_async_variants(rl: RateLimitClient) -> None:
    per_user(rl, limit=3)

    async def main() -> list[bool]:
        decisions = await asyncio.gather(*(rl.async_consume("/api", user="u1") for _ in range(5)))
        status = await rl.async_check_rate_limit(RateLimitCheckRequest(scope=RateLimitScope.USER, identifier="u1"))
        assert status.is_limited
        with pytest.raises(RateLimitExceededError):
            await rl.async_enforce("/api", user="u1")
        assert (await rl.async_check("/api", user="u2")).remaining == 3
        return sorted(d.allowed for d in decisions)

    assert asyncio.run(main()) == [False, False, True, True, True]


def test_request_context_reaches_rules(rl: RateLimitClient) -> None:
    policy = rl.create_policy(
        CreatePolicyRequest(
            name="keys", limits=[RateLimit(scope=RateLimitScope.API_KEY, max_requests=1, window_seconds=60)]
        )
    )
    rl.create_rule(
        CreateRuleRequest(
            name="admins", policy_id=policy.id, target=RuleTarget(type=RuleTargetType.ROLE, value="admin")
        )
    )
    ctx = {"api_key": "k1", "roles": ["admin"], "headers": {"X-Tenant-Tier": "gold"}, "ip": "203.0.113.9"}
    assert rl.consume("/a", **ctx).allowed  # type: ignore[arg-type]
    assert not rl.consume("/a", **ctx).allowed  # type: ignore[arg-type]
    assert rl.consume("/a", api_key="k1", roles=["viewer"]).limit == 0


def test_policy_crud_with_typed_models(rl: RateLimitClient) -> None:
    created = rl.create_policy(
        CreatePolicyRequest(
            name="bucket",
            algorithm=RateLimitAlgorithm.TOKEN_BUCKET,
            limits=[RateLimit(scope=RateLimitScope.IP, max_requests=10, window_seconds=10)],
            token_bucket=TokenBucketConfig(refill_rate=1, bucket_size=10),
            throttle=ThrottleConfig(mode=ThrottleMode.THROTTLE, throttle_delay_ms=500),
        )
    )
    assert created.algorithm is RateLimitAlgorithm.TOKEN_BUCKET
    assert created.created_at == T0
    assert created.limits[0].scope is RateLimitScope.IP
    assert created.throttle is not None and created.throttle.mode is ThrottleMode.THROTTLE
    updated = rl.update_policy(created.id, UpdatePolicyRequest(description="ten per ten seconds"))
    assert updated.description == "ten per ten seconds"
    assert [p.id for p in rl.list_policies().data] == [created.id]
    assert rl.get_policy(created.id) == updated
    rl.delete_policy(created.id)
    with pytest.raises(PolicyNotFoundError) as caught:
        rl.get_policy(created.id)
    assert isinstance(caught.value, LookupError)


def test_validation_errors_name_the_field(rl: RateLimitClient) -> None:
    bad = CreatePolicyRequest(
        name="bad", limits=[RateLimit(scope=RateLimitScope.USER, max_requests=0, window_seconds=60)]
    )
    with pytest.raises(ValidationError) as caught:
        rl.create_policy(bad)
    assert caught.value.field == "limits[0].max_requests"
    assert isinstance(caught.value, ValueError)


def test_conflicts_and_policy_in_use(rl: RateLimitClient) -> None:
    policy_id = per_user(rl)
    with pytest.raises(RuleConflictError):
        rl.create_rule(
            CreateRuleRequest(name="again", policy_id=policy_id, target=RuleTarget(type=RuleTargetType.USER))
        )
    with pytest.raises(PolicyInUseError):
        rl.delete_policy(policy_id)


def test_plans_bypass_adjustments_costs(engine: Engine, rl: RateLimitClient) -> None:
    policy_id = per_user(rl, limit=1)
    rule_id = rl.list_rules().data[0].id
    mapping = rl.assign_policy_to_plan("pro", policy_id)
    assert (mapping.plan_id, mapping.policy_name) == ("pro", "per-user")
    assert [m.plan_id for m in rl.list_plan_policies()] == ["pro"]
    bypass = rl.create_bypass_rule(
        CreateBypassRuleRequest(
            type=BypassType.USER, value="vip", reason="load test", expires_at=T0 + timedelta(hours=1)
        )
    )
    assert bypass.type is BypassType.USER and bypass.expires_at == T0 + timedelta(hours=1)
    assert all(rl.consume("/api", user="vip").action == "bypass" for _ in range(3))
    adjustment = rl.adjust_limit(rule_id, AdjustLimitRequest(new_limit=3, duration_minutes=5, reason="launch"))
    assert (adjustment.original_limit, adjustment.adjusted_limit) == (1, 3)
    with pytest.raises(AdjustmentActiveError):
        rl.adjust_limit(rule_id, AdjustLimitRequest(new_limit=4, duration_minutes=5))
    assert rl.consume("/api", user="u1").limit == 3
    engine.advance_clock(seconds=301)
    assert rl.list_adjustments(rule_id) == []
    rl.set_endpoint_costs([EndpointCost(path_pattern="/export/*", method="*", cost=5)])
    assert rl.get_endpoint_costs()[0].cost == 5
    rl.delete_bypass_rule(bypass.id)
    assert rl.list_bypass_rules() == []


def test_analytics_and_store_status(rl: RateLimitClient) -> None:
    per_user(rl, limit=1)
    for _ in range(3):
        rl.consume("/api", user="noisy")
    window = TimeRange(start=T0, end=T0 + timedelta(days=1))
    analytics = rl.get_rate_limit_analytics(window)
    assert (analytics.total_requests, analytics.limited_requests) == (3, 2)
    assert analytics.by_scope[RateLimitScope.USER].limited == 2
    top = rl.get_top_limited_entities(window, scope="user")
    assert (top[0].identifier, top[0].limited_count) == ("noisy", 2)
    assert rl.get_distributed_store_status().type == "memory"


def test_tenant_isolation(engine: Engine) -> None:
    acme, globex = engine.tenant("acme").ratelimit, engine.tenant("globex").ratelimit
    per_user(acme, limit=1)
    per_user(globex, limit=1)
    acme.consume("/api", user="u1")
    assert not acme.consume("/api", user="u1").allowed
    assert globex.consume("/api", user="u1").allowed
    assert len(globex.list_policies().data) == 1


def test_invalid_tenant_is_a_value_error(engine: Engine) -> None:
    with pytest.raises(ValueError):
        RateLimitClient(engine, "not a tenant")


class _Response:
    def __init__(self, status_code: int, headers: Mapping[str, str]) -> None:
        self.status_code = status_code
        self.headers = headers


@pytest.mark.parametrize(
    "headers",
    [
        {"X-RateLimit-Limit": "100", "x-ratelimit-remaining": "7", "Retry-After": "3"},
        httpx.Headers({"x-ratelimit-limit": "100", "X-RATELIMIT-REMAINING": "7", "retry-after": "3"}),
        httpx.Response(429, headers={"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "7", "Retry-After": "3"}),
        [("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "7"), ("Retry-After", "3")],
        _Response(
            200, {"RateLimit-Policy": '"default";q=100;w=60', "RateLimit": '"default";r=7;t=3', "Retry-After": "3"}
        ),
    ],
)
def test_parse_rate_limit_headers_accepts_every_shape(headers: object) -> None:
    info = parse_rate_limit_headers(headers, now_ms=0)  # type: ignore[arg-type]
    assert (info.limit, info.remaining, info.retry_after) == (100, 7, 3)


def test_parse_rate_limit_headers_never_fails_on_garbage() -> None:
    info = parse_rate_limit_headers({"X-RateLimit-Limit": "lots", "RateLimit": ";;;=", "Retry-After": "-1"})
    assert (info.limit, info.remaining, info.reset_at, info.policy, info.retry_after) == (None, None, None, None, None)


def test_rate_limit_aware_retries_429_responses_with_backoff() -> None:
    responses = [httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(429), httpx.Response(200)]

    @rate_limit_aware(base_delay=0.001, jitter=False)
    def fetch() -> httpx.Response:
        return responses.pop(0)

    assert fetch().status_code == 200
    assert responses == []


def test_rate_limit_aware_gives_up_after_max_retries() -> None:
    calls: list[int] = []

    @rate_limit_aware(max_retries=2, base_delay=0)
    def fetch() -> _Response:
        calls.append(1)
        return _Response(429, {})

    assert fetch().status_code == 429
    assert len(calls) == 3


def test_rate_limit_aware_async_retries_engine_refusals(engine: Engine) -> None:
    rl = engine.tenant("acme").ratelimit
    per_user(rl, limit=1)
    rl.consume("/api", user="u1")
    attempts: list[int] = []

    @rate_limit_aware(max_retries=2, base_delay=0, max_delay=0)
    async def call() -> str:
        attempts.append(1)
        if len(attempts) == 2:
            engine.advance_clock(seconds=120)
        await rl.async_enforce("/api", user="u1")
        return "done"

    assert asyncio.run(call()) == "done"
    assert len(attempts) == 2
    with pytest.raises(ValueError):
        rate_limit_aware(max_retries=-1)
