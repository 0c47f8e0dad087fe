package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A temporary limit change that reverts by itself at {@code expiresAt}.
 *
 * @param id Id.
 * @param ruleId Rule.
 * @param originalLimit Limit before.
 * @param adjustedLimit Limit during.
 * @param reason Reason.
 * @param expiresAt Expiry.
 * @param createdBy Author.
 * @param isActive Whether active.
 * @param createdAt Created.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record LimitAdjustment(
        String id,
        String ruleId,
        long originalLimit,
        long adjustedLimit,
        String reason,
        Instant expiresAt,
        String createdBy,
        boolean isActive,
        Instant createdAt) {}
