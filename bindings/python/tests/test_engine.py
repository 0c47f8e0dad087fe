"""Engine lifecycle, scopes, options and the error hierarchy as Python users meet them."""

import pickle
from datetime import UTC, datetime

import pytest
import shared_platform
from shared_platform import (
    Engine,
    EngineClosedError,
    InvalidConfigError,
    InvalidTenantError,
    NotFoundError,
    PlatformError,
    PolicyNotFoundError,
    RateLimitError,
    RateLimitExceededError,
    ServerError,
    ValidationError,
)
from shared_platform.errors import ERRORS_BY_CODE


def test_version_is_exposed() -> None:
    assert shared_platform.__version__.count(".") == 2


@pytest.mark.parametrize("bad", ["", "a" * 129, "acme corp", "acmé", "*", "a/b"])
def test_invalid_tenant_is_a_value_error(engine: Engine, bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        engine.tenant(bad)
    assert isinstance(caught.value, InvalidTenantError)
    assert isinstance(caught.value, ValidationError)
    assert caught.value.code == 1100
    assert caught.value.status == 400
    assert caught.value.field == "tenant_id"


def test_tenant_must_be_a_string(engine: Engine) -> None:
    with pytest.raises(TypeError):
        engine.tenant(None)  # type: ignore[arg-type]


def test_scopes(engine: Engine) -> None:
    assert engine.tenant("acme").tenant_id == "acme"
    assert engine.platform().tenant_id is None


def test_error_hierarchy_mirrors_the_spec() -> None:
    assert issubclass(PolicyNotFoundError, NotFoundError)
    assert issubclass(NotFoundError, PlatformError)
    assert issubclass(NotFoundError, LookupError)
    assert issubclass(RateLimitExceededError, RateLimitError)
    assert issubclass(EngineClosedError, ServerError)
    assert ERRORS_BY_CODE[2002] is PolicyNotFoundError
    err = RateLimitExceededError("slow down", retry_after=1.5, code=2001)
    assert (err.code, err.status, err.kind, err.name, err.retry_after) == (
        2001,
        429,
        "RateLimited",
        "RateLimitExceeded",
        1.5,
    )
    assert str(err) == "RateLimitExceeded (2001): slow down"


def test_errors_survive_pickling() -> None:
    err = PolicyNotFoundError("policy 'p' not found", field="policy_id", code=2002)
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is PolicyNotFoundError and copy.field == "policy_id" and copy.message == err.message


def test_bad_options_name_the_setting() -> None:
    with pytest.raises(InvalidConfigError) as caught:
        Engine(worker_threads=0)
    assert caught.value.field == "worker_threads"
    with pytest.raises(InvalidConfigError):
        Engine(manual_clock="teatime")
    with pytest.raises(ValueError):
        Engine(manual_clock=datetime(2026, 1, 1))


def test_close_is_idempotent_and_later_calls_fail(engine: Engine) -> None:
    scope = engine.tenant("acme")
    engine.close()
    engine.close()
    assert engine.closed
    with pytest.raises(EngineClosedError) as caught:
        scope.audit.verify()
    assert caught.value.status == 503
    with pytest.raises(EngineClosedError):
        engine.tenant("acme")


def test_manual_clock_moves_only_when_told(engine: Engine) -> None:
    assert engine.advance_clock(seconds=90) == datetime(2026, 1, 1, 0, 1, 30, tzinfo=UTC)
    with Engine() as system_clock:
        with pytest.raises(PlatformError) as caught:
            system_clock.advance_clock(seconds=1)
        assert caught.value.code == 1005


def test_sqlite_file_is_durable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = str(tmp_path / "platform.db")
    with Engine(database=path) as first:
        first.tenant("acme").audit.record(actor_id="a", action="x", resource_type="t", resource_id="r")
    with Engine(database=path) as second:
        assert second.tenant("acme").audit.list().pagination.total_items == 1


def test_unknown_method_is_a_validation_error(engine: Engine) -> None:
    with pytest.raises(ValidationError) as caught:
        engine.call("acme", "no.such.method")
    assert caught.value.field == "method"
