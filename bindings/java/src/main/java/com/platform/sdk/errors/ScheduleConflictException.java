// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The schedule conflicts with an existing one. */
public class ScheduleConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public ScheduleConflictException(ErrorInfo info) {
        super(info);
    }
}
