package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A temporary limit for {@code durationMinutes}.
 *
 * @param newLimit The temporary limit.
 * @param reason Reason.
 * @param durationMinutes Duration.
 * @param createdBy Author.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record AdjustLimitRequest(
        long newLimit,
        String reason,
        long durationMinutes,
        String createdBy) {

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link AdjustLimitRequest}. */
    public static final class Builder {
        private long newLimit;
        private String reason;
        private long durationMinutes;
        private String createdBy;

        private Builder() {}

        /** The temporary limit. */
        public Builder newLimit(long newLimit) {
            this.newLimit = newLimit;
            return this;
        }

        /** Reason. */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** Duration. */
        public Builder durationMinutes(long durationMinutes) {
            this.durationMinutes = durationMinutes;
            return this;
        }

        /** Author. */
        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        /** The immutable {@link AdjustLimitRequest}. */
        public AdjustLimitRequest build() {
            return new AdjustLimitRequest(newLimit, reason, durationMinutes, createdBy);
        }
    }
}
