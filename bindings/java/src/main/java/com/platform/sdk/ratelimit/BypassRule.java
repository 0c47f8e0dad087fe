package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * A stored exemption.
 *
 * @param id Id.
 * @param type Type.
 * @param value Key, role, user or IP / CIDR.
 * @param reason Reason.
 * @param createdBy Author.
 * @param expiresAt Expiry.
 * @param isActive Whether active.
 * @param createdAt Created.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BypassRule(
        String id,
        BypassType type,
        String value,
        String reason,
        String createdBy,
        Optional<Instant> expiresAt,
        boolean isActive,
        Instant createdAt) {
    /** Validates required fields and copies collections (the record is immutable). */
    public BypassRule {
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }
}
