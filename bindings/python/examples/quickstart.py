"""The README's Python quick start; type-checked with mypy --strict in CI."""

from shared_platform import Engine
from shared_platform.ratelimit import CreatePolicyRequest, CreateRuleRequest, RateLimit, RuleTarget

with Engine() as engine:  # zero-config: SQLite + hot state in memory
    rl = engine.tenant("acme").ratelimit  # every operation runs in a tenant scope
    limit = RateLimit(scope="user", max_requests=2, window_seconds=60)
    policy = rl.create_policy(CreatePolicyRequest(name="per-user", limits=[limit]))
    rl.create_rule(CreateRuleRequest(name="all users", policy_id=policy.id, target=RuleTarget(type="user")))
    for _ in range(3):
        decision = rl.consume("/api/items", "GET", user="alice")  # native hot path, no JSON
        print(decision.allowed, decision.remaining, decision.headers().get("Retry-After"))
