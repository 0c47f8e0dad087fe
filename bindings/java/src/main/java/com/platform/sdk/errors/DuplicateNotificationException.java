// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The idempotency key was already used within the deduplication window. */
public class DuplicateNotificationException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public DuplicateNotificationException(ErrorInfo info) {
        super(info);
    }
}
