//! One limit's answer during an evaluation, borrowed from the compiled snapshot (no reference
//! counting, small moves); only the deciding one becomes the public [`RateLimitDecision`].

use std::time::Duration;

use super::algorithm::{Kind, Report};
use super::compiled::{CompiledLimit, CompiledRule};
use super::request::{DecisionAction, PolicyLabel, RateLimitDecision};
use crate::clock::Timestamp;

/// The answer of one limit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verdict<'s> {
    pub(crate) rule: &'s CompiledRule,
    pub(crate) limit: &'s CompiledLimit,
    pub(crate) allowed: bool,
    pub(crate) action: DecisionAction,
    /// `report.limit` is the capacity in force (adjusted or penalty-boxed).
    pub(crate) report: Report,
    pub(crate) burst_remaining: Option<i64>,
    pub(crate) degraded: bool,
}

impl Verdict<'_> {
    /// Whole seconds to wait, rounded up.
    pub(crate) fn retry_after_seconds(&self) -> Option<i64> {
        self.report.retry_after_ms.map(|ms| (ms.max(0) + 999) / 1000)
    }

    /// The limit's window in seconds (for a token bucket: the time to refill the capacity in
    /// force), unknown for degraded verdicts.
    #[inline(always)]
    fn window_seconds(&self) -> Option<i64> {
        if self.degraded {
            return None;
        }
        let spec = &self.limit.spec;
        Some(match spec.kind() {
            Kind::TokenBucket => (self.report.limit + spec.period() - 1) / spec.period(),
            _ => (spec.period() + 999) / 1000,
        })
    }

    /// The public decision.
    #[inline(always)]
    pub(crate) fn into_decision(self) -> RateLimitDecision {
        let policy = &self.rule.policy;
        let retry_after = self.report.retry_after_ms.map(|ms| Duration::from_millis(ms.max(0) as u64));
        RateLimitDecision {
            allowed: self.allowed,
            action: self.action,
            limit: self.report.limit,
            remaining: self.report.remaining,
            used: self.report.used,
            reset_at: Timestamp::from_millis(self.report.reset_at_ms),
            retry_after,
            policy: Some(PolicyLabel::of(policy.label)),
            scope: Some(self.limit.scope),
            algorithm: Some(policy.algorithm),
            burst_remaining: self.burst_remaining,
            burst_total: policy.burst.map(|b| b.capacity()),
            throttle_delay: if self.action == DecisionAction::Throttle { retry_after } else { None },
            window_seconds: self.window_seconds(),
            degraded: self.degraded,
        }
    }
}

/// Whether `candidate` is more restrictive than `current`: refused beats allowed; among
/// refusals a rejection beats a throttle, then the longest wait wins; among allowed, the fewest
/// remaining.
pub(crate) fn more_restrictive(candidate: &Verdict<'_>, current: &Verdict<'_>) -> bool {
    let (b, a) = (candidate, current);
    match (a.allowed, b.allowed) {
        (true, false) => true,
        (false, true) => false,
        (false, false) => {
            let rejects = |v: &Verdict<'_>| v.action == DecisionAction::Reject;
            (rejects(b) && !rejects(a)) || b.report.retry_after_ms > a.report.retry_after_ms
        }
        (true, true) => (b.report.remaining, b.report.limit) < (a.report.remaining, a.report.limit),
    }
}
