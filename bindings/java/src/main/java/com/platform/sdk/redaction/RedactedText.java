package com.platform.sdk.redaction;

import java.util.List;
import java.util.Objects;

/**
 * The redacted text and what was found in the input.
 *
 * @param text The redacted text.
 * @param findings The findings, offsets into the input.
 */
public record RedactedText(String text, List<Finding> findings) {
    /** Copies the findings (the record is immutable). */
    public RedactedText {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }
}
