// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** A condition could not be evaluated (missing or mistyped context). */
public class ConditionEvaluationException extends ValidationException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public ConditionEvaluationException(ErrorInfo info) {
        super(info);
    }
}
