package com.example.consumer;

import com.platform.sdk.Engine;
import com.platform.sdk.ratelimit.CreatePolicyRequest;
import com.platform.sdk.ratelimit.CreateRuleRequest;
import com.platform.sdk.ratelimit.RateLimit;
import com.platform.sdk.ratelimit.RateLimitClient;
import com.platform.sdk.ratelimit.RateLimitDecision;
import com.platform.sdk.ratelimit.RateLimitPolicy;
import com.platform.sdk.ratelimit.RateLimitRequest;
import com.platform.sdk.ratelimit.RateLimitScope;
import com.platform.sdk.ratelimit.RuleTarget;
import com.platform.sdk.ratelimit.RuleTargetType;

/** The README's Java quick start. Returns normally: the JVM must then exit on its own. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try (Engine engine = Engine.create()) {                   // zero-config: SQLite + hot state in memory
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy policy = rl.createPolicy(CreatePolicyRequest.builder().name("per-user")
                    .limit(RateLimit.builder().scope(RateLimitScope.USER).maxRequests(2).windowSeconds(60).build()).build());
            rl.createRule(CreateRuleRequest.builder().name("all users").policyId(policy.id())
                    .target(RuleTarget.builder().type(RuleTargetType.USER).build()).build());
            RateLimitRequest request = RateLimitRequest.builder("/api/items").method("GET").user("alice").build();
            for (int i = 0; i < 3; i++) {
                RateLimitDecision decision = rl.consumeAsync(request).join();   // completes on a daemon thread
                System.out.println(decision.allowed() + " " + decision.remaining() + " " + decision.headers().get("Retry-After"));
            }
        }
    }
}
