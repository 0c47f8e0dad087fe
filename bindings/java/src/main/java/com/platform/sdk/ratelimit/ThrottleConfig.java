package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Reject, delay (throttle) or penalty-box requests over the limit.
 *
 * @param mode The mode.
 * @param throttleDelayMs Longest delay (throttle).
 * @param penaltyBoxLimit Lower limit in the box.
 * @param penaltyBoxDurationSeconds Time in the box.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ThrottleConfig(
        ThrottleMode mode,
        Long throttleDelayMs,
        Long penaltyBoxLimit,
        Long penaltyBoxDurationSeconds) {
    /** Validates required fields and copies collections (the record is immutable). */
    public ThrottleConfig {
        Objects.requireNonNull(mode, "mode");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ThrottleConfig}. */
    public static final class Builder {
        private ThrottleMode mode;
        private Long throttleDelayMs;
        private Long penaltyBoxLimit;
        private Long penaltyBoxDurationSeconds;

        private Builder() {}

        /** The mode. */
        public Builder mode(ThrottleMode mode) {
            this.mode = mode;
            return this;
        }

        /** Longest delay (throttle). */
        public Builder throttleDelayMs(long throttleDelayMs) {
            this.throttleDelayMs = throttleDelayMs;
            return this;
        }

        /** Lower limit in the box. */
        public Builder penaltyBoxLimit(long penaltyBoxLimit) {
            this.penaltyBoxLimit = penaltyBoxLimit;
            return this;
        }

        /** Time in the box. */
        public Builder penaltyBoxDurationSeconds(long penaltyBoxDurationSeconds) {
            this.penaltyBoxDurationSeconds = penaltyBoxDurationSeconds;
            return this;
        }

        /** The immutable {@link ThrottleConfig}. */
        public ThrottleConfig build() {
            return new ThrottleConfig(mode, throttleDelayMs, penaltyBoxLimit, penaltyBoxDurationSeconds);
        }
    }
}
