// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The tenant id is empty, too long or has characters outside `[A-Za-z0-9._:-]`. */
public class InvalidTenantException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public InvalidTenantException(ErrorInfo info) {
        super(info);
    }
}
