//! The rate-limit methods of the JSON binding surface ([`crate::api`]): every management call
//! under its spec name (`ratelimit.create_policy`…), plus `ratelimit.consume` / `ratelimit.check`
//! for conformance vectors (bindings call the typed hot path directly).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::compact::OwnedRateLimitRequest;
use super::limiter::RateLimiter;
use super::models::*;
use super::request::RateLimitDecision;
use crate::api::{Handler, parse_args, to_value};
use crate::engine::TenantScope;
use crate::error::Result;

fn rl(scope: &TenantScope) -> Result<RateLimiter> {
    scope.ratelimit()
}

#[derive(Deserialize)]
struct PolicyId {
    policy_id: String,
}

#[derive(Deserialize)]
struct RuleId {
    rule_id: String,
}

#[derive(Deserialize)]
struct PlanArgs {
    plan_id: String,
    #[serde(default)]
    policy_id: String,
}

#[derive(Deserialize)]
struct UpdatePolicyArgs {
    policy_id: String,
    #[serde(flatten)]
    request: UpdatePolicyRequest,
}

#[derive(Deserialize)]
struct UpdateRuleArgs {
    rule_id: String,
    #[serde(flatten)]
    request: UpdateRuleRequest,
}

#[derive(Deserialize)]
struct AdjustArgs {
    rule_id: String,
    #[serde(flatten)]
    request: AdjustLimitRequest,
}

#[derive(Deserialize)]
struct IdArgs {
    #[serde(alias = "bypass_id", alias = "adjustment_id")]
    id: String,
}

#[derive(Deserialize)]
struct StatusArgs {
    scope: RateLimitScope,
    identifier: String,
}

#[derive(Deserialize)]
struct HeadersArgs {
    headers: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct CostsArgs {
    costs: Vec<EndpointCost>,
}

fn decide(scope: &TenantScope, args: Value, commit: bool) -> Result<Value> {
    let request: OwnedRateLimitRequest = parse_args(args)?;
    let limiter = rl(scope)?;
    let decision = request.with_request(|r| if commit { limiter.consume(r) } else { limiter.check(r) })?;
    Ok(decision_json(&decision))
}

/// The JSON form of a decision (durations in milliseconds).
pub fn decision_json(d: &RateLimitDecision) -> Value {
    json!({
        "allowed": d.allowed, "action": d.action, "limit": d.limit, "remaining": d.remaining, "used": d.used,
        "reset_at": d.reset_at, "retry_after_ms": d.retry_after.map(|r| r.as_millis() as u64),
        "retry_after_seconds": d.retry_after_seconds(), "policy_id": d.policy_id(),
        "policy_name": d.policy_name(), "scope": d.scope, "algorithm": d.algorithm,
        "burst_remaining": d.burst_remaining, "burst_total": d.burst_total,
        "throttle_delay_ms": d.throttle_delay.map(|r| r.as_millis() as u64),
        "window_seconds": d.window_seconds, "degraded": d.degraded,
    })
}

fn done(result: Result<()>) -> Result<Value> {
    result.map(|()| Value::Null)
}

/// The rate-limit methods.
pub fn methods() -> Vec<(&'static str, Handler)> {
    vec![
        ("ratelimit.consume", |s, a| decide(s, a, true)),
        ("ratelimit.check", |s, a| decide(s, a, false)),
        ("ratelimit.create_policy", |s, a| to_value(&rl(s)?.create_policy(&parse_args(a)?)?)),
        ("ratelimit.list_policies", |s, a| to_value(&rl(s)?.list_policies(&parse_args(a)?)?)),
        ("ratelimit.get_policy", |s, a| to_value(&rl(s)?.get_policy(&parse_args::<PolicyId>(a)?.policy_id)?)),
        ("ratelimit.update_policy", |s, a| {
            let a: UpdatePolicyArgs = parse_args(a)?;
            to_value(&rl(s)?.update_policy(&a.policy_id, &a.request)?)
        }),
        ("ratelimit.delete_policy", |s, a| done(rl(s)?.delete_policy(&parse_args::<PolicyId>(a)?.policy_id))),
        ("ratelimit.create_rule", |s, a| to_value(&rl(s)?.create_rule(&parse_args(a)?)?)),
        ("ratelimit.list_rules", |s, a| to_value(&rl(s)?.list_rules(&parse_args(a)?)?)),
        ("ratelimit.get_rule", |s, a| to_value(&rl(s)?.get_rule(&parse_args::<RuleId>(a)?.rule_id)?)),
        ("ratelimit.update_rule", |s, a| {
            let a: UpdateRuleArgs = parse_args(a)?;
            to_value(&rl(s)?.update_rule(&a.rule_id, &a.request)?)
        }),
        ("ratelimit.delete_rule", |s, a| done(rl(s)?.delete_rule(&parse_args::<RuleId>(a)?.rule_id))),
        ("ratelimit.enable_rule", |s, a| to_value(&rl(s)?.enable_rule(&parse_args::<RuleId>(a)?.rule_id)?)),
        ("ratelimit.disable_rule", |s, a| to_value(&rl(s)?.disable_rule(&parse_args::<RuleId>(a)?.rule_id)?)),
        ("ratelimit.assign_policy_to_plan", |s, a| {
            let a: PlanArgs = parse_args(a)?;
            to_value(&rl(s)?.assign_policy_to_plan(&a.plan_id, &a.policy_id)?)
        }),
        ("ratelimit.get_plan_policy", |s, a| to_value(&rl(s)?.get_plan_policy(&parse_args::<PlanArgs>(a)?.plan_id)?)),
        ("ratelimit.remove_plan_policy", |s, a| done(rl(s)?.remove_plan_policy(&parse_args::<PlanArgs>(a)?.plan_id))),
        ("ratelimit.list_plan_policies", |s, _| to_value(&rl(s)?.list_plan_policies()?)),
        ("ratelimit.check_rate_limit", |s, a| to_value(&rl(s)?.check_rate_limit(&parse_args(a)?)?)),
        ("ratelimit.get_rate_limit_status", |s, a| {
            let a: StatusArgs = parse_args(a)?;
            to_value(&rl(s)?.get_rate_limit_status(a.scope, &a.identifier)?)
        }),
        ("ratelimit.parse_rate_limit_headers", |s, a| {
            to_value(&rl(s)?.parse_rate_limit_headers(parse_args::<HeadersArgs>(a)?.headers))
        }),
        ("ratelimit.create_bypass_rule", |s, a| to_value(&rl(s)?.create_bypass_rule(&parse_args(a)?)?)),
        ("ratelimit.list_bypass_rules", |s, _| to_value(&rl(s)?.list_bypass_rules()?)),
        ("ratelimit.delete_bypass_rule", |s, a| done(rl(s)?.delete_bypass_rule(&parse_args::<IdArgs>(a)?.id))),
        ("ratelimit.adjust_limit", |s, a| {
            let a: AdjustArgs = parse_args(a)?;
            to_value(&rl(s)?.adjust_limit(&a.rule_id, &a.request)?)
        }),
        ("ratelimit.list_adjustments", |s, a| to_value(&rl(s)?.list_adjustments(&parse_args::<RuleId>(a)?.rule_id)?)),
        ("ratelimit.revert_adjustment", |s, a| done(rl(s)?.revert_adjustment(&parse_args::<IdArgs>(a)?.id))),
        ("ratelimit.set_endpoint_costs", |s, a| done(rl(s)?.set_endpoint_costs(&parse_args::<CostsArgs>(a)?.costs))),
        ("ratelimit.get_endpoint_costs", |s, _| to_value(&rl(s)?.get_endpoint_costs()?)),
        ("ratelimit.get_rate_limit_analytics", |s, a| to_value(&rl(s)?.get_rate_limit_analytics(&parse_args(a)?)?)),
        ("ratelimit.get_top_limited_entities", |s, a| to_value(&rl(s)?.get_top_limited_entities(&parse_args(a)?)?)),
        ("ratelimit.configure_distributed_store", |s, a| {
            to_value(&rl(s)?.configure_distributed_store(&parse_args(a)?)?)
        }),
        ("ratelimit.get_distributed_store_status", |s, _| to_value(&rl(s)?.get_distributed_store_status()?)),
    ]
}
