package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a rule condition compares. */
public enum ConditionOperator {
    /** eq. */
    @JsonProperty("eq")
    EQ,
    /** neq. */
    @JsonProperty("neq")
    NEQ,
    /** in. */
    @JsonProperty("in")
    IN,
    /** not_in. */
    @JsonProperty("not_in")
    NOT_IN,
    /** matches. */
    @JsonProperty("matches")
    MATCHES;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static ConditionOperator fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
