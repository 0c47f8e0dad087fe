package com.platform.sdk.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The context of one request, for {@link RateLimitClient#consume}: {@code
 * RateLimitRequest.builder("/api/items").method("GET").user("u1").build()}.
 */
public final class RateLimitRequest {
    private final String endpoint;
    private final String method;
    private final String user;
    private final String ip;
    private final String apiKey;
    private final List<String> roles;
    private final String plan;
    private final String country;
    private final String userAgent;
    private final Map<String, String> headers;
    private final Long cost;

    private RateLimitRequest(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.method = Objects.requireNonNull(b.method, "method");
        this.user = b.user;
        this.ip = b.ip;
        this.apiKey = b.apiKey;
        this.roles = List.copyOf(b.roles);
        this.plan = b.plan;
        this.country = b.country;
        this.userAgent = b.userAgent;
        this.headers = Map.copyOf(b.headers);
        this.cost = b.cost;
    }

    /** A builder for a request to {@code endpoint} (method GET unless set). */
    public static Builder builder(String endpoint) {
        return new Builder(endpoint);
    }

    /** The endpoint path. */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The user id. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The client IP. */
    public Optional<String> ip() {
        return Optional.ofNullable(ip);
    }

    /** The API key. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** The caller's roles. */
    public List<String> roles() {
        return roles;
    }

    /** The plan. */
    public Optional<String> plan() {
        return Optional.ofNullable(plan);
    }

    /** The country code. */
    public Optional<String> country() {
        return Optional.ofNullable(country);
    }

    /** The user agent. */
    public Optional<String> userAgent() {
        return Optional.ofNullable(userAgent);
    }

    /** Request headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The explicit cost. */
    public OptionalLong cost() {
        return cost == null ? OptionalLong.empty() : OptionalLong.of(cost);
    }

    String[] rolesArray() {
        return roles.toArray(String[]::new);
    }

    String[] headersFlat() {
        String[] flat = new String[headers.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue();
        }
        return flat;
    }

    long costOrNone() {
        return cost == null ? RateLimitBridge.NO_COST : cost;
    }

    String userOrNull() {
        return user;
    }

    String ipOrNull() {
        return ip;
    }

    String apiKeyOrNull() {
        return apiKey;
    }

    String planOrNull() {
        return plan;
    }

    String countryOrNull() {
        return country;
    }

    String userAgentOrNull() {
        return userAgent;
    }

    /** Builds a {@link RateLimitRequest}. */
    public static final class Builder {
        private final String endpoint;
        private String method = "GET";
        private String user;
        private String ip;
        private String apiKey;
        private final List<String> roles = new ArrayList<>();
        private String plan;
        private String country;
        private String userAgent;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Long cost;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** The HTTP method. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** The user id. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The client IP. */
        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** The API key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Adds a role. */
        public Builder role(String role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        /** Adds roles. */
        public Builder roles(List<String> roles) {
            roles.forEach(this::role);
            return this;
        }

        /** The subscription plan. */
        public Builder plan(String plan) {
            this.plan = plan;
            return this;
        }

        /** The country code. */
        public Builder country(String country) {
            this.country = country;
            return this;
        }

        /** The user agent. */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /** Adds a header (names compare case-insensitively in rules). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The cost (default: the endpoint cost map, else 1). */
        public Builder cost(long cost) {
            this.cost = cost;
            return this;
        }

        /** The immutable request. */
        public RateLimitRequest build() {
            return new RateLimitRequest(this);
        }
    }
}
