//! Rate-limit analytics: lifetime counters per policy limit (lock-free, on the hot path) and a
//! bounded table of limited identities (touched only when a request is refused).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::limiter::RateLimiter;
use super::models::{
    AnalyticsParams, LimitedEntity, PolicyAnalytics, RateLimitAnalytics, RateLimitPolicy, RateLimitScope,
    ScopeAnalytics, TimeRange, TopLimitedParams,
};
use crate::clock::Timestamp;
use crate::error::{ErrorCode, PlatformError, Result};

/// Most limited identities remembered per engine; beyond it, new identities are not recorded.
pub const MAX_TRACKED_ENTITIES: usize = 100_000;

#[derive(Debug, Clone)]
struct EntityStats {
    limited: i64,
    seen: i64,
    policy: String,
    last_limited_ms: i64,
}

type EntityKey = (String, RateLimitScope, String);

/// The limited-identity table.
#[derive(Debug, Default)]
pub struct Analytics {
    entities: Mutex<HashMap<EntityKey, EntityStats>>,
}

impl Analytics {
    /// Records a refused request of `identifier` (`used`: units counted in its window then).
    pub fn limited(&self, tenant: &str, scope: RateLimitScope, identifier: &str, policy: &str, used: i64, now_ms: i64) {
        let mut map = self.entities.lock().unwrap_or_else(|p| p.into_inner());
        let key = (tenant.to_owned(), scope, identifier.to_owned());
        if !map.contains_key(&key) && map.len() >= MAX_TRACKED_ENTITIES {
            return;
        }
        let stats = map.entry(key).or_insert(EntityStats {
            limited: 0,
            seen: 0,
            policy: policy.to_owned(),
            last_limited_ms: now_ms,
        });
        stats.limited += 1;
        stats.seen = stats.seen.max(used) + 1;
        stats.policy = policy.to_owned();
        stats.last_limited_ms = stats.last_limited_ms.max(now_ms);
    }
}

fn rate(part: i64, total: i64) -> f64 {
    if total == 0 { 0.0 } else { part as f64 / total as f64 }
}

fn check_range(range: &TimeRange) -> Result<()> {
    if range.end <= range.start {
        return Err(PlatformError::invalid(ErrorCode::InvalidTimeRange, "time_range", "end must be after start"));
    }
    Ok(())
}

impl RateLimiter {
    /// Totals per scope and policy of this scope's policies. Counters cover the engine's
    /// lifetime (they are in memory); `time_range` is echoed.
    pub fn get_rate_limit_analytics(&self, params: &AnalyticsParams) -> Result<RateLimitAnalytics> {
        check_range(&params.time_range)?;
        let policies: Vec<RateLimitPolicy> = self.list_policies(&Default::default()).map(|p| p.data)?;
        let counters = self.state.counters();
        let tenant = self.scope.scope().key().to_owned();
        let mut by_scope: BTreeMap<RateLimitScope, ScopeAnalytics> = BTreeMap::new();
        let mut by_policy = BTreeMap::new();
        let (mut total, mut limited) = (0, 0);
        for policy in &policies {
            let mut entry = PolicyAnalytics {
                policy_id: policy.id.clone(),
                policy_name: policy.name.clone(),
                ..Default::default()
            };
            for (i, limit) in policy.limits.iter().enumerate() {
                let Some(c) = counters.get(&(tenant.clone(), policy.id.clone(), i)) else { continue };
                let (t, l) = c.totals();
                let (t, l) = (t as i64, l as i64);
                let scope = by_scope.entry(limit.scope).or_default();
                scope.total += t;
                scope.limited += l;
                entry.total += t;
                entry.limited += l;
            }
            entry.rate = rate(entry.limited, entry.total);
            total += entry.total;
            limited += entry.limited;
            by_policy.insert(policy.id.clone(), entry);
        }
        for s in by_scope.values_mut() {
            s.rate = rate(s.limited, s.total);
        }
        Ok(RateLimitAnalytics {
            total_requests: total,
            limited_requests: limited,
            limit_rate: rate(limited, total),
            by_scope,
            by_policy,
            time_range: params.time_range,
        })
    }

    /// The identities of this scope most often limited within the range, most limited first.
    pub fn get_top_limited_entities(&self, params: &TopLimitedParams) -> Result<Vec<LimitedEntity>> {
        check_range(&params.time_range)?;
        let top = params.limit.unwrap_or(10);
        if !(1..=1000).contains(&top) {
            return Err(PlatformError::validation("limit", "must be between 1 and 1000"));
        }
        let (start, end) = (params.time_range.start.as_millis(), params.time_range.end.as_millis());
        let tenant = self.scope.scope().key();
        let map = self.state.analytics.entities.lock().unwrap_or_else(|p| p.into_inner());
        let mut out: Vec<LimitedEntity> = map
            .iter()
            .filter(|((t, scope, _), s)| {
                t == tenant
                    && params.scope.is_none_or(|want| want == *scope)
                    && (start..end).contains(&s.last_limited_ms)
            })
            .map(|((_, scope, id), s)| LimitedEntity {
                scope: *scope,
                identifier: id.clone(),
                limited_count: s.limited,
                total_requests: s.seen,
                limit_rate: rate(s.limited, s.seen),
                primary_policy: s.policy.clone(),
                last_limited_at: Timestamp::from_millis(s.last_limited_ms),
            })
            .collect();
        out.sort_by(|a, b| b.limited_count.cmp(&a.limited_count).then_with(|| a.identifier.cmp(&b.identifier)));
        out.truncate(top as usize);
        Ok(out)
    }
}
