package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Usage totals of a scope.
 *
 * @param totalRequests Requests.
 * @param limitedRequests Limited requests.
 * @param limitRate Limited share.
 * @param byScope Totals by scope name.
 * @param byPolicy Totals by policy id.
 * @param timeRange The range asked.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimitAnalytics(
        long totalRequests,
        long limitedRequests,
        double limitRate,
        Map<String, ScopeAnalytics> byScope,
        Map<String, PolicyAnalytics> byPolicy,
        TimeRange timeRange) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimitAnalytics {
        byScope = byScope == null ? Map.of() : Map.copyOf(byScope);
        byPolicy = byPolicy == null ? Map.of() : Map.copyOf(byPolicy);
    }
}
