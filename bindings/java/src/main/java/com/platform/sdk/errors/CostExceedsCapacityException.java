// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The request cost exceeds the limit's capacity: it can never be allowed. */
public class CostExceedsCapacityException extends UnprocessableException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public CostExceedsCapacityException(ErrorInfo info) {
        super(info);
    }
}
