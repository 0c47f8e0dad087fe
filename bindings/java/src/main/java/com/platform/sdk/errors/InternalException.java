// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** An unexpected failure inside the engine (a bug: please report it). */
public class InternalException extends ServerException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InternalException(ErrorInfo info) {
        super(info);
    }
}
