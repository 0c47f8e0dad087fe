package com.platform.sdk.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * Base class of every exception thrown by Shared Platform Core. Unchecked. Each specific
 * exception subclasses its family ({@code PolicyNotFoundException} → {@code NotFoundException} →
 * {@code PlatformException}) and carries the stable code, kind, status, field and retry hint.
 */
public class PlatformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorInfo info;

    /** Built by {@link Errors#create} from an engine error. */
    public PlatformException(ErrorInfo info) {
        super(info.message);
        this.info = info;
    }

    /** Stable numeric code (docs/errors.md). */
    public int getCode() {
        return info.code;
    }

    /** The specification's error name, e.g. {@code PolicyNotFound}. */
    public String getErrorName() {
        return info.errorName;
    }

    /** The family: Validation, NotFound, Conflict, RateLimited… */
    public String getKind() {
        return info.kind;
    }

    /** HTTP-equivalent status. */
    public int getStatus() {
        return info.status;
    }

    /** The internal detail (for logs, never for end users). */
    public Optional<String> getDetail() {
        return Optional.ofNullable(info.detail);
    }

    /** The offending input field or setting. */
    public Optional<String> getField() {
        return Optional.ofNullable(info.field);
    }

    /** When a retry may succeed. */
    public Optional<Duration> getRetryAfter() {
        return info.retryAfter();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + info.code + "]: " + getMessage();
    }
}
