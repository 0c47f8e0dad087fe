// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** Authentication errors (status 401). */
public class AuthenticationException extends PlatformException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public AuthenticationException(ErrorInfo info) {
        super(info);
    }
}
