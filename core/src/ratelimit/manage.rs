//! The management surface of spec 003 §4 (policies, rules, plans, bypasses, adjustments,
//! endpoint costs), persisted in the engine's record store under `ratelimit.*` collections.
//! Every write invalidates the compiled cache, so the next request sees it.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::algorithm::MAX_CAPACITY;
use super::compiled::{self, Objects};
use super::limiter::RateLimiter;
use super::models::{
    AdjustLimitRequest, BypassRule, CreateBypassRuleRequest, CreatePolicyRequest, CreateRuleRequest, EndpointCost,
    LimitAdjustment, ListPoliciesParams, ListRulesParams, PlanRateLimitMapping, RateLimitPolicy, RateLimitRule,
    UpdatePolicyRequest, UpdateRuleRequest,
};
use super::validate;
use crate::error::{ErrorCode, PlatformError, Result};
use crate::ids::new_entity_id;
use crate::page::Page;
use crate::store::{PutMode, WriteBatch};
use crate::tenant::Scope;

const POLICIES: &str = "ratelimit.policy";
const RULES: &str = "ratelimit.rule";
const PLANS: &str = "ratelimit.plan";
const BYPASSES: &str = "ratelimit.bypass";
const ADJUSTMENTS: &str = "ratelimit.adjustment";
const COSTS: &str = "ratelimit.cost";
const COSTS_ID: &str = "endpoint_costs";

impl RateLimiter {
    fn get<T: DeserializeOwned>(&self, collection: &str, id: &str) -> Result<Option<T>> {
        self.scope.engine().ensure_open()?;
        let record = self.scope.engine().records().get(self.scope.scope(), collection, id)?;
        record.map(|r| serde_json::from_value(r.body).map_err(PlatformError::storage)).transpose()
    }

    fn all<T: DeserializeOwned>(&self, scope: &Scope, collection: &str) -> Result<Vec<T>> {
        self.scope.engine().ensure_open()?;
        let records = self.scope.engine().records().list_all(scope, collection)?;
        records.into_iter().map(|r| serde_json::from_value(r.body).map_err(PlatformError::storage)).collect()
    }

    fn put<T: Serialize>(&self, collection: &str, id: &str, value: &T, mode: PutMode) -> Result<()> {
        let body = serde_json::to_value(value).map_err(PlatformError::storage)?;
        self.write(WriteBatch::new().put(self.scope.scope(), collection, id, body, mode))
    }

    fn write(&self, batch: WriteBatch) -> Result<()> {
        let engine = self.scope.engine();
        engine.ensure_open()?;
        engine.records().write(&batch, engine.now())?;
        self.state.invalidate(self.scope.scope());
        Ok(())
    }

    fn event(&self, event_type: &str, data: impl FnOnce() -> Value) {
        self.scope.publish(event_type, data);
    }

    /// Every object of a scope (for the compiled cache).
    pub(crate) fn load_objects(&self, scope: &Scope) -> Result<Objects> {
        let policies: Vec<RateLimitPolicy> = self.all(scope, POLICIES)?;
        let plans: Vec<PlanRateLimitMapping> = self.all(scope, PLANS)?;
        let costs: Vec<Vec<EndpointCost>> = self.all(scope, COSTS)?;
        Ok(Objects {
            policies: policies.into_iter().map(|p| (p.id.clone(), p)).collect(),
            rules: self.all(scope, RULES)?,
            plans: plans.into_iter().map(|m| (m.plan_id, m.policy_id)).collect(),
            bypasses: self.all(scope, BYPASSES)?,
            adjustments: self.all(scope, ADJUSTMENTS)?,
            costs: costs.into_iter().flatten().collect(),
        })
    }

    // ---- policies ----

    /// Creates a policy (`ratelimit.policy.created`).
    pub fn create_policy(&self, request: &CreatePolicyRequest) -> Result<RateLimitPolicy> {
        let now = self.scope.engine().now();
        let policy = RateLimitPolicy {
            id: new_entity_id(now),
            name: request.name.clone(),
            description: request.description.clone(),
            limits: request.limits.clone(),
            algorithm: request.algorithm,
            token_bucket: request.token_bucket,
            burst: request.burst,
            throttle: request.throttle,
            is_active: request.is_active.unwrap_or(true),
            priority: request.priority,
            created_at: now,
            updated_at: now,
        };
        check_policy(&policy)?;
        self.put(POLICIES, &policy.id, &policy, PutMode::Create)?;
        self.event("ratelimit.policy.created", || json!({"policy_id": policy.id, "name": policy.name}));
        Ok(policy)
    }

    /// Lists policies, ordered by id (creation order).
    pub fn list_policies(&self, params: &ListPoliciesParams) -> Result<Page<RateLimitPolicy>> {
        params.page.validate()?;
        let mut all: Vec<RateLimitPolicy> = self.all(self.scope.scope(), POLICIES)?;
        all.retain(|p| params.is_active.is_none_or(|active| p.is_active == active));
        Ok(Page::from_vec(all, params.page))
    }

    /// One policy.
    pub fn get_policy(&self, policy_id: &str) -> Result<RateLimitPolicy> {
        self.get(POLICIES, policy_id)?
            .ok_or_else(|| PlatformError::not_found(ErrorCode::PolicyNotFound, "policy", policy_id))
    }

    /// Updates the given fields of a policy (`ratelimit.policy.updated`); takes effect on the next request.
    pub fn update_policy(&self, policy_id: &str, request: &UpdatePolicyRequest) -> Result<RateLimitPolicy> {
        let mut policy = self.get_policy(policy_id)?;
        let r = request.clone();
        policy.name = r.name.unwrap_or(policy.name);
        policy.description = r.description.or(policy.description);
        policy.limits = r.limits.unwrap_or(policy.limits);
        policy.algorithm = r.algorithm.unwrap_or(policy.algorithm);
        policy.token_bucket = r.token_bucket.or(policy.token_bucket);
        policy.burst = r.burst.or(policy.burst);
        policy.throttle = r.throttle.or(policy.throttle);
        policy.is_active = r.is_active.unwrap_or(policy.is_active);
        policy.priority = r.priority.unwrap_or(policy.priority);
        policy.updated_at = self.scope.engine().now();
        check_policy(&policy)?;
        self.put(POLICIES, policy_id, &policy, PutMode::Update)?;
        self.event("ratelimit.policy.updated", || json!({"policy_id": policy.id, "name": policy.name}));
        Ok(policy)
    }

    /// Deletes a policy; `PolicyInUse` (409) while a rule or plan uses it.
    pub fn delete_policy(&self, policy_id: &str) -> Result<()> {
        self.get_policy(policy_id)?;
        let rules: Vec<RateLimitRule> = self.all(self.scope.scope(), RULES)?;
        let plans: Vec<PlanRateLimitMapping> = self.all(self.scope.scope(), PLANS)?;
        let used_by: Vec<String> = rules
            .iter()
            .filter(|r| r.policy_id == policy_id)
            .map(|r| format!("rule {}", r.id))
            .chain(plans.iter().filter(|p| p.policy_id == policy_id).map(|p| format!("plan {}", p.plan_id)))
            .collect();
        if !used_by.is_empty() {
            return Err(PlatformError::new(ErrorCode::PolicyInUse, format!("policy '{policy_id}' is still in use"))
                .with_detail(used_by.join(", ")));
        }
        self.write(WriteBatch::new().delete(self.scope.scope(), POLICIES, policy_id))?;
        self.event("ratelimit.policy.deleted", || json!({"policy_id": policy_id}));
        Ok(())
    }
}

/// Validates a policy completely (compiling it).
fn check_policy(policy: &RateLimitPolicy) -> Result<()> {
    validate::text("name", &policy.name, false)?;
    if policy.limits.is_empty() || policy.limits.len() > 16 {
        return Err(PlatformError::validation("limits", "must hold 1 to 16 limits"));
    }
    compiled::compile_policy("", policy, &mut Default::default()).map(drop)
}

impl RateLimiter {
    // ---- rules ----

    /// Creates a rule (`ratelimit.rule.created`); `RuleConflict` when another active rule has
    /// the same target and priority.
    pub fn create_rule(&self, request: &CreateRuleRequest) -> Result<RateLimitRule> {
        let now = self.scope.engine().now();
        let rule = RateLimitRule {
            id: new_entity_id(now),
            name: request.name.clone(),
            description: request.description.clone(),
            policy_id: request.policy_id.clone(),
            target: request.target.clone(),
            conditions: request.conditions.clone(),
            is_active: request.is_active.unwrap_or(true),
            priority: request.priority,
            created_at: now,
            updated_at: now,
        };
        self.check_rule(&rule)?;
        self.put(RULES, &rule.id, &rule, PutMode::Create)?;
        self.event("ratelimit.rule.created", || json!({"rule_id": rule.id, "policy_id": rule.policy_id}));
        Ok(rule)
    }

    fn check_rule(&self, rule: &RateLimitRule) -> Result<()> {
        validate::text("name", &rule.name, false)?;
        let policy = self.get_policy(&rule.policy_id).map_err(|e| e.with_field("policy_id"))?;
        let compiled_policy = compiled::compile_policy("", &policy, &mut Default::default())?;
        compiled::compile_rule(rule, std::sync::Arc::new(compiled_policy))?;
        if !rule.is_active {
            return Ok(());
        }
        let rules: Vec<RateLimitRule> = self.all(self.scope.scope(), RULES)?;
        if let Some(other) = rules
            .iter()
            .find(|o| o.id != rule.id && o.is_active && o.target == rule.target && o.priority == rule.priority)
        {
            return Err(PlatformError::new(
                ErrorCode::RuleConflict,
                format!("rule '{}' already targets the same thing with priority {}", other.id, rule.priority),
            ));
        }
        Ok(())
    }

    /// Lists rules, ordered by id.
    pub fn list_rules(&self, params: &ListRulesParams) -> Result<Page<RateLimitRule>> {
        params.page.validate()?;
        let mut all: Vec<RateLimitRule> = self.all(self.scope.scope(), RULES)?;
        all.retain(|r| {
            params.is_active.is_none_or(|a| r.is_active == a)
                && params.policy_id.as_ref().is_none_or(|p| &r.policy_id == p)
        });
        Ok(Page::from_vec(all, params.page))
    }

    /// One rule.
    pub fn get_rule(&self, rule_id: &str) -> Result<RateLimitRule> {
        self.get(RULES, rule_id)?.ok_or_else(|| PlatformError::not_found(ErrorCode::RuleNotFound, "rule", rule_id))
    }

    /// Updates the given fields of a rule (`ratelimit.rule.updated`).
    pub fn update_rule(&self, rule_id: &str, request: &UpdateRuleRequest) -> Result<RateLimitRule> {
        let mut rule = self.get_rule(rule_id)?;
        let r = request.clone();
        rule.name = r.name.unwrap_or(rule.name);
        rule.description = r.description.or(rule.description);
        rule.policy_id = r.policy_id.unwrap_or(rule.policy_id);
        rule.target = r.target.unwrap_or(rule.target);
        rule.conditions = r.conditions.or(rule.conditions);
        rule.priority = r.priority.unwrap_or(rule.priority);
        self.save_rule(rule, "ratelimit.rule.updated")
    }

    fn save_rule(&self, mut rule: RateLimitRule, event: &str) -> Result<RateLimitRule> {
        rule.updated_at = self.scope.engine().now();
        self.check_rule(&rule)?;
        self.put(RULES, &rule.id, &rule, PutMode::Update)?;
        self.event(event, || json!({"rule_id": rule.id, "policy_id": rule.policy_id}));
        Ok(rule)
    }

    /// Deletes a rule (`ratelimit.rule.deleted`).
    pub fn delete_rule(&self, rule_id: &str) -> Result<()> {
        self.get_rule(rule_id)?;
        self.write(WriteBatch::new().delete(self.scope.scope(), RULES, rule_id))?;
        self.event("ratelimit.rule.deleted", || json!({"rule_id": rule_id}));
        Ok(())
    }

    /// Enables a rule (`ratelimit.rule.enabled`).
    pub fn enable_rule(&self, rule_id: &str) -> Result<RateLimitRule> {
        let rule = RateLimitRule { is_active: true, ..self.get_rule(rule_id)? };
        self.save_rule(rule, "ratelimit.rule.enabled")
    }

    /// Disables a rule (`ratelimit.rule.disabled`).
    pub fn disable_rule(&self, rule_id: &str) -> Result<RateLimitRule> {
        let rule = RateLimitRule { is_active: false, ..self.get_rule(rule_id)? };
        self.save_rule(rule, "ratelimit.rule.disabled")
    }

    // ---- plans ----

    /// Maps a plan to a policy (replacing any previous mapping).
    pub fn assign_policy_to_plan(&self, plan_id: &str, policy_id: &str) -> Result<PlanRateLimitMapping> {
        validate::text("plan_id", plan_id, false)?;
        let policy = self.get_policy(policy_id).map_err(|e| e.with_field("policy_id"))?;
        let mapping = PlanRateLimitMapping {
            plan_id: plan_id.to_owned(),
            plan_name: plan_id.to_owned(),
            policy_id: policy.id,
            policy_name: policy.name,
            created_at: self.scope.engine().now(),
        };
        self.put(PLANS, plan_id, &mapping, PutMode::Upsert)?;
        Ok(mapping)
    }

    /// A plan's mapping.
    pub fn get_plan_policy(&self, plan_id: &str) -> Result<PlanRateLimitMapping> {
        self.get(PLANS, plan_id)?.ok_or_else(|| PlatformError::not_found(ErrorCode::PlanNotFound, "plan", plan_id))
    }

    /// Removes a plan's mapping.
    pub fn remove_plan_policy(&self, plan_id: &str) -> Result<()> {
        self.get_plan_policy(plan_id)?;
        self.write(WriteBatch::new().delete(self.scope.scope(), PLANS, plan_id))
    }

    /// Every plan mapping.
    pub fn list_plan_policies(&self) -> Result<Vec<PlanRateLimitMapping>> {
        self.all(self.scope.scope(), PLANS)
    }

    // ---- bypass ----

    /// Creates a bypass rule (`ratelimit.bypass.created`).
    pub fn create_bypass_rule(&self, request: &CreateBypassRuleRequest) -> Result<BypassRule> {
        validate::text("value", &request.value, false)?;
        validate::text("reason", &request.reason, true)?;
        validate::text("created_by", &request.created_by, true)?;
        if request.bypass_type == super::models::BypassType::Ip {
            validate::ip_range("value", &request.value)?;
        }
        let now = self.scope.engine().now();
        if request.expires_at.is_some_and(|at| at <= now) {
            return Err(PlatformError::validation("expires_at", "must be in the future"));
        }
        let rule = BypassRule {
            id: new_entity_id(now),
            bypass_type: request.bypass_type,
            value: request.value.clone(),
            reason: request.reason.clone(),
            created_by: request.created_by.clone(),
            expires_at: request.expires_at,
            is_active: true,
            created_at: now,
        };
        self.put(BYPASSES, &rule.id, &rule, PutMode::Create)?;
        self.event("ratelimit.bypass.created", || json!({"bypass_id": rule.id, "type": rule.bypass_type}));
        Ok(rule)
    }

    /// Every bypass rule (expired ones included, inactive).
    pub fn list_bypass_rules(&self) -> Result<Vec<BypassRule>> {
        self.sweep_expired(self.scope.engine().now().as_millis())?;
        self.all(self.scope.scope(), BYPASSES)
    }

    /// Deletes a bypass rule.
    pub fn delete_bypass_rule(&self, bypass_id: &str) -> Result<()> {
        let found: Option<BypassRule> = self.get(BYPASSES, bypass_id)?;
        found.ok_or_else(|| PlatformError::not_found(ErrorCode::BypassNotFound, "bypass rule", bypass_id))?;
        self.write(WriteBatch::new().delete(self.scope.scope(), BYPASSES, bypass_id))
    }

    // ---- adjustments ----

    /// Temporarily replaces the capacity of every limit of a rule; it reverts by itself at
    /// expiry (`ratelimit.adjustment.applied`, then `.reverted`). `AdjustmentActive` (409)
    /// while another adjustment of the rule is active.
    pub fn adjust_limit(&self, rule_id: &str, request: &AdjustLimitRequest) -> Result<LimitAdjustment> {
        let rule = self.get_rule(rule_id)?;
        if !(1..=MAX_CAPACITY).contains(&request.new_limit) {
            return Err(PlatformError::validation("new_limit", format!("must be between 1 and {MAX_CAPACITY}")));
        }
        if !(1..=43_200).contains(&request.duration_minutes) {
            return Err(PlatformError::validation("duration_minutes", "must be between 1 and 43200 (30 days)"));
        }
        validate::text("reason", &request.reason, true)?;
        if let Some(active) = self.list_adjustments(rule_id)?.first() {
            return Err(PlatformError::new(
                ErrorCode::AdjustmentActive,
                "an adjustment of this rule is already active",
            )
            .with_detail(format!("adjustment {}", active.id)));
        }
        let policy = self.get_policy(&rule.policy_id)?;
        let now = self.scope.engine().now();
        let adjustment = LimitAdjustment {
            id: new_entity_id(now),
            rule_id: rule_id.to_owned(),
            original_limit: policy.limits.first().map_or(0, |l| l.max_requests),
            adjusted_limit: request.new_limit,
            reason: request.reason.clone(),
            expires_at: now.add(std::time::Duration::from_secs(request.duration_minutes as u64 * 60)),
            created_by: request.created_by.clone(),
            is_active: true,
            created_at: now,
        };
        self.put(ADJUSTMENTS, &adjustment.id, &adjustment, PutMode::Create)?;
        self.event("ratelimit.adjustment.applied", || serde_json::to_value(&adjustment).unwrap_or(Value::Null));
        Ok(adjustment)
    }

    /// The active adjustments of a rule.
    pub fn list_adjustments(&self, rule_id: &str) -> Result<Vec<LimitAdjustment>> {
        self.sweep_expired(self.scope.engine().now().as_millis())?;
        let mut all: Vec<LimitAdjustment> = self.all(self.scope.scope(), ADJUSTMENTS)?;
        all.retain(|a| a.rule_id == rule_id && a.is_active);
        Ok(all)
    }

    /// Reverts an adjustment before its expiry (`ratelimit.adjustment.reverted`).
    pub fn revert_adjustment(&self, adjustment_id: &str) -> Result<()> {
        let found: Option<LimitAdjustment> = self.get(ADJUSTMENTS, adjustment_id)?;
        let adjustment = found.filter(|a| a.is_active).ok_or_else(|| {
            PlatformError::not_found(ErrorCode::AdjustmentNotFound, "active adjustment", adjustment_id)
        })?;
        self.deactivate(&self.scope.scope().clone(), ADJUSTMENTS, &adjustment.id, adjustment.clone(), "reverted")
    }

    // ---- endpoint costs ----

    /// Replaces the endpoint cost map (first match wins, in order).
    pub fn set_endpoint_costs(&self, costs: &[EndpointCost]) -> Result<()> {
        for (i, cost) in costs.iter().enumerate() {
            validate::glob(&format!("costs[{i}].path_pattern"), &cost.path_pattern)?;
            validate::method(&format!("costs[{i}].method"), &cost.method)?;
            if !(1..=MAX_CAPACITY).contains(&cost.cost) {
                return Err(PlatformError::validation(format!("costs[{i}].cost"), "must be at least 1"));
            }
        }
        self.put(COSTS, COSTS_ID, &costs, PutMode::Upsert)
    }

    /// The endpoint cost map.
    pub fn get_endpoint_costs(&self) -> Result<Vec<EndpointCost>> {
        Ok(self.get(COSTS, COSTS_ID)?.unwrap_or_default())
    }

    // ---- expiry ----

    /// Deactivates the bypass rules and adjustments of this scope and the platform whose expiry
    /// has passed, publishing `ratelimit.bypass.expired` and `ratelimit.adjustment.reverted`.
    pub(crate) fn sweep_expired(&self, now_ms: i64) -> Result<()> {
        let _guard = self.state.sweep_lock();
        let scopes = match self.scope.scope() {
            Scope::Platform => vec![Scope::Platform],
            own => vec![own.clone(), Scope::Platform],
        };
        for scope in scopes {
            for b in self.all::<BypassRule>(&scope, BYPASSES)? {
                if b.is_active && b.expires_at.is_some_and(|at| at.as_millis() <= now_ms) {
                    self.deactivate(&scope, BYPASSES, &b.id.clone(), BypassRule { is_active: false, ..b }, "expired")?;
                }
            }
            for a in self.all::<LimitAdjustment>(&scope, ADJUSTMENTS)? {
                if a.is_active && a.expires_at.as_millis() <= now_ms {
                    self.deactivate(&scope, ADJUSTMENTS, &a.id.clone(), a, "expired")?;
                }
            }
        }
        Ok(())
    }

    fn deactivate<T: Serialize>(&self, scope: &Scope, collection: &str, id: &str, value: T, why: &str) -> Result<()> {
        let mut body = serde_json::to_value(&value).map_err(PlatformError::storage)?;
        body["is_active"] = Value::Bool(false);
        let engine = self.scope.engine();
        engine
            .records()
            .write(&WriteBatch::new().put(scope, collection, id, body.clone(), PutMode::Update), engine.now())?;
        self.state.invalidate(scope);
        let event = if collection == BYPASSES { "ratelimit.bypass.expired" } else { "ratelimit.adjustment.reverted" };
        let publisher = engine.scope(scope.clone())?;
        publisher.publish(event, || json!({"id": id, "reason": why, "object": body}));
        Ok(())
    }
}
