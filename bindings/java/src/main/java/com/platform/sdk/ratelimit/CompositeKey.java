package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Counts per combination of request dimensions (e.g. {@code ["ip", "endpoint"]}).
 *
 * @param dimensions The dimensions.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record CompositeKey(
        List<String> dimensions) {
    /** Validates required fields and copies collections (the record is immutable). */
    public CompositeKey {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }
}
