package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Totals of one policy.
 *
 * @param policyId Policy.
 * @param policyName Policy name.
 * @param total Requests.
 * @param limited Limited requests.
 * @param rate Limited share.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PolicyAnalytics(
        String policyId,
        String policyName,
        long total,
        long limited,
        double rate) {}
