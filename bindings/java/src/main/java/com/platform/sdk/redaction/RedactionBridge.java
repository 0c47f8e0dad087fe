package com.platform.sdk.redaction;

import com.platform.sdk.NativeLoader;

/** The JNI entry points of redaction (bindings/java/src/lib/redaction.rs). Package-private. */
final class RedactionBridge {
    /** Numbers per finding written by {@link #scan}: start, end, charStart, charEnd, score bits. */
    static final int FINDING_NUMBERS = 5;

    static {
        NativeLoader.load();
    }

    private RedactionBridge() {}

    static native String redactText(long engine, String scope, String text);

    static native String redactLine(long engine, String scope, String line, boolean json);

    static native String[] scan(long engine, String scope, String text, boolean redact, long[][] numbers);
}
