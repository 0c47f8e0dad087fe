package com.platform.sdk.redaction;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/** How a finding is rewritten; serialized as {@code {"type": "mask", "keep_last": 4}}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Operator.Replace.class, name = "replace"),
    @JsonSubTypes.Type(value = Operator.Mask.class, name = "mask"),
    @JsonSubTypes.Type(value = Operator.Partial.class, name = "partial"),
    @JsonSubTypes.Type(value = Operator.Hash.class, name = "hash"),
    @JsonSubTypes.Type(value = Operator.Drop.class, name = "drop"),
})
public sealed interface Operator {
    /**
     * Replaces the value with {@code value}, or with {@code <ENTITY_NAME>} when it is empty.
     *
     * @param value The replacement text.
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record Replace(Optional<String> value) implements Operator {
        /** Null means empty. */
        public Replace {
            value = value == null ? Optional.empty() : value;
        }
    }

    /**
     * Masks every letter and digit but the last {@code keepLast} with {@code maskChar}; separators stay.
     *
     * @param keepLast Trailing letters/digits kept.
     * @param maskChar The masking character.
     */
    record Mask(int keepLast, char maskChar) implements Operator {}

    /**
     * Keeps {@code keepFirst} and {@code keepLast} characters around {@code ***}; for e-mail addresses it
     * applies to the local part and keeps the domain.
     *
     * @param keepFirst Leading characters kept.
     * @param keepLast Trailing characters kept.
     */
    record Partial(int keepFirst, int keepLast) implements Operator {}

    /** A stable pseudonym {@code <ENTITY_0123456789abcdef>}: HMAC-SHA256 under the tenant's key. */
    @JsonInclude(JsonInclude.Include.NON_NULL) // an annotated empty record serializes as {"type": …}
    record Hash() implements Operator {}

    /** Removes the value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Drop() implements Operator {}

    /** Replace with {@code [REDACTED]} (the default operator). */
    static Operator replace() {
        return replace("[REDACTED]");
    }

    /** Replace with {@code text}. */
    static Operator replace(String text) {
        return new Replace(Optional.of(text));
    }

    /** Replace with {@code <ENTITY_NAME>}. */
    static Operator replaceWithEntityName() {
        return new Replace(Optional.empty());
    }

    /** Mask all but the last {@code keepLast} letters and digits with {@code *}. */
    static Operator mask(int keepLast) {
        return new Mask(keepLast, '*');
    }

    /** Keep {@code keepFirst} leading and {@code keepLast} trailing characters. */
    static Operator partial(int keepFirst, int keepLast) {
        return new Partial(keepFirst, keepLast);
    }

    /** A per-tenant pseudonym. */
    static Operator hash() {
        return new Hash();
    }

    /** Remove the value. */
    static Operator drop() {
        return new Drop();
    }
}
