//! Validation of management input and compilation of its matchers (globs, CIDR ranges,
//! dimensions). Every failure is a typed error naming the offending field.

use std::net::IpAddr;

use globset::{GlobBuilder, GlobMatcher};
use ipnet::IpNet;

use super::algorithm::{LimitSpec, MAX_CAPACITY, MAX_WINDOW_MS};
use super::models::{
    BurstConfig, ConditionField, ConditionOperator, RateLimit, RateLimitAlgorithm, RateLimitScope, RuleCondition,
    RuleTarget, RuleTargetType, ThrottleConfig, ThrottleMode, TokenBucketConfig,
};
use crate::error::{ErrorCode, PlatformError, Result};

/// Longest name, reason or identifier accepted.
pub const MAX_TEXT_LEN: usize = 256;

/// One dimension of a key, read from the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dimension {
    /// The tenant (always present: the scope).
    Tenant,
    /// The user.
    User,
    /// The client IP.
    Ip,
    /// The API key.
    ApiKey,
    /// The endpoint path.
    Endpoint,
    /// The HTTP method.
    Method,
    /// The plan.
    Plan,
    /// The country.
    Country,
    /// The first role.
    Role,
    /// A header value (lower-case name).
    Header(String),
}

pub(crate) fn text(field: &str, value: &str, allow_empty: bool) -> Result<()> {
    if (!allow_empty && value.trim().is_empty()) || value.len() > MAX_TEXT_LEN {
        return Err(PlatformError::validation(field, format!("must be 1 to {MAX_TEXT_LEN} characters")));
    }
    Ok(())
}

/// Compiles a path glob: `*` matches one segment, `**` any number, `?` one character.
pub fn glob(field: &str, pattern: &str) -> Result<GlobMatcher> {
    if pattern.is_empty() || pattern.len() > MAX_TEXT_LEN || !pattern.starts_with(['/', '*']) {
        return Err(PlatformError::invalid(
            ErrorCode::InvalidPathPattern,
            field,
            "must start with '/' or '*' and be at most 256 characters",
        ));
    }
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map(|g| g.compile_matcher())
        .map_err(|e| PlatformError::invalid(ErrorCode::InvalidPathPattern, field, e.kind().to_string()))
}

/// Parses an IP address or CIDR range (a plain address is a /32 or /128 range).
pub fn ip_range(field: &str, value: &str) -> Result<IpNet> {
    let parsed = value.parse::<IpNet>().or_else(|_| value.parse::<IpAddr>().map(IpNet::from));
    parsed.map_err(|_| PlatformError::validation(field, "must be an IP address or a CIDR range"))
}

/// Normalises an HTTP method (`"*"` or a token of letters, upper-cased).
pub fn method(field: &str, value: &str) -> Result<String> {
    if value == "*" || (!value.is_empty() && value.len() <= 16 && value.bytes().all(|b| b.is_ascii_alphabetic())) {
        return Ok(value.to_ascii_uppercase());
    }
    Err(PlatformError::validation(field, "must be an HTTP method (GET, POST…) or '*'"))
}

/// Parses composite key dimensions.
pub fn dimensions(field: &str, names: &[String]) -> Result<Vec<Dimension>> {
    let bad = |msg: String| PlatformError::invalid(ErrorCode::InvalidCompositeKey, field, msg);
    if names.is_empty() || names.len() > 8 {
        return Err(bad("must name 1 to 8 dimensions".to_owned()));
    }
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let dim = match name.as_str() {
            "tenant" => Dimension::Tenant,
            "user" => Dimension::User,
            "ip" => Dimension::Ip,
            "api_key" => Dimension::ApiKey,
            "endpoint" => Dimension::Endpoint,
            "method" => Dimension::Method,
            "plan" => Dimension::Plan,
            "country" => Dimension::Country,
            "role" => Dimension::Role,
            other => match other.strip_prefix("header:") {
                Some(h) if !h.is_empty() && h.len() <= 64 => Dimension::Header(h.to_ascii_lowercase()),
                _ => return Err(bad(format!("unknown dimension '{other}'"))),
            },
        };
        if out.contains(&dim) {
            return Err(bad(format!("dimension '{name}' is repeated")));
        }
        out.push(dim);
    }
    Ok(out)
}

/// The dimensions a limit is keyed by: its composite key, or its scope's single dimension.
pub fn limit_dimensions(field: &str, limit: &RateLimit) -> Result<Vec<Dimension>> {
    if let Some(key) = &limit.key {
        return dimensions(&format!("{field}.key.dimensions"), &key.dimensions);
    }
    Ok(match limit.scope {
        RateLimitScope::Endpoint => vec![Dimension::Endpoint, Dimension::Method],
        RateLimitScope::User => vec![Dimension::User],
        RateLimitScope::Tenant => vec![],
        RateLimitScope::Ip => vec![Dimension::Ip],
        RateLimitScope::ApiKey => vec![Dimension::ApiKey],
    })
}

fn seconds_to_ms(field: &str, seconds: i64) -> Result<i64> {
    if !(1..=MAX_WINDOW_MS / 1000).contains(&seconds) {
        return Err(PlatformError::validation(
            field,
            format!("must be between 1 and {} seconds", MAX_WINDOW_MS / 1000),
        ));
    }
    Ok(seconds * 1000)
}

/// The algorithm spec of one limit of a policy.
pub fn limit_spec(
    field: &str,
    limit: &RateLimit,
    algorithm: RateLimitAlgorithm,
    bucket: Option<&TokenBucketConfig>,
) -> Result<LimitSpec> {
    let named = |e: PlatformError| match e.field() {
        Some(f) if !f.contains('.') => {
            let (code, field) = (e.code(), format!("{field}.{f}"));
            e.reframed(code, field)
        }
        _ => e,
    };
    let window = limit.window().ok_or_else(|| {
        PlatformError::validation(format!("{field}.window_seconds"), "window_seconds or window_unit is required")
    })?;
    let window_ms = seconds_to_ms(&format!("{field}.window_seconds"), window)?;
    match algorithm {
        RateLimitAlgorithm::SlidingWindow => LimitSpec::sliding_window(limit.max_requests, window_ms).map_err(named),
        RateLimitAlgorithm::FixedWindow => LimitSpec::fixed_window(limit.max_requests, window_ms).map_err(named),
        RateLimitAlgorithm::TokenBucket => match bucket {
            Some(b) => LimitSpec::token_bucket(b.refill_rate, b.bucket_size, b.initial_tokens).map_err(|e| {
                let (code, field) = (e.code(), format!("token_bucket.{}", e.field().unwrap_or("")));
                e.reframed(code, field)
            }),
            None => {
                let rate = (limit.max_requests / window).clamp(1, MAX_CAPACITY);
                LimitSpec::token_bucket(rate, limit.max_requests, None).map_err(named)
            }
        },
    }
}

/// The burst spec of a policy.
pub fn burst_spec(burst: &BurstConfig) -> Result<LimitSpec> {
    let window = seconds_to_ms("burst.burst_window_seconds", burst.burst_window_seconds)?;
    let cooldown =
        if burst.cooldown_seconds == 0 { 0 } else { seconds_to_ms("burst.cooldown_seconds", burst.cooldown_seconds)? };
    LimitSpec::burst(burst.max_burst, window, cooldown)
}

/// Checks a throttle configuration; returns the penalty-box marker spec and limit, if any.
pub fn throttle(config: &ThrottleConfig) -> Result<Option<(LimitSpec, i64)>> {
    match config.mode {
        ThrottleMode::Reject => Ok(None),
        ThrottleMode::Throttle => match config.throttle_delay_ms {
            Some(ms) if (1..=3_600_000).contains(&ms) => Ok(None),
            _ => Err(PlatformError::validation("throttle.throttle_delay_ms", "must be between 1 and 3600000")),
        },
        ThrottleMode::PenaltyBox => {
            let limit = config
                .penalty_box_limit
                .filter(|l| (1..=MAX_CAPACITY).contains(l))
                .ok_or_else(|| PlatformError::validation("throttle.penalty_box_limit", "must be at least 1"))?;
            let seconds = config.penalty_box_duration_seconds.unwrap_or(0);
            let ms = seconds_to_ms("throttle.penalty_box_duration_seconds", seconds)?;
            Ok(Some((LimitSpec::marker(ms)?, limit)))
        }
    }
}

/// Checks a rule target.
pub fn target(target: &RuleTarget) -> Result<()> {
    if let Some(value) = target.value.as_deref().filter(|v| *v != "*") {
        text("target.value", value, false)?;
        if target.target_type == RuleTargetType::Ip {
            ip_range("target.value", value)?;
        }
    }
    if let Some(m) = &target.method {
        method("target.method", m)?;
    }
    if let Some(p) = &target.path_pattern {
        glob("target.path_pattern", p)?;
    }
    Ok(())
}

/// The string values of a condition (`in` / `not_in` take a list, the others one string).
pub fn condition_values(field: &str, condition: &RuleCondition) -> Result<Vec<String>> {
    let list = matches!(condition.operator, ConditionOperator::In | ConditionOperator::NotIn);
    let values: Vec<String> = match (&condition.value, list) {
        (serde_json::Value::String(s), false) => vec![s.clone()],
        (serde_json::Value::Array(items), true) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| PlatformError::validation(format!("{field}.value"), "must be a list of strings"))?,
        _ => {
            let want = if list { "a list of strings" } else { "a string" };
            return Err(PlatformError::validation(format!("{field}.value"), format!("must be {want}")));
        }
    };
    for v in &values {
        text(&format!("{field}.value"), v, true)?;
        if condition.field == ConditionField::IpRange {
            ip_range(&format!("{field}.value"), v)?;
        }
    }
    if condition.field == ConditionField::Header && condition.header.as_deref().is_none_or(str::is_empty) {
        return Err(PlatformError::validation(format!("{field}.header"), "names the header to compare"));
    }
    Ok(values)
}
