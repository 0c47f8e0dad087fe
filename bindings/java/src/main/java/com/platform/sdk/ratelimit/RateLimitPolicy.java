package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored policy.
 *
 * @param id Id.
 * @param name Name.
 * @param description Description.
 * @param limits Limits.
 * @param algorithm Algorithm.
 * @param tokenBucket Token bucket parameters.
 * @param burst Burst allowance.
 * @param throttle Throttle mode.
 * @param isActive Whether active.
 * @param priority Higher is evaluated first.
 * @param createdAt Created.
 * @param updatedAt Updated.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimitPolicy(
        String id,
        String name,
        Optional<String> description,
        List<RateLimit> limits,
        RateLimitAlgorithm algorithm,
        Optional<TokenBucketConfig> tokenBucket,
        Optional<BurstConfig> burst,
        Optional<ThrottleConfig> throttle,
        boolean isActive,
        long priority,
        Instant createdAt,
        Instant updatedAt) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimitPolicy {
        description = description == null ? Optional.empty() : description;
        limits = limits == null ? List.of() : List.copyOf(limits);
        tokenBucket = tokenBucket == null ? Optional.empty() : tokenBucket;
        burst = burst == null ? Optional.empty() : burst;
        throttle = throttle == null ? Optional.empty() : throttle;
    }
}
