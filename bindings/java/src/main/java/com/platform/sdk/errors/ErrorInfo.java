package com.platform.sdk.errors;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/** The fields of an engine error, as the native library reports them. Immutable. */
public final class ErrorInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    final int code;
    final String errorName;
    final String kind;
    final int status;
    final String message;
    final String detail;
    final String field;
    final long retryAfterMs;

    private ErrorInfo(int code, String message, String detail, String field, long retryAfterMs) {
        String[] described = Errors.describe(code);
        this.code = code;
        this.errorName = described[0];
        this.kind = described[1];
        this.status = Integer.parseInt(described[2]);
        this.message = message == null ? "" : message;
        this.detail = detail;
        this.field = field;
        this.retryAfterMs = retryAfterMs;
    }

    /** Error fields; {@code retryAfterMs < 0} means no retry hint. */
    public static ErrorInfo of(int code, String message, String detail, String field, long retryAfterMs) {
        return new ErrorInfo(code, message, detail, field, retryAfterMs);
    }

    Optional<Duration> retryAfter() {
        return retryAfterMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(retryAfterMs));
    }
}
