package com.platform.sdk.authz;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * The condition attached to a tuple: the model condition's name and parameter values stored with
 * the tuple (merged with the request context; the tuple's values win).
 *
 * @param name The model condition's name.
 * @param context Parameter values (empty when none).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TupleCondition(String name, Map<String, Object> context) {
    /** Validates the name and copies the context (the record is immutable). */
    public TupleCondition {
        Objects.requireNonNull(name, "name");
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** A condition without stored context. */
    public static TupleCondition of(String name) {
        return new TupleCondition(name, Map.of());
    }
}
