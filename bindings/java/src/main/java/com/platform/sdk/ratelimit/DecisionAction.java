package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the caller should do with a request. */
public enum DecisionAction {
    /** allow. */
    @JsonProperty("allow")
    ALLOW,
    /** bypass. */
    @JsonProperty("bypass")
    BYPASS,
    /** throttle. */
    @JsonProperty("throttle")
    THROTTLE,
    /** reject. */
    @JsonProperty("reject")
    REJECT;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static DecisionAction fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
