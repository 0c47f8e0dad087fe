//! Rate-limit response headers: the legacy `X-RateLimit-*` set with `Retry-After`, and the IETF
//! httpapi `RateLimit` / `RateLimit-Policy` structured fields (draft-ietf-httpapi-ratelimit-headers);
//! and a parser for both that never fails.

use super::models::RateLimitInfo;
use super::request::{DecisionAction, RateLimitDecision};
use crate::clock::Timestamp;

/// The response headers of a decision (none when no limit applied).
///
/// ```
/// use shared_platform_core::Timestamp;
/// use shared_platform_core::ratelimit::{DecisionAction, RateLimitDecision, rate_limit_headers};
/// let mut d = RateLimitDecision::unlimited(Timestamp::from_secs(100), DecisionAction::Allow);
/// d.limit = 10;
/// d.remaining = 4;
/// d.reset_at = Timestamp::from_secs(160);
/// let h = rate_limit_headers(&d, Timestamp::from_secs(100));
/// assert!(h.contains(&("X-RateLimit-Remaining", "4".to_owned())));
/// assert!(h.contains(&("RateLimit", "\"default\";r=4;t=60".to_owned())));
/// ```
pub fn rate_limit_headers(decision: &RateLimitDecision, now: Timestamp) -> Vec<(&'static str, String)> {
    if decision.limit == 0 {
        return Vec::new();
    }
    let reset_in = ceil_secs((decision.reset_at.as_millis() - now.as_millis()).max(0));
    let policy = decision.policy_name().unwrap_or("default");
    let token = sf_string(policy);
    let mut out = vec![
        ("X-RateLimit-Limit", decision.limit.to_string()),
        ("X-RateLimit-Remaining", decision.remaining.to_string()),
        ("X-RateLimit-Reset", ceil_secs(decision.reset_at.as_millis()).to_string()),
        ("X-RateLimit-Policy", policy.to_owned()),
        ("RateLimit", format!("{token};r={};t={reset_in}", decision.remaining)),
    ];
    let mut policy_field = format!("{token};q={}", decision.limit);
    if let Some(window) = decision.window_seconds {
        policy_field.push_str(&format!(";w={window}"));
    }
    out.push(("RateLimit-Policy", policy_field));
    if matches!(decision.action, DecisionAction::Reject | DecisionAction::Throttle) {
        if let Some(after) = decision.retry_after_seconds() {
            out.push(("Retry-After", after.to_string()));
        }
    }
    out
}

/// A structured-field string (`"name"`, quotes and backslashes escaped, non-ASCII dropped).
fn sf_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars().filter(|c| c.is_ascii() && !c.is_ascii_control()) {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Reads rate-limit headers (names case-insensitive): `X-RateLimit-*`, `Retry-After` (seconds)
/// and the IETF `RateLimit` / `RateLimit-Policy` fields (structured or `limit=, remaining=,
/// reset=` drafts). Relative resets are resolved against `now`. Missing or malformed fields
/// come back `None`; this never fails.
///
/// ```
/// use shared_platform_core::Timestamp;
/// use shared_platform_core::ratelimit::parse_rate_limit_headers;
/// let info = parse_rate_limit_headers([("x-ratelimit-limit", "100"), ("X-RATELIMIT-REMAINING", "oops")], Timestamp::EPOCH);
/// assert_eq!(info.limit, Some(100));
/// assert_eq!(info.remaining, None);
/// ```
pub fn parse_rate_limit_headers<K: AsRef<str>, V: AsRef<str>>(
    headers: impl IntoIterator<Item = (K, V)>,
    now: Timestamp,
) -> RateLimitInfo {
    let mut info = RateLimitInfo::default();
    let (mut ietf_remaining, mut ietf_reset, mut ietf_limit, mut ietf_policy) = (None, None, None, None);
    for (name, value) in headers {
        let (name, value) = (name.as_ref().trim(), value.as_ref().trim());
        match name.to_ascii_lowercase().as_str() {
            "x-ratelimit-limit" => info.limit = int(value),
            "x-ratelimit-remaining" => info.remaining = int(value),
            "x-ratelimit-reset" => info.reset_at = int(value).map(Timestamp::from_secs),
            "x-ratelimit-policy" => info.policy = Some(value.to_owned()).filter(|v| !v.is_empty()),
            "retry-after" => info.retry_after = int(value),
            "ratelimit" => {
                let (name, params) = structured(value);
                ietf_policy = ietf_policy.or(name);
                ietf_remaining = param(&params, &["r", "remaining"]);
                ietf_reset = param(&params, &["t", "reset"]);
                ietf_limit = ietf_limit.or(param(&params, &["limit"]));
            }
            "ratelimit-policy" => {
                let (name, params) = structured(value);
                ietf_policy = name.or(ietf_policy);
                ietf_limit = param(&params, &["q"]).or(ietf_limit);
            }
            _ => {}
        }
    }
    info.limit = info.limit.or(ietf_limit);
    info.remaining = info.remaining.or(ietf_remaining);
    info.reset_at = info.reset_at.or(ietf_reset.map(|t| Timestamp::from_secs(now.as_secs().saturating_add(t))));
    info.policy = info.policy.or(ietf_policy);
    info
}

fn ceil_secs(ms: i64) -> i64 {
    ms.div_euclid(1000) + i64::from(ms.rem_euclid(1000) > 0)
}

fn int(value: &str) -> Option<i64> {
    value.parse::<i64>().ok().filter(|v| *v >= 0)
}

/// `"name";k=v;k=v` or `k=v, k=v` → (name, params).
fn structured(value: &str) -> (Option<String>, Vec<(String, String)>) {
    let first = value.split(',').next().unwrap_or("");
    let mut name = None;
    let mut params = Vec::new();
    let parts = if first.contains(';') { first.split(';').collect::<Vec<_>>() } else { value.split(',').collect() };
    for part in parts {
        let part = part.trim();
        if let Some(quoted) = part.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
            name = Some(quoted.replace("\\\"", "\"").replace("\\\\", "\\"));
        } else if let Some((k, v)) = part.split_once('=') {
            params.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    (name, params)
}

fn param(params: &[(String, String)], keys: &[&str]) -> Option<i64> {
    params.iter().find(|(k, _)| keys.contains(&k.as_str())).and_then(|(_, v)| int(v))
}
