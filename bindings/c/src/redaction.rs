//! The typed redaction hot path for C: the scope and the text as UTF-8 slices in, the redacted
//! text out as an `SpString` (free with `sp_string_free`). No JSON.

use shared_platform_core::{ErrorCode, PlatformError, api};

use crate::error::{SpError, guard};
use crate::ffi::{SpEngine, SpString, engine_ref, into_sp_string, utf8_arg};
use crate::ratelimit::SpStr;

/// Redacts `text` with the policy of `scope` (a tenant id, or "*" for the platform) and writes
/// the redacted text to `out` (always a new string, free it with `sp_string_free`). Invalid UTF-8
/// is an `InvalidUtf8` (1105) error, input over the policy's limit `InputTooLarge` (6003).
///
/// # Safety
/// `engine` is a live handle; `scope` and `text` are readable for their lengths; `out` is
/// writable; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_redact_text(
    engine: *const SpEngine,
    scope: SpStr,
    text: SpStr,
    out: *mut SpString,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        let engine = engine_ref(engine)?;
        // SAFETY: the caller passes NULL or a writable pointer.
        let out =
            unsafe { out.as_mut() }.ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "out", "is NULL"))?;
        let scope = utf8_arg(scope.ptr, scope.len, "scope")?;
        let text = utf8_arg(text.ptr, text.len, "text")?;
        let redacted = api::scope_for(engine, scope)?.redaction()?.redact_text(text)?;
        *out = into_sp_string(redacted.into_owned());
        Ok(())
    })
}
