package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An extra allowance within a burst window, then a cooldown.
 *
 * @param maxBurst Extra units.
 * @param burstWindowSeconds Burst window.
 * @param cooldownSeconds Cooldown after a burst.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record BurstConfig(
        long maxBurst,
        long burstWindowSeconds,
        long cooldownSeconds) {

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BurstConfig}. */
    public static final class Builder {
        private long maxBurst;
        private long burstWindowSeconds;
        private long cooldownSeconds;

        private Builder() {}

        /** Extra units. */
        public Builder maxBurst(long maxBurst) {
            this.maxBurst = maxBurst;
            return this;
        }

        /** Burst window. */
        public Builder burstWindowSeconds(long burstWindowSeconds) {
            this.burstWindowSeconds = burstWindowSeconds;
            return this;
        }

        /** Cooldown after a burst. */
        public Builder cooldownSeconds(long cooldownSeconds) {
            this.cooldownSeconds = cooldownSeconds;
            return this;
        }

        /** The immutable {@link BurstConfig}. */
        public BurstConfig build() {
            return new BurstConfig(maxBurst, burstWindowSeconds, cooldownSeconds);
        }
    }
}
