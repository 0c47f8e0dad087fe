// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** A temporary limit adjustment is already active for that target. */
public class AdjustmentActiveException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public AdjustmentActiveException(ErrorInfo info) {
        super(info);
    }
}
