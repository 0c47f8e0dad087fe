// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The time range is invalid (end before start, too long, malformed). */
public class InvalidTimeRangeException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InvalidTimeRangeException(ErrorInfo info) {
        super(info);
    }
}
