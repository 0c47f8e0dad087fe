//! The per-engine rate-limit state and the [`RateLimiter`] client of one scope: the typed hot
//! path (`consume`, `check`), status queries and the configuration cache.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::algorithm::{self, Kind, LimitSpec, Step};
use super::analytics::Analytics;
use super::cache::ScopeCache;
use super::compiled::{CompiledLimit, CompiledRule, CounterMap, Objects, Snapshot};
use super::memory::MemoryStateStore;
use super::models::ThrottleMode;
use super::request::{DecisionAction, RateLimitDecision, RateLimitRequest};
use super::state::{FailureMode, KeyHasher, KvStateStore, StateKey, StateStore};
use super::verdict::{Verdict, more_restrictive};
use crate::clock::Timestamp;
use crate::config::HotStateConfig;
use crate::engine::{Engine, TenantScope};
use crate::error::{ErrorKind, PlatformError, Result};
use crate::tenant::Scope;

/// Runtime settings of the rate limiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitSettings {
    /// What happens when the state store cannot decide.
    pub failure_mode: FailureMode,
    /// `ratelimit.limit_approached` fires when usage crosses this percentage (1–100, default 80).
    pub approach_threshold_percent: u8,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        RateLimitSettings { failure_mode: FailureMode::Error, approach_threshold_percent: 80 }
    }
}

/// Engine-wide rate-limit state: the state store, the compiled configuration per scope, the
/// analytics counters. Holds no `Engine` (no reference cycle).
#[derive(Debug)]
pub struct RateLimitState {
    /// The store the engine was configured with (for the engine's whole life).
    primary: Arc<dyn StateStore>,
    /// A store that replaced it ([`RateLimiter::use_state_store`]).
    replacement: RwLock<Option<Arc<dyn StateStore>>>,
    /// One cache per scope seen (kept: limiters hold theirs). Writers (invalidations, cache
    /// fills) serialise on this lock; decisions never take it.
    scopes: Mutex<HashMap<String, Arc<ScopeCache>>>,
    /// Bumped by every invalidation, so a snapshot built from data read before a write is
    /// never cached after it.
    generation: AtomicU64,
    counters: Mutex<CounterMap>,
    pub(crate) analytics: Analytics,
    failure_mode: AtomicU8,
    threshold: AtomicU8,
    healthy: AtomicBool,
    sweeping: Mutex<()>,
}

impl RateLimitState {
    fn new(engine: &Engine) -> Result<RateLimitState> {
        let primary: Arc<dyn StateStore> = if let Some(url) = &engine.config().redis_url {
            Arc::new(super::RedisStateStore::new(url, "rl:", super::redis_store::DEFAULT_TIMEOUT)?)
        } else {
            match &engine.config().hot_state {
                HotStateConfig::Memory { shards, max_keys } => Arc::new(MemoryStateStore::new(*shards, *max_keys)),
                HotStateConfig::Redb(_) => Arc::new(KvStateStore::new(engine.kv().clone(), "redb")),
            }
        };
        Ok(RateLimitState {
            primary,
            replacement: RwLock::new(None),
            scopes: Mutex::new(HashMap::new()),
            generation: AtomicU64::new(0),
            counters: Mutex::new(HashMap::new()),
            analytics: Analytics::default(),
            failure_mode: AtomicU8::new(0),
            threshold: AtomicU8::new(80),
            healthy: AtomicBool::new(true),
            sweeping: Mutex::new(()),
        })
    }

    /// The store in use.
    pub(crate) fn store(&self) -> Arc<dyn StateStore> {
        self.replacement().unwrap_or_else(|| self.primary.clone())
    }

    /// The store that replaced the primary one, if any.
    fn replacement(&self) -> Option<Arc<dyn StateStore>> {
        self.replacement.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set_store(&self, store: Arc<dyn StateStore>) {
        let replacement = (!Arc::ptr_eq(&store, &self.primary)).then_some(store);
        *self.replacement.write().unwrap_or_else(|p| p.into_inner()) = replacement;
        self.invalidate(&Scope::Platform);
    }

    fn scopes(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<ScopeCache>>> {
        self.scopes.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn cache_of(&self, scope: &Scope) -> Arc<ScopeCache> {
        self.scopes().entry(scope.key().to_owned()).or_default().clone()
    }

    pub(crate) fn invalidate(&self, scope: &Scope) {
        let scopes = self.scopes();
        self.generation.fetch_add(1, Ordering::AcqRel);
        match scope {
            Scope::Platform => scopes.values().for_each(|cache| cache.publish(None)),
            Scope::Tenant(id) => {
                if let Some(cache) = scopes.get(id.as_str()) {
                    cache.publish(None);
                }
            }
        }
    }

    pub(crate) fn counters(&self) -> std::sync::MutexGuard<'_, CounterMap> {
        self.counters.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn sweep_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.sweeping.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn settings(&self) -> RateLimitSettings {
        let failure_mode = match self.failure_mode.load(Ordering::Relaxed) {
            1 => FailureMode::FailOpen,
            2 => FailureMode::FailClosed,
            _ => FailureMode::Error,
        };
        RateLimitSettings { failure_mode, approach_threshold_percent: self.threshold.load(Ordering::Relaxed) }
    }
}

/// The rate limiter of one scope (`scope.ratelimit()?`). Cheap to clone.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    pub(crate) scope: TenantScope,
    pub(crate) state: Arc<RateLimitState>,
    cache: Arc<ScopeCache>,
}

impl TenantScope {
    /// The rate limiter of this scope.
    pub fn ratelimit(&self) -> Result<RateLimiter> {
        let state = self.engine().extension(RateLimitState::new)?;
        let cache = state.cache_of(self.scope());
        Ok(RateLimiter { scope: self.clone(), state, cache })
    }
}

/// Mixes a sub-key number into a key (penalty marker, burst).
fn derive<'a>(key: &StateKey<'a>, n: u128) -> StateKey<'a> {
    StateKey { tenant: key.tenant, id: key.id ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835) }
}

const PENALTY_MARK: u128 = 1;
const BURST: u128 = 3;

/// A limit ready to step: its step (the spec in force, the units it counts), its key.
struct Prepared<'k> {
    step: Step,
    key: StateKey<'k>,
}

/// One evaluation in progress.
struct Eval<'r, 'a> {
    request: &'r RateLimitRequest<'a>,
    tenant: &'r str,
    now_ms: i64,
    cost: i64,
    commit: bool,
    store: &'r dyn StateStore,
    /// The store when it is the in-memory one (stepped without a virtual call).
    memory: Option<&'r MemoryStateStore>,
    /// The calling thread's stripe of the shared counters (one thread-local read).
    stripe: usize,
}

impl RateLimiter {
    /// The scope.
    pub fn scope(&self) -> &TenantScope {
        &self.scope
    }

    /// Changes the runtime settings (engine-wide).
    pub fn configure(&self, settings: RateLimitSettings) -> Result<RateLimitSettings> {
        if !(1..=100).contains(&settings.approach_threshold_percent) {
            return Err(PlatformError::validation("approach_threshold_percent", "must be between 1 and 100"));
        }
        let mode = match settings.failure_mode {
            FailureMode::Error => 0,
            FailureMode::FailOpen => 1,
            FailureMode::FailClosed => 2,
        };
        self.state.failure_mode.store(mode, Ordering::Relaxed);
        self.state.threshold.store(settings.approach_threshold_percent, Ordering::Relaxed);
        Ok(settings)
    }

    /// The runtime settings.
    pub fn settings(&self) -> RateLimitSettings {
        self.state.settings()
    }

    /// Replaces the state store (engine-wide): e.g. a [`super::RedisStateStore`] shared by
    /// several processes, or a [`MemoryStateStore`] with another key cap.
    pub fn use_state_store(&self, store: Arc<dyn StateStore>) {
        self.state.set_store(store);
    }

    /// Counts a request against every limit of every matching rule and returns the most
    /// restrictive answer. A refused request is a decision with `allowed == false`; use
    /// [`RateLimitDecision::into_result`] (or [`RateLimiter::enforce`]) for the 429 error.
    #[inline]
    pub fn consume(&self, request: &RateLimitRequest<'_>) -> Result<RateLimitDecision> {
        self.decide(request, true)
    }

    /// [`RateLimiter::consume`], failing with `RateLimitExceeded` (429, `retry_after`) when the
    /// request is refused in reject mode.
    pub fn enforce(&self, request: &RateLimitRequest<'_>) -> Result<RateLimitDecision> {
        self.consume(request)?.into_result()
    }

    /// The decision `consume` would take, without counting anything (read-only).
    pub fn check(&self, request: &RateLimitRequest<'_>) -> Result<RateLimitDecision> {
        self.decide(request, false)
    }

    #[inline]
    fn decide(&self, request: &RateLimitRequest<'_>, commit: bool) -> Result<RateLimitDecision> {
        self.scope.engine().ensure_open()?;
        let now = self.scope.engine().now();
        let now_ms = now.as_millis();
        match self.cache.thread_copy(now_ms) {
            Some(snap) => self.decide_with(&snap, request, (now, now_ms), commit),
            None => self.decide_uncached(request, (now, now_ms), commit),
        }
    }

    /// A decision on the shared snapshot, or on a new one when there is none valid.
    #[inline(never)]
    fn decide_uncached(
        &self,
        request: &RateLimitRequest<'_>,
        (now, now_ms): (Timestamp, i64),
        commit: bool,
    ) -> Result<RateLimitDecision> {
        let snap = match self.cache.shared(now_ms) {
            Some(snap) => snap,
            None => self.snapshot(now_ms)?,
        };
        self.decide_with(&snap, request, (now, now_ms), commit)
    }

    fn decide_with(
        &self,
        snap: &Snapshot,
        request: &RateLimitRequest<'_>,
        (now, now_ms): (Timestamp, i64),
        commit: bool,
    ) -> Result<RateLimitDecision> {
        // Parsed only when a bypass, rule or condition of the scope matches addresses.
        let ip = if snap.reads_ip { request.ip.and_then(|ip| ip.parse::<IpAddr>().ok()) } else { None };
        if snap.bypassed(request, ip, now_ms) {
            return Ok(RateLimitDecision::unlimited(now, DecisionAction::Bypass));
        }
        let cost = snap.cost_of(request);
        if cost < 0 {
            return Err(PlatformError::validation("cost", "must not be negative"));
        }
        let tenant = self.scope.scope().key();
        let store = snap.store.as_deref().unwrap_or(&*self.state.primary);
        let stripe = super::compiled::stripe_index();
        let eval = Eval { request, tenant, now_ms, cost, commit, store, memory: store.as_memory(), stripe };
        let plan_rule = request.plan.and_then(|p| snap.plans.get(p));
        if plan_rule.is_none()
            && let Some(plain) = self.plain_shape(snap, &eval)
        {
            return self.decide_plain(snap, &eval, plain, ip, now);
        }
        self.decide_most_restrictive(snap, &eval, plan_rule, ip, now)
    }

    /// The rule and limit of the common shape (one rule, one plain limit without an active
    /// adjustment, the in-memory store, healthy), decided by [`RateLimiter::decide_plain`].
    #[inline(always)]
    fn plain_shape<'s, 'r>(
        &self,
        snap: &'s Snapshot,
        eval: &Eval<'r, '_>,
    ) -> Option<(&'s CompiledRule, &'s CompiledLimit, &'r MemoryStateStore)> {
        let ([rule], Some(memory)) = (snap.rules.as_slice(), eval.memory) else { return None };
        let ([limit], None, None) = (rule.policy.limits.as_slice(), &rule.policy.burst, &rule.policy.penalty) else {
            return None;
        };
        let adjusted = rule.adjustment.is_some_and(|(_, until)| eval.now_ms < until);
        (!adjusted && self.state.healthy.load(Ordering::Relaxed)).then_some((rule, limit, memory))
    }

    /// The common shape (one rule, one plain limit, the in-memory store, no plan rule) decided
    /// straight, without the most-restrictive selection and its intermediate values. A store
    /// error (nothing was written) hands the request to the general path.
    #[inline(always)]
    fn decide_plain(
        &self,
        snap: &Snapshot,
        eval: &Eval<'_, '_>,
        (rule, limit, memory): (&CompiledRule, &CompiledLimit, &MemoryStateStore),
        ip: Option<IpAddr>,
        now: Timestamp,
    ) -> Result<RateLimitDecision> {
        let unlimited = || Ok(RateLimitDecision::unlimited(now, DecisionAction::Allow));
        if !rule.matches(eval.request, ip, eval.tenant) {
            return unlimited();
        }
        let units = units_of(eval, limit, &limit.spec)?;
        let Some(key) = self.key_for(eval, eval.tenant, rule, 0, limit) else { return unlimited() };
        let plain = (rule, limit, memory);
        // One copy of the rest per common algorithm, each with its kind known.
        let step =
            |kind| Step { spec: limit.spec.known_as(kind), cost: units, now_ms: eval.now_ms, commit: eval.commit };
        match limit.spec.kind() {
            Kind::SlidingWindow => self.step_plain(snap, eval, plain, (step(Kind::SlidingWindow), &key), ip, now),
            Kind::TokenBucket => self.step_plain(snap, eval, plain, (step(Kind::TokenBucket), &key), ip, now),
            Kind::FixedWindow => self.step_plain(snap, eval, plain, (step(Kind::FixedWindow), &key), ip, now),
            kind => self.step_plain(snap, eval, plain, (step(kind), &key), ip, now),
        }
    }

    /// The step of [`RateLimiter::decide_plain`] and its decision.
    #[inline(always)]
    fn step_plain(
        &self,
        snap: &Snapshot,
        eval: &Eval<'_, '_>,
        (rule, limit, memory): (&CompiledRule, &CompiledLimit, &MemoryStateStore),
        (step, key): (Step, &StateKey<'_>),
        ip: Option<IpAddr>,
        now: Timestamp,
    ) -> Result<RateLimitDecision> {
        let Ok(outcome) = memory.step_key(key, &step) else {
            return self.decide_most_restrictive(snap, eval, None, ip, now);
        };
        let report = algorithm::report(&step.spec, &outcome, step.cost);
        let verdict = self.settle(eval, rule, limit, (outcome.allowed, report, None), step.cost);
        Ok(verdict.into_decision())
    }

    /// Every limit of every matching rule; the most restrictive answer wins.
    #[inline(never)]
    fn decide_most_restrictive(
        &self,
        snap: &Snapshot,
        eval: &Eval<'_, '_>,
        plan_rule: Option<&CompiledRule>,
        ip: Option<IpAddr>,
        now: Timestamp,
    ) -> Result<RateLimitDecision> {
        let (request, tenant) = (eval.request, eval.tenant);
        let mut best: Option<Verdict<'_>> = None;
        for rule in snap.rules.iter().chain(plan_rule) {
            if !rule.matches(request, ip, tenant) {
                continue;
            }
            for (i, limit) in rule.policy.limits.iter().enumerate() {
                if let Some(verdict) = self.eval_limit(eval, rule, i, limit)?
                    && best.as_ref().is_none_or(|current| more_restrictive(&verdict, current))
                {
                    best = Some(verdict);
                }
            }
        }
        let unlimited = || RateLimitDecision::unlimited(now, DecisionAction::Allow);
        Ok(best.map_or_else(unlimited, Verdict::into_decision))
    }

    /// The compiled configuration of this scope (built on first use, after every write, and
    /// after a bypass or adjustment expires).
    fn snapshot(&self, now_ms: i64) -> Result<Arc<Snapshot>> {
        let key = self.scope.scope().key();
        self.sweep_expired(now_ms)?;
        let generation = self.state.generation.load(Ordering::Acquire);
        let own = self.load_objects(self.scope.scope())?;
        let platform = match self.scope.scope() {
            Scope::Platform => Objects::default(),
            Scope::Tenant(_) => self.load_objects(&Scope::Platform)?,
        };
        let layers = [&own, &platform];
        let snap =
            Arc::new(Snapshot::build(self.state.replacement(), key, &layers, now_ms, &mut self.state.counters()));
        let _writers = self.state.scopes();
        if self.state.generation.load(Ordering::Acquire) == generation {
            self.cache.publish(Some(snap.clone()));
        }
        Ok(snap)
    }

    #[inline(always)]
    fn key_for<'t>(
        &self,
        eval: &Eval<'_, '_>,
        tenant: &'t str,
        rule: &CompiledRule,
        i: usize,
        limit: &CompiledLimit,
    ) -> Option<StateKey<'t>> {
        let seed = rule.seeds.get(i).copied().unwrap_or_default();
        // A rule's path glob is the endpoint: `/users/*` is one counter, not one per user id.
        let value_of = |dim| match (dim, &rule.path) {
            (&super::validate::Dimension::Endpoint, Some(glob)) => Some(glob.glob().glob()),
            _ => dimension_value(eval.request, tenant, dim),
        };
        if let [dim] = limit.dims.as_slice() {
            return Some(KeyHasher::single(tenant, seed, value_of(dim)?.as_bytes()));
        }
        let mut hasher = KeyHasher::with_seed(tenant, seed);
        for dim in &limit.dims {
            hasher.part(value_of(dim)?.as_bytes());
        }
        Some(hasher.finish())
    }

    /// Runs one step, applying the failure mode when the store cannot decide.
    #[inline(always)]
    fn step(&self, eval: &Eval<'_, '_>, key: &StateKey<'_>, step: &Step) -> Result<Option<algorithm::Outcome>> {
        let result = match eval.memory {
            Some(memory) => memory.step_key(key, step),
            None => eval.store.step(key, step),
        };
        match result {
            Ok(outcome) => {
                if !self.state.healthy.load(Ordering::Relaxed) {
                    self.store_recovered(eval);
                }
                Ok(Some(outcome))
            }
            Err(err) => self.store_failed(eval, err),
        }
    }

    #[cold]
    fn store_recovered(&self, eval: &Eval<'_, '_>) {
        if !self.state.healthy.swap(true, Ordering::AcqRel) {
            self.scope.publish("ratelimit.distributed_store.connected", || json!({"type": eval.store.kind()}));
        }
    }

    #[cold]
    fn store_failed(&self, eval: &Eval<'_, '_>, err: PlatformError) -> Result<Option<algorithm::Outcome>> {
        if err.kind() != ErrorKind::Unavailable {
            return Err(err);
        }
        if self.state.healthy.swap(false, Ordering::AcqRel) {
            tracing::warn!(store = eval.store.kind(), error = %err, "rate-limit store unavailable");
            self.scope.publish(
                "ratelimit.distributed_store.disconnected",
                || json!({"type": eval.store.kind(), "error": err.user_message()}),
            );
        }
        match self.state.settings().failure_mode {
            FailureMode::Error => Err(err),
            _ => Ok(None),
        }
    }

    #[inline(always)]
    fn eval_limit<'s>(
        &self,
        eval: &Eval<'_, '_>,
        rule: &'s CompiledRule,
        i: usize,
        limit: &'s CompiledLimit,
    ) -> Result<Option<Verdict<'s>>> {
        let Some(Prepared { mut step, key: base }) = self.prepare(eval, rule, i, limit)? else {
            return Ok(None);
        };
        let policy = &rule.policy;
        let mut in_box = false;
        if policy.penalty.is_some() {
            match self.penalty_capacity(eval, &base, rule, limit, step.spec)? {
                Some(Some(boxed)) => (step.spec, in_box) = (boxed, true),
                Some(None) => {}
                None => return Ok(Some(self.degraded(eval, rule, limit))),
            }
        }
        let Some(outcome) = self.step(eval, &base, &step)? else { return Ok(Some(self.degraded(eval, rule, limit))) };
        let units = step.cost;
        let mut report = algorithm::report(&step.spec, &outcome, units);
        let mut allowed = outcome.allowed;
        let mut burst_remaining = None;
        if policy.burst.is_some() {
            burst_remaining = self.use_burst(eval, &base, rule, limit, units, (&mut allowed, &mut report))?;
        }
        if !allowed && eval.commit && policy.mode == ThrottleMode::PenaltyBox && !in_box {
            self.enter_penalty_box(eval, &base, rule, limit)?;
        }
        Ok(Some(self.settle(eval, rule, limit, (allowed, report, burst_remaining), units)))
    }

    /// The step of a limit (its spec in force, the units it counts) and its key (`None`: a
    /// dimension of the key is missing, so the limit does not apply). A cost the limit can never allow is refused.
    #[inline(always)]
    fn prepare<'r>(
        &self,
        eval: &Eval<'r, '_>,
        rule: &CompiledRule,
        i: usize,
        limit: &CompiledLimit,
    ) -> Result<Option<Prepared<'r>>> {
        let spec = rule.spec(limit, eval.now_ms);
        let step = Step { spec, cost: units_of(eval, limit, &spec)?, now_ms: eval.now_ms, commit: eval.commit };
        Ok(self.key_for(eval, eval.tenant, rule, i, limit).map(|key| Prepared { step, key }))
    }

    /// The verdict of a stepped limit (allowed, report, burst units left), counted in the
    /// analytics and events when the evaluation commits.
    #[inline(always)]
    fn settle<'s>(
        &self,
        eval: &Eval<'_, '_>,
        rule: &'s CompiledRule,
        limit: &'s CompiledLimit,
        (allowed, report, burst_remaining): (bool, algorithm::Report, Option<i64>),
        units: i64,
    ) -> Verdict<'s> {
        let verdict = self.verdict(rule, limit, allowed, report, burst_remaining);
        if eval.commit {
            self.record(eval, &verdict, units);
        }
        verdict
    }

    /// The penalty-box capacity when the key is inside the box (`Some(None)`: outside; `None`:
    /// the store could not tell).
    #[inline(never)]
    fn penalty_capacity(
        &self,
        eval: &Eval<'_, '_>,
        base: &StateKey<'_>,
        rule: &CompiledRule,
        limit: &CompiledLimit,
        spec: LimitSpec,
    ) -> Result<Option<Option<LimitSpec>>> {
        let Some((marker, penalty_limit)) = rule.policy.penalty else { return Ok(Some(None)) };
        let step = Step { spec: marker, cost: 0, now_ms: eval.now_ms, commit: eval.commit };
        let Some(mark) = self.step(eval, &derive(base, PENALTY_MARK), &step)? else { return Ok(None) };
        if mark.state.b == 2 {
            self.scope.publish(
                "ratelimit.penalty_box_exited",
                || json!({"policy_id": rule.policy.id(), "scope": limit.scope}),
            );
        }
        if !mark.allowed {
            return Ok(Some(None));
        }
        Ok(Some(Some(spec.with_capacity(penalty_limit.min(spec.capacity()))?)))
    }

    /// Lets a refused request through on the burst allowance when it fits; returns the burst
    /// units left.
    #[inline(never)]
    fn use_burst(
        &self,
        eval: &Eval<'_, '_>,
        base: &StateKey<'_>,
        rule: &CompiledRule,
        limit: &CompiledLimit,
        units: i64,
        (allowed, report): (&mut bool, &mut algorithm::Report),
    ) -> Result<Option<i64>> {
        let Some(burst) = rule.policy.burst else { return Ok(None) };
        let use_burst = !*allowed && units <= burst.capacity();
        let step = Step {
            spec: burst,
            cost: if use_burst { units } else { 0 },
            now_ms: eval.now_ms,
            commit: eval.commit && use_burst,
        };
        let Some(b) = self.step(eval, &derive(base, BURST), &step)? else { return Ok(None) };
        let mut burst_remaining = Some(algorithm::report(&burst, &b, units).remaining);
        if use_burst && b.allowed {
            *allowed = true;
            report.retry_after_ms = None;
            burst_remaining = burst_remaining.map(|r| r - if eval.commit { 0 } else { units });
            if eval.commit {
                self.scope.publish(
                    "ratelimit.burst_used",
                    || json!({"policy_id": rule.policy.id(), "scope": limit.scope, "burst_remaining": burst_remaining}),
                );
            }
        }
        Ok(burst_remaining)
    }

    #[cold]
    fn enter_penalty_box(
        &self,
        eval: &Eval<'_, '_>,
        base: &StateKey<'_>,
        rule: &CompiledRule,
        limit: &CompiledLimit,
    ) -> Result<()> {
        let Some((marker, penalty_limit)) = rule.policy.penalty else { return Ok(()) };
        let step = Step { spec: marker, cost: 1, now_ms: eval.now_ms, commit: true };
        if let Some(mark) = self.step(eval, &derive(base, PENALTY_MARK), &step)? {
            self.scope.publish("ratelimit.penalty_box_entered", || {
                json!({"policy_id": rule.policy.id(), "scope": limit.scope, "penalty_box_limit": penalty_limit,
                       "until": Timestamp::from_millis(mark.state.a).to_rfc3339()})
            });
        }
        Ok(())
    }

    fn verdict<'s>(
        &self,
        rule: &'s CompiledRule,
        limit: &'s CompiledLimit,
        allowed: bool,
        report: algorithm::Report,
        burst_remaining: Option<i64>,
    ) -> Verdict<'s> {
        let policy = &rule.policy;
        let throttle = !allowed
            && policy.mode == ThrottleMode::Throttle
            && report.retry_after_ms.is_some_and(|ms| ms <= policy.throttle_delay_ms);
        let action = match (allowed, throttle) {
            (true, _) => DecisionAction::Allow,
            (false, true) => DecisionAction::Throttle,
            (false, false) => DecisionAction::Reject,
        };
        Verdict { rule, limit, allowed, action, report, burst_remaining, degraded: false }
    }

    #[cold]
    fn degraded<'s>(&self, eval: &Eval<'_, '_>, rule: &'s CompiledRule, limit: &'s CompiledLimit) -> Verdict<'s> {
        let allowed = self.state.settings().failure_mode == FailureMode::FailOpen;
        let action = if allowed { DecisionAction::Allow } else { DecisionAction::Reject };
        let capacity = rule.spec(limit, eval.now_ms).capacity();
        let report = algorithm::Report {
            limit: capacity,
            remaining: 0,
            used: 0,
            reset_at_ms: eval.now_ms,
            retry_after_ms: None,
        };
        Verdict { rule, limit, allowed, action, report, burst_remaining: None, degraded: true }
    }

    /// Analytics counters and the approached / exceeded events of one counted limit.
    #[inline(always)]
    fn record(&self, eval: &Eval<'_, '_>, v: &Verdict<'_>, units: i64) {
        v.limit.counters.add(eval.stripe, !v.allowed);
        if !v.allowed {
            return self.record_limited(eval, *v);
        }
        let r = &v.report;
        let threshold = i64::from(self.state.threshold.load(Ordering::Relaxed));
        let crossed = |used: i64| used * 100 >= threshold * r.limit;
        if crossed(r.used) && !crossed(r.used - units) {
            self.approached(*v, threshold);
        }
    }

    #[cold]
    fn approached(&self, v: Verdict<'_>, threshold: i64) {
        let (limit, policy, r) = (v.limit, &v.rule.policy, &v.report);
        self.scope.publish("ratelimit.limit_approached", || {
            json!({"policy_id": policy.id(), "policy_name": policy.name(), "scope": limit.scope,
                   "limit": r.limit, "used": r.used, "remaining": r.remaining, "threshold_percent": threshold})
        });
    }

    /// The limited-entity table and `ratelimit.limit_exceeded`.
    #[inline(never)]
    fn record_limited(&self, eval: &Eval<'_, '_>, v: Verdict<'_>) {
        let (limit, policy, r) = (v.limit, &v.rule.policy, &v.report);
        let dim = limit_primary_dim(limit);
        let raw = dimension_value(eval.request, eval.tenant, dim).unwrap_or("");
        // API keys are secrets: events and analytics only see a fingerprint.
        let identifier = match dim {
            super::validate::Dimension::ApiKey => {
                format!("api_key:{:016x}", xxhash_rust::xxh3::xxh3_64(raw.as_bytes()))
            }
            _ => raw.to_owned(),
        };
        let identifier = identifier.as_str();
        self.state.analytics.limited(eval.tenant, limit.scope, identifier, policy.name(), r.used, eval.now_ms);
        self.scope.publish("ratelimit.limit_exceeded", || {
            json!({"policy_id": policy.id(), "policy_name": policy.name(), "scope": limit.scope,
                   "identifier": identifier, "limit": r.limit, "retry_after_seconds": v.retry_after_seconds(),
                   "action": v.action})
        });
    }
}

/// The units a limit counts for the request (its cost, or 1), refused when `spec` can never
/// allow them.
#[inline(always)]
fn units_of(eval: &Eval<'_, '_>, limit: &CompiledLimit, spec: &LimitSpec) -> Result<i64> {
    let units = if limit.cost_based { eval.cost } else { 1 };
    spec.check_cost(units)?;
    Ok(units)
}

fn limit_primary_dim(limit: &CompiledLimit) -> &super::validate::Dimension {
    use super::validate::Dimension;
    const TENANT: &Dimension = &Dimension::Tenant;
    limit.dims.first().unwrap_or(TENANT)
}

/// A dimension's value in a request (`None`: missing, so the limit does not apply).
#[inline(always)]
fn dimension_value<'a>(
    request: &RateLimitRequest<'a>,
    tenant: &'a str,
    dim: &super::validate::Dimension,
) -> Option<&'a str> {
    use super::validate::Dimension;
    match dim {
        Dimension::Tenant => Some(tenant),
        Dimension::User => request.user,
        Dimension::Ip => request.ip,
        Dimension::ApiKey => request.api_key,
        Dimension::Endpoint => Some(request.endpoint),
        Dimension::Method => Some(request.method),
        Dimension::Plan => request.plan,
        Dimension::Country => request.country,
        Dimension::Role => request.roles.first().copied(),
        Dimension::Header(name) => request.header(name),
    }
}
