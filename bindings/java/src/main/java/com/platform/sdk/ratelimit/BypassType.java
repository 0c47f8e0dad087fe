package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a bypass rule matches. */
public enum BypassType {
    /** api_key. */
    @JsonProperty("api_key")
    API_KEY,
    /** role. */
    @JsonProperty("role")
    ROLE,
    /** ip. */
    @JsonProperty("ip")
    IP,
    /** user. */
    @JsonProperty("user")
    USER;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static BypassType fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
