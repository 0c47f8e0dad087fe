// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The request exceeds a rate limit; `retry_after` says when to retry. */
public class RateLimitExceededException extends RateLimitException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public RateLimitExceededException(ErrorInfo info) {
        super(info);
    }
}
