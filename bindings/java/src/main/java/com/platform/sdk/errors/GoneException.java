// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** Gone errors (status 410). */
public class GoneException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public GoneException(ErrorInfo info) {
        super(info);
    }
}
