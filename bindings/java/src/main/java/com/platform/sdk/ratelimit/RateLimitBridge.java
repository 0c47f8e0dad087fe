package com.platform.sdk.ratelimit;

import com.platform.sdk.NativeLoader;

/** The JNI entry points of rate limiting (bindings/java/src/lib/ratelimit.rs). Package-private. */
final class RateLimitBridge {
    /** "No cost given". */
    static final long NO_COST = Long.MIN_VALUE;
    /** "Use the system clock" for header parsing. */
    static final long SYSTEM_CLOCK = Long.MIN_VALUE;
    /** Numbers of a decision (the core's CompactDecision layout). */
    static final int DECISION_LENGTH = 14;

    static {
        NativeLoader.load();
    }

    private RateLimitBridge() {}

    static native String[] decide(long engine, String scope, int mode, String endpoint, String method, String user,
            String ip, String apiKey, String[] roles, String plan, String country, String userAgent, String[] headers,
            long cost, long[] out);

    static native String[] headers(long engine, long[] numbers, String policyName);

    static native long nowMs(long engine);

    static native String[] parseHeaders(String[] flat, long nowMs);
}
