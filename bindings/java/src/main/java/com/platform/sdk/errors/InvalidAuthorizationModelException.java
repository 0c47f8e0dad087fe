// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The authorization model is invalid; the detail gives line and column. */
public class InvalidAuthorizationModelException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InvalidAuthorizationModelException(ErrorInfo info) {
        super(info);
    }
}
