package com.platform.sdk.ratelimit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * The cost of requests matching a path glob and method ({@code "*"} = any).
 *
 * @param pathPattern Path glob.
 * @param method Method or "*".
 * @param cost Cost.
 * @param description Description.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EndpointCost(
        String pathPattern,
        String method,
        long cost,
        Optional<String> description) {
    /** Validates required fields and copies collections (the record is immutable). */
    public EndpointCost {
        description = description == null ? Optional.empty() : description;
    }
}
