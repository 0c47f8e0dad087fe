package com.platform.sdk.redaction;

/**
 * One finding inside a JSON document.
 *
 * @param path JSON Pointer (RFC 6901) of the string or field that held it.
 * @param finding The finding ({@code SENSITIVE_FIELD} over the whole value for a sensitive field name).
 */
public record JsonFinding(String path, Finding finding) {}
