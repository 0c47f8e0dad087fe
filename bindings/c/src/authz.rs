//! The typed authorization hot path for C: UTF-8 slices in, a `bool` out, no JSON. Everything
//! else (models, tuples, queries, roles) goes through `sp_call` with `authz.*` methods.

use shared_platform_core::authz::CheckRequest;
use shared_platform_core::{ErrorCode, PlatformError, TenantScope, api};

use crate::error::{SpError, guard};
use crate::ffi::{SpEngine, engine_ref, utf8_arg};
use crate::ratelimit::SpStr;

fn text<'a>(value: SpStr, name: &str) -> Result<&'a str, PlatformError> {
    utf8_arg(value.ptr, value.len, name)
}

fn scope_of(engine: *const SpEngine, scope: SpStr) -> Result<TenantScope, PlatformError> {
    api::scope_for(engine_ref(engine)?, text(scope, "scope")?)
}

fn write_bool(out: *mut bool, value: bool) -> Result<(), PlatformError> {
    // SAFETY: the caller passes NULL or a valid, writable bool.
    let out =
        unsafe { out.as_mut() }.ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "allowed", "is NULL"))?;
    *out = value;
    Ok(())
}

/// Does `user` (`user:anne`, `group:eng#member`) have `relation` on `object` (`document:1`) in
/// `scope` (a tenant id, or "*")? Writes the answer to `*allowed`; a denial is not an error.
///
/// # Safety
/// `engine` is a live handle; every slice is readable UTF-8; `allowed` is writable; `error` is
/// NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_authz_check(
    engine: *const SpEngine,
    scope: SpStr,
    user: SpStr,
    relation: SpStr,
    object: SpStr,
    allowed: *mut bool,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        let request = CheckRequest::new(text(user, "user")?, text(relation, "relation")?, text(object, "object")?);
        let answer = scope_of(engine, scope)?.authz()?.check(&request)?.allowed;
        write_bool(allowed, answer)
    })
}

/// Does the user hold the permission (`resource:action`, e.g. `notifications:read`) through any
/// of their roles in `scope`? Writes the answer to `*allowed`.
///
/// # Safety
/// As [`sp_authz_check`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_authz_has_permission(
    engine: *const SpEngine,
    scope: SpStr,
    user_id: SpStr,
    permission: SpStr,
    allowed: *mut bool,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        let rbac = scope_of(engine, scope)?.rbac()?;
        write_bool(allowed, rbac.has_permission(text(user_id, "user_id")?, text(permission, "permission")?)?)
    })
}

/// Like [`sp_authz_has_permission`], but a missing permission is the error `Authorization` (1002).
///
/// # Safety
/// `engine` is a live handle; every slice is readable UTF-8; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_authz_require_permission(
    engine: *const SpEngine,
    scope: SpStr,
    user_id: SpStr,
    permission: SpStr,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        scope_of(engine, scope)?.rbac()?.require_permission(text(user_id, "user_id")?, text(permission, "permission")?)
    })
}
