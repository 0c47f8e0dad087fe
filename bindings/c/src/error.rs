//! The one place where engine errors become C errors.

use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;

use shared_platform_core::{ErrorCode, PlatformError};

/// An error the caller can read after a call returned non-zero. All strings are NUL-terminated
/// UTF-8 owned by the error; release them with `sp_error_clear`.
#[repr(C)]
#[derive(Debug)]
pub struct SpError {
    /// Stable numeric code (see docs/errors.md); 0 when no error.
    pub code: u32,
    /// HTTP-equivalent status (400, 404, 429…).
    pub status: u16,
    /// Retry after this many milliseconds; 0 when not applicable.
    pub retry_after_ms: u64,
    /// The specification's error name, e.g. "PolicyNotFound".
    pub name: *mut c_char,
    /// The family, e.g. "NotFound".
    pub kind: *mut c_char,
    /// User-safe message.
    pub message: *mut c_char,
    /// The offending field or setting, or NULL.
    pub field: *mut c_char,
}

fn c_string(text: &str) -> *mut c_char {
    CString::new(text.replace('\0', "\u{fffd}")).map(CString::into_raw).unwrap_or(ptr::null_mut())
}

unsafe fn free_c_string(slot: &mut *mut c_char) {
    if !slot.is_null() {
        // SAFETY: every non-null string of an SpError comes from CString::into_raw in c_string.
        drop(unsafe { CString::from_raw(*slot) });
        *slot = ptr::null_mut();
    }
}

/// Writes `err` into the caller's error slot (if any) and returns its code.
pub(crate) fn report(out: *mut SpError, err: &PlatformError) -> u32 {
    if let Some(out) = unsafe { out.as_mut() } {
        // SAFETY: the caller passes a valid, initialised (zeroed or cleared) SpError.
        unsafe { sp_error_clear(out) };
        out.code = err.code().code();
        out.status = err.status();
        out.retry_after_ms = err.retry_after().map_or(0, |d| d.as_millis() as u64);
        out.name = c_string(err.code().name());
        out.kind = c_string(err.kind().name());
        out.message = c_string(err.user_message());
        out.field = err.field().map_or(ptr::null_mut(), c_string);
    }
    err.code().code()
}

/// Runs an FFI body: its error (or a caught panic, as `Internal`) is reported through `out`.
pub(crate) fn guard(out: *mut SpError, body: impl FnOnce() -> Result<(), PlatformError>) -> u32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => 0,
        Ok(Err(err)) => report(out, &err),
        Err(_) => {
            report(out, &PlatformError::new(ErrorCode::Internal, "internal error (panic caught at the C boundary)"))
        }
    }
}

/// Releases the strings of an error and zeroes it (NULL-safe; safe to call twice).
///
/// # Safety
/// `error` is NULL or points to an `SpError` filled by this library or zero-initialised.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_error_clear(error: *mut SpError) {
    let Some(error) = (unsafe { error.as_mut() }) else { return };
    for slot in [&mut error.name, &mut error.kind, &mut error.message, &mut error.field] {
        // SAFETY: see free_c_string.
        unsafe { free_c_string(slot) };
    }
    error.code = 0;
    error.status = 0;
    error.retry_after_ms = 0;
}
