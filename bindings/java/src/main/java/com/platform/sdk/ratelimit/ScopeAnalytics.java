package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Totals of one scope.
 *
 * @param total Requests.
 * @param limited Limited requests.
 * @param rate Limited share.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ScopeAnalytics(
        long total,
        long limited,
        double rate) {}
