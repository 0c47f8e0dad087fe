package com.platform.sdk.authz;

import com.platform.sdk.NativeLoader;

/** The JNI entry points of authorization (bindings/java/src/lib/authz.rs). Package-private. */
final class AuthzBridge {
    static {
        NativeLoader.load();
    }

    private AuthzBridge() {}

    static native boolean check(long engine, String scope, String user, String relation, String object);

    static native boolean hasPermission(long engine, String scope, String userId, String permission);

    static native void requirePermission(long engine, String scope, String userId, String permission);
}
