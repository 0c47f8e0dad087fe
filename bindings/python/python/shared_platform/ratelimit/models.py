"""Rate-limiting models (spec 003 §4): immutable dataclasses with the spec's snake_case names.

Requests (``CreatePolicyRequest``…) are what you build; the others come back from the engine.
The per-request decision, :class:`RateLimitDecision`, is a native object (no JSON on the hot path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from .._native import RateLimitDecision

__all__ = [
    "AdjustLimitRequest",
    "BurstConfig",
    "BypassRule",
    "BypassType",
    "CompositeKey",
    "ConditionField",
    "ConditionOperator",
    "CreateBypassRuleRequest",
    "CreatePolicyRequest",
    "CreateRuleRequest",
    "DistributedStoreConfig",
    "DistributedStoreStatus",
    "DistributedStoreType",
    "EndpointCost",
    "FailureMode",
    "LimitAdjustment",
    "LimitedEntity",
    "PlanRateLimitMapping",
    "PolicyAnalytics",
    "RateLimit",
    "RateLimitAlgorithm",
    "RateLimitAnalytics",
    "RateLimitCheckRequest",
    "RateLimitDecision",
    "RateLimitInfo",
    "RateLimitPolicy",
    "RateLimitRule",
    "RateLimitScope",
    "RateLimitStatus",
    "RuleCondition",
    "RuleTarget",
    "RuleTargetType",
    "ScopeAnalytics",
    "ThrottleConfig",
    "ThrottleMode",
    "TimeRange",
    "TokenBucketConfig",
    "UpdatePolicyRequest",
    "UpdateRuleRequest",
    "WindowUnit",
]


class RateLimitAlgorithm(StrEnum):
    """How a limit counts."""

    SLIDING_WINDOW = "sliding_window"
    TOKEN_BUCKET = "token_bucket"
    FIXED_WINDOW = "fixed_window"


class RateLimitScope(StrEnum):
    """What one limit counts per."""

    ENDPOINT = "endpoint"
    USER = "user"
    TENANT = "tenant"
    IP = "ip"
    API_KEY = "api_key"


class WindowUnit(StrEnum):
    """Convenience unit of a window (instead of ``window_seconds``)."""

    SECOND = "second"
    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"


class ThrottleMode(StrEnum):
    """What happens over the limit."""

    REJECT = "reject"
    THROTTLE = "throttle"
    PENALTY_BOX = "penalty_box"


class RuleTargetType(StrEnum):
    """What a rule targets."""

    ENDPOINT = "endpoint"
    USER = "user"
    TENANT = "tenant"
    IP = "ip"
    API_KEY = "api_key"
    ROLE = "role"


class ConditionField(StrEnum):
    """The request field a rule condition reads."""

    PLAN = "plan"
    ROLE = "role"
    HEADER = "header"
    IP_RANGE = "ip_range"
    COUNTRY = "country"
    USER_AGENT = "user_agent"


class ConditionOperator(StrEnum):
    """How a rule condition compares."""

    EQ = "eq"
    NEQ = "neq"
    IN = "in"
    NOT_IN = "not_in"
    MATCHES = "matches"


class BypassType(StrEnum):
    """What a bypass rule matches."""

    API_KEY = "api_key"
    ROLE = "role"
    IP = "ip"
    USER = "user"


class DistributedStoreType(StrEnum):
    """The distributed counter store."""

    REDIS = "redis"
    REDIS_CLUSTER = "redis_cluster"
    REDIS_SENTINEL = "redis_sentinel"


class FailureMode(StrEnum):
    """What a decision does when the distributed store is unreachable."""

    ERROR = "error"
    FAIL_OPEN = "fail_open"
    FAIL_CLOSED = "fail_closed"


AlgorithmName = Literal["sliding_window", "token_bucket", "fixed_window"]
ScopeName = Literal["endpoint", "user", "tenant", "ip", "api_key"]
WindowUnitName = Literal["second", "minute", "hour", "day"]
ThrottleModeName = Literal["reject", "throttle", "penalty_box"]
RuleTargetName = Literal["endpoint", "user", "tenant", "ip", "api_key", "role"]
ConditionFieldName = Literal["plan", "role", "header", "ip_range", "country", "user_agent"]
ConditionOperatorName = Literal["eq", "neq", "in", "not_in", "matches"]
BypassTypeName = Literal["api_key", "role", "ip", "user"]
StoreTypeName = Literal["redis", "redis_cluster", "redis_sentinel"]
FailureModeName = Literal["error", "fail_open", "fail_closed"]


@dataclass(frozen=True, kw_only=True)
class CompositeKey:
    """Counts per combination of request dimensions (e.g. ``["ip", "endpoint"]``)."""

    dimensions: list[str]


@dataclass(frozen=True, kw_only=True)
class RateLimit:
    """One limit of a policy: ``max_requests`` per window, counted per ``scope``."""

    scope: RateLimitScope | ScopeName
    max_requests: int
    window_seconds: int | None = None
    window_unit: WindowUnit | WindowUnitName | None = None
    key: CompositeKey | None = None
    cost_based: bool = False


@dataclass(frozen=True, kw_only=True)
class TokenBucketConfig:
    """Token bucket parameters (tokens per second, capacity, starting tokens)."""

    refill_rate: int
    bucket_size: int
    initial_tokens: int | None = None


@dataclass(frozen=True, kw_only=True)
class BurstConfig:
    """An extra allowance of ``max_burst`` within ``burst_window_seconds``, then a cooldown."""

    max_burst: int
    burst_window_seconds: int
    cooldown_seconds: int


@dataclass(frozen=True, kw_only=True)
class ThrottleConfig:
    """Reject, delay (throttle) or penalty-box requests over the limit."""

    mode: ThrottleMode | ThrottleModeName
    throttle_delay_ms: int | None = None
    penalty_box_limit: int | None = None
    penalty_box_duration_seconds: int | None = None


@dataclass(frozen=True, kw_only=True)
class RateLimitPolicy:
    """A stored policy."""

    id: str
    name: str
    description: str | None
    limits: list[RateLimit]
    algorithm: RateLimitAlgorithm
    token_bucket: TokenBucketConfig | None
    burst: BurstConfig | None
    throttle: ThrottleConfig | None
    is_active: bool
    priority: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class CreatePolicyRequest:
    """A new policy."""

    name: str
    limits: list[RateLimit]
    description: str | None = None
    algorithm: RateLimitAlgorithm | AlgorithmName = RateLimitAlgorithm.SLIDING_WINDOW
    token_bucket: TokenBucketConfig | None = None
    burst: BurstConfig | None = None
    throttle: ThrottleConfig | None = None
    is_active: bool | None = None
    priority: int = 0


@dataclass(frozen=True, kw_only=True)
class UpdatePolicyRequest:
    """Changes to a policy (``None`` = unchanged)."""

    name: str | None = None
    description: str | None = None
    limits: list[RateLimit] | None = None
    algorithm: RateLimitAlgorithm | AlgorithmName | None = None
    token_bucket: TokenBucketConfig | None = None
    burst: BurstConfig | None = None
    throttle: ThrottleConfig | None = None
    is_active: bool | None = None
    priority: int | None = None


@dataclass(frozen=True, kw_only=True)
class RuleTarget:
    """What a rule applies to: a scope (``value`` None = all) or a role, optionally narrowed to a
    method and a path glob such as ``/api/v1/users/*``."""

    type: RuleTargetType | RuleTargetName
    value: str | None = None
    method: str | None = None
    path_pattern: str | None = None


@dataclass(frozen=True, kw_only=True)
class RuleCondition:
    """An extra condition on the request (``header`` names the header for ``field=HEADER``)."""

    field: ConditionField | ConditionFieldName
    operator: ConditionOperator | ConditionOperatorName
    value: Any
    header: str | None = None


@dataclass(frozen=True, kw_only=True)
class RateLimitRule:
    """A stored rule binding a policy to a target."""

    id: str
    name: str
    description: str | None
    policy_id: str
    target: RuleTarget
    conditions: list[RuleCondition] | None
    is_active: bool
    priority: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True)
class CreateRuleRequest:
    """A new rule."""

    name: str
    policy_id: str
    target: RuleTarget
    description: str | None = None
    conditions: list[RuleCondition] | None = None
    is_active: bool | None = None
    priority: int = 0


@dataclass(frozen=True, kw_only=True)
class UpdateRuleRequest:
    """Changes to a rule (``None`` = unchanged)."""

    name: str | None = None
    description: str | None = None
    policy_id: str | None = None
    target: RuleTarget | None = None
    conditions: list[RuleCondition] | None = None
    priority: int | None = None


@dataclass(frozen=True, kw_only=True)
class PlanRateLimitMapping:
    """A plan's policy."""

    plan_id: str
    plan_name: str
    policy_id: str
    policy_name: str
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class BypassRule:
    """A stored exemption."""

    id: str
    type: BypassType
    value: str
    reason: str
    created_by: str
    expires_at: datetime | None
    is_active: bool
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class CreateBypassRuleRequest:
    """A new exemption (``value``: the key, role, user, or an IP / CIDR range)."""

    type: BypassType | BypassTypeName
    value: str
    reason: str = ""
    created_by: str = ""
    expires_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class LimitAdjustment:
    """A temporary limit change that reverts by itself at ``expires_at``."""

    id: str
    rule_id: str
    original_limit: int
    adjusted_limit: int
    reason: str
    expires_at: datetime
    created_by: str
    is_active: bool
    created_at: datetime


@dataclass(frozen=True, kw_only=True)
class AdjustLimitRequest:
    """A temporary limit for ``duration_minutes``."""

    new_limit: int
    duration_minutes: int
    reason: str = ""
    created_by: str = ""


@dataclass(frozen=True, kw_only=True)
class EndpointCost:
    """The cost of requests matching a path glob and method (``"*"`` = any)."""

    path_pattern: str
    method: str
    cost: int
    description: str | None = None


@dataclass(frozen=True, kw_only=True)
class RateLimitCheckRequest:
    """A read-only status question about one identifier."""

    scope: RateLimitScope | ScopeName
    identifier: str
    endpoint: str | None = None
    method: str | None = None
    cost: int | None = None


@dataclass(frozen=True, kw_only=True)
class RateLimitStatus:
    """Where an identifier stands against its most restrictive limit."""

    limit: int
    remaining: int
    used: int
    reset_at: datetime
    retry_after_seconds: int | None
    is_limited: bool
    policy_id: str
    policy_name: str
    algorithm: RateLimitAlgorithm
    scope: RateLimitScope | None
    burst_remaining: int | None
    burst_total: int | None


@dataclass(frozen=True, kw_only=True)
class RateLimitInfo:
    """What a server's rate-limit headers say (missing or malformed fields are ``None``)."""

    limit: int | None = None
    remaining: int | None = None
    reset_at: datetime | None = None
    policy: str | None = None
    retry_after: int | None = None


@dataclass(frozen=True, kw_only=True)
class TimeRange:
    """A time range (start inclusive, end exclusive)."""

    start: datetime
    end: datetime


@dataclass(frozen=True, kw_only=True)
class ScopeAnalytics:
    """Totals of one scope."""

    total: int
    limited: int
    rate: float


@dataclass(frozen=True, kw_only=True)
class PolicyAnalytics:
    """Totals of one policy."""

    policy_id: str
    policy_name: str
    total: int
    limited: int
    rate: float


@dataclass(frozen=True, kw_only=True)
class RateLimitAnalytics:
    """Usage totals of the scope."""

    total_requests: int
    limited_requests: int
    limit_rate: float
    by_scope: dict[RateLimitScope, ScopeAnalytics] = field(default_factory=dict)
    by_policy: dict[str, PolicyAnalytics] = field(default_factory=dict)
    time_range: TimeRange | None = None


@dataclass(frozen=True, kw_only=True)
class LimitedEntity:
    """An often-limited identifier."""

    scope: RateLimitScope
    identifier: str
    limited_count: int
    total_requests: int
    limit_rate: float
    primary_policy: str
    last_limited_at: datetime


@dataclass(frozen=True, kw_only=True)
class DistributedStoreConfig:
    """Where counters live when several processes share limits."""

    type: DistributedStoreType | StoreTypeName
    connection_url: str
    key_prefix: str = "rl:"
    sync_interval_ms: int = 100
    failure_mode: FailureMode | FailureModeName = FailureMode.ERROR


@dataclass(frozen=True, kw_only=True)
class DistributedStoreStatus:
    """Health of the counter store."""

    type: str
    connected: bool
    latency_ms: float
    keys_count: int
    memory_usage_bytes: int | None
    last_sync_at: datetime
