package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a rule targets. */
public enum RuleTargetType {
    /** endpoint. */
    @JsonProperty("endpoint")
    ENDPOINT,
    /** user. */
    @JsonProperty("user")
    USER,
    /** tenant. */
    @JsonProperty("tenant")
    TENANT,
    /** ip. */
    @JsonProperty("ip")
    IP,
    /** api_key. */
    @JsonProperty("api_key")
    API_KEY,
    /** role. */
    @JsonProperty("role")
    ROLE;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static RuleTargetType fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
