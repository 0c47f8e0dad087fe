package com.platform.sdk.ratelimit;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a server's rate-limit headers say; missing or malformed fields are empty.
 *
 * @param limit The limit.
 * @param remaining Units left.
 * @param resetAt When the limit resets.
 * @param policy The policy name.
 * @param retryAfter Seconds to wait.
 */
public record RateLimitInfo(
        OptionalLong limit, OptionalLong remaining, Optional<Instant> resetAt, Optional<String> policy,
        OptionalLong retryAfter) {}
