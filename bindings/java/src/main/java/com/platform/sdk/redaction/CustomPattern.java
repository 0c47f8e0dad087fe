package com.platform.sdk.redaction;

import java.util.Objects;

/**
 * A custom detector: a linear-time regular expression (Rust {@code regex} syntax: no look-around, no
 * back-references) reported as entity {@code name} ({@code [A-Z0-9_]}, 1–64 characters).
 *
 * @param name The entity name of its findings.
 * @param pattern The regular expression.
 * @param score The findings' score (0.8 with {@link #of(String, String)}).
 */
public record CustomPattern(String name, String pattern, double score) {
    /** Validates required fields. */
    public CustomPattern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
    }

    /** A pattern with the default score, 0.8. */
    public static CustomPattern of(String name, String pattern) {
        return new CustomPattern(name, pattern, 0.8);
    }
}
