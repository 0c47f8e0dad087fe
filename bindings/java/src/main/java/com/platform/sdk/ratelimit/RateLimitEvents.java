package com.platform.sdk.ratelimit;

/** Names of the rate-limiting events on the engine's event bus (spec 003 §4). */
public final class RateLimitEvents {
    /** Usage reached the approach threshold (default 80%). */
    public static final String LIMIT_APPROACHED = "ratelimit.limit_approached";
    /** A request was refused. */
    public static final String LIMIT_EXCEEDED = "ratelimit.limit_exceeded";
    /** Burst allowance was used. */
    public static final String BURST_USED = "ratelimit.burst_used";
    /** A client entered the penalty box. */
    public static final String PENALTY_BOX_ENTERED = "ratelimit.penalty_box_entered";
    /** A client left the penalty box. */
    public static final String PENALTY_BOX_EXITED = "ratelimit.penalty_box_exited";
    /** A policy was created. */
    public static final String POLICY_CREATED = "ratelimit.policy.created";
    /** A policy was updated. */
    public static final String POLICY_UPDATED = "ratelimit.policy.updated";
    /** A policy was deleted. */
    public static final String POLICY_DELETED = "ratelimit.policy.deleted";
    /** A rule was created. */
    public static final String RULE_CREATED = "ratelimit.rule.created";
    /** A rule was enabled. */
    public static final String RULE_ENABLED = "ratelimit.rule.enabled";
    /** A rule was disabled. */
    public static final String RULE_DISABLED = "ratelimit.rule.disabled";
    /** A bypass rule was created. */
    public static final String BYPASS_CREATED = "ratelimit.bypass.created";
    /** A bypass rule expired. */
    public static final String BYPASS_EXPIRED = "ratelimit.bypass.expired";
    /** A temporary adjustment was applied. */
    public static final String ADJUSTMENT_APPLIED = "ratelimit.adjustment.applied";
    /** An adjustment was reverted. */
    public static final String ADJUSTMENT_REVERTED = "ratelimit.adjustment.reverted";
    /** The distributed store connected. */
    public static final String DISTRIBUTED_STORE_CONNECTED = "ratelimit.distributed_store.connected";
    /** The distributed store was lost. */
    public static final String DISTRIBUTED_STORE_DISCONNECTED = "ratelimit.distributed_store.disconnected";

    private RateLimitEvents() {}
}
