//! Engine handles and the JSON management call.

use std::ffi::c_char;
use std::ptr;

use shared_platform_core::{Engine, EngineOptions, ErrorCode, PlatformError, api};

use crate::error::{SpError, guard};

/// An engine handle (opaque). Create with `sp_engine_new`, release with `sp_engine_free`.
pub struct SpEngine {
    engine: Engine,
}

/// A UTF-8 string owned by the caller (not NUL-terminated in `len`, but a NUL follows the bytes
/// for convenience). Release with `sp_string_free`.
#[repr(C)]
#[derive(Debug)]
pub struct SpString {
    /// The bytes, or NULL.
    pub ptr: *mut c_char,
    /// Number of bytes, without the trailing NUL.
    pub len: usize,
}

/// Reads a UTF-8 argument given as pointer + length.
pub(crate) fn utf8_arg<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, PlatformError> {
    if ptr.is_null() {
        if len == 0 {
            return Ok("");
        }
        return Err(PlatformError::invalid(ErrorCode::NullArgument, name, "is NULL"));
    }
    // SAFETY: the caller guarantees `ptr` points to `len` readable bytes that outlive the call.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).map_err(|e| PlatformError::invalid(ErrorCode::InvalidUtf8, name, e.to_string()))
}

fn json_arg(ptr: *const u8, len: usize, name: &str) -> Result<serde_json::Value, PlatformError> {
    let text = utf8_arg(ptr, len, name)?;
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(text)
        .map_err(|e| PlatformError::invalid(ErrorCode::Validation, name, format!("invalid JSON: {e}")))
}

pub(crate) fn engine_ref<'a>(engine: *const SpEngine) -> Result<&'a Engine, PlatformError> {
    // SAFETY: the caller passes NULL or a handle from sp_engine_new that was not freed.
    unsafe { engine.as_ref() }
        .map(|handle| &handle.engine)
        .ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "engine", "is NULL"))
}

pub(crate) fn into_sp_string(text: String) -> SpString {
    let mut bytes = text.into_bytes();
    let len = bytes.len();
    bytes.push(0);
    let boxed = bytes.into_boxed_slice();
    SpString { ptr: Box::into_raw(boxed) as *mut c_char, len }
}

/// Creates an engine. `options_json` (may be NULL with length 0 for the zero-config default) is a
/// JSON object: `database` (":memory:" or a SQLite path), `redb_path`, `kv_shards`, `kv_max_keys`,
/// `redis_url`, `worker_threads`, `manual_clock` (RFC 3339 start time of a manual clock).
///
/// # Safety
/// `options_json` points to `options_len` readable bytes (or is NULL with length 0); `out` is a
/// valid pointer; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_engine_new(
    options_json: *const u8,
    options_len: usize,
    out: *mut *mut SpEngine,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        if out.is_null() {
            return Err(PlatformError::invalid(ErrorCode::NullArgument, "out", "is NULL"));
        }
        let options = json_arg(options_json, options_len, "options_json")?;
        let options: EngineOptions =
            if options.is_null() { EngineOptions::default() } else { api::parse_args(options)? };
        let engine = Engine::new(options.into_config()?)?;
        // SAFETY: checked non-null above.
        unsafe { *out = Box::into_raw(Box::new(SpEngine { engine })) };
        Ok(())
    })
}

/// Closes an engine: background work stops and later calls fail with `EngineClosed` (1102).
/// Idempotent. The handle must still be released with `sp_engine_free`.
///
/// # Safety
/// `engine` is NULL or a live handle; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_engine_close(engine: *const SpEngine, error: *mut SpError) -> u32 {
    guard(error, || engine_ref(engine)?.close())
}

/// Releases an engine handle (closing it first). NULL-safe.
///
/// # Safety
/// `engine` is NULL or a handle from `sp_engine_new` not yet freed; it must not be used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_engine_free(engine: *mut SpEngine) {
    if engine.is_null() {
        return;
    }
    // SAFETY: the handle came from Box::into_raw in sp_engine_new and is freed once.
    let handle = unsafe { Box::from_raw(engine) };
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle.engine.close()));
}

/// Runs a management call: `method` (e.g. "audit.list") in `scope` (a tenant id, or "*" for the
/// platform) with JSON `args`; the JSON result is written to `out`.
///
/// # Safety
/// Each pointer/length pair is readable (or NULL with length 0); `out` is valid; `error` is NULL
/// or a valid `SpError`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn sp_call(
    engine: *const SpEngine,
    scope: *const u8,
    scope_len: usize,
    method: *const u8,
    method_len: usize,
    args_json: *const u8,
    args_len: usize,
    out: *mut SpString,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        if out.is_null() {
            return Err(PlatformError::invalid(ErrorCode::NullArgument, "out", "is NULL"));
        }
        let engine = engine_ref(engine)?;
        let scope = utf8_arg(scope, scope_len, "scope")?;
        let method = utf8_arg(method, method_len, "method")?;
        let args = json_arg(args_json, args_len, "args_json")?;
        let result = api::call(engine, scope, method, args)?;
        // SAFETY: checked non-null above.
        unsafe { *out = into_sp_string(result.to_string()) };
        Ok(())
    })
}

/// Releases a string returned by this library and zeroes it. NULL-safe; safe to call twice.
///
/// # Safety
/// `string` is NULL or points to an `SpString` filled by this library (or zeroed).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_string_free(string: *mut SpString) {
    let Some(string) = (unsafe { string.as_mut() }) else { return };
    if !string.ptr.is_null() {
        // SAFETY: ptr/len+1 describe the boxed slice made in into_sp_string.
        drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(string.ptr as *mut u8, string.len + 1)) });
    }
    string.ptr = ptr::null_mut();
    string.len = 0;
}

/// The library version, a static NUL-terminated string.
#[unsafe(no_mangle)]
pub extern "C" fn sp_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}
