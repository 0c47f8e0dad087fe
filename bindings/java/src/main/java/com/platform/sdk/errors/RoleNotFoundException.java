// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** No role with that name. */
public class RoleNotFoundException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public RoleNotFoundException(ErrorInfo info) {
        super(info);
    }
}
