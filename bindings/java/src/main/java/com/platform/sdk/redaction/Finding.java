package com.platform.sdk.redaction;

import java.util.Objects;

/**
 * One detected value. Offsets into the input: UTF-8 bytes ({@code start}, {@code end}) and Unicode
 * code points ({@code charStart}, {@code charEnd}; equal to {@code String} indexes when the text has
 * no supplementary characters, else use {@code text.offsetByCodePoints(0, charStart)}).
 *
 * @param entity A built-in entity ({@code EMAIL_ADDRESS}, {@code CREDIT_CARD}…), {@code SENSITIVE_FIELD}
 *     (JSON) or a custom pattern's name.
 * @param start Byte offset of the start.
 * @param end Byte offset of the end (exclusive).
 * @param charStart Code point offset of the start.
 * @param charEnd Code point offset of the end (exclusive).
 * @param score Confidence, 0 to 1.
 */
public record Finding(String entity, int start, int end, int charStart, int charEnd, double score) {
    /** Validates the entity. */
    public Finding {
        Objects.requireNonNull(entity, "entity");
    }
}
