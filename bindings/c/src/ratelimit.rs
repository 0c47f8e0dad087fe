//! The typed rate-limit hot path for C: a request struct of UTF-8 slices in, a decision struct
//! out (fixed layout, policy id and name inline), no JSON and no allocation the caller must free.

use std::ffi::c_char;

use shared_platform_core::ratelimit::{
    CompactDecision, RateLimitDecision, RateLimitRequest, RateLimiter, rate_limit_headers,
};
use shared_platform_core::{ErrorCode, PlatformError, api};

use crate::error::{SpError, guard};
use crate::ffi::{SpEngine, SpString, engine_ref, into_sp_string, utf8_arg};

/// Size of a decision's policy id buffer (bytes, with the NUL).
pub const SP_POLICY_ID_SIZE: usize = 64;
/// Size of a decision's policy name buffer (bytes, with the NUL): the engine's 256-byte name limit + 1.
pub const SP_POLICY_NAME_SIZE: usize = 257;

/// A UTF-8 string slice borrowed from the caller. `ptr` NULL with `len` 0 means "absent".
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SpStr {
    /// The bytes (not NUL-terminated), or NULL.
    pub ptr: *const u8,
    /// Number of bytes.
    pub len: usize,
}

/// One request header.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SpHeader {
    /// Header name (compared case-insensitively).
    pub name: SpStr,
    /// Header value.
    pub value: SpStr,
}

/// The context of one request. Absent optional fields are `{NULL, 0}`; `roles` and `headers` may
/// be NULL with a zero length.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SpRateLimitRequest {
    /// The endpoint path (required).
    pub endpoint: SpStr,
    /// The HTTP method (absent = "GET").
    pub method: SpStr,
    /// The user id.
    pub user: SpStr,
    /// The client IP.
    pub ip: SpStr,
    /// The API key.
    pub api_key: SpStr,
    /// The caller's roles.
    pub roles: *const SpStr,
    /// Number of roles.
    pub roles_len: usize,
    /// The subscription plan.
    pub plan: SpStr,
    /// The country code.
    pub country: SpStr,
    /// The user agent.
    pub user_agent: SpStr,
    /// Request headers.
    pub headers: *const SpHeader,
    /// Number of headers.
    pub headers_len: usize,
    /// The cost, used when `has_cost` is true (else the endpoint cost map, else 1).
    pub cost: i64,
    /// Whether `cost` is set.
    pub has_cost: bool,
}

/// The answer for one request. Optional numbers are -1 when absent; `action`, `scope` and
/// `algorithm` use the `SP_ACTION_*`, `SP_SCOPE_*` and `SP_ALGORITHM_*` codes (-1 = none).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct SpRateLimitDecision {
    /// Whether the request may proceed now.
    pub allowed: bool,
    /// What to do (`SP_ACTION_ALLOW`, `_BYPASS`, `_THROTTLE`, `_REJECT`).
    pub action: i32,
    /// The deciding limit (0 when no limit applies).
    pub limit: i64,
    /// Units left in it.
    pub remaining: i64,
    /// Units used in it.
    pub used: i64,
    /// When it resets, ms since the Unix epoch.
    pub reset_at_ms: i64,
    /// How long to wait before retrying, ms (-1 = none).
    pub retry_after_ms: i64,
    /// The deciding limit's scope code.
    pub scope: i32,
    /// The deciding limit's algorithm code.
    pub algorithm: i32,
    /// Burst units left (-1 = no burst allowance).
    pub burst_remaining: i64,
    /// The burst allowance (-1 = none).
    pub burst_total: i64,
    /// How long to wait before proceeding in throttle mode, ms (-1 = none).
    pub throttle_delay_ms: i64,
    /// The deciding limit's window in seconds (-1 = none).
    pub window_seconds: i64,
    /// The store could not decide; the configured failure mode did.
    pub degraded: bool,
    /// The deciding policy's id, NUL-terminated ("" when none).
    pub policy_id: [c_char; SP_POLICY_ID_SIZE],
    /// The deciding policy's name, NUL-terminated ("" when none).
    pub policy_name: [c_char; SP_POLICY_NAME_SIZE],
}

/// `SP_ACTION_ALLOW`: proceed (counted).
pub const SP_ACTION_ALLOW: i32 = 0;
/// `SP_ACTION_BYPASS`: proceed, a bypass rule exempts the request.
pub const SP_ACTION_BYPASS: i32 = 1;
/// `SP_ACTION_THROTTLE`: wait `throttle_delay_ms`, then ask again.
pub const SP_ACTION_THROTTLE: i32 = 2;
/// `SP_ACTION_REJECT`: refuse (HTTP 429).
pub const SP_ACTION_REJECT: i32 = 3;

/// `SP_SCOPE_ENDPOINT`: the limit counts per endpoint.
pub const SP_SCOPE_ENDPOINT: i32 = 0;
/// `SP_SCOPE_USER`: per user.
pub const SP_SCOPE_USER: i32 = 1;
/// `SP_SCOPE_TENANT`: per tenant.
pub const SP_SCOPE_TENANT: i32 = 2;
/// `SP_SCOPE_IP`: per client IP.
pub const SP_SCOPE_IP: i32 = 3;
/// `SP_SCOPE_API_KEY`: per API key.
pub const SP_SCOPE_API_KEY: i32 = 4;
/// `SP_ALGORITHM_SLIDING_WINDOW`: weighted window counter.
pub const SP_ALGORITHM_SLIDING_WINDOW: i32 = 0;
/// `SP_ALGORITHM_TOKEN_BUCKET`: continuous refill.
pub const SP_ALGORITHM_TOKEN_BUCKET: i32 = 1;
/// `SP_ALGORITHM_FIXED_WINDOW`: one counter per aligned window.
pub const SP_ALGORITHM_FIXED_WINDOW: i32 = 2;

fn optional<'a>(value: SpStr, name: &str) -> Result<Option<&'a str>, PlatformError> {
    if value.ptr.is_null() && value.len == 0 { Ok(None) } else { utf8_arg(value.ptr, value.len, name).map(Some) }
}

fn slice<'a, T>(ptr: *const T, len: usize, name: &str) -> Result<&'a [T], PlatformError> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(PlatformError::invalid(ErrorCode::NullArgument, name, "is NULL with a non-zero length"));
    }
    // SAFETY: the caller guarantees `ptr` points to `len` readable elements for the call.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

fn copy_text<const N: usize>(target: &mut [c_char; N], text: Option<&str>) {
    let text = text.unwrap_or("");
    let mut end = text.len().min(N - 1);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for (slot, byte) in target.iter_mut().zip(&text.as_bytes()[..end]) {
        *slot = *byte as c_char;
    }
    target[end] = 0;
}

fn fill(out: &mut SpRateLimitDecision, d: &RateLimitDecision) {
    let n = CompactDecision::from_decision(d).0;
    out.allowed = d.allowed;
    out.action = n[CompactDecision::ACTION] as i32;
    out.limit = d.limit;
    out.remaining = d.remaining;
    out.used = d.used;
    out.reset_at_ms = n[CompactDecision::RESET_AT_MS];
    out.retry_after_ms = n[CompactDecision::RETRY_AFTER_MS];
    out.scope = n[CompactDecision::SCOPE] as i32;
    out.algorithm = n[CompactDecision::ALGORITHM] as i32;
    out.burst_remaining = n[CompactDecision::BURST_REMAINING];
    out.burst_total = n[CompactDecision::BURST_TOTAL];
    out.throttle_delay_ms = n[CompactDecision::THROTTLE_DELAY_MS];
    out.window_seconds = n[CompactDecision::WINDOW_SECONDS];
    out.degraded = d.degraded;
    copy_text(&mut out.policy_id, d.policy_id());
    copy_text(&mut out.policy_name, d.policy_name());
}

fn to_compact(d: &SpRateLimitDecision) -> CompactDecision {
    let mut n = [0i64; CompactDecision::LEN];
    n[CompactDecision::ALLOWED] = i64::from(d.allowed);
    n[CompactDecision::ACTION] = i64::from(d.action);
    n[CompactDecision::LIMIT] = d.limit;
    n[CompactDecision::REMAINING] = d.remaining;
    n[CompactDecision::USED] = d.used;
    n[CompactDecision::RESET_AT_MS] = d.reset_at_ms;
    n[CompactDecision::RETRY_AFTER_MS] = d.retry_after_ms;
    n[CompactDecision::SCOPE] = i64::from(d.scope);
    n[CompactDecision::ALGORITHM] = i64::from(d.algorithm);
    n[CompactDecision::BURST_REMAINING] = d.burst_remaining;
    n[CompactDecision::BURST_TOTAL] = d.burst_total;
    n[CompactDecision::THROTTLE_DELAY_MS] = d.throttle_delay_ms;
    n[CompactDecision::WINDOW_SECONDS] = d.window_seconds;
    n[CompactDecision::DEGRADED] = i64::from(d.degraded);
    CompactDecision(n)
}

/// Reads the request and runs `f` on it with the scope's limiter.
fn with_request<R>(
    engine: *const SpEngine,
    scope: SpStr,
    request: *const SpRateLimitRequest,
    f: impl FnOnce(&RateLimiter, &RateLimitRequest<'_>) -> Result<R, PlatformError>,
) -> Result<R, PlatformError> {
    let engine = engine_ref(engine)?;
    // SAFETY: the caller passes NULL or a valid request for the duration of the call.
    let r = unsafe { request.as_ref() }
        .ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "request", "is NULL"))?;
    let scope = utf8_arg(scope.ptr, scope.len, "scope")?;
    let roles = slice(r.roles, r.roles_len, "roles")?
        .iter()
        .map(|role| utf8_arg(role.ptr, role.len, "roles"))
        .collect::<Result<Vec<_>, _>>()?;
    let headers = slice(r.headers, r.headers_len, "headers")?
        .iter()
        .map(|h| Ok((utf8_arg(h.name.ptr, h.name.len, "headers")?, utf8_arg(h.value.ptr, h.value.len, "headers")?)))
        .collect::<Result<Vec<_>, PlatformError>>()?;
    let request = RateLimitRequest {
        endpoint: utf8_arg(r.endpoint.ptr, r.endpoint.len, "endpoint")?,
        method: optional(r.method, "method")?.unwrap_or("GET"),
        user: optional(r.user, "user")?,
        ip: optional(r.ip, "ip")?,
        api_key: optional(r.api_key, "api_key")?,
        roles: &roles,
        plan: optional(r.plan, "plan")?,
        country: optional(r.country, "country")?,
        user_agent: optional(r.user_agent, "user_agent")?,
        headers: &headers,
        cost: r.has_cost.then_some(r.cost),
    };
    let limiter = api::scope_for(engine, scope)?.ratelimit()?;
    f(&limiter, &request)
}

fn decide(
    engine: *const SpEngine,
    scope: SpStr,
    request: *const SpRateLimitRequest,
    out: *mut SpRateLimitDecision,
    commit: bool,
) -> Result<(), PlatformError> {
    // SAFETY: the caller passes NULL or a valid, writable decision.
    let out =
        unsafe { out.as_mut() }.ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "out", "is NULL"))?;
    let decision =
        with_request(engine, scope, request, |limiter, r| if commit { limiter.consume(r) } else { limiter.check(r) })?;
    fill(out, &decision);
    Ok(())
}

/// Counts a request against every matching limit of `scope` (a tenant id, or "*") and fills
/// `out`. A refusal is not an error: check `out->allowed` / `out->action`.
///
/// # Safety
/// `engine` is a live handle; `scope` and every slice in `request` are readable UTF-8 (or
/// absent); `out` is writable; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_ratelimit_consume(
    engine: *const SpEngine,
    scope: SpStr,
    request: *const SpRateLimitRequest,
    out: *mut SpRateLimitDecision,
    error: *mut SpError,
) -> u32 {
    guard(error, || decide(engine, scope, request, out, true))
}

/// The decision the request would get, without counting it (read-only).
///
/// # Safety
/// As [`sp_ratelimit_consume`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_ratelimit_check(
    engine: *const SpEngine,
    scope: SpStr,
    request: *const SpRateLimitRequest,
    out: *mut SpRateLimitDecision,
    error: *mut SpError,
) -> u32 {
    guard(error, || decide(engine, scope, request, out, false))
}

/// The HTTP response headers of a decision as `Name: value` lines separated by "\r\n"
/// (X-RateLimit-*, IETF RateLimit / RateLimit-Policy, Retry-After when refused), written to `out`
/// (free with `sp_string_free`). Relative times use the engine clock.
///
/// # Safety
/// `engine` is a live handle; `decision` is a valid decision filled by this library; `out` is
/// writable; `error` is NULL or a valid `SpError`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn sp_ratelimit_headers(
    engine: *const SpEngine,
    decision: *const SpRateLimitDecision,
    out: *mut SpString,
    error: *mut SpError,
) -> u32 {
    guard(error, || {
        let engine = engine_ref(engine)?;
        // SAFETY: the caller passes NULL or valid pointers.
        let decision = unsafe { decision.as_ref() }
            .ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "decision", "is NULL"))?;
        let out =
            unsafe { out.as_mut() }.ok_or_else(|| PlatformError::invalid(ErrorCode::NullArgument, "out", "is NULL"))?;
        let name = c_text(&decision.policy_name);
        let restored = to_compact(decision).to_decision(None, (!name.is_empty()).then_some(name.as_str()));
        let lines: Vec<String> =
            rate_limit_headers(&restored, engine.now()).into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
        *out = into_sp_string(lines.join("\r\n"));
        Ok(())
    })
}

/// The text of a NUL-terminated inline buffer (lossy: the library wrote valid UTF-8).
fn c_text<const N: usize>(buffer: &[c_char; N]) -> String {
    let bytes: Vec<u8> = buffer.iter().take_while(|c| **c != 0).map(|c| *c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
