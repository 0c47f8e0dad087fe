// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The policy is still referenced by a rule or plan and cannot be deleted. */
public class PolicyInUseException extends ConflictException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public PolicyInUseException(ErrorInfo info) {
        super(info);
    }
}
