package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * What a rule applies to: a scope ({@code value} null = all) or a role, optionally a method and a path glob.
 *
 * @param type Target type.
 * @param value Value (null = all, "*" = any).
 * @param method HTTP method (null = all).
 * @param pathPattern Path glob such as /api/v1/users/*.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RuleTarget(
        RuleTargetType type,
        String value,
        String method,
        String pathPattern) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RuleTarget {
        Objects.requireNonNull(type, "type");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RuleTarget}. */
    public static final class Builder {
        private RuleTargetType type;
        private String value;
        private String method;
        private String pathPattern;

        private Builder() {}

        /** Target type. */
        public Builder type(RuleTargetType type) {
            this.type = type;
            return this;
        }

        /** Value (null = all, "*" = any). */
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** HTTP method (null = all). */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Path glob such as /api/v1/users/*. */
        public Builder pathPattern(String pathPattern) {
            this.pathPattern = pathPattern;
            return this;
        }

        /** The immutable {@link RuleTarget}. */
        public RuleTarget build() {
            return new RuleTarget(type, value, method, pathPattern);
        }
    }
}
