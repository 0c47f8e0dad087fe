//! The typed hot-path types: a [`RateLimitRequest`] in, a [`RateLimitDecision`] out (no JSON, no
//! allocation for the request; the decision shares the policy names with the cache).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;

use super::models::{RateLimitAlgorithm, RateLimitScope};
use crate::clock::Timestamp;
use crate::error::{ErrorCode, PlatformError};

/// The context of one request: everything rules, conditions and keys can read.
///
/// ```
/// use shared_platform_core::ratelimit::RateLimitRequest;
/// let request = RateLimitRequest::new("/api/v1/users", "GET").user("u1").ip("203.0.113.7");
/// assert_eq!(request.user, Some("u1"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RateLimitRequest<'a> {
    /// The endpoint path (`/api/v1/users/42`).
    pub endpoint: &'a str,
    /// The HTTP method.
    pub method: &'a str,
    /// The user id.
    pub user: Option<&'a str>,
    /// The client IP.
    pub ip: Option<&'a str>,
    /// The API key.
    pub api_key: Option<&'a str>,
    /// The caller's roles.
    pub roles: &'a [&'a str],
    /// The subscription plan.
    pub plan: Option<&'a str>,
    /// The country code.
    pub country: Option<&'a str>,
    /// The user agent.
    pub user_agent: Option<&'a str>,
    /// Request headers (names compared case-insensitively).
    pub headers: &'a [(&'a str, &'a str)],
    /// The cost (default: the endpoint cost map, else 1).
    pub cost: Option<i64>,
}

impl<'a> RateLimitRequest<'a> {
    /// A request to `endpoint` with `method`.
    pub fn new(endpoint: &'a str, method: &'a str) -> RateLimitRequest<'a> {
        RateLimitRequest { endpoint, method, ..RateLimitRequest::default() }
    }

    /// With a user.
    pub fn user(mut self, user: &'a str) -> Self {
        self.user = Some(user);
        self
    }

    /// With a client IP.
    pub fn ip(mut self, ip: &'a str) -> Self {
        self.ip = Some(ip);
        self
    }

    /// With an API key.
    pub fn api_key(mut self, api_key: &'a str) -> Self {
        self.api_key = Some(api_key);
        self
    }

    /// With roles.
    pub fn roles(mut self, roles: &'a [&'a str]) -> Self {
        self.roles = roles;
        self
    }

    /// With a plan.
    pub fn plan(mut self, plan: &'a str) -> Self {
        self.plan = Some(plan);
        self
    }

    /// With a country.
    pub fn country(mut self, country: &'a str) -> Self {
        self.country = Some(country);
        self
    }

    /// With headers.
    pub fn headers(mut self, headers: &'a [(&'a str, &'a str)]) -> Self {
        self.headers = headers;
        self
    }

    /// With an explicit cost.
    pub fn cost(mut self, cost: i64) -> Self {
        self.cost = Some(cost);
        self
    }

    /// A header value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }
}

/// What the caller should do with the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    /// Proceed (counted).
    Allow,
    /// Proceed: a bypass rule exempts the request (not counted).
    Bypass,
    /// Wait `throttle_delay`, then ask again (nothing counted yet).
    Throttle,
    /// Refuse (429).
    Reject,
}

/// A policy's id and name as decisions carry them.
///
/// The engine's compiled policies hand out labels interned once per distinct (policy id, name)
/// pair for the life of the process: a decision carries a plain pointer, so handing it out or
/// dropping it touches no reference count (an atomic read-modify-write costs a hot-key decision
/// about a tenth of its time). Each distinct pair a management write creates costs its two
/// strings plus a few dozen bytes once; renaming a policy interns the new pair, the old stays.
/// Labels made with [`PolicyLabel::new`] (bindings rebuilding a decision, tests) are reference
/// counted and freed with their last clone.
#[derive(Debug, Clone)]
pub struct PolicyLabel(LabelRef);

#[derive(Debug, Clone)]
enum LabelRef {
    Interned(&'static LabelText),
    Counted(Arc<LabelText>),
}

/// The text of a [`PolicyLabel`].
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct LabelText {
    id: Box<str>,
    name: Box<str>,
}

impl LabelText {
    /// The interned text of policy `id` named `name` (the same for equal pairs).
    pub(crate) fn interned(id: &str, name: &str) -> &'static LabelText {
        static INTERNED: Mutex<Option<HashSet<&'static LabelText>>> = Mutex::new(None);
        let text = LabelText { id: id.into(), name: name.into() };
        let mut interned = INTERNED.lock().unwrap_or_else(|p| p.into_inner());
        let set = interned.get_or_insert_with(HashSet::new);
        if let Some(&known) = set.get(&text) {
            return known;
        }
        let text: &'static LabelText = Box::leak(Box::new(text));
        set.insert(text);
        text
    }

    /// The policy id.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The policy name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }
}

impl PolicyLabel {
    /// A label for policy `id` named `name` (reference counted).
    pub fn new(id: &str, name: &str) -> PolicyLabel {
        PolicyLabel(LabelRef::Counted(Arc::new(LabelText { id: id.into(), name: name.into() })))
    }

    /// The label of interned text (no reference count).
    #[inline(always)]
    pub(crate) fn of(text: &'static LabelText) -> PolicyLabel {
        PolicyLabel(LabelRef::Interned(text))
    }

    fn text(&self) -> &LabelText {
        match &self.0 {
            LabelRef::Interned(text) => text,
            LabelRef::Counted(text) => text,
        }
    }

    /// The policy id.
    pub fn id(&self) -> &str {
        self.text().id()
    }

    /// The policy name.
    pub fn name(&self) -> &str {
        self.text().name()
    }

    /// The address of the label's text: equal for clones of one label and for labels of one
    /// compiled policy, never reused while a clone is alive (a cheap key for tables that keep
    /// a clone).
    pub fn address(&self) -> usize {
        std::ptr::from_ref(self.text()) as usize
    }
}

impl PartialEq for PolicyLabel {
    fn eq(&self, other: &PolicyLabel) -> bool {
        self.text() == other.text()
    }
}

impl Eq for PolicyLabel {}

/// The answer for one request, from its most restrictive limit.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimitDecision {
    /// Whether the request may proceed now.
    pub allowed: bool,
    /// What to do.
    pub action: DecisionAction,
    /// The deciding limit (0 when no limit applies).
    pub limit: i64,
    /// Units left in it.
    pub remaining: i64,
    /// Units used in it.
    pub used: i64,
    /// When it resets.
    pub reset_at: Timestamp,
    /// When to retry (refused or throttled requests).
    pub retry_after: Option<Duration>,
    /// The deciding policy's id and name ([`RateLimitDecision::policy_id`],
    /// [`RateLimitDecision::policy_name`]).
    pub policy: Option<PolicyLabel>,
    /// The deciding limit's scope.
    pub scope: Option<RateLimitScope>,
    /// Its algorithm.
    pub algorithm: Option<RateLimitAlgorithm>,
    /// Burst units left, when the policy has a burst allowance.
    pub burst_remaining: Option<i64>,
    /// The burst allowance.
    pub burst_total: Option<i64>,
    /// How long to wait (throttle mode).
    pub throttle_delay: Option<Duration>,
    /// The deciding limit's window in seconds (time to refill a token bucket completely).
    pub window_seconds: Option<i64>,
    /// The state store could not decide; the configured failure mode did.
    pub degraded: bool,
}

impl RateLimitDecision {
    /// A decision with no applicable limit.
    pub fn unlimited(now: Timestamp, action: DecisionAction) -> RateLimitDecision {
        RateLimitDecision {
            allowed: !matches!(action, DecisionAction::Reject | DecisionAction::Throttle),
            action,
            limit: 0,
            remaining: 0,
            used: 0,
            reset_at: now,
            retry_after: None,
            policy: None,
            scope: None,
            algorithm: None,
            burst_remaining: None,
            burst_total: None,
            throttle_delay: None,
            window_seconds: None,
            degraded: false,
        }
    }

    /// `Err(RateLimitExceeded)` (429, with `retry_after`) for a refused request.
    pub fn into_result(self) -> crate::error::Result<RateLimitDecision> {
        if self.action != DecisionAction::Reject {
            return Ok(self);
        }
        let mut err = PlatformError::new(ErrorCode::RateLimitExceeded, "rate limit exceeded").with_detail(format!(
            "policy {} limit {}",
            self.policy_name().unwrap_or("-"),
            self.limit
        ));
        if let Some(after) = self.retry_after {
            err = err.with_retry_after(after);
        }
        Err(err)
    }

    /// The deciding policy's id.
    pub fn policy_id(&self) -> Option<&str> {
        self.policy.as_ref().map(PolicyLabel::id)
    }

    /// The deciding policy's name.
    pub fn policy_name(&self) -> Option<&str> {
        self.policy.as_ref().map(PolicyLabel::name)
    }

    /// Whole seconds to wait, rounded up (for `Retry-After`).
    pub fn retry_after_seconds(&self) -> Option<i64> {
        self.retry_after.map(|d| d.as_millis().div_ceil(1000) as i64)
    }
}
