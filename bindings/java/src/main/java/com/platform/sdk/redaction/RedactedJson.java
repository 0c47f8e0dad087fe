package com.platform.sdk.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The redacted JSON document and what was found, by path.
 *
 * @param value The redacted document.
 * @param findings The findings.
 */
public record RedactedJson(JsonNode value, List<JsonFinding> findings) {
    /** Copies the findings (the record is immutable). */
    public RedactedJson {
        findings = List.copyOf(findings);
    }
}
