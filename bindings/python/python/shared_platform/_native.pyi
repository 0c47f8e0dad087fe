"""Type stubs of the native module (implementation: bindings/python/src)."""

from collections.abc import Awaitable, Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, TypeAlias, final

__version__: str

class NativeEngine:
    def __init__(self, options_json: str) -> None: ...
    def call(self, scope: str, method: str, args_json: str) -> str: ...
    def call_async(self, scope: str, method: str, args_json: str) -> Awaitable[str]: ...
    def check_tenant(self, tenant_id: str) -> None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...

HeaderInput: TypeAlias = Mapping[str, str] | Iterable[tuple[str, str]]

@final
class RateLimitDecision:
    """The answer for one request (immutable)."""

    @property
    def allowed(self) -> bool:
        """Whether the request may proceed now."""
    @property
    def action(self) -> Literal["allow", "bypass", "throttle", "reject"]:
        """What to do with the request."""
    @property
    def limit(self) -> int:
        """The deciding limit (0 when no limit applies)."""
    @property
    def remaining(self) -> int:
        """Units left in the deciding limit."""
    @property
    def used(self) -> int:
        """Units used in the deciding limit."""
    @property
    def reset_at(self) -> datetime:
        """When the deciding limit resets (aware UTC)."""
    @property
    def retry_after(self) -> float | None:
        """Seconds to wait before retrying (refused or throttled requests)."""
    @property
    def retry_after_seconds(self) -> int | None:
        """Whole seconds for a Retry-After header (rounded up)."""
    @property
    def policy_id(self) -> str | None:
        """The deciding policy's id."""
    @property
    def policy_name(self) -> str | None:
        """The deciding policy's name."""
    @property
    def scope(self) -> Literal["endpoint", "user", "tenant", "ip", "api_key"] | None:
        """The deciding limit's scope."""
    @property
    def algorithm(self) -> Literal["sliding_window", "token_bucket", "fixed_window"] | None:
        """The deciding limit's algorithm."""
    @property
    def burst_remaining(self) -> int | None:
        """Burst units left, when the policy has a burst allowance."""
    @property
    def burst_total(self) -> int | None:
        """The burst allowance."""
    @property
    def throttle_delay(self) -> float | None:
        """Seconds to wait before proceeding (throttle mode)."""
    @property
    def window_seconds(self) -> int | None:
        """The deciding limit's window in seconds."""
    @property
    def degraded(self) -> bool:
        """True when the state store could not decide and the failure mode did."""
    def headers(self) -> dict[str, str]:
        """X-RateLimit-*, IETF RateLimit / RateLimit-Policy and (when refused) Retry-After."""

class NativeRateLimiter:
    def __init__(self, engine: Any, scope: str) -> None: ...
    def _now_ms(self) -> int: ...
    def consume(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> RateLimitDecision:
        """Counts the request against every matching limit and returns the decision."""
    def check(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> RateLimitDecision:
        """The decision the request would get, without counting it (read-only)."""
    def enforce(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> RateLimitDecision:
        """Like consume, but a refusal raises RateLimitExceededError (with retry_after)."""
    def async_consume(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> Awaitable[RateLimitDecision]:
        """consume as an awaitable (runs off the event loop)."""
    def async_check(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> Awaitable[RateLimitDecision]:
        """check as an awaitable."""
    def async_enforce(
        self,
        endpoint: str,
        method: str = "GET",
        *,
        user: str | None = None,
        ip: str | None = None,
        api_key: str | None = None,
        roles: list[str] | None = None,
        plan: str | None = None,
        country: str | None = None,
        user_agent: str | None = None,
        headers: HeaderInput | None = None,
        cost: int | None = None,
    ) -> Awaitable[RateLimitDecision]:
        """enforce as an awaitable."""

def parse_rate_limit_headers_raw(
    headers: Any, now_ms: int | None = None
) -> tuple[int | None, int | None, int | None, str | None, int | None]: ...

# Authorization (shared_platform.authz)

@final
class CheckResult:
    """The answer of a check with its explanation (immutable; truthy when allowed)."""

    @property
    def allowed(self) -> bool:
        """Whether the relation holds."""
    @property
    def explanation(self) -> list[str] | None:
        """The path that granted the relation, innermost step first (None when denied)."""
    def __bool__(self) -> bool: ...

class NativeAuthz:
    """The authorization client of one scope (``shared_platform.authz.AuthzClient`` extends it)."""

    def __init__(self, engine: Any, scope: str) -> None: ...
    def check(
        self,
        user: str,
        relation: str,
        object: str,
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[Any] | None = None,
        authorization_model_id: str | None = None,
        min_revision: int | None = None,
    ) -> bool:
        """Does ``user`` have ``relation`` on ``object``? Contextual tuples are ``TupleKey`` objects
        or ``(user, relation, object)`` tuples."""
    def explain(
        self,
        user: str,
        relation: str,
        object: str,
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[Any] | None = None,
        authorization_model_id: str | None = None,
        min_revision: int | None = None,
    ) -> CheckResult:
        """Like ``check``, with the path that granted the relation."""
    def async_check(
        self,
        user: str,
        relation: str,
        object: str,
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[Any] | None = None,
        authorization_model_id: str | None = None,
        min_revision: int | None = None,
    ) -> Awaitable[bool]:
        """``check`` as an awaitable (runs off the event loop)."""
    def has_permission(self, user_id: str, permission: str) -> bool:
        """Does the user hold the permission (``resource:action``) through any of their roles?"""
    def require_permission(self, user_id: str, permission: str) -> None:
        """Like ``has_permission``, but a missing permission raises ``AuthorizationError``."""
    def async_has_permission(self, user_id: str, permission: str) -> Awaitable[bool]:
        """``has_permission`` as an awaitable."""
    def async_require_permission(self, user_id: str, permission: str) -> Awaitable[None]:
        """``require_permission`` as an awaitable."""

# Redaction (shared_platform.redaction)

@final
class Finding:
    """One detected value: entity, byte offsets (start, end), character offsets (char_start,
    char_end: what ``str`` slicing uses) into the input, and score."""

    def __init__(self, *, entity: str, start: int, end: int, char_start: int, char_end: int, score: float) -> None: ...
    @property
    def entity(self) -> str:
        """The entity name (EMAIL_ADDRESS, CREDIT_CARD, a custom pattern's name…)."""
    @property
    def start(self) -> int:
        """Byte offset of the start (UTF-8)."""
    @property
    def end(self) -> int:
        """Byte offset of the end (exclusive)."""
    @property
    def char_start(self) -> int:
        """Character offset of the start."""
    @property
    def char_end(self) -> int:
        """Character offset of the end (exclusive)."""
    @property
    def score(self) -> float:
        """Confidence, 0 to 1."""

@final
class RedactedText:
    """The result of ``redact``: the redacted text and the findings in the input."""

    @property
    def text(self) -> str:
        """The redacted text."""
    @property
    def findings(self) -> list[Finding]:
        """The findings, with offsets into the input text."""

class NativeRedactor:
    def __init__(self, engine: Any, scope: str) -> None: ...
    def redact_text(self, text: str) -> str:
        """The redacted text alone (the logging hot path); the same object when nothing was found."""
    def redact_line(self, line: str, json: bool = False) -> str:
        """One log line redacted as the line redactor does (``json``: the line is a JSON value)."""
    def redact(self, text: str) -> RedactedText:
        """The redacted text and the findings (offsets into the input)."""
    def analyze(self, text: str) -> list[Finding]:
        """The findings in ``text``, which is not changed."""
