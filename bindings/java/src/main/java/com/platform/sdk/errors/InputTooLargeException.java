// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The input exceeds the redaction size limit. */
public class InputTooLargeException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InputTooLargeException(ErrorInfo info) {
        super(info);
    }
}
