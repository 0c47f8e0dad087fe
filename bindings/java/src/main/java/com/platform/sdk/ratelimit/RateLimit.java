package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One limit of a policy: {@code maxRequests} per window, counted per {@code scope}.
 *
 * @param scope What the limit counts per.
 * @param maxRequests Requests (or cost units) per window.
 * @param windowSeconds The window in seconds.
 * @param windowUnit Or the window as a unit.
 * @param key Count per a combination of dimensions.
 * @param costBased Count request costs instead of requests.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimit(
        RateLimitScope scope,
        long maxRequests,
        Long windowSeconds,
        WindowUnit windowUnit,
        CompositeKey key,
        boolean costBased) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimit {
        Objects.requireNonNull(scope, "scope");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RateLimit}. */
    public static final class Builder {
        private RateLimitScope scope;
        private long maxRequests;
        private Long windowSeconds;
        private WindowUnit windowUnit;
        private CompositeKey key;
        private boolean costBased;

        private Builder() {}

        /** What the limit counts per. */
        public Builder scope(RateLimitScope scope) {
            this.scope = scope;
            return this;
        }

        /** Requests (or cost units) per window. */
        public Builder maxRequests(long maxRequests) {
            this.maxRequests = maxRequests;
            return this;
        }

        /** The window in seconds. */
        public Builder windowSeconds(long windowSeconds) {
            this.windowSeconds = windowSeconds;
            return this;
        }

        /** Or the window as a unit. */
        public Builder windowUnit(WindowUnit windowUnit) {
            this.windowUnit = windowUnit;
            return this;
        }

        /** Count per a combination of dimensions. */
        public Builder key(CompositeKey key) {
            this.key = key;
            return this;
        }

        /** Count request costs instead of requests. */
        public Builder costBased(boolean costBased) {
            this.costBased = costBased;
            return this;
        }

        /** The immutable {@link RateLimit}. */
        public RateLimit build() {
            return new RateLimit(scope, maxRequests, windowSeconds, windowUnit, key, costBased);
        }
    }
}
