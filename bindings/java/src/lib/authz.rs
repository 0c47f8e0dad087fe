//! JNI entry points of `com.platform.sdk.authz.AuthzBridge`: the typed authorization hot path
//! (strings in, a boolean out, no JSON): `check`, `hasPermission`, `requirePermission`.

use jni::JNIEnv;
use jni::objects::{JClass, JString};
use jni::sys::{JNI_FALSE, JNI_TRUE, jboolean, jlong};
use shared_platform_core::authz::CheckRequest;
use shared_platform_core::{Engine, PlatformError, TenantScope, api};

use crate::{engine, guard, read_string};

fn as_jboolean(value: bool) -> jboolean {
    if value { JNI_TRUE } else { JNI_FALSE }
}

fn scope_of(env: &mut JNIEnv<'_>, handle: jlong, scope: &JString<'_>) -> Result<TenantScope, PlatformError> {
    let engine: &Engine = engine(handle)?;
    api::scope_for(engine, &read_string(env, scope, "scope")?)
}

/// `static native boolean check(long engine, String scope, String user, String relation, String object)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_authz_AuthzBridge_check<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    user: JString<'l>,
    relation: JString<'l>,
    object: JString<'l>,
) -> jboolean {
    guard(&mut env, JNI_FALSE, |env| {
        let request = CheckRequest::new(
            &read_string(env, &user, "user")?,
            &read_string(env, &relation, "relation")?,
            &read_string(env, &object, "object")?,
        );
        let allowed = scope_of(env, handle, &scope)?.authz()?.check(&request)?.allowed;
        Ok(as_jboolean(allowed))
    })
}

/// `static native boolean hasPermission(long engine, String scope, String userId, String permission)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_authz_AuthzBridge_hasPermission<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    user_id: JString<'l>,
    permission: JString<'l>,
) -> jboolean {
    guard(&mut env, JNI_FALSE, |env| {
        let (user_id, permission) =
            (read_string(env, &user_id, "userId")?, read_string(env, &permission, "permission")?);
        let allowed = scope_of(env, handle, &scope)?.rbac()?.has_permission(&user_id, &permission)?;
        Ok(as_jboolean(allowed))
    })
}

/// `static native void requirePermission(long engine, String scope, String userId, String permission)`:
/// throws `AuthorizationException` when the permission is missing.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_authz_AuthzBridge_requirePermission<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    user_id: JString<'l>,
    permission: JString<'l>,
) {
    guard(&mut env, (), |env| {
        let (user_id, permission) =
            (read_string(env, &user_id, "userId")?, read_string(env, &permission, "permission")?);
        scope_of(env, handle, &scope)?.rbac()?.require_permission(&user_id, &permission)
    })
}
