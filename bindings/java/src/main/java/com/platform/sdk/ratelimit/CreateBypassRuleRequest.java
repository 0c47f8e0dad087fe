package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A new exemption.
 *
 * @param type Type.
 * @param value Key, role, user or IP / CIDR.
 * @param reason Reason.
 * @param createdBy Author.
 * @param expiresAt Expiry.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CreateBypassRuleRequest(
        BypassType type,
        String value,
        String reason,
        String createdBy,
        Instant expiresAt) {
    /** Validates required fields and copies collections (the record is immutable). */
    public CreateBypassRuleRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateBypassRuleRequest}. */
    public static final class Builder {
        private BypassType type;
        private String value;
        private String reason;
        private String createdBy;
        private Instant expiresAt;

        private Builder() {}

        /** Type. */
        public Builder type(BypassType type) {
            this.type = type;
            return this;
        }

        /** Key, role, user or IP / CIDR. */
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** Reason. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** Author. */
        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        /** Expiry. */
        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        /** The immutable {@link CreateBypassRuleRequest}. */
        public CreateBypassRuleRequest build() {
            return new CreateBypassRuleRequest(type, value, reason, createdBy, expiresAt);
        }
    }
}
