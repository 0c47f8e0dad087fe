// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The template variables are invalid or the template failed to render. */
public class TemplateRenderException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public TemplateRenderException(ErrorInfo info) {
        super(info);
    }
}
