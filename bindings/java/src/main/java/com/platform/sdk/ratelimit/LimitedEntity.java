package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An often-limited identifier.
 *
 * @param scope Scope.
 * @param identifier Identifier.
 * @param limitedCount Limited requests.
 * @param totalRequests Requests.
 * @param limitRate Limited share.
 * @param primaryPolicy Policy limiting it most.
 * @param lastLimitedAt Last limited.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record LimitedEntity(
        RateLimitScope scope,
        String identifier,
        long limitedCount,
        long totalRequests,
        double limitRate,
        String primaryPolicy,
        Instant lastLimitedAt) {}
