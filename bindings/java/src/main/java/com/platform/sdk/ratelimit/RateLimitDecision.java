package com.platform.sdk.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/** The answer for one request (immutable), from its most restrictive limit. */
public final class RateLimitDecision {
    private static final DecisionAction[] ACTIONS = DecisionAction.values();
    private static final RateLimitScope[] SCOPES = RateLimitScope.values();
    private static final RateLimitAlgorithm[] ALGORITHMS = RateLimitAlgorithm.values();

    private final long[] n;
    private final String policyId;
    private final String policyName;
    private final BiFunction<long[], String, String[]> headers;

    RateLimitDecision(long[] numbers, String[] policy, BiFunction<long[], String, String[]> headers) {
        this.n = Arrays.copyOf(numbers, RateLimitBridge.DECISION_LENGTH);
        this.policyId = policy == null ? null : policy[0];
        this.policyName = policy == null ? null : policy[1];
        this.headers = headers;
    }

    private static <T> Optional<T> byCode(T[] table, long code) {
        return code >= 0 && code < table.length ? Optional.of(table[(int) code]) : Optional.empty();
    }

    private OptionalLong optional(int i) {
        return n[i] < 0 ? OptionalLong.empty() : OptionalLong.of(n[i]);
    }

    private Optional<Duration> millis(int i) {
        return n[i] < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(n[i]));
    }

    /** Whether the request may proceed now. */
    public boolean allowed() {
        return n[0] == 1;
    }

    /** What to do with the request. */
    public DecisionAction action() {
        return byCode(ACTIONS, n[1]).orElse(DecisionAction.ALLOW);
    }

    /** The deciding limit (0 when no limit applies). */
    public long limit() {
        return n[2];
    }

    /** Units left in the deciding limit. */
    public long remaining() {
        return n[3];
    }

    /** Units used in the deciding limit. */
    public long used() {
        return n[4];
    }

    /** When the deciding limit resets. */
    public Instant resetAt() {
        return Instant.ofEpochMilli(n[5]);
    }

    /** How long to wait before retrying (refused or throttled requests). */
    public Optional<Duration> retryAfter() {
        return millis(6);
    }

    /** Whole seconds for a Retry-After header (rounded up). */
    public OptionalLong retryAfterSeconds() {
        return n[6] < 0 ? OptionalLong.empty() : OptionalLong.of((n[6] + 999) / 1000);
    }

    /** The deciding limit's scope. */
    public Optional<RateLimitScope> scope() {
        return byCode(SCOPES, n[7]);
    }

    /** The deciding limit's algorithm. */
    public Optional<RateLimitAlgorithm> algorithm() {
        return byCode(ALGORITHMS, n[8]);
    }

    /** Burst units left, when the policy has a burst allowance. */
    public OptionalLong burstRemaining() {
        return optional(9);
    }

    /** The burst allowance. */
    public OptionalLong burstTotal() {
        return optional(10);
    }

    /** How long to wait before proceeding (throttle mode). */
    public Optional<Duration> throttleDelay() {
        return millis(11);
    }

    /** The deciding limit's window in seconds. */
    public OptionalLong windowSeconds() {
        return optional(12);
    }

    /** True when the state store could not decide and the configured failure mode did. */
    public boolean degraded() {
        return n[13] == 1;
    }

    /** The deciding policy's id. */
    public Optional<String> policyId() {
        return Optional.ofNullable(policyId);
    }

    /** The deciding policy's name. */
    public Optional<String> policyName() {
        return Optional.ofNullable(policyName);
    }

    /** The response headers: X-RateLimit-*, IETF RateLimit / RateLimit-Policy, and Retry-After for
     * refused or throttled requests (insertion-ordered). */
    public Map<String, String> headers() {
        String[] flat = headers.apply(n.clone(), policyName);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.length; i += 2) {
            out.put(flat[i], flat[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "RateLimitDecision[allowed=" + allowed() + ", action=" + action() + ", limit=" + limit()
                + ", remaining=" + remaining() + ", policy=" + policyName + "]";
    }
}
