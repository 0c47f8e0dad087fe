package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens over the limit. */
public enum ThrottleMode {
    /** reject. */
    @JsonProperty("reject")
    REJECT,
    /** throttle. */
    @JsonProperty("throttle")
    THROTTLE,
    /** penalty_box. */
    @JsonProperty("penalty_box")
    PENALTY_BOX;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static ThrottleMode fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
