package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to a policy (unset fields stay unchanged).
 *
 * @param name Name.
 * @param description Description.
 * @param limits Limits.
 * @param algorithm Algorithm.
 * @param tokenBucket Token bucket parameters.
 * @param burst Burst allowance.
 * @param throttle Throttle mode.
 * @param isActive Active.
 * @param priority Priority.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record UpdatePolicyRequest(
        String name,
        String description,
        List<RateLimit> limits,
        RateLimitAlgorithm algorithm,
        TokenBucketConfig tokenBucket,
        BurstConfig burst,
        ThrottleConfig throttle,
        Boolean isActive,
        Long priority) {
    /** Validates required fields and copies collections (the record is immutable). */
    public UpdatePolicyRequest {
        limits = limits == null ? null : List.copyOf(limits);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link UpdatePolicyRequest}. */
    public static final class Builder {
        private String name;
        private String description;
        private List<RateLimit> limits = null;
        private RateLimitAlgorithm algorithm;
        private TokenBucketConfig tokenBucket;
        private BurstConfig burst;
        private ThrottleConfig throttle;
        private Boolean isActive;
        private Long priority;

        private Builder() {}

        /** Name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Description. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Limits. */
        public Builder limits(List<RateLimit> limits) {
            this.limits = new ArrayList<>(limits);
            return this;
        }

        /** Adds one to limits. */
        public Builder limit(RateLimit limit) {
            if (this.limits == null) {
                this.limits = new ArrayList<>();
            }
            this.limits.add(limit);
            return this;
        }

        /** Algorithm. */
        public Builder algorithm(RateLimitAlgorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** Token bucket parameters. */
        public Builder tokenBucket(TokenBucketConfig tokenBucket) {
            this.tokenBucket = tokenBucket;
            return this;
        }

        /** Burst allowance. */
        public Builder burst(BurstConfig burst) {
            this.burst = burst;
            return this;
        }

        /** Throttle mode. */
        public Builder throttle(ThrottleConfig throttle) {
            this.throttle = throttle;
            return this;
        }

        /** Active. */
        public Builder isActive(boolean isActive) {
            this.isActive = isActive;
            return this;
        }

        /** Priority. */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** The immutable {@link UpdatePolicyRequest}. */
        public UpdatePolicyRequest build() {
            return new UpdatePolicyRequest(name, description, limits, algorithm, tokenBucket, burst, throttle, isActive, priority);
        }
    }
}
