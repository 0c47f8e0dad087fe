// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The query exceeded the resolution depth or fan-out limit. */
public class ResolutionTooComplexException extends UnprocessableException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public ResolutionTooComplexException(ErrorInfo info) {
        super(info);
    }
}
