//! JNI library behind `com.platform.sdk.NativeBridge`. Each entry point is a thin shim: it
//! converts arguments, calls the core, converts the result, and turns errors (and caught panics)
//! into the Java exception classes through one function, [`throw`]. Handles are
//! `Box<Engine>` pointers owned by the Java `Engine`, which frees them exactly once under a lock.

mod authz;
mod ratelimit;
mod redaction;

use std::panic::{AssertUnwindSafe, catch_unwind};

use jni::JNIEnv;
use jni::objects::{JClass, JObject, JString, JThrowable, JValue};
use jni::sys::{jboolean, jlong, jstring};
use shared_platform_core::{Engine, EngineOptions, ErrorCode, PlatformError, api};

const ERRORS_CLASS: &str = "com/platform/sdk/errors/Errors";
const CREATE_SIG: &str =
    "(ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;J)Lcom/platform/sdk/errors/PlatformException;";

/// Throws the Java exception of an engine error (falls back to RuntimeException if the error
/// classes cannot be reached).
fn throw(env: &mut JNIEnv<'_>, err: &PlatformError) {
    let thrown = build_exception(env, err).and_then(|exception| env.throw(exception));
    if thrown.is_err() {
        let _ = env.exception_clear();
        let _ = env.throw_new("java/lang/RuntimeException", err.to_string());
    }
}

fn build_exception<'l>(env: &mut JNIEnv<'l>, err: &PlatformError) -> jni::errors::Result<JThrowable<'l>> {
    let message = env.new_string(err.user_message())?;
    let detail = optional_string(env, err.detail())?;
    let field = optional_string(env, err.field())?;
    let retry_after_ms = err.retry_after().map_or(-1, |d| d.as_millis() as i64);
    let args = [
        JValue::Int(err.code().code() as i32),
        JValue::Object(&message),
        JValue::Object(&detail),
        JValue::Object(&field),
        JValue::Long(retry_after_ms),
    ];
    let exception = env.call_static_method(ERRORS_CLASS, "create", CREATE_SIG, &args)?.l()?;
    Ok(JThrowable::from(exception))
}

fn optional_string<'l>(env: &mut JNIEnv<'l>, text: Option<&str>) -> jni::errors::Result<JObject<'l>> {
    match text {
        Some(text) => Ok(env.new_string(text)?.into()),
        None => Ok(JObject::null()),
    }
}

/// Runs an entry point body; errors and panics become Java exceptions and `fallback` is returned.
fn guard<'l, T>(
    env: &mut JNIEnv<'l>,
    fallback: T,
    body: impl FnOnce(&mut JNIEnv<'l>) -> Result<T, PlatformError>,
) -> T {
    match catch_unwind(AssertUnwindSafe(|| body(env))) {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => {
            throw(env, &err);
            fallback
        }
        Err(_) => {
            throw(env, &PlatformError::new(ErrorCode::Internal, "internal error (panic caught at the JNI boundary)"));
            fallback
        }
    }
}

fn read_string(env: &mut JNIEnv<'_>, value: &JString<'_>, name: &str) -> Result<String, PlatformError> {
    if value.is_null() {
        return Err(PlatformError::invalid(ErrorCode::NullArgument, name, "is null"));
    }
    env.get_string(value)
        .map(Into::into)
        .map_err(|e| PlatformError::invalid(ErrorCode::InvalidUtf8, name, e.to_string()))
}

fn engine<'a>(handle: jlong) -> Result<&'a Engine, PlatformError> {
    if handle == 0 {
        return Err(PlatformError::new(ErrorCode::EngineClosed, "the engine is closed"));
    }
    // SAFETY: non-zero handles come from Box::into_raw in engineNew; the Java side frees a handle
    // once, under a write lock that excludes every call in progress, and zeroes it.
    Ok(unsafe { &*(handle as *const Engine) })
}

fn parse_json(text: &str, field: &str) -> Result<serde_json::Value, PlatformError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(text).map_err(|e| PlatformError::validation(field, format!("invalid JSON: {e}")))
}

/// `static native long engineNew(String optionsJson)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_engineNew<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    options_json: JString<'l>,
) -> jlong {
    guard(&mut env, 0, |env| {
        let options = parse_json(&read_string(env, &options_json, "options")?, "options")?;
        let options: EngineOptions =
            if options.is_null() { EngineOptions::default() } else { api::parse_args(options)? };
        let engine = Engine::new(options.into_config()?)?;
        Ok(Box::into_raw(Box::new(engine)) as jlong)
    })
}

/// `static native String call(long handle, String scope, String method, String argsJson)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_call<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    method: JString<'l>,
    args_json: JString<'l>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let engine = engine(handle)?;
        let scope = read_string(env, &scope, "scope")?;
        let method = read_string(env, &method, "method")?;
        let args = parse_json(&read_string(env, &args_json, "args")?, "args")?;
        let result = api::call(engine, &scope, &method, args)?.to_string();
        env.new_string(result).map(JString::into_raw).map_err(|e| PlatformError::internal(e.to_string()))
    })
}

/// `static native void checkTenant(long handle, String tenantId)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_checkTenant<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    tenant_id: JString<'l>,
) {
    guard(&mut env, (), |env| {
        let tenant_id = read_string(env, &tenant_id, "tenant_id")?;
        engine(handle)?.tenant(&tenant_id).map(|_| ())
    })
}

/// `static native void close(long handle)`: idempotent.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_close<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) {
    guard(&mut env, (), |_| if handle == 0 { Ok(()) } else { engine(handle)?.close() })
}

/// `static native boolean isClosed(long handle)`
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_isClosed<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) -> jboolean {
    guard(&mut env, 1, |_| Ok(if handle == 0 || engine(handle)?.is_closed() { 1 } else { 0 }))
}

/// `static native void free(long handle)`: releases the handle (the Java side calls it once).
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_NativeBridge_free<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) {
    guard(&mut env, (), |_| {
        if handle != 0 {
            // SAFETY: see `engine`; the Java side passes each handle to free exactly once.
            let engine = unsafe { Box::from_raw(handle as *mut Engine) };
            engine.close()?;
        }
        Ok(())
    })
}
