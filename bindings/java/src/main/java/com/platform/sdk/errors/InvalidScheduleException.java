// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The cron expression is invalid. */
public class InvalidScheduleException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InvalidScheduleException(ErrorInfo info) {
        super(info);
    }
}
