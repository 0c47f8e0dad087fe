package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The request field a rule condition reads. */
public enum ConditionField {
    /** plan. */
    @JsonProperty("plan")
    PLAN,
    /** role. */
    @JsonProperty("role")
    ROLE,
    /** header. */
    @JsonProperty("header")
    HEADER,
    /** ip_range. */
    @JsonProperty("ip_range")
    IP_RANGE,
    /** country. */
    @JsonProperty("country")
    COUNTRY,
    /** user_agent. */
    @JsonProperty("user_agent")
    USER_AGENT;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static ConditionField fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
