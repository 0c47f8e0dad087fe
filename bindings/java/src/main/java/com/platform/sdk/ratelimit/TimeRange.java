package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A time range (start inclusive, end exclusive).
 *
 * @param start Start.
 * @param end End.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record TimeRange(
        Instant start,
        Instant end) {
    /** Validates required fields and copies collections (the record is immutable). */
    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
