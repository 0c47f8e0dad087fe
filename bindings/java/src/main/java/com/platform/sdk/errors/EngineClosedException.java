// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The engine was closed; create a new one. */
public class EngineClosedException extends ServerException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public EngineClosedException(ErrorInfo info) {
        super(info);
    }
}
