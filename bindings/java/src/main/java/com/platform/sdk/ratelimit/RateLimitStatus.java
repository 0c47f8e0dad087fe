package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where an identifier stands against its most restrictive limit.
 *
 * @param limit Limit.
 * @param remaining Remaining.
 * @param used Used.
 * @param resetAt Reset time.
 * @param retryAfterSeconds Seconds to wait.
 * @param isLimited Whether limited.
 * @param policyId Policy.
 * @param policyName Policy name.
 * @param algorithm Algorithm.
 * @param scope Scope.
 * @param burstRemaining Burst left.
 * @param burstTotal Burst allowance.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimitStatus(
        long limit,
        long remaining,
        long used,
        Instant resetAt,
        OptionalLong retryAfterSeconds,
        boolean isLimited,
        String policyId,
        String policyName,
        RateLimitAlgorithm algorithm,
        Optional<RateLimitScope> scope,
        OptionalLong burstRemaining,
        OptionalLong burstTotal) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimitStatus {
        retryAfterSeconds = retryAfterSeconds == null ? OptionalLong.empty() : retryAfterSeconds;
        scope = scope == null ? Optional.empty() : scope;
        burstRemaining = burstRemaining == null ? OptionalLong.empty() : burstRemaining;
        burstTotal = burstTotal == null ? OptionalLong.empty() : burstTotal;
    }
}
