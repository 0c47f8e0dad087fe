//! Rate limiting (spec 003 §4).
//!
//! - **Hot path** (typed, no JSON): [`RateLimiter::consume`] counts a [`RateLimitRequest`] and
//!   returns a [`RateLimitDecision`]; [`RateLimiter::check`] answers the same without counting;
//!   [`RateLimiter::enforce`] turns a refusal into `RateLimitExceeded` (429).
//! - **Management** (serde-typed models, spec names): policies, rules, plans, bypasses,
//!   adjustments, endpoint costs, analytics, status, distributed store.
//! - **Algorithms** ([`algorithm`], pure): sliding window (Cloudflare's weighted window counter),
//!   token bucket, fixed window; burst allowances and penalty boxes.
//! - **State stores** ([`StateStore`]): [`MemoryStateStore`] (default), the engine's redb file
//!   ([`KvStateStore`]) and [`RedisStateStore`] (one `EVALSHA` per decision).
//!
//! ```
//! use shared_platform_core::Engine;
//! use shared_platform_core::ratelimit::*;
//! let engine = Engine::in_memory()?;
//! let rl = engine.tenant("acme")?.ratelimit()?;
//! let policy = rl.create_policy(&CreatePolicyRequest {
//!     name: "per-user".into(),
//!     limits: vec![RateLimit { scope: RateLimitScope::User, max_requests: 2, window_seconds: Some(60),
//!                              window_unit: None, key: None, cost_based: false }],
//!     ..Default::default()
//! })?;
//! rl.create_rule(&CreateRuleRequest { name: "all users".into(), description: None, policy_id: policy.id,
//!     target: RuleTarget { target_type: RuleTargetType::User, value: None, method: None, path_pattern: None },
//!     conditions: None, is_active: None, priority: 0 })?;
//! let request = RateLimitRequest::new("/api", "GET").user("u1");
//! assert!(rl.consume(&request)?.allowed);
//! assert!(rl.consume(&request)?.allowed);
//! assert!(!rl.consume(&request)?.allowed);
//! # Ok::<(), shared_platform_core::PlatformError>(())
//! ```

pub mod algorithm;
mod analytics;
pub mod api;
mod cache;
mod compact;
mod compiled;
mod divisor;
mod headers;
mod limiter;
mod manage;
mod memory;
mod models;
mod redis_store;
mod request;
mod state;
mod status;
mod validate;
mod verdict;

pub use analytics::MAX_TRACKED_ENTITIES;
pub use compact::{
    ACTION_NAMES, ALGORITHM_NAMES, CompactDecision, OwnedRateLimitRequest, SCOPE_NAMES, action_name, algorithm_name,
};
pub use headers::{parse_rate_limit_headers, rate_limit_headers};
pub use limiter::{RateLimitSettings, RateLimitState, RateLimiter};
pub use memory::{DEFAULT_MAX_KEYS, DEFAULT_SHARDS, MemoryStateStore};
pub use models::*;
pub use redis_store::{DEFAULT_TIMEOUT, POOL_SIZE, RedisStateStore};
pub use request::{DecisionAction, PolicyLabel, RateLimitDecision, RateLimitRequest};
pub use state::{FailureMode, KeyHasher, KvStateStore, StateKey, StateStore, key_seed, key_string};
pub use validate::Dimension;
