package com.platform.sdk.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.platform.sdk.Engine;
import com.platform.sdk.EngineOptions;
import com.platform.sdk.errors.AdjustmentActiveException;
import com.platform.sdk.errors.NotFoundException;
import com.platform.sdk.errors.PolicyInUseException;
import com.platform.sdk.errors.PolicyNotFoundException;
import com.platform.sdk.errors.RateLimitExceededException;
import com.platform.sdk.errors.RuleConflictException;
import com.platform.sdk.errors.ValidationException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitClientTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Engine manual() {
        return Engine.create(EngineOptions.builder().manualClock(T0).build());
    }

    static RateLimitPolicy perUser(RateLimitClient rl, long limit) {
        RateLimitPolicy policy = rl.createPolicy(CreatePolicyRequest.builder().name("per-user")
                .limit(RateLimit.builder().scope(RateLimitScope.USER).maxRequests(limit).windowSeconds(60).build())
                .build());
        rl.createRule(CreateRuleRequest.builder().name("users").policyId(policy.id())
                .target(RuleTarget.builder().type(RuleTargetType.USER).build()).build());
        return policy;
    }

    static RateLimitRequest user(String id) {
        return RateLimitRequest.builder("/api/items").method("GET").user(id).build();
    }

    @Test
    void consumeCountsAndRefusesWithATypedDecision() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy policy = perUser(rl, 2);
            RateLimitDecision first = rl.consume(user("u1"));
            assertTrue(first.allowed());
            assertEquals(DecisionAction.ALLOW, first.action());
            assertEquals(2, first.limit());
            assertEquals(1, first.remaining());
            assertEquals(Optional.of(policy.id()), first.policyId());
            assertEquals(Optional.of("per-user"), first.policyName());
            assertEquals(Optional.of(RateLimitScope.USER), first.scope());
            assertEquals(Optional.of(RateLimitAlgorithm.SLIDING_WINDOW), first.algorithm());
            assertEquals(T0.plusSeconds(60), first.resetAt());
            assertEquals(Optional.empty(), first.retryAfter());
            rl.consume(user("u1"));
            RateLimitDecision refused = rl.consume(user("u1"));
            assertFalse(refused.allowed());
            assertEquals(DecisionAction.REJECT, refused.action());
            assertEquals(Optional.of(Duration.ofSeconds(90)), refused.retryAfter());
            assertEquals("90", refused.headers().get("Retry-After"));
            assertEquals("\"per-user\";r=0;t=60", refused.headers().get("RateLimit"));
        }
    }

    @Test
    void checkIsReadOnlyAndEnforceThrows() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            perUser(rl, 1);
            for (int i = 0; i < 3; i++) {
                assertEquals(1, rl.check(user("u1")).remaining());
            }
            rl.enforce(user("u1"));
            RateLimitExceededException e = assertThrows(RateLimitExceededException.class, () -> rl.enforce(user("u1")));
            assertEquals(429, e.getStatus());
            assertEquals(Optional.of(Duration.ofSeconds(120)), e.getRetryAfter());
            CompletionException async = assertThrows(CompletionException.class, () -> rl.enforceAsync(user("u1")).join());
            assertInstanceOf(RateLimitExceededException.class, async.getCause());
        }
    }

    @Test
    void asyncConsumeCountsEachRequestOnce() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            perUser(rl, 3);
            List<CompletableFuture<RateLimitDecision>> futures =
                    IntStream.range(0, 5).mapToObj(i -> rl.consumeAsync(user("u1"))).toList();
            long allowed = futures.stream().map(CompletableFuture::join).filter(RateLimitDecision::allowed).count();
            assertEquals(3, allowed);
        }
    }

    @Test
    void requestContextReachesRules() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy policy = rl.createPolicy(CreatePolicyRequest.builder().name("keys")
                    .limit(RateLimit.builder().scope(RateLimitScope.API_KEY).maxRequests(4).windowSeconds(60)
                            .costBased(true).build())
                    .build());
            rl.createRule(CreateRuleRequest.builder().name("admins").policyId(policy.id())
                    .target(RuleTarget.builder().type(RuleTargetType.ROLE).value("admin").build()).build());
            RateLimitRequest request = RateLimitRequest.builder("/a").apiKey("k1").role("admin")
                    .header("X-Tier", "gold").cost(3).build();
            assertEquals(1, rl.consume(request).remaining());
            assertFalse(rl.consume(request).allowed());
            assertEquals(0, rl.consume(RateLimitRequest.builder("/a").apiKey("k1").role("viewer").build()).limit());
        }
    }

    @Test
    void policyCrudWithImmutableModels() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy created = rl.createPolicy(CreatePolicyRequest.builder().name("bucket")
                    .algorithm(RateLimitAlgorithm.TOKEN_BUCKET)
                    .tokenBucket(TokenBucketConfig.builder().refillRate(1).bucketSize(10).build())
                    .throttle(ThrottleConfig.builder().mode(ThrottleMode.THROTTLE).throttleDelayMs(500).build())
                    .limit(RateLimit.builder().scope(RateLimitScope.IP).maxRequests(10).windowSeconds(10).build())
                    .build());
            assertEquals(RateLimitAlgorithm.TOKEN_BUCKET, created.algorithm());
            assertEquals(10, created.tokenBucket().orElseThrow().bucketSize());
            assertEquals(T0, created.createdAt());
            assertTrue(created.isActive());
            assertEquals(Optional.empty(), created.description());
            assertThrows(UnsupportedOperationException.class, () -> created.limits().clear());
            RateLimitPolicy updated = rl.updatePolicy(created.id(),
                    UpdatePolicyRequest.builder().description("ten per ten seconds").build());
            assertEquals(Optional.of("ten per ten seconds"), updated.description());
            assertEquals(List.of(created.id()), rl.listPolicies(1, 50).data().stream().map(RateLimitPolicy::id).toList());
            assertEquals(updated, rl.getPolicy(created.id()));
            rl.deletePolicy(created.id());
            PolicyNotFoundException e = assertThrows(PolicyNotFoundException.class, () -> rl.getPolicy(created.id()));
            assertInstanceOf(NotFoundException.class, e);
        }
    }

    @Test
    void validationConflictsAndPolicyInUse() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            ValidationException bad = assertThrows(ValidationException.class, () -> rl.createPolicy(
                    CreatePolicyRequest.builder().name("bad").limit(RateLimit.builder().scope(RateLimitScope.USER)
                            .maxRequests(0).windowSeconds(60).build()).build()));
            assertEquals(Optional.of("limits[0].max_requests"), bad.getField());
            RateLimitPolicy policy = perUser(rl, 2);
            assertThrows(RuleConflictException.class, () -> rl.createRule(CreateRuleRequest.builder().name("again")
                    .policyId(policy.id()).target(RuleTarget.builder().type(RuleTargetType.USER).build()).build()));
            assertThrows(PolicyInUseException.class, () -> rl.deletePolicy(policy.id()));
        }
    }

    @Test
    void plansBypassAdjustmentsAndCosts() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy policy = perUser(rl, 1);
            String ruleId = rl.listRules(1, 10).data().get(0).id();
            assertEquals("per-user", rl.assignPolicyToPlan("pro", policy.id()).policyName());
            assertEquals(1, rl.listPlanPolicies().size());
            BypassRule bypass = rl.createBypassRule(CreateBypassRuleRequest.builder().type(BypassType.USER)
                    .value("vip").reason("load test").expiresAt(T0.plusSeconds(3600)).build());
            assertEquals(Optional.of(T0.plusSeconds(3600)), bypass.expiresAt());
            assertEquals(DecisionAction.BYPASS, rl.consume(user("vip")).action());
            LimitAdjustment adjustment = rl.adjustLimit(ruleId,
                    AdjustLimitRequest.builder().newLimit(3).durationMinutes(5).reason("launch").build());
            assertEquals(1, adjustment.originalLimit());
            assertThrows(AdjustmentActiveException.class,
                    () -> rl.adjustLimit(ruleId, AdjustLimitRequest.builder().newLimit(4).durationMinutes(5).build()));
            assertEquals(3, rl.consume(user("u1")).limit());
            engine.advanceClock(Duration.ofSeconds(3601));
            assertEquals(List.of(), rl.listAdjustments(ruleId));
            assertEquals(DecisionAction.ALLOW, rl.consume(user("vip")).action());
            rl.setEndpointCosts(List.of(new EndpointCost("/export/*", "*", 5, Optional.empty())));
            assertEquals(5, rl.getEndpointCosts().get(0).cost());
        }
    }

    @Test
    void analyticsStatusAndStore() {
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            RateLimitPolicy policy = perUser(rl, 1);
            for (int i = 0; i < 3; i++) {
                rl.consume(user("noisy"));
            }
            TimeRange day = new TimeRange(T0, T0.plusSeconds(86_400));
            RateLimitAnalytics analytics = rl.getRateLimitAnalytics(day);
            assertEquals(3, analytics.totalRequests());
            assertEquals(2, analytics.byScope().get("user").limited());
            assertEquals("per-user", analytics.byPolicy().get(policy.id()).policyName());
            assertEquals("noisy", rl.getTopLimitedEntities(day, RateLimitScope.USER, 10).get(0).identifier());
            RateLimitStatus status = rl.checkRateLimit(
                    RateLimitCheckRequest.builder().scope(RateLimitScope.USER).identifier("noisy").build());
            assertTrue(status.isLimited());
            assertEquals(status, rl.checkRateLimitAsync(
                    RateLimitCheckRequest.builder().scope(RateLimitScope.USER).identifier("noisy").build()).join());
            assertEquals("memory", rl.getDistributedStoreStatus().type());
        }
    }

    @Test
    void tenantsAreIsolated() {
        try (Engine engine = manual()) {
            RateLimitClient acme = engine.tenant("acme").ratelimit();
            RateLimitClient globex = engine.tenant("globex").ratelimit();
            perUser(acme, 1);
            perUser(globex, 1);
            acme.consume(user("u1"));
            assertFalse(acme.consume(user("u1")).allowed());
            assertTrue(globex.consume(user("u1")).allowed());
        }
    }

    @Test
    void parsesHeaderMapsAndHttpHeadersAndNeverFailsOnGarbage() {
        Map<String, List<String>> legacy = Map.of("X-RateLimit-Limit", List.of("100"),
                "x-ratelimit-remaining", List.of("7"), "Retry-After", List.of("3"));
        RateLimitInfo info = RateLimitHeaders.parse(legacy);
        assertEquals(OptionalLong.of(100), info.limit());
        assertEquals(OptionalLong.of(7), info.remaining());
        assertEquals(OptionalLong.of(3), info.retryAfter());
        HttpHeaders ietf = HttpHeaders.of(Map.of("RateLimit-Policy", List.of("\"default\";q=100;w=60"),
                "RateLimit", List.of("\"default\";r=7;t=3")), (a, b) -> true);
        RateLimitInfo parsed = RateLimitHeaders.parse(ietf);
        assertEquals(OptionalLong.of(100), parsed.limit());
        assertEquals(Optional.of("default"), parsed.policy());
        RateLimitInfo garbage = RateLimitHeaders.parse(Map.of("X-RateLimit-Limit", List.of("lots"),
                "RateLimit", List.of(";;;="), "Retry-After", List.of("-1")));
        assertEquals(new RateLimitInfo(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty()), garbage);
        try (Engine engine = manual()) {
            RateLimitClient rl = engine.tenant("acme").ratelimit();
            perUser(rl, 5);
            RateLimitDecision decision = rl.consume(user("u1"));
            Map<String, List<String>> asMap = decision.headers().entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
            RateLimitInfo roundTrip = rl.parseRateLimitHeaders(asMap);
            assertEquals(OptionalLong.of(4), roundTrip.remaining());
            assertEquals(Optional.of(T0.plusSeconds(60)), roundTrip.resetAt());
        }
    }

    @Test
    void closedEngineThrows() {
        Engine engine = manual();
        RateLimitClient rl = engine.tenant("acme").ratelimit();
        engine.close();
        assertThrows(com.platform.sdk.errors.EngineClosedException.class, () -> rl.consume(user("u1")));
    }
}
