//! What every binding shares for the typed hot path, so no language re-implements it:
//! [`OwnedRateLimitRequest`] (a request whose strings the binding owns, e.g. for an async call or
//! a JSON vector) and the fixed numeric layout of a decision ([`CompactDecision`]) that crosses
//! into C structs, Node `Float64Array`s and Java `long[]` without JSON or per-field objects.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Deserialize;

use super::models::{RateLimitAlgorithm, RateLimitScope};
use super::request::{DecisionAction, PolicyLabel, RateLimitDecision, RateLimitRequest};
use crate::clock::Timestamp;

/// A [`RateLimitRequest`] with owned strings (also its JSON form: the `ratelimit.consume` args).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OwnedRateLimitRequest {
    /// The endpoint path.
    pub endpoint: String,
    /// The HTTP method.
    pub method: String,
    /// The user id.
    pub user: Option<String>,
    /// The client IP.
    pub ip: Option<String>,
    /// The API key.
    pub api_key: Option<String>,
    /// The caller's roles.
    pub roles: Vec<String>,
    /// The subscription plan.
    pub plan: Option<String>,
    /// The country code.
    pub country: Option<String>,
    /// The user agent.
    pub user_agent: Option<String>,
    /// Request headers.
    pub headers: BTreeMap<String, String>,
    /// The cost (default: the endpoint cost map, else 1).
    pub cost: Option<i64>,
}

impl OwnedRateLimitRequest {
    /// Runs `f` with the borrowed [`RateLimitRequest`] view of this request.
    pub fn with_request<R>(&self, f: impl FnOnce(&RateLimitRequest<'_>) -> R) -> R {
        let roles: Vec<&str> = self.roles.iter().map(String::as_str).collect();
        let headers: Vec<(&str, &str)> = self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        f(&RateLimitRequest {
            endpoint: &self.endpoint,
            method: &self.method,
            user: self.user.as_deref(),
            ip: self.ip.as_deref(),
            api_key: self.api_key.as_deref(),
            roles: &roles,
            plan: self.plan.as_deref(),
            country: self.country.as_deref(),
            user_agent: self.user_agent.as_deref(),
            headers: &headers,
            cost: self.cost,
        })
    }
}

/// Wire names of [`DecisionAction`] by code (index).
pub const ACTION_NAMES: [&str; 4] = ["allow", "bypass", "throttle", "reject"];
/// Wire names of [`RateLimitScope`] by code.
pub const SCOPE_NAMES: [&str; 5] = ["endpoint", "user", "tenant", "ip", "api_key"];
/// Wire names of [`RateLimitAlgorithm`] by code.
pub const ALGORITHM_NAMES: [&str; 3] = ["sliding_window", "token_bucket", "fixed_window"];

const ACTIONS: [DecisionAction; 4] =
    [DecisionAction::Allow, DecisionAction::Bypass, DecisionAction::Throttle, DecisionAction::Reject];
const SCOPES: [RateLimitScope; 5] = [
    RateLimitScope::Endpoint,
    RateLimitScope::User,
    RateLimitScope::Tenant,
    RateLimitScope::Ip,
    RateLimitScope::ApiKey,
];
const ALGORITHMS: [RateLimitAlgorithm; 3] =
    [RateLimitAlgorithm::SlidingWindow, RateLimitAlgorithm::TokenBucket, RateLimitAlgorithm::FixedWindow];

/// The numeric fields of a decision in a fixed order; absent values are `-1`, booleans `0`/`1`,
/// enums are indexes into [`ACTION_NAMES`], [`SCOPE_NAMES`] and [`ALGORITHM_NAMES`], times are
/// milliseconds (since the Unix epoch for `reset_at`). Every value is below 2^53, so a
/// JavaScript number holds it exactly. The policy id and name travel separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompactDecision(pub [i64; CompactDecision::LEN]);

impl CompactDecision {
    /// Number of fields.
    pub const LEN: usize = 14;
    /// Index: allowed (0/1).
    pub const ALLOWED: usize = 0;
    /// Index: action code.
    pub const ACTION: usize = 1;
    /// Index: limit.
    pub const LIMIT: usize = 2;
    /// Index: remaining.
    pub const REMAINING: usize = 3;
    /// Index: used.
    pub const USED: usize = 4;
    /// Index: reset time (ms since the epoch).
    pub const RESET_AT_MS: usize = 5;
    /// Index: retry after (ms, -1 = none).
    pub const RETRY_AFTER_MS: usize = 6;
    /// Index: scope code (-1 = none).
    pub const SCOPE: usize = 7;
    /// Index: algorithm code (-1 = none).
    pub const ALGORITHM: usize = 8;
    /// Index: burst remaining (-1 = none).
    pub const BURST_REMAINING: usize = 9;
    /// Index: burst total (-1 = none).
    pub const BURST_TOTAL: usize = 10;
    /// Index: throttle delay (ms, -1 = none).
    pub const THROTTLE_DELAY_MS: usize = 11;
    /// Index: window seconds (-1 = none).
    pub const WINDOW_SECONDS: usize = 12;
    /// Index: degraded (0/1).
    pub const DEGRADED: usize = 13;

    /// The compact form of `d`.
    pub fn from_decision(d: &RateLimitDecision) -> CompactDecision {
        let millis = |v: Option<Duration>| v.map_or(-1, |d| d.as_millis().min(i64::MAX as u128) as i64);
        CompactDecision([
            i64::from(d.allowed),
            code_of(&ACTIONS, Some(d.action)),
            d.limit,
            d.remaining,
            d.used,
            d.reset_at.as_millis(),
            millis(d.retry_after),
            code_of(&SCOPES, d.scope),
            code_of(&ALGORITHMS, d.algorithm),
            d.burst_remaining.unwrap_or(-1),
            d.burst_total.unwrap_or(-1),
            millis(d.throttle_delay),
            d.window_seconds.unwrap_or(-1),
            i64::from(d.degraded),
        ])
    }

    /// The decision back (with the policy id and name given separately; when only one of them
    /// is given, the other reads as empty); unknown codes become absent values, so a corrupted
    /// array never panics.
    pub fn to_decision(&self, policy_id: Option<&str>, policy_name: Option<&str>) -> RateLimitDecision {
        let v = &self.0;
        let opt = |i: usize| Some(v[i]).filter(|x| *x >= 0);
        let duration = |i: usize| opt(i).map(|ms| Duration::from_millis(ms as u64));
        RateLimitDecision {
            allowed: v[Self::ALLOWED] != 0,
            action: by_code(&ACTIONS, v[Self::ACTION]).unwrap_or(DecisionAction::Allow),
            limit: v[Self::LIMIT],
            remaining: v[Self::REMAINING],
            used: v[Self::USED],
            reset_at: Timestamp::from_millis(v[Self::RESET_AT_MS]),
            retry_after: duration(Self::RETRY_AFTER_MS),
            policy: (policy_id.is_some() || policy_name.is_some())
                .then(|| PolicyLabel::new(policy_id.unwrap_or(""), policy_name.unwrap_or(""))),
            scope: by_code(&SCOPES, v[Self::SCOPE]),
            algorithm: by_code(&ALGORITHMS, v[Self::ALGORITHM]),
            burst_remaining: opt(Self::BURST_REMAINING),
            burst_total: opt(Self::BURST_TOTAL),
            throttle_delay: duration(Self::THROTTLE_DELAY_MS),
            window_seconds: opt(Self::WINDOW_SECONDS),
            degraded: v[Self::DEGRADED] != 0,
        }
    }
}

/// The wire name of an action (`"allow"`…).
pub fn action_name(action: DecisionAction) -> &'static str {
    ACTION_NAMES[code_of(&ACTIONS, Some(action)) as usize]
}

/// The wire name of an algorithm (`"sliding_window"`…).
pub fn algorithm_name(algorithm: RateLimitAlgorithm) -> &'static str {
    ALGORITHM_NAMES[code_of(&ALGORITHMS, Some(algorithm)) as usize]
}

fn code_of<T: PartialEq>(table: &[T], value: Option<T>) -> i64 {
    value.and_then(|value| table.iter().position(|t| *t == value)).map_or(-1, |i| i as i64)
}

fn by_code<T: Copy>(table: &[T], code: i64) -> Option<T> {
    usize::try_from(code).ok().and_then(|i| table.get(i)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_serde_names() {
        for (i, action) in ACTIONS.iter().enumerate() {
            assert_eq!(serde_json::to_value(action).unwrap(), ACTION_NAMES[i]);
            assert_eq!(action_name(*action), ACTION_NAMES[i]);
        }
        for (i, scope) in SCOPES.iter().enumerate() {
            assert_eq!(serde_json::to_value(scope).unwrap(), SCOPE_NAMES[i]);
        }
        for (i, algorithm) in ALGORITHMS.iter().enumerate() {
            assert_eq!(serde_json::to_value(algorithm).unwrap(), ALGORITHM_NAMES[i]);
            assert_eq!(algorithm_name(*algorithm), ALGORITHM_NAMES[i]);
        }
    }

    #[test]
    fn round_trips_and_tolerates_garbage() {
        let mut d = RateLimitDecision::unlimited(Timestamp::from_millis(1_700_000_000_123), DecisionAction::Reject);
        d.limit = 10;
        d.retry_after = Some(Duration::from_millis(1500));
        d.scope = Some(RateLimitScope::ApiKey);
        d.algorithm = Some(RateLimitAlgorithm::TokenBucket);
        d.burst_total = Some(3);
        d.policy = Some(PolicyLabel::new("p1", "per-key"));
        let compact = CompactDecision::from_decision(&d);
        assert_eq!(compact.to_decision(Some("p1"), Some("per-key")), d);
        let garbage = CompactDecision([9, 77, 0, 0, 0, 0, -5, 99, -3, -1, -1, -1, -1, 2]);
        let back = garbage.to_decision(None, None);
        assert_eq!(
            (back.action, back.scope, back.algorithm, back.retry_after),
            (DecisionAction::Allow, None, None, None)
        );
    }
}
