// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** A string argument is not valid UTF-8. */
public class InvalidUtf8Exception extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InvalidUtf8Exception(ErrorInfo info) {
        super(info);
    }
}
