//! The compiled, immutable view of one scope's configuration that the hot path reads: rules
//! sorted by priority with their matchers, plan policies, bypasses and endpoint costs. Rebuilt
//! after every management write (the next request sees the change).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use globset::GlobMatcher;
use ipnet::IpNet;

use super::algorithm::LimitSpec;
use super::models::{
    BypassRule, BypassType, ConditionField, ConditionOperator, EndpointCost, LimitAdjustment, RateLimitAlgorithm,
    RateLimitPolicy, RateLimitRule, RateLimitScope, RuleTargetType, ThrottleMode,
};
use super::request::{LabelText, RateLimitRequest};
use super::state::{StateStore, key_seed};
use super::validate::{self, Dimension};
use crate::error::Result;

/// Counter stripes per limit a thread can own: the first threads to decide own one each and
/// count on it with a plain load and store (no atomic read-modify-write, which would cost the hot
/// path about as much as its hash-map lookup); later threads share one more stripe.
const OWNED_STRIPES: usize = 8;
/// The index of the shared stripe (atomic additions).
const SHARED_STRIPE: usize = OWNED_STRIPES;

/// One stripe, alone in its cache lines.
#[derive(Debug, Default)]
#[repr(align(128))]
struct Stripe {
    total: AtomicU64,
    limited: AtomicU64,
}

/// Lifetime counters of one limit (analytics), striped per thread.
#[derive(Debug, Default)]
pub struct Counters {
    stripes: [Stripe; OWNED_STRIPES + 1],
}

/// A thread's claim on a counter stripe, released when the thread ends.
struct StripeClaim(usize);

/// Bit `i` set: stripe `i` is owned by a live thread.
static CLAIMED: AtomicUsize = AtomicUsize::new(0);

impl StripeClaim {
    /// Claims a free owned stripe, or the shared one when all are taken.
    fn claim() -> StripeClaim {
        let mut claimed = CLAIMED.load(Ordering::Relaxed);
        loop {
            let free = !claimed & ((1 << OWNED_STRIPES) - 1);
            if free == 0 {
                return StripeClaim(SHARED_STRIPE);
            }
            let index = free.trailing_zeros() as usize;
            // Acquire: the previous owner's last counts happen before ours.
            match CLAIMED.compare_exchange_weak(claimed, claimed | 1 << index, Ordering::Acquire, Ordering::Relaxed) {
                Ok(_) => return StripeClaim(index),
                Err(now) => claimed = now,
            }
        }
    }
}

impl Drop for StripeClaim {
    fn drop(&mut self) {
        if self.0 < OWNED_STRIPES {
            CLAIMED.fetch_and(!(1 << self.0), Ordering::Release);
        }
    }
}

/// The counter stripe of the calling thread (read once per decision): its own, or the shared one.
pub(crate) fn stripe_index() -> usize {
    thread_local! {
        static STRIPE: StripeClaim = StripeClaim::claim();
    }
    STRIPE.try_with(|claim| claim.0).unwrap_or(SHARED_STRIPE)
}

impl Counters {
    /// Counts one evaluated request, `limited` or not, on stripe `stripe` (see [`stripe_index`]).
    #[inline]
    pub fn add(&self, stripe: usize, limited: bool) {
        let owned = stripe < OWNED_STRIPES;
        let stripe = &self.stripes[stripe.min(SHARED_STRIPE)];
        let bump = |counter: &AtomicU64| {
            if owned {
                // Only the owning thread writes this stripe: no other write can be lost.
                counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
            } else {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        };
        bump(&stripe.total);
        if limited {
            bump(&stripe.limited);
        }
    }

    /// (requests evaluated, requests limited).
    pub fn totals(&self) -> (u64, u64) {
        self.stripes
            .iter()
            .fold((0, 0), |(t, l), s| (t + s.total.load(Ordering::Relaxed), l + s.limited.load(Ordering::Relaxed)))
    }
}

/// One limit of a policy, ready to evaluate.
#[derive(Debug)]
pub struct CompiledLimit {
    pub(crate) scope: RateLimitScope,
    pub(crate) spec: LimitSpec,
    pub(crate) dims: Vec<Dimension>,
    pub(crate) cost_based: bool,
    pub(crate) counters: Arc<Counters>,
}

/// A policy, ready to evaluate.
#[derive(Debug)]
pub struct CompiledPolicy {
    pub(crate) label: &'static LabelText,
    pub(crate) algorithm: RateLimitAlgorithm,
    pub(crate) limits: Vec<CompiledLimit>,
    pub(crate) burst: Option<LimitSpec>,
    pub(crate) mode: ThrottleMode,
    pub(crate) throttle_delay_ms: i64,
    pub(crate) penalty: Option<(LimitSpec, i64)>,
}

impl CompiledPolicy {
    /// The policy id.
    pub(crate) fn id(&self) -> &str {
        self.label.id()
    }

    /// The policy name.
    pub(crate) fn name(&self) -> &str {
        self.label.name()
    }
}

#[derive(Debug)]
enum ValueMatch {
    Any,
    Exact(String),
    Net(IpNet),
}

#[derive(Debug)]
struct CompiledCondition {
    field: ConditionField,
    operator: ConditionOperator,
    header: String,
    values: Vec<String>,
    nets: Vec<IpNet>,
    globs: Vec<GlobMatcher>,
}

/// A rule, ready to evaluate.
#[derive(Debug)]
pub struct CompiledRule {
    pub(crate) id: Arc<str>,
    pub(crate) priority: i64,
    target_type: RuleTargetType,
    value: ValueMatch,
    method: Option<String>,
    pub(crate) path: Option<GlobMatcher>,
    conditions: Vec<CompiledCondition>,
    pub(crate) policy: Arc<CompiledPolicy>,
    /// A temporary capacity and when it ends (ms).
    pub(crate) adjustment: Option<(i64, i64)>,
    /// Per limit: the key seed folding tenant, rule and limit index.
    pub(crate) seeds: Vec<u64>,
    /// Whether the rule matches every request carrying its target's value (no method, path,
    /// value or condition to check).
    subject_only: bool,
}

#[derive(Debug)]
struct CompiledBypass {
    kind: BypassType,
    value: String,
    net: Option<IpNet>,
    expires_ms: i64,
}

#[derive(Debug)]
struct CompiledCost {
    path: GlobMatcher,
    method: String,
    cost: i64,
}

/// Everything the hot path needs for one scope (its own objects plus the platform's), and the
/// state store in use when it was built (replacing the store invalidates every snapshot).
#[derive(Debug)]
pub struct Snapshot {
    /// The store decisions step (`None`: the engine's primary store).
    pub(crate) store: Option<Arc<dyn StateStore>>,
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) plans: HashMap<String, CompiledRule>,
    bypasses: Vec<CompiledBypass>,
    costs: Vec<CompiledCost>,
    /// The earliest expiry of a bypass or adjustment (ms); the limiter sweeps when it passes.
    pub(crate) next_expiry_ms: i64,
    /// Whether anything matches the client address as an IP (else it is never parsed).
    pub(crate) reads_ip: bool,
}

/// The raw objects of a scope, read from the record store.
#[derive(Debug, Default)]
pub struct Objects {
    /// Policies by id.
    pub policies: HashMap<String, RateLimitPolicy>,
    /// Rules.
    pub rules: Vec<RateLimitRule>,
    /// Plan id → policy id.
    pub plans: Vec<(String, String)>,
    /// Bypass rules.
    pub bypasses: Vec<BypassRule>,
    /// Adjustments.
    pub adjustments: Vec<LimitAdjustment>,
    /// Endpoint costs.
    pub costs: Vec<EndpointCost>,
}

/// Counters survive snapshot rebuilds: keyed by (scope, policy id, limit index).
pub type CounterMap = HashMap<(String, String, usize), Arc<Counters>>;

pub(crate) fn compile_policy(
    scope: &str,
    policy: &RateLimitPolicy,
    counters: &mut CounterMap,
) -> Result<CompiledPolicy> {
    let mut limits = Vec::with_capacity(policy.limits.len());
    for (i, limit) in policy.limits.iter().enumerate() {
        let field = format!("limits[{i}]");
        limits.push(CompiledLimit {
            scope: limit.scope,
            spec: validate::limit_spec(&field, limit, policy.algorithm, policy.token_bucket.as_ref())?,
            dims: validate::limit_dimensions(&field, limit)?,
            cost_based: limit.cost_based,
            counters: counters.entry((scope.to_owned(), policy.id.clone(), i)).or_default().clone(),
        });
    }
    let throttle = policy.throttle.unwrap_or_default();
    Ok(CompiledPolicy {
        label: LabelText::interned(&policy.id, &policy.name),
        algorithm: policy.algorithm,
        limits,
        burst: policy.burst.as_ref().map(validate::burst_spec).transpose()?,
        mode: throttle.mode,
        throttle_delay_ms: throttle.throttle_delay_ms.unwrap_or(0),
        penalty: validate::throttle(&throttle)?,
    })
}

fn compile_condition(i: usize, condition: &super::models::RuleCondition) -> Result<CompiledCondition> {
    let field = format!("conditions[{i}]");
    let values = validate::condition_values(&field, condition)?;
    let nets = match condition.field {
        ConditionField::IpRange => values.iter().map(|v| validate::ip_range(&field, v)).collect::<Result<Vec<_>>>()?,
        _ => Vec::new(),
    };
    let globs = match condition.operator {
        ConditionOperator::Matches => values
            .iter()
            .map(|v| {
                globset::Glob::new(v).map(|g| g.compile_matcher()).map_err(|e| {
                    crate::error::PlatformError::validation(format!("{field}.value"), e.kind().to_string())
                })
            })
            .collect::<Result<Vec<_>>>()?,
        _ => Vec::new(),
    };
    Ok(CompiledCondition {
        field: condition.field,
        operator: condition.operator,
        header: condition.header.as_deref().unwrap_or("").to_ascii_lowercase(),
        values,
        nets,
        globs,
    })
}

pub(crate) fn compile_rule(rule: &RateLimitRule, policy: Arc<CompiledPolicy>) -> Result<CompiledRule> {
    validate::target(&rule.target)?;
    let value = match rule.target.value.as_deref() {
        None | Some("*") => ValueMatch::Any,
        Some(v) if rule.target.target_type == RuleTargetType::Ip => {
            ValueMatch::Net(validate::ip_range("target.value", v)?)
        }
        Some(v) => ValueMatch::Exact(v.to_owned()),
    };
    let conditions = rule.conditions.iter().flatten().enumerate().map(|(i, c)| compile_condition(i, c));
    Ok(CompiledRule {
        id: rule.id.as_str().into(),
        priority: rule.priority,
        target_type: rule.target.target_type,
        value,
        method: rule.target.method.as_deref().filter(|m| *m != "*").map(str::to_ascii_uppercase),
        path: rule.target.path_pattern.as_deref().map(|p| validate::glob("target.path_pattern", p)).transpose()?,
        conditions: conditions.collect::<Result<_>>()?,
        policy,
        adjustment: None,
        seeds: Vec::new(),
        subject_only: false,
    }
    .with_match_shape())
}

fn seeds(scope: &str, rule: &CompiledRule) -> Vec<u64> {
    let count = rule.policy.limits.len() as u32;
    (0..count).map(|i| key_seed(scope, &[rule.id.as_bytes(), &i.to_le_bytes()])).collect()
}

impl Snapshot {
    /// Compiles the objects of a scope (`own`) over those of the platform (`platform`).
    pub fn build(
        store: Option<Arc<dyn StateStore>>,
        scope: &str,
        layers: &[&Objects],
        now_ms: i64,
        counters: &mut CounterMap,
    ) -> Snapshot {
        let mut snap = Snapshot {
            store,
            rules: Vec::new(),
            plans: HashMap::new(),
            bypasses: Vec::new(),
            costs: Vec::new(),
            next_expiry_ms: i64::MAX,
            reads_ip: false,
        };
        for objects in layers {
            snap.add_layer(scope, objects, now_ms, counters);
        }
        snap.reads_ip = snap.rules.iter().chain(snap.plans.values()).any(CompiledRule::reads_ip)
            || snap.bypasses.iter().any(|b| b.net.is_some());
        snap.rules.sort_by(|a, b| b.priority.cmp(&a.priority).then_with(|| a.id.cmp(&b.id)));
        snap
    }

    fn add_layer(&mut self, scope: &str, objects: &Objects, now_ms: i64, counters: &mut CounterMap) {
        let mut compiled: HashMap<&str, Arc<CompiledPolicy>> = HashMap::new();
        for (id, policy) in objects.policies.iter().filter(|(_, p)| p.is_active) {
            match compile_policy(scope, policy, counters) {
                Ok(c) => {
                    compiled.insert(id.as_str(), Arc::new(c));
                }
                Err(e) => tracing::warn!(policy_id = %id, error = %e, "skipping an invalid stored policy"),
            }
        }
        for rule in objects.rules.iter().filter(|r| r.is_active) {
            let Some(policy) = compiled.get(rule.policy_id.as_str()) else { continue };
            match compile_rule(rule, policy.clone()) {
                Ok(mut c) => {
                    c.adjustment = self.adjustment_of(&objects.adjustments, &rule.id, now_ms);
                    c.seeds = seeds(scope, &c);
                    self.rules.push(c);
                }
                Err(e) => tracing::warn!(rule_id = %rule.id, error = %e, "skipping an invalid stored rule"),
            }
        }
        for (plan, policy_id) in &objects.plans {
            let Some(policy) = compiled.get(policy_id.as_str()) else { continue };
            let mut rule = CompiledRule {
                id: format!("plan:{plan}").into(),
                priority: i64::MIN,
                target_type: RuleTargetType::Tenant,
                value: ValueMatch::Any,
                method: None,
                path: None,
                conditions: Vec::new(),
                policy: policy.clone(),
                adjustment: None,
                seeds: Vec::new(),
                subject_only: false,
            }
            .with_match_shape();
            rule.seeds = seeds(scope, &rule);
            self.plans.entry(plan.clone()).or_insert(rule);
        }
        self.add_bypasses(&objects.bypasses, now_ms);
        for cost in &objects.costs {
            if let Ok(path) = validate::glob("path_pattern", &cost.path_pattern) {
                self.costs.push(CompiledCost { path, method: cost.method.to_ascii_uppercase(), cost: cost.cost });
            }
        }
    }

    fn adjustment_of(&mut self, adjustments: &[LimitAdjustment], rule_id: &str, now_ms: i64) -> Option<(i64, i64)> {
        let active = adjustments.iter().find(|a| a.is_active && a.rule_id == rule_id)?;
        let until = active.expires_at.as_millis();
        (until > now_ms).then(|| {
            self.next_expiry_ms = self.next_expiry_ms.min(until);
            (active.adjusted_limit, until)
        })
    }

    fn add_bypasses(&mut self, bypasses: &[BypassRule], now_ms: i64) {
        for b in bypasses.iter().filter(|b| b.is_active) {
            let expires_ms = b.expires_at.map_or(i64::MAX, |t| t.as_millis());
            self.next_expiry_ms = self.next_expiry_ms.min(expires_ms);
            if expires_ms <= now_ms {
                continue;
            }
            let net = (b.bypass_type == BypassType::Ip).then(|| validate::ip_range("value", &b.value).ok()).flatten();
            self.bypasses.push(CompiledBypass { kind: b.bypass_type, value: b.value.clone(), net, expires_ms });
        }
    }

    /// Whether a bypass rule exempts the request.
    pub fn bypassed(&self, request: &RateLimitRequest<'_>, ip: Option<IpAddr>, now_ms: i64) -> bool {
        self.bypasses.iter().any(|b| {
            b.expires_ms > now_ms
                && match b.kind {
                    BypassType::ApiKey => request.api_key == Some(b.value.as_str()),
                    BypassType::User => request.user == Some(b.value.as_str()),
                    BypassType::Role => request.roles.contains(&b.value.as_str()),
                    BypassType::Ip => ip.zip(b.net).is_some_and(|(ip, net)| net.contains(&ip)),
                }
        })
    }

    /// The cost of a request: its own, else the first matching endpoint cost, else 1.
    pub fn cost_of(&self, request: &RateLimitRequest<'_>) -> i64 {
        if let Some(cost) = request.cost {
            return cost;
        }
        self.costs
            .iter()
            .find(|c| {
                (c.method == "*" || c.method.eq_ignore_ascii_case(request.method)) && c.path.is_match(request.endpoint)
            })
            .map_or(1, |c| c.cost)
    }
}

impl CompiledRule {
    /// Whether matching the rule needs the client address parsed.
    fn reads_ip(&self) -> bool {
        matches!(self.value, ValueMatch::Net(_)) || self.conditions.iter().any(|c| c.field == ConditionField::IpRange)
    }

    /// The rule with its match shape recorded (see [`CompiledRule::matches`]).
    fn with_match_shape(mut self) -> CompiledRule {
        self.subject_only = self.method.is_none()
            && self.path.is_none()
            && self.conditions.is_empty()
            && matches!(self.value, ValueMatch::Any)
            && self.target_type != RuleTargetType::Role;
        self
    }

    /// Whether the rule applies to the request.
    #[inline(always)]
    pub fn matches(&self, request: &RateLimitRequest<'_>, ip: Option<IpAddr>, tenant: &str) -> bool {
        if self.subject_only {
            return self.subject(request, tenant).is_some();
        }
        self.matches_in_full(request, ip, tenant)
    }

    /// [`CompiledRule::matches`] for rules with a method, path, value or condition.
    #[inline(never)]
    fn matches_in_full(&self, request: &RateLimitRequest<'_>, ip: Option<IpAddr>, tenant: &str) -> bool {
        if self.method.as_deref().is_some_and(|m| !m.eq_ignore_ascii_case(request.method)) {
            return false;
        }
        if self.path.as_ref().is_some_and(|p| !p.is_match(request.endpoint)) {
            return false;
        }
        let subject = self.subject(request, tenant);
        let target_ok = match (&self.value, self.target_type) {
            (ValueMatch::Any, RuleTargetType::Role) => !request.roles.is_empty(),
            (ValueMatch::Exact(v), RuleTargetType::Role) => request.roles.contains(&v.as_str()),
            (ValueMatch::Any, _) => subject.is_some(),
            (ValueMatch::Exact(v), _) => subject == Some(v.as_str()),
            (ValueMatch::Net(net), _) => ip.is_some_and(|ip| net.contains(&ip)),
        };
        target_ok && self.conditions.iter().all(|c| c.holds(request, ip))
    }

    /// The request's value of the rule's target (roles: none, they are a list).
    #[inline(always)]
    fn subject<'r>(&self, request: &RateLimitRequest<'r>, tenant: &'r str) -> Option<&'r str> {
        match self.target_type {
            RuleTargetType::Endpoint => Some(request.endpoint),
            RuleTargetType::User => request.user,
            RuleTargetType::Tenant => Some(tenant),
            RuleTargetType::Ip => request.ip,
            RuleTargetType::ApiKey => request.api_key,
            RuleTargetType::Role => None,
        }
    }

    /// The spec of limit `i`, with an active adjustment applied.
    #[inline(always)]
    pub fn spec(&self, limit: &CompiledLimit, now_ms: i64) -> LimitSpec {
        match self.adjustment {
            Some((capacity, until)) if now_ms < until => limit.spec.with_capacity(capacity).unwrap_or(limit.spec),
            _ => limit.spec,
        }
    }
}

impl CompiledCondition {
    fn holds(&self, request: &RateLimitRequest<'_>, ip: Option<IpAddr>) -> bool {
        let candidates: &mut dyn Iterator<Item = &str> = match self.field {
            ConditionField::Plan => &mut request.plan.into_iter(),
            ConditionField::Role => &mut request.roles.iter().copied(),
            ConditionField::Header => &mut request.header(&self.header).into_iter(),
            ConditionField::Country => &mut request.country.into_iter(),
            ConditionField::UserAgent => &mut request.user_agent.into_iter(),
            ConditionField::IpRange => {
                let inside = ip.is_some_and(|ip| self.nets.iter().any(|n| n.contains(&ip)));
                return inside != matches!(self.operator, ConditionOperator::Neq | ConditionOperator::NotIn);
            }
        };
        let mut any = false;
        for value in candidates {
            any |= match self.operator {
                ConditionOperator::Matches => self.globs.iter().any(|g| g.is_match(value)),
                _ => self.values.iter().any(|v| v.eq_ignore_ascii_case(value)),
            };
        }
        any != matches!(self.operator, ConditionOperator::Neq | ConditionOperator::NotIn)
    }
}
