package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new policy: {@code CreatePolicyRequest.builder().name("per-user").limit(RateLimit.builder()...build()).build()}.
 *
 * @param name Name.
 * @param description Description.
 * @param limits Limits.
 * @param algorithm Algorithm (default sliding window).
 * @param tokenBucket Token bucket parameters.
 * @param burst Burst allowance.
 * @param throttle Throttle mode.
 * @param isActive Active (default true).
 * @param priority Higher is evaluated first.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CreatePolicyRequest(
        String name,
        String description,
        List<RateLimit> limits,
        RateLimitAlgorithm algorithm,
        TokenBucketConfig tokenBucket,
        BurstConfig burst,
        ThrottleConfig throttle,
        Boolean isActive,
        long priority) {
    /** Validates required fields and copies collections (the record is immutable). */
    public CreatePolicyRequest {
        Objects.requireNonNull(name, "name");
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreatePolicyRequest}. */
    public static final class Builder {
        private String name;
        private String description;
        private List<RateLimit> limits = new ArrayList<>();
        private RateLimitAlgorithm algorithm;
        private TokenBucketConfig tokenBucket;
        private BurstConfig burst;
        private ThrottleConfig throttle;
        private Boolean isActive;
        private long priority;

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

        /** Algorithm (default sliding window). */
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

        /** Active (default true). */
        public Builder isActive(boolean isActive) {
            this.isActive = isActive;
            return this;
        }

        /** Higher is evaluated first. */
        public Builder priority(long priority) {
            this.priority = priority;
            return this;
        }

        /** The immutable {@link CreatePolicyRequest}. */
        public CreatePolicyRequest build() {
            return new CreatePolicyRequest(name, description, limits, algorithm, tokenBucket, burst, throttle, isActive, priority);
        }
    }
}
