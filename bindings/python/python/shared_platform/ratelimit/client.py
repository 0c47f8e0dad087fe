"""The rate-limit client of a scope (``scope.ratelimit``).

The per-request calls (:meth:`~RateLimitClient.consume`, ``check``, ``enforce`` and their
``async_`` forms) are native methods: Python strings go straight to the engine, no JSON, the GIL
released. Management calls take and return the typed models of :mod:`.models`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._convert import from_json, to_json
from .._native import NativeRateLimiter
from .headers import HeadersLike, parse_rate_limit_headers
from .models import (
    AdjustLimitRequest,
    BypassRule,
    CreateBypassRuleRequest,
    CreatePolicyRequest,
    CreateRuleRequest,
    DistributedStoreConfig,
    DistributedStoreStatus,
    EndpointCost,
    LimitAdjustment,
    LimitedEntity,
    PlanRateLimitMapping,
    RateLimitAnalytics,
    RateLimitCheckRequest,
    RateLimitInfo,
    RateLimitPolicy,
    RateLimitRule,
    RateLimitScope,
    RateLimitStatus,
    TimeRange,
    UpdatePolicyRequest,
    UpdateRuleRequest,
)

if TYPE_CHECKING:
    from .._engine import Engine
    from .._models import Page

from .._models import Page as _Page


class RateLimitClient(NativeRateLimiter):
    """Rate limiting for one scope: decisions per request, and the management API.

    >>> from shared_platform import Engine
    >>> from shared_platform.ratelimit import CreatePolicyRequest, CreateRuleRequest, RateLimit, RuleTarget
    >>> with Engine() as engine:
    ...     rl = engine.tenant("acme").ratelimit
    ...     policy = rl.create_policy(CreatePolicyRequest(name="per-user", limits=[RateLimit(scope="user", max_requests=1, window_seconds=60)]))
    ...     _ = rl.create_rule(CreateRuleRequest(name="users", policy_id=policy.id, target=RuleTarget(type="user")))
    ...     [rl.consume("/api", "GET", user="u1").allowed for _ in range(2)]
    [True, False]
    """

    def __init__(self, engine: Engine, scope: str) -> None:
        self._engine = engine
        self._scope = scope

    def _call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return self._engine.call(self._scope, "ratelimit." + method, args)

    async def _async_call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return await self._engine.async_call(self._scope, "ratelimit." + method, args)

    # Policies
    def create_policy(self, request: CreatePolicyRequest) -> RateLimitPolicy:
        """Creates a policy; invalid windows, bursts or keys raise ``ValidationError`` naming the field."""
        return from_json(RateLimitPolicy, self._call("create_policy", to_json(request)))

    def list_policies(
        self, *, is_active: bool | None = None, page: int = 1, page_size: int = 50
    ) -> Page[RateLimitPolicy]:
        """Lists policies, one page at a time."""
        args = {"is_active": is_active, "page": {"page": page, "page_size": page_size}}
        raw = self._call("list_policies", {k: v for k, v in args.items() if v is not None})
        return _Page.from_json(raw, lambda x: from_json(RateLimitPolicy, x))

    def get_policy(self, policy_id: str) -> RateLimitPolicy:
        """A policy; ``PolicyNotFoundError`` when it does not exist."""
        return from_json(RateLimitPolicy, self._call("get_policy", {"policy_id": policy_id}))

    def update_policy(self, policy_id: str, request: UpdatePolicyRequest) -> RateLimitPolicy:
        """Changes a policy (the fields given); decisions use it at once."""
        return from_json(RateLimitPolicy, self._call("update_policy", {"policy_id": policy_id, **to_json(request)}))

    def delete_policy(self, policy_id: str) -> None:
        """Deletes a policy; ``PolicyInUseError`` while a rule or plan uses it."""
        self._call("delete_policy", {"policy_id": policy_id})

    # Rules
    def create_rule(self, request: CreateRuleRequest) -> RateLimitRule:
        """Creates a rule; ``RuleConflictError`` when an active rule has the same target and priority."""
        return from_json(RateLimitRule, self._call("create_rule", to_json(request)))

    def list_rules(
        self, *, policy_id: str | None = None, is_active: bool | None = None, page: int = 1, page_size: int = 50
    ) -> Page[RateLimitRule]:
        """Lists rules, one page at a time."""
        args = {"policy_id": policy_id, "is_active": is_active, "page": {"page": page, "page_size": page_size}}
        raw = self._call("list_rules", {k: v for k, v in args.items() if v is not None})
        return _Page.from_json(raw, lambda x: from_json(RateLimitRule, x))

    def get_rule(self, rule_id: str) -> RateLimitRule:
        """A rule; ``RuleNotFoundError`` when it does not exist."""
        return from_json(RateLimitRule, self._call("get_rule", {"rule_id": rule_id}))

    def update_rule(self, rule_id: str, request: UpdateRuleRequest) -> RateLimitRule:
        """Changes a rule (the fields given)."""
        return from_json(RateLimitRule, self._call("update_rule", {"rule_id": rule_id, **to_json(request)}))

    def delete_rule(self, rule_id: str) -> None:
        """Deletes a rule."""
        self._call("delete_rule", {"rule_id": rule_id})

    def enable_rule(self, rule_id: str) -> RateLimitRule:
        """Activates a rule."""
        return from_json(RateLimitRule, self._call("enable_rule", {"rule_id": rule_id}))

    def disable_rule(self, rule_id: str) -> RateLimitRule:
        """Deactivates a rule (it stops applying at once)."""
        return from_json(RateLimitRule, self._call("disable_rule", {"rule_id": rule_id}))

    # Plans
    def assign_policy_to_plan(self, plan_id: str, policy_id: str) -> PlanRateLimitMapping:
        """Maps a plan to a policy (requests with ``plan=plan_id`` get it)."""
        args = {"plan_id": plan_id, "policy_id": policy_id}
        return from_json(PlanRateLimitMapping, self._call("assign_policy_to_plan", args))

    def get_plan_policy(self, plan_id: str) -> PlanRateLimitMapping:
        """A plan's mapping; ``PlanNotFoundError`` when none."""
        return from_json(PlanRateLimitMapping, self._call("get_plan_policy", {"plan_id": plan_id}))

    def remove_plan_policy(self, plan_id: str) -> None:
        """Removes a plan's mapping."""
        self._call("remove_plan_policy", {"plan_id": plan_id})

    def list_plan_policies(self) -> list[PlanRateLimitMapping]:
        """Every plan mapping."""
        return [from_json(PlanRateLimitMapping, x) for x in self._call("list_plan_policies")]

    # Status
    def check_rate_limit(self, request: RateLimitCheckRequest) -> RateLimitStatus:
        """Where an identifier stands (read-only: nothing is counted)."""
        return from_json(RateLimitStatus, self._call("check_rate_limit", to_json(request)))

    async def async_check_rate_limit(self, request: RateLimitCheckRequest) -> RateLimitStatus:
        """:meth:`check_rate_limit` as a coroutine (it may wait on Redis)."""
        return from_json(RateLimitStatus, await self._async_call("check_rate_limit", to_json(request)))

    def get_rate_limit_status(self, scope: RateLimitScope | str, identifier: str) -> RateLimitStatus:
        """The current status of ``identifier`` in ``scope``."""
        args = {"scope": RateLimitScope(scope).value, "identifier": identifier}
        return from_json(RateLimitStatus, self._call("get_rate_limit_status", args))

    def parse_rate_limit_headers(self, headers: HeadersLike) -> RateLimitInfo:
        """Reads rate-limit headers (a dict, any Mapping, an ``httpx.Response`` or pairs); relative
        resets are resolved with the engine clock. Never raises on garbage values."""
        return parse_rate_limit_headers(headers, now_ms=self._now_ms())

    # Bypass
    def create_bypass_rule(self, request: CreateBypassRuleRequest) -> BypassRule:
        """Exempts an API key, role, user or IP / CIDR range (until ``expires_at`` if given)."""
        return from_json(BypassRule, self._call("create_bypass_rule", to_json(request)))

    def list_bypass_rules(self) -> list[BypassRule]:
        """Every bypass rule."""
        return [from_json(BypassRule, x) for x in self._call("list_bypass_rules")]

    def delete_bypass_rule(self, bypass_id: str) -> None:
        """Deletes a bypass rule."""
        self._call("delete_bypass_rule", {"bypass_id": bypass_id})

    # Adjustments
    def adjust_limit(self, rule_id: str, request: AdjustLimitRequest) -> LimitAdjustment:
        """Temporarily changes a rule's limit; ``AdjustmentActiveError`` if one is active."""
        return from_json(LimitAdjustment, self._call("adjust_limit", {"rule_id": rule_id, **to_json(request)}))

    def list_adjustments(self, rule_id: str) -> list[LimitAdjustment]:
        """A rule's active adjustments."""
        return [from_json(LimitAdjustment, x) for x in self._call("list_adjustments", {"rule_id": rule_id})]

    def revert_adjustment(self, adjustment_id: str) -> None:
        """Ends an adjustment early."""
        self._call("revert_adjustment", {"adjustment_id": adjustment_id})

    # Endpoint costs
    def set_endpoint_costs(self, costs: list[EndpointCost]) -> None:
        """Replaces the endpoint cost map."""
        self._call("set_endpoint_costs", {"costs": to_json(costs)})

    def get_endpoint_costs(self) -> list[EndpointCost]:
        """The endpoint cost map."""
        return [from_json(EndpointCost, x) for x in self._call("get_endpoint_costs")]

    # Analytics
    def get_rate_limit_analytics(self, time_range: TimeRange) -> RateLimitAnalytics:
        """Totals by scope and policy."""
        return from_json(
            RateLimitAnalytics, self._call("get_rate_limit_analytics", {"time_range": to_json(time_range)})
        )

    def get_top_limited_entities(
        self, time_range: TimeRange, *, scope: RateLimitScope | str | None = None, limit: int = 10
    ) -> list[LimitedEntity]:
        """The most-limited identifiers (top ``limit``)."""
        args: dict[str, Any] = {"time_range": to_json(time_range), "limit": limit}
        if scope is not None:
            args["scope"] = RateLimitScope(scope).value
        return [from_json(LimitedEntity, x) for x in self._call("get_top_limited_entities", args)]

    # Distributed store
    def configure_distributed_store(self, config: DistributedStoreConfig) -> DistributedStoreConfig:
        """Moves counters to Redis (``StoreUnavailableError`` when unreachable)."""
        return from_json(DistributedStoreConfig, self._call("configure_distributed_store", to_json(config)))

    def get_distributed_store_status(self) -> DistributedStoreStatus:
        """Health of the counter store."""
        return from_json(DistributedStoreStatus, self._call("get_distributed_store_status"))

    def __repr__(self) -> str:
        return f"RateLimitClient({self._scope!r})"
