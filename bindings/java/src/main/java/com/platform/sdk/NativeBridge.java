package com.platform.sdk;

/** The JNI entry points (bindings/java/src/lib). Package-private: use {@link Engine}. */
final class NativeBridge {
    static {
        NativeLoader.load();
    }

    private NativeBridge() {}

    static native long engineNew(String optionsJson);

    static native String call(long handle, String scope, String method, String argsJson);

    static native void checkTenant(long handle, String tenantId);

    static native void close(long handle);

    static native boolean isClosed(long handle);

    static native void free(long handle);
}
