package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A read-only status question about one identifier.
 *
 * @param scope Scope.
 * @param identifier Identifier.
 * @param endpoint Endpoint.
 * @param method Method.
 * @param cost Cost.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record RateLimitCheckRequest(
        RateLimitScope scope,
        String identifier,
        String endpoint,
        String method,
        Long cost) {
    /** Validates required fields and copies collections (the record is immutable). */
    public RateLimitCheckRequest {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RateLimitCheckRequest}. */
    public static final class Builder {
        private RateLimitScope scope;
        private String identifier;
        private String endpoint;
        private String method;
        private Long cost;

        private Builder() {}

        /** Scope. */
        public Builder scope(RateLimitScope scope) {
            this.scope = scope;
            return this;
        }

        /** Identifier. */
        public Builder identifier(String identifier) {
            this.identifier = identifier;
            return this;
        }

        /** Endpoint. */
        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** Method. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Cost. */
        public Builder cost(long cost) {
            this.cost = cost;
            return this;
        }

        /** The immutable {@link RateLimitCheckRequest}. */
        public RateLimitCheckRequest build() {
            return new RateLimitCheckRequest(scope, identifier, endpoint, method, cost);
        }
    }
}
