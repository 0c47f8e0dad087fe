// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** Unprocessable errors (status 422). */
public class UnprocessableException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public UnprocessableException(ErrorInfo info) {
        super(info);
    }
}
