//! C ABI of Shared Platform Core.
//!
//! Conventions (see include/shared_platform.h):
//! - Every fallible function returns `0` on success, or the error's stable numeric code, and fills
//!   the caller's [`SpError`] (clear it with [`sp_error_clear`]).
//! - Strings in are UTF-8 pointer + length (not NUL-terminated); invalid UTF-8 and null pointers are
//!   errors (`InvalidUtf8` 1105, `NullArgument` 1106), never crashes.
//! - Strings out are [`SpString`]s owned by the caller, freed with [`sp_string_free`].
//! - Handles are opaque, created by `*_new` and released by `*_free` (NULL-safe).
//! - A panic inside the engine is caught and becomes an `Internal` (1009) error.

mod authz;
mod error;
mod ffi;
mod ratelimit;
mod redaction;

pub use authz::{sp_authz_check, sp_authz_has_permission, sp_authz_require_permission};
pub use error::{SpError, sp_error_clear};
pub use ffi::{
    SpEngine, SpString, sp_call, sp_engine_close, sp_engine_free, sp_engine_new, sp_string_free, sp_version,
};
pub use ratelimit::{
    SP_ACTION_ALLOW, SP_ACTION_BYPASS, SP_ACTION_REJECT, SP_ACTION_THROTTLE, SP_ALGORITHM_FIXED_WINDOW,
    SP_ALGORITHM_SLIDING_WINDOW, SP_ALGORITHM_TOKEN_BUCKET, SP_POLICY_ID_SIZE, SP_POLICY_NAME_SIZE, SP_SCOPE_API_KEY,
    SP_SCOPE_ENDPOINT, SP_SCOPE_IP, SP_SCOPE_TENANT, SP_SCOPE_USER, SpHeader, SpRateLimitDecision, SpRateLimitRequest,
    SpStr, sp_ratelimit_check, sp_ratelimit_consume, sp_ratelimit_headers,
};
pub use redaction::sp_redact_text;
