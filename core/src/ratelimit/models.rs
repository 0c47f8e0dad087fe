//! The serde-typed models of the management surface (spec 003 §4, snake_case fields).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clock::Timestamp;
use crate::page::PageRequest;

/// `sliding_window | token_bucket | fixed_window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitAlgorithm {
    /// Window counter weighted by the previous window (the default).
    #[default]
    SlidingWindow,
    /// Continuous refill up to a bucket size.
    TokenBucket,
    /// One counter per aligned window.
    FixedWindow,
}

/// `endpoint | user | tenant | ip | api_key`: what one limit counts per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitScope {
    /// Per endpoint (path and method).
    Endpoint,
    /// Per user.
    User,
    /// Per tenant.
    Tenant,
    /// Per client IP.
    Ip,
    /// Per API key.
    ApiKey,
}

impl RateLimitScope {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            RateLimitScope::Endpoint => "endpoint",
            RateLimitScope::User => "user",
            RateLimitScope::Tenant => "tenant",
            RateLimitScope::Ip => "ip",
            RateLimitScope::ApiKey => "api_key",
        }
    }
}

/// Convenience unit of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowUnit {
    /// 1 s.
    Second,
    /// 60 s.
    Minute,
    /// 3600 s.
    Hour,
    /// 86400 s.
    Day,
}

impl WindowUnit {
    /// Seconds in one unit.
    pub fn seconds(self) -> i64 {
        match self {
            WindowUnit::Second => 1,
            WindowUnit::Minute => 60,
            WindowUnit::Hour => 3600,
            WindowUnit::Day => 86_400,
        }
    }
}

/// Dimensions combined into one key (`["ip", "endpoint"]`). Known dimensions: `tenant`, `user`,
/// `ip`, `api_key`, `endpoint`, `method`, `plan`, `country`, `role`, `header:<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompositeKey {
    /// The dimensions, in order.
    pub dimensions: Vec<String>,
}

/// One limit of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    /// What the limit counts per (ignored for keying when `key` is set).
    pub scope: RateLimitScope,
    /// Requests (or cost units when `cost_based`) per window.
    pub max_requests: i64,
    /// Window length in seconds (required unless `window_unit` is given: one unit).
    #[serde(default)]
    pub window_seconds: Option<i64>,
    /// Convenience unit: the window is `window_seconds` units, or one unit.
    #[serde(default)]
    pub window_unit: Option<WindowUnit>,
    /// A composite key instead of the scope's single dimension.
    #[serde(default)]
    pub key: Option<CompositeKey>,
    /// `max_requests` counts cost units (endpoint costs) rather than requests.
    #[serde(default)]
    pub cost_based: bool,
}

impl RateLimit {
    /// The window in seconds (`None` when neither field is set).
    pub fn window(&self) -> Option<i64> {
        match (self.window_seconds, self.window_unit) {
            (Some(n), Some(unit)) => n.checked_mul(unit.seconds()),
            (Some(n), None) => Some(n),
            (None, Some(unit)) => Some(unit.seconds()),
            (None, None) => None,
        }
    }
}

/// Token bucket parameters (policies with the `token_bucket` algorithm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenBucketConfig {
    /// Tokens added per second.
    pub refill_rate: i64,
    /// Most tokens held (the burst capacity).
    pub bucket_size: i64,
    /// Tokens of a new bucket (default: full).
    #[serde(default)]
    pub initial_tokens: Option<i64>,
}

/// Extra requests allowed once the base limit is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BurstConfig {
    /// Additional requests above the base limit.
    pub max_burst: i64,
    /// The burst is usable this long after its first use.
    pub burst_window_seconds: i64,
    /// Time after the burst window before the allowance refills.
    pub cooldown_seconds: i64,
}

/// What happens to requests over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThrottleMode {
    /// Refuse (429).
    #[default]
    Reject,
    /// Delay up to `throttle_delay_ms`, refuse beyond.
    Throttle,
    /// Refuse and put the client under `penalty_box_limit` for a while.
    PenaltyBox,
}

/// Throttle / penalty-box settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThrottleConfig {
    /// The mode.
    pub mode: ThrottleMode,
    /// Longest delay before a throttled request is refused (mode `throttle`).
    #[serde(default)]
    pub throttle_delay_ms: Option<i64>,
    /// The reduced limit inside the penalty box (mode `penalty_box`).
    #[serde(default)]
    pub penalty_box_limit: Option<i64>,
    /// How long a client stays in the penalty box.
    #[serde(default)]
    pub penalty_box_duration_seconds: Option<i64>,
}

/// A reusable set of limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitPolicy {
    /// Id (UUIDv7).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The limits (all apply).
    pub limits: Vec<RateLimit>,
    /// The algorithm of every limit.
    pub algorithm: RateLimitAlgorithm,
    /// Token bucket parameters (algorithm `token_bucket`; default: `bucket_size = max_requests`,
    /// `refill_rate = max_requests / window_seconds`, at least 1).
    pub token_bucket: Option<TokenBucketConfig>,
    /// Burst allowance.
    pub burst: Option<BurstConfig>,
    /// Throttle mode (default reject).
    pub throttle: Option<ThrottleConfig>,
    /// Inactive policies apply nowhere.
    pub is_active: bool,
    /// Higher is evaluated first.
    pub priority: i64,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
}

/// Input of `create_policy`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CreatePolicyRequest {
    /// Name (1–200 characters).
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// At least one limit.
    pub limits: Vec<RateLimit>,
    /// Algorithm (default sliding_window).
    #[serde(default)]
    pub algorithm: RateLimitAlgorithm,
    /// Token bucket parameters.
    #[serde(default)]
    pub token_bucket: Option<TokenBucketConfig>,
    /// Burst allowance.
    #[serde(default)]
    pub burst: Option<BurstConfig>,
    /// Throttle mode.
    #[serde(default)]
    pub throttle: Option<ThrottleConfig>,
    /// Default true.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Default 0.
    #[serde(default)]
    pub priority: i64,
}

/// Input of `update_policy`: only the fields given change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdatePolicyRequest {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
    /// New limits.
    #[serde(default)]
    pub limits: Option<Vec<RateLimit>>,
    /// New algorithm.
    #[serde(default)]
    pub algorithm: Option<RateLimitAlgorithm>,
    /// New token bucket parameters.
    #[serde(default)]
    pub token_bucket: Option<TokenBucketConfig>,
    /// New burst allowance.
    #[serde(default)]
    pub burst: Option<BurstConfig>,
    /// New throttle mode.
    #[serde(default)]
    pub throttle: Option<ThrottleConfig>,
    /// New active flag.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// New priority.
    #[serde(default)]
    pub priority: Option<i64>,
}

/// Filters of `list_policies`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListPoliciesParams {
    /// The page.
    #[serde(default)]
    pub page: PageRequest,
    /// Only active (or inactive) policies.
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// What a rule targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleTargetType {
    /// Endpoints (path glob and method).
    Endpoint,
    /// Users.
    User,
    /// The tenant.
    Tenant,
    /// IP addresses or CIDR ranges.
    Ip,
    /// API keys.
    ApiKey,
    /// Holders of a role.
    Role,
}

/// The target of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleTarget {
    /// The kind of target.
    #[serde(rename = "type")]
    pub target_type: RuleTargetType,
    /// A specific target; `None` or `"*"` for all.
    #[serde(default)]
    pub value: Option<String>,
    /// HTTP method (`None` for all).
    #[serde(default)]
    pub method: Option<String>,
    /// Path glob (`/api/v1/users/*`: `*` one segment, `**` any depth).
    #[serde(default)]
    pub path_pattern: Option<String>,
}

/// The request field a condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionField {
    /// The subscription plan.
    Plan,
    /// Any of the caller's roles.
    Role,
    /// A header (named by `header`).
    Header,
    /// The client IP inside a CIDR range.
    IpRange,
    /// The country code.
    Country,
    /// The user agent.
    UserAgent,
}

/// How a condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOperator {
    /// Equal.
    Eq,
    /// Not equal.
    Neq,
    /// One of a list.
    In,
    /// None of a list.
    NotIn,
    /// Glob match (`*`, `?`).
    Matches,
}

/// An extra condition of a rule (all conditions must hold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleCondition {
    /// The field.
    pub field: ConditionField,
    /// The operator.
    pub operator: ConditionOperator,
    /// A string, or a list of strings for `in` / `not_in`.
    pub value: Value,
    /// The header name (field `header`).
    #[serde(default)]
    pub header: Option<String>,
}

/// Binds a policy to a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitRule {
    /// Id (UUIDv7).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// The policy applied.
    pub policy_id: String,
    /// The target.
    pub target: RuleTarget,
    /// Extra conditions.
    pub conditions: Option<Vec<RuleCondition>>,
    /// Inactive rules apply nowhere.
    pub is_active: bool,
    /// Higher is evaluated first.
    pub priority: i64,
    /// Creation time.
    pub created_at: Timestamp,
    /// Last update time.
    pub updated_at: Timestamp,
}

/// Input of `create_rule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateRuleRequest {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The policy.
    pub policy_id: String,
    /// The target.
    pub target: RuleTarget,
    /// Extra conditions.
    #[serde(default)]
    pub conditions: Option<Vec<RuleCondition>>,
    /// Default true.
    #[serde(default)]
    pub is_active: Option<bool>,
    /// Default 0.
    #[serde(default)]
    pub priority: i64,
}

/// Input of `update_rule`: only the fields given change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UpdateRuleRequest {
    /// New name.
    #[serde(default)]
    pub name: Option<String>,
    /// New description.
    #[serde(default)]
    pub description: Option<String>,
    /// New policy.
    #[serde(default)]
    pub policy_id: Option<String>,
    /// New target.
    #[serde(default)]
    pub target: Option<RuleTarget>,
    /// New conditions.
    #[serde(default)]
    pub conditions: Option<Vec<RuleCondition>>,
    /// New priority.
    #[serde(default)]
    pub priority: Option<i64>,
}

/// Filters of `list_rules`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListRulesParams {
    /// The page.
    #[serde(default)]
    pub page: PageRequest,
    /// Only rules of this policy.
    #[serde(default)]
    pub policy_id: Option<String>,
    /// Only active (or inactive) rules.
    #[serde(default)]
    pub is_active: Option<bool>,
}

/// A plan's policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRateLimitMapping {
    /// The plan id.
    pub plan_id: String,
    /// The plan name (the id unless named).
    pub plan_name: String,
    /// The policy.
    pub policy_id: String,
    /// The policy's name.
    pub policy_name: String,
    /// Creation time.
    pub created_at: Timestamp,
}

/// What a bypass rule matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BypassType {
    /// An API key.
    ApiKey,
    /// A role.
    Role,
    /// An IP address or CIDR range.
    Ip,
    /// A user id.
    User,
}

/// An exemption from rate limiting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BypassRule {
    /// Id (UUIDv7).
    pub id: String,
    /// What it matches.
    #[serde(rename = "type")]
    pub bypass_type: BypassType,
    /// The key, role, IP/CIDR or user.
    pub value: String,
    /// Why.
    pub reason: String,
    /// Who created it.
    pub created_by: String,
    /// When it stops applying (`ratelimit.bypass.expired` fires then).
    pub expires_at: Option<Timestamp>,
    /// False once expired.
    pub is_active: bool,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Input of `create_bypass_rule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateBypassRuleRequest {
    /// What it matches.
    #[serde(rename = "type")]
    pub bypass_type: BypassType,
    /// The key, role, IP/CIDR or user.
    pub value: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// Who creates it.
    #[serde(default)]
    pub created_by: String,
    /// Optional expiry.
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

/// A temporary limit on a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitAdjustment {
    /// Id (UUIDv7).
    pub id: String,
    /// The rule.
    pub rule_id: String,
    /// The first limit's `max_requests` before.
    pub original_limit: i64,
    /// The limit applied to every limit of the rule while active.
    pub adjusted_limit: i64,
    /// Why.
    pub reason: String,
    /// When it reverts by itself.
    pub expires_at: Timestamp,
    /// Who applied it.
    pub created_by: String,
    /// False once reverted or expired.
    pub is_active: bool,
    /// Creation time.
    pub created_at: Timestamp,
}

/// Input of `adjust_limit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdjustLimitRequest {
    /// The temporary limit.
    pub new_limit: i64,
    /// Why.
    #[serde(default)]
    pub reason: String,
    /// How long it lasts.
    pub duration_minutes: i64,
    /// Who applies it.
    #[serde(default)]
    pub created_by: String,
}

/// The cost of matching requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointCost {
    /// Path glob.
    pub path_pattern: String,
    /// HTTP method or `"*"`.
    pub method: String,
    /// Units (≥ 1).
    pub cost: i64,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
}

/// Input of `check_rate_limit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitCheckRequest {
    /// The scope of `identifier`.
    pub scope: RateLimitScope,
    /// The user, IP, API key, endpoint or tenant.
    pub identifier: String,
    /// The endpoint path.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The HTTP method.
    #[serde(default)]
    pub method: Option<String>,
    /// The cost to check for.
    #[serde(default)]
    pub cost: Option<i64>,
}

/// The status of one identity against its most restrictive limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitStatus {
    /// The limit.
    pub limit: i64,
    /// Remaining now.
    pub remaining: i64,
    /// Used in the window.
    pub used: i64,
    /// When the window resets.
    pub reset_at: Timestamp,
    /// Seconds to wait, when limited.
    pub retry_after_seconds: Option<i64>,
    /// Whether a request now would be refused.
    pub is_limited: bool,
    /// The deciding policy (empty when no limit applies).
    pub policy_id: String,
    /// Its name.
    pub policy_name: String,
    /// Its algorithm.
    pub algorithm: RateLimitAlgorithm,
    /// The deciding limit's scope.
    pub scope: Option<RateLimitScope>,
    /// Burst units left.
    pub burst_remaining: Option<i64>,
    /// Burst allowance.
    pub burst_total: Option<i64>,
}

/// Rate-limit information parsed from response headers (missing or malformed fields are `None`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RateLimitInfo {
    /// The limit.
    pub limit: Option<i64>,
    /// Remaining.
    pub remaining: Option<i64>,
    /// When the window resets.
    pub reset_at: Option<Timestamp>,
    /// The policy name or id.
    pub policy: Option<String>,
    /// Seconds to wait.
    pub retry_after: Option<i64>,
}

/// A time range (`end` exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    /// Start.
    pub start: Timestamp,
    /// End.
    pub end: Timestamp,
}

/// Input of `get_rate_limit_analytics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyticsParams {
    /// The range.
    pub time_range: TimeRange,
}

/// Totals of one scope.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScopeAnalytics {
    /// Requests evaluated.
    pub total: i64,
    /// Requests limited.
    pub limited: i64,
    /// `limited / total`.
    pub rate: f64,
}

/// Totals of one policy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PolicyAnalytics {
    /// The policy.
    pub policy_id: String,
    /// Its name.
    pub policy_name: String,
    /// Requests evaluated.
    pub total: i64,
    /// Requests limited.
    pub limited: i64,
    /// `limited / total`.
    pub rate: f64,
}

/// Rate-limiting usage over a range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimitAnalytics {
    /// Requests evaluated.
    pub total_requests: i64,
    /// Requests limited.
    pub limited_requests: i64,
    /// `limited / total`.
    pub limit_rate: f64,
    /// Per scope.
    pub by_scope: BTreeMap<RateLimitScope, ScopeAnalytics>,
    /// Per policy id.
    pub by_policy: BTreeMap<String, PolicyAnalytics>,
    /// The range covered.
    pub time_range: TimeRange,
}

/// Input of `get_top_limited_entities`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopLimitedParams {
    /// Only this scope.
    #[serde(default)]
    pub scope: Option<RateLimitScope>,
    /// The range.
    pub time_range: TimeRange,
    /// Top N (default 10, at most 1000).
    #[serde(default)]
    pub limit: Option<i64>,
}

/// One of the most limited identities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitedEntity {
    /// The scope.
    pub scope: RateLimitScope,
    /// The identity.
    pub identifier: String,
    /// Requests limited.
    pub limited_count: i64,
    /// Requests evaluated.
    pub total_requests: i64,
    /// `limited_count / total_requests`.
    pub limit_rate: f64,
    /// The policy that limited it most.
    pub primary_policy: String,
    /// Last time it was limited.
    pub last_limited_at: Timestamp,
}

/// `redis | redis_cluster | redis_sentinel`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistributedStoreType {
    /// One Redis server.
    Redis,
    /// Redis Cluster (keys carry the tenant hash tag).
    RedisCluster,
    /// Redis Sentinel.
    RedisSentinel,
}

/// Distributed store settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributedStoreConfig {
    /// The kind (only `redis` is supported by this engine today).
    #[serde(rename = "type")]
    pub store_type: DistributedStoreType,
    /// `redis://host:port/db`.
    pub connection_url: String,
    /// Key prefix (default `rl:`).
    #[serde(default = "default_prefix")]
    pub key_prefix: String,
    /// Kept for compatibility: every decision is synchronous with the store.
    #[serde(default = "default_sync_interval")]
    pub sync_interval_ms: i64,
    /// What to do when the store is unreachable (default `error`).
    #[serde(default)]
    pub failure_mode: super::FailureMode,
}

fn default_prefix() -> String {
    "rl:".to_owned()
}

fn default_sync_interval() -> i64 {
    100
}

/// Health of the state store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistributedStoreStatus {
    /// `memory`, `redb` or `redis`.
    #[serde(rename = "type")]
    pub store_type: String,
    /// Whether the last call succeeded.
    pub connected: bool,
    /// Round trip of a ping (0 for local stores).
    pub latency_ms: f64,
    /// Keys held.
    pub keys_count: i64,
    /// Not reported.
    pub memory_usage_bytes: Option<i64>,
    /// Time of the status.
    pub last_sync_at: Timestamp,
}
