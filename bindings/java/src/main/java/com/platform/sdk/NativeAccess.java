package com.platform.sdk;

import java.util.function.LongFunction;

/**
 * Runs a native call while the engine handle stays valid (the engine cannot be freed meanwhile).
 * Used by the SDK's module clients; applications do not need it.
 */
public interface NativeAccess {
    /** Calls {@code body} with the live engine handle; throws {@code EngineClosedException} after close. */
    <T> T withHandle(LongFunction<T> body);
}
