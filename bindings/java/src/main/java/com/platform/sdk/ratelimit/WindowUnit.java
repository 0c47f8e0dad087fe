package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Convenience unit of a window. */
public enum WindowUnit {
    /** second. */
    @JsonProperty("second")
    SECOND,
    /** minute. */
    @JsonProperty("minute")
    MINUTE,
    /** hour. */
    @JsonProperty("hour")
    HOUR,
    /** day. */
    @JsonProperty("day")
    DAY;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static WindowUnit fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
