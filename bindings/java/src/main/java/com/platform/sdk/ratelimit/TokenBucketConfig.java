package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Token bucket parameters.
 *
 * @param refillRate Tokens added per second.
 * @param bucketSize Capacity.
 * @param initialTokens Tokens at start (default: full).
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TokenBucketConfig(
        long refillRate,
        long bucketSize,
        Long initialTokens) {

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TokenBucketConfig}. */
    public static final class Builder {
        private long refillRate;
        private long bucketSize;
        private Long initialTokens;

        private Builder() {}

        /** Tokens added per second. */
        public Builder refillRate(long refillRate) {
            this.refillRate = refillRate;
            return this;
        }

        /** Capacity. */
        public Builder bucketSize(long bucketSize) {
            this.bucketSize = bucketSize;
            return this;
        }

        /** Tokens at start (default: full). */
        public Builder initialTokens(long initialTokens) {
            this.initialTokens = initialTokens;
            return this;
        }

        /** The immutable {@link TokenBucketConfig}. */
        public TokenBucketConfig build() {
            return new TokenBucketConfig(refillRate, bucketSize, initialTokens);
        }
    }
}
