package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A plan's policy.
 *
 * @param planId Plan.
 * @param planName Plan name.
 * @param policyId Policy.
 * @param policyName Policy name.
 * @param createdAt Created.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PlanRateLimitMapping(
        String planId,
        String planName,
        String policyId,
        String policyName,
        Instant createdAt) {}
