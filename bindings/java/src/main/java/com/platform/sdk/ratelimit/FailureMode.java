package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a decision does when the distributed store is unreachable. */
public enum FailureMode {
    /** error. */
    @JsonProperty("error")
    ERROR,
    /** fail_open. */
    @JsonProperty("fail_open")
    FAIL_OPEN,
    /** fail_closed. */
    @JsonProperty("fail_closed")
    FAIL_CLOSED;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static FailureMode fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
