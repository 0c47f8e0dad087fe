// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** Another active rule has the same target and priority. */
public class RuleConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public RuleConflictException(ErrorInfo info) {
        super(info);
    }
}
