//! Read-only status queries, header parsing with the engine clock, and the distributed store.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::limiter::RateLimiter;
use super::models::{
    DistributedStoreConfig, DistributedStoreStatus, DistributedStoreType, RateLimitAlgorithm, RateLimitCheckRequest,
    RateLimitInfo, RateLimitScope, RateLimitStatus,
};
use super::redis_store::{DEFAULT_TIMEOUT, RedisStateStore};
use super::request::{DecisionAction, RateLimitDecision, RateLimitRequest};
use super::validate;
use crate::error::{ErrorCode, PlatformError, Result};

impl RateLimiter {
    /// The status of a request context against its most restrictive limit, without consuming.
    pub fn check_rate_limit(&self, request: &RateLimitCheckRequest) -> Result<RateLimitStatus> {
        validate::text("identifier", &request.identifier, false)?;
        let method = match &request.method {
            Some(m) => validate::method("method", m)?,
            None => "GET".to_owned(),
        };
        let endpoint = request.endpoint.as_deref().unwrap_or(if request.scope == RateLimitScope::Endpoint {
            &request.identifier
        } else {
            "/"
        });
        let mut ctx = RateLimitRequest::new(endpoint, &method);
        let id = Some(request.identifier.as_str());
        match request.scope {
            RateLimitScope::User => ctx.user = id,
            RateLimitScope::Ip => ctx.ip = id,
            RateLimitScope::ApiKey => ctx.api_key = id,
            RateLimitScope::Endpoint | RateLimitScope::Tenant => {}
        }
        ctx.cost = request.cost;
        Ok(status_of(&self.check(&ctx)?))
    }

    /// The current status of `identifier` in `scope` (read-only).
    pub fn get_rate_limit_status(&self, scope: RateLimitScope, identifier: &str) -> Result<RateLimitStatus> {
        self.check_rate_limit(&RateLimitCheckRequest {
            scope,
            identifier: identifier.to_owned(),
            endpoint: None,
            method: None,
            cost: None,
        })
    }

    /// [`super::parse_rate_limit_headers`] with relative resets resolved at the engine time.
    pub fn parse_rate_limit_headers<K: AsRef<str>, V: AsRef<str>>(
        &self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> RateLimitInfo {
        super::parse_rate_limit_headers(headers, self.scope.engine().now())
    }

    /// Points the engine's rate limiter at a Redis server (`redis` type only). The store is
    /// checked with a ping first: an unreachable server is `StoreUnavailable` and nothing changes.
    pub fn configure_distributed_store(&self, config: &DistributedStoreConfig) -> Result<DistributedStoreConfig> {
        if config.store_type != DistributedStoreType::Redis {
            return Err(PlatformError::invalid(ErrorCode::InvalidConfig, "type", "only 'redis' is supported"));
        }
        validate::text("key_prefix", &config.key_prefix, false)?;
        let store = RedisStateStore::new(&config.connection_url, &config.key_prefix, DEFAULT_TIMEOUT)?;
        store.ping()?;
        self.use_state_store(Arc::new(store));
        let settings = super::RateLimitSettings { failure_mode: config.failure_mode, ..self.settings() };
        self.configure(settings)?;
        self.scope.publish("ratelimit.distributed_store.connected", || json!({"type": "redis"}));
        Ok(config.clone())
    }

    /// The state store's health: a ping for Redis, the key count for local stores.
    pub fn get_distributed_store_status(&self) -> Result<DistributedStoreStatus> {
        let store = self.state.store();
        let now = self.scope.engine().now();
        let started = std::time::Instant::now();
        let keys = store.tracked_keys();
        let latency: Duration = if store.kind() == "redis" { started.elapsed() } else { Duration::ZERO };
        Ok(DistributedStoreStatus {
            store_type: store.kind().to_owned(),
            connected: keys.is_ok(),
            latency_ms: latency.as_secs_f64() * 1000.0,
            keys_count: keys.map_or(0, |k| k as i64),
            memory_usage_bytes: None,
            last_sync_at: now,
        })
    }
}

/// The status view of a decision.
pub fn status_of(d: &RateLimitDecision) -> RateLimitStatus {
    RateLimitStatus {
        limit: d.limit,
        remaining: d.remaining,
        used: d.used,
        reset_at: d.reset_at,
        retry_after_seconds: d.retry_after_seconds(),
        is_limited: matches!(d.action, DecisionAction::Reject | DecisionAction::Throttle),
        policy_id: d.policy_id().unwrap_or("").to_owned(),
        policy_name: d.policy_name().unwrap_or("").to_owned(),
        algorithm: d.algorithm.unwrap_or(RateLimitAlgorithm::SlidingWindow),
        scope: d.scope,
        burst_remaining: d.burst_remaining,
        burst_total: d.burst_total,
    }
}
