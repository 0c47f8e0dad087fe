package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The distributed counter store. */
public enum DistributedStoreType {
    /** redis. */
    @JsonProperty("redis")
    REDIS,
    /** redis_cluster. */
    @JsonProperty("redis_cluster")
    REDIS_CLUSTER,
    /** redis_sentinel. */
    @JsonProperty("redis_sentinel")
    REDIS_SENTINEL;

    /** The engine's wire name. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant of a wire name. */
    public static DistributedStoreType fromWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
