package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a limit counts. */
public enum RateLimitAlgorithm {
    /** sliding_window. */
    @JsonProperty("sliding_window")
    SLIDING_WINDOW,
    /** token_bucket. */
    @JsonProperty("token_bucket")
    TOKEN_BUCKET,
    /** fixed_window. */
    @JsonProperty("fixed_window")
    FIXED_WINDOW;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static RateLimitAlgorithm fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
