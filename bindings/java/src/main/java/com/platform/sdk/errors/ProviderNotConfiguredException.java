// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The push or SMS provider is not configured. */
public class ProviderNotConfiguredException extends UnprocessableException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public ProviderNotConfiguredException(ErrorInfo info) {
        super(info);
    }
}
