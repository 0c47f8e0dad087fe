// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** The system-of-record store failed. */
public class StorageException extends ServerException {
    private static final long serialVersionUID = 1L;

    /** Built by {@link Errors#create} from an engine error. */
    public StorageException(ErrorInfo info) {
        super(info);
    }
}
