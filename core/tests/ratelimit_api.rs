//! The rate-limit module through its public API: management, decisions, bypasses, adjustments,
//! costs, composite keys, burst, throttle modes, events, analytics, headers, tenant isolation.

mod ratelimit_support;

use std::sync::Arc;
use std::time::Duration;

use ratelimit_support::{limit, one_rule, record_events, rule_request};
use serde_json::json;
use shared_platform_core::ratelimit::*;
use shared_platform_core::{Engine, EngineConfig, ErrorCode, ManualClock, Timestamp};

const T0: i64 = 1_790_000_040_000; // aligned to minutes

fn engine() -> (Engine, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(Timestamp::from_millis(T0)));
    (Engine::new(EngineConfig::builder().clock(clock.clone()).build().unwrap()).unwrap(), clock)
}

fn policy(
    rl: &RateLimiter,
    limits: Vec<RateLimit>,
    configure: impl FnOnce(&mut CreatePolicyRequest),
) -> RateLimitPolicy {
    let mut request = CreatePolicyRequest { name: "p".into(), limits, ..Default::default() };
    configure(&mut request);
    rl.create_policy(&request).unwrap()
}

fn hits(rl: &RateLimiter, request: &RateLimitRequest<'_>, n: usize) -> usize {
    (0..n).filter(|_| rl.consume(request).unwrap().allowed).count()
}

#[test]
fn consume_counts_and_refuses_with_429_and_retry_after() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (policy, _) = one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 2, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    let first = rl.consume(&request).unwrap();
    assert_eq!((first.allowed, first.limit, first.remaining, first.used), (true, 2, 1, 1));
    assert_eq!(first.policy_id(), Some(policy.id.as_str()));
    assert_eq!((first.scope, first.algorithm), (Some(RateLimitScope::User), Some(RateLimitAlgorithm::FixedWindow)));
    rl.consume(&request).unwrap();
    let err = rl.enforce(&request).unwrap_err();
    assert_eq!((err.code(), err.status()), (ErrorCode::RateLimitExceeded, 429));
    assert!(err.retry_after().is_some_and(|d| d > Duration::ZERO && d <= Duration::from_secs(60)));
    assert!(hits(&rl, &RateLimitRequest::new("/a", "GET").user("u2"), 3) == 2, "users are counted apart");
    assert!(rl.consume(&RateLimitRequest::new("/a", "GET")).unwrap().allowed, "no user: the limit does not apply");
}

#[test]
fn check_and_status_never_consume() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    one_rule(&rl, RateLimitAlgorithm::SlidingWindow, RateLimitScope::User, 3, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    for _ in 0..10 {
        assert_eq!(rl.check(&request).unwrap().remaining, 3);
        assert_eq!(rl.get_rate_limit_status(RateLimitScope::User, "u1").unwrap().remaining, 3);
    }
    rl.consume(&request).unwrap();
    let status = rl
        .check_rate_limit(&RateLimitCheckRequest {
            scope: RateLimitScope::User,
            identifier: "u1".into(),
            endpoint: Some("/a".into()),
            method: Some("get".into()),
            cost: None,
        })
        .unwrap();
    assert_eq!((status.limit, status.remaining, status.used, status.is_limited), (3, 2, 1, false));
    assert_eq!(hits(&rl, &request, 5), 2);
    assert!(rl.get_rate_limit_status(RateLimitScope::User, "u1").unwrap().is_limited);
}

#[test]
fn one_tenant_exhausting_its_limit_never_affects_another() {
    let (engine, _) = engine();
    let (acme, globex) =
        (engine.tenant("acme").unwrap().ratelimit().unwrap(), engine.tenant("globex").unwrap().ratelimit().unwrap());
    one_rule(&acme, RateLimitAlgorithm::TokenBucket, RateLimitScope::Tenant, 5, 60);
    one_rule(&globex, RateLimitAlgorithm::TokenBucket, RateLimitScope::Tenant, 5, 60);
    let request = RateLimitRequest::new("/a", "GET");
    assert_eq!(hits(&acme, &request, 20), 5);
    assert_eq!(hits(&globex, &request, 20), 5);
    assert!(globex.list_policies(&Default::default()).unwrap().data.len() == 1, "objects are per tenant");
}

#[test]
fn platform_rules_apply_to_every_tenant_counted_per_tenant() {
    let (engine, _) = engine();
    let platform = engine.platform().unwrap().ratelimit().unwrap();
    one_rule(&platform, RateLimitAlgorithm::FixedWindow, RateLimitScope::Ip, 2, 60);
    let request = RateLimitRequest::new("/a", "GET").ip("198.51.100.1");
    for tenant in ["acme", "globex"] {
        let rl = engine.tenant(tenant).unwrap().ratelimit().unwrap();
        assert_eq!(hits(&rl, &request, 5), 2);
    }
}

#[test]
fn a_runtime_limit_change_applies_to_the_next_request() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (policy, _) = one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 2, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert_eq!(hits(&rl, &request, 5), 2);
    let update = UpdatePolicyRequest { limits: Some(vec![limit(RateLimitScope::User, 4, 60)]), ..Default::default() };
    rl.update_policy(&policy.id, &update).unwrap();
    assert_eq!(hits(&rl, &request, 5), 2, "two more fit the raised limit");
}

#[test]
fn most_restrictive_limit_wins_and_disabled_rules_stop_applying() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let loose = policy(&rl, vec![limit(RateLimitScope::User, 10, 60)], |_| {});
    let strict = policy(&rl, vec![limit(RateLimitScope::User, 2, 60), limit(RateLimitScope::User, 50, 3600)], |_| {});
    rl.create_rule(&rule_request(&loose.id, RuleTargetType::User, None, 5)).unwrap();
    let rule = rl.create_rule(&rule_request(&strict.id, RuleTargetType::User, Some("u1"), 1)).unwrap();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    let d = rl.consume(&request).unwrap();
    assert_eq!((d.limit, d.remaining, d.policy_id()), (2, 1, Some(strict.id.as_str())));
    assert_eq!(hits(&rl, &request, 5), 1);
    let disabled = rl.disable_rule(&rule.id).unwrap();
    assert!(!disabled.is_active);
    assert_eq!(rl.consume(&request).unwrap().limit, 10);
    rl.enable_rule(&rule.id).unwrap();
    assert!(!rl.consume(&request).unwrap().allowed);
}

#[test]
fn management_errors_are_typed_and_name_their_field() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let bad = |limits: Vec<RateLimit>| {
        rl.create_policy(&CreatePolicyRequest { name: "x".into(), limits, ..Default::default() }).unwrap_err()
    };
    let e = bad(vec![limit(RateLimitScope::User, 0, 60)]);
    assert_eq!((e.code(), e.field()), (ErrorCode::InvalidAlgorithmConfig, Some("limits[0].max_requests")));
    let e = bad(vec![limit(RateLimitScope::User, 5, 0)]);
    assert_eq!((e.code(), e.field()), (ErrorCode::Validation, Some("limits[0].window_seconds")));
    let e = bad(vec![RateLimit {
        key: Some(CompositeKey { dimensions: vec!["ip".into(), "shoe".into()] }),
        ..limit(RateLimitScope::Ip, 5, 60)
    }]);
    assert_eq!((e.code(), e.field()), (ErrorCode::InvalidCompositeKey, Some("limits[0].key.dimensions")));
    let e = rl
        .create_policy(&CreatePolicyRequest {
            name: "b".into(),
            limits: vec![limit(RateLimitScope::User, 5, 60)],
            burst: Some(BurstConfig { max_burst: 0, burst_window_seconds: 5, cooldown_seconds: 5 }),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("burst.max_burst"));
    let e = bad(vec![]);
    assert_eq!(e.field(), Some("limits"));
    let p = policy(&rl, vec![limit(RateLimitScope::User, 5, 60)], |_| {});
    let mut glob = rule_request(&p.id, RuleTargetType::Endpoint, None, 0);
    glob.target.path_pattern = Some("/api/{unclosed".into());
    let e = rl.create_rule(&glob).unwrap_err();
    assert_eq!((e.code(), e.field()), (ErrorCode::InvalidPathPattern, Some("target.path_pattern")));
    let e = rl.create_rule(&rule_request(&p.id, RuleTargetType::Ip, Some("10.0.0.0/33"), 0)).unwrap_err();
    assert_eq!(e.field(), Some("target.value"));
    let e = rl.create_rule(&rule_request("missing", RuleTargetType::User, None, 0)).unwrap_err();
    assert_eq!((e.code(), e.field()), (ErrorCode::PolicyNotFound, Some("policy_id")));
    assert_eq!(rl.get_policy("missing").unwrap_err().code(), ErrorCode::PolicyNotFound);
    assert_eq!(rl.get_rule("missing").unwrap_err().code(), ErrorCode::RuleNotFound);
    assert_eq!(rl.delete_bypass_rule("missing").unwrap_err().code(), ErrorCode::BypassNotFound);
    assert_eq!(rl.get_plan_policy("gold").unwrap_err().code(), ErrorCode::PlanNotFound);
    assert_eq!(rl.revert_adjustment("missing").unwrap_err().code(), ErrorCode::AdjustmentNotFound);
    // Conflicts.
    rl.create_rule(&rule_request(&p.id, RuleTargetType::User, Some("u1"), 3)).unwrap();
    let e = rl.create_rule(&rule_request(&p.id, RuleTargetType::User, Some("u1"), 3)).unwrap_err();
    assert_eq!((e.code(), e.status()), (ErrorCode::RuleConflict, 409));
    assert_eq!(rl.delete_policy(&p.id).unwrap_err().code(), ErrorCode::PolicyInUse);
    let unused = policy(&rl, vec![limit(RateLimitScope::User, 5, 60)], |_| {});
    rl.assign_policy_to_plan("gold", &unused.id).unwrap();
    assert_eq!(rl.delete_policy(&unused.id).unwrap_err().code(), ErrorCode::PolicyInUse);
    rl.remove_plan_policy("gold").unwrap();
    rl.delete_policy(&unused.id).unwrap();
    assert_eq!(rl.list_policies(&Default::default()).unwrap().data.len(), 1);
    assert!(engine.tenant("bad tenant!").is_err());
}

#[test]
fn plans_map_policies_to_tiers() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let free = policy(&rl, vec![limit(RateLimitScope::User, 1, 60)], |r| r.name = "free".into());
    let pro = policy(&rl, vec![limit(RateLimitScope::User, 3, 60)], |r| r.name = "pro".into());
    rl.assign_policy_to_plan("free", &free.id).unwrap();
    let mapping = rl.assign_policy_to_plan("pro", &pro.id).unwrap();
    assert_eq!(mapping.policy_name, "pro");
    assert_eq!(rl.list_plan_policies().unwrap().len(), 2);
    assert_eq!(hits(&rl, &RateLimitRequest::new("/a", "GET").user("u1").plan("free"), 5), 1);
    assert_eq!(hits(&rl, &RateLimitRequest::new("/a", "GET").user("u2").plan("pro"), 5), 3);
}

#[test]
fn bypass_rules_exempt_keys_roles_ips_and_users_until_they_expire() {
    let (engine, clock) = engine();
    let events = record_events(&engine);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::Tenant, 1, 3600);
    let bypass = |t: BypassType, v: &str, expires: Option<Timestamp>| {
        rl.create_bypass_rule(&CreateBypassRuleRequest {
            bypass_type: t,
            value: v.into(),
            reason: "test".into(),
            created_by: "admin".into(),
            expires_at: expires,
        })
        .unwrap()
    };
    bypass(BypassType::ApiKey, "k1", None);
    bypass(BypassType::Role, "admin", None);
    bypass(BypassType::Ip, "10.1.0.0/16", None);
    bypass(BypassType::User, "vip", Some(Timestamp::from_millis(T0 + 60_000)));
    let roles = ["admin"];
    for request in [
        RateLimitRequest::new("/a", "GET").api_key("k1"),
        RateLimitRequest::new("/a", "GET").roles(&roles),
        RateLimitRequest::new("/a", "GET").ip("10.1.200.3"),
        RateLimitRequest::new("/a", "GET").user("vip"),
    ] {
        let d = rl.consume(&request).unwrap();
        assert_eq!((d.allowed, d.action), (true, DecisionAction::Bypass));
    }
    assert_eq!(hits(&rl, &RateLimitRequest::new("/a", "GET").ip("10.2.0.1"), 3), 1);
    let e = rl
        .create_bypass_rule(&CreateBypassRuleRequest {
            bypass_type: BypassType::Ip,
            value: "not-an-ip".into(),
            reason: String::new(),
            created_by: String::new(),
            expires_at: None,
        })
        .unwrap_err();
    assert_eq!(e.field(), Some("value"));
    clock.advance(Duration::from_secs(61));
    assert!(
        !rl.consume(&RateLimitRequest::new("/a", "GET").user("vip")).unwrap().allowed,
        "expired bypass stops applying"
    );
    assert!(events.lock().unwrap().iter().any(|e| e == "ratelimit.bypass.expired"));
    let listed = rl.list_bypass_rules().unwrap();
    assert_eq!(listed.iter().filter(|b| !b.is_active).count(), 1);
}

#[test]
fn adjustments_are_temporary_and_exclusive() {
    let (engine, clock) = engine();
    let events = record_events(&engine);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (_, rule) = one_rule(&rl, RateLimitAlgorithm::SlidingWindow, RateLimitScope::User, 2, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    let adjust =
        AdjustLimitRequest { new_limit: 5, reason: "launch".into(), duration_minutes: 10, created_by: "ops".into() };
    let adjustment = rl.adjust_limit(&rule.id, &adjust).unwrap();
    assert_eq!((adjustment.original_limit, adjustment.adjusted_limit), (2, 5));
    assert_eq!(rl.adjust_limit(&rule.id, &adjust).unwrap_err().code(), ErrorCode::AdjustmentActive);
    assert_eq!(hits(&rl, &request, 10), 5);
    clock.advance(Duration::from_secs(11 * 60));
    assert_eq!(rl.consume(&request).unwrap().limit, 2, "reverted by itself");
    assert!(rl.list_adjustments(&rule.id).unwrap().is_empty());
    let again = rl.adjust_limit(&rule.id, &adjust).unwrap();
    rl.revert_adjustment(&again.id).unwrap();
    assert_eq!(rl.consume(&request).unwrap().limit, 2);
    let seen = events.lock().unwrap();
    assert_eq!(seen.iter().filter(|e| *e == "ratelimit.adjustment.reverted").count(), 2);
    assert!(seen.iter().any(|e| e == "ratelimit.adjustment.applied"));
}

#[test]
fn endpoint_costs_and_cost_based_limits() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let p = policy(&rl, vec![RateLimit { cost_based: true, ..limit(RateLimitScope::User, 10, 60) }], |_| {});
    rl.create_rule(&rule_request(&p.id, RuleTargetType::User, None, 0)).unwrap();
    let costs =
        vec![EndpointCost { path_pattern: "/reports/**".into(), method: "POST".into(), cost: 4, description: None }];
    rl.set_endpoint_costs(&costs).unwrap();
    assert_eq!(rl.get_endpoint_costs().unwrap(), costs);
    let report = RateLimitRequest::new("/reports/daily/x", "post").user("u1");
    assert_eq!(rl.consume(&report).unwrap().remaining, 6);
    assert_eq!(rl.consume(&RateLimitRequest::new("/reports/x", "GET").user("u1")).unwrap().remaining, 5);
    let e = rl.consume(&RateLimitRequest::new("/a", "GET").user("u1").cost(11)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::CostExceedsCapacity, "never satisfiable, not an endless retry");
    let e = rl.set_endpoint_costs(&[EndpointCost { cost: 0, ..costs[0].clone() }]).unwrap_err();
    assert_eq!(e.field(), Some("costs[0].cost"));
}

#[test]
fn composite_keys_and_conditions() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let key = CompositeKey { dimensions: vec!["ip".into(), "endpoint".into()] };
    let p = policy(&rl, vec![RateLimit { key: Some(key), ..limit(RateLimitScope::Ip, 1, 60) }], |_| {});
    let mut rule = rule_request(&p.id, RuleTargetType::Endpoint, None, 0);
    rule.target.path_pattern = Some("/api/*".into());
    rule.conditions = Some(vec![RuleCondition {
        field: ConditionField::Header,
        operator: ConditionOperator::In,
        value: json!(["beta", "alpha"]),
        header: Some("X-Channel".into()),
    }]);
    rl.create_rule(&rule).unwrap();
    let headers = [("x-channel", "beta")];
    let on = |path| RateLimitRequest::new(path, "GET").ip("203.0.113.9").headers(&headers);
    assert_eq!(hits(&rl, &on("/api/a"), 3), 1);
    assert_eq!(hits(&rl, &on("/api/b"), 3), 0, "the rule's glob is the endpoint: one counter for /api/*");
    let other_ip = RateLimitRequest::new("/api/b", "GET").ip("203.0.113.10").headers(&headers);
    assert_eq!(hits(&rl, &other_ip, 3), 1, "another IP is another key");
    assert_eq!(hits(&rl, &on("/api/a/deeper"), 3), 3, "`*` is one segment");
    assert_eq!(hits(&rl, &RateLimitRequest::new("/api/c", "GET").ip("203.0.113.9"), 3), 3, "condition not met");
}

#[test]
fn burst_allowance_kicks_in_after_the_base_limit() {
    let (engine, _) = engine();
    let events = record_events(&engine);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let p = policy(&rl, vec![limit(RateLimitScope::User, 2, 60)], |r| {
        r.burst = Some(BurstConfig { max_burst: 2, burst_window_seconds: 10, cooldown_seconds: 60 })
    });
    rl.create_rule(&rule_request(&p.id, RuleTargetType::User, None, 0)).unwrap();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    let first = rl.consume(&request).unwrap();
    assert_eq!((first.burst_remaining, first.burst_total), (Some(2), Some(2)));
    assert_eq!(hits(&rl, &request, 6), 3, "one more base request, then two burst requests");
    assert!(events.lock().unwrap().iter().filter(|e| *e == "ratelimit.burst_used").count() == 2);
}

#[test]
fn throttle_mode_delays_then_refuses() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let p = policy(&rl, vec![limit(RateLimitScope::User, 10, 1)], |r| {
        r.algorithm = RateLimitAlgorithm::TokenBucket;
        r.throttle =
            Some(ThrottleConfig { mode: ThrottleMode::Throttle, throttle_delay_ms: Some(250), ..Default::default() });
    });
    rl.create_rule(&rule_request(&p.id, RuleTargetType::User, None, 0)).unwrap();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert_eq!(hits(&rl, &request, 10), 10);
    let throttled = rl.consume(&request).unwrap();
    assert_eq!(throttled.action, DecisionAction::Throttle);
    assert_eq!(throttled.throttle_delay, Some(Duration::from_millis(100)));
    assert!(rl.enforce(&request).is_ok(), "throttling is not a 429");
    let strict = policy(&rl, vec![limit(RateLimitScope::User, 1, 60)], |r| {
        r.throttle =
            Some(ThrottleConfig { mode: ThrottleMode::Throttle, throttle_delay_ms: Some(250), ..Default::default() });
    });
    rl.create_rule(&rule_request(&strict.id, RuleTargetType::User, Some("u2"), 9)).unwrap();
    let r2 = RateLimitRequest::new("/a", "GET").user("u2");
    rl.consume(&r2).unwrap();
    assert_eq!(rl.consume(&r2).unwrap().action, DecisionAction::Reject, "a wait beyond the maximum delay is refused");
}

#[test]
fn penalty_box_lowers_the_limit_for_a_while() {
    let (engine, clock) = engine();
    let events = record_events(&engine);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let p = policy(&rl, vec![limit(RateLimitScope::User, 3, 10)], |r| {
        r.algorithm = RateLimitAlgorithm::FixedWindow;
        r.throttle = Some(ThrottleConfig {
            mode: ThrottleMode::PenaltyBox,
            penalty_box_limit: Some(1),
            penalty_box_duration_seconds: Some(60),
            ..Default::default()
        });
    });
    rl.create_rule(&rule_request(&p.id, RuleTargetType::User, None, 0)).unwrap();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert_eq!(hits(&rl, &request, 5), 3);
    clock.advance(Duration::from_secs(10));
    assert_eq!(hits(&rl, &request, 5), 1, "inside the penalty box the limit is 1");
    clock.advance(Duration::from_secs(60));
    assert_eq!(hits(&rl, &request, 3), 3, "out of the box");
    let seen = events.lock().unwrap();
    assert!(seen.iter().any(|e| e == "ratelimit.penalty_box_entered"));
    assert!(seen.iter().any(|e| e == "ratelimit.penalty_box_exited"));
}

#[test]
fn events_fire_when_approaching_and_exceeding() {
    let (engine, _) = engine();
    let events = record_events(&engine);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (_, rule) = one_rule(&rl, RateLimitAlgorithm::SlidingWindow, RateLimitScope::User, 10, 60);
    hits(&rl, &RateLimitRequest::new("/a", "GET").user("u1"), 12);
    let seen = events.lock().unwrap().clone();
    assert_eq!(seen.iter().filter(|e| *e == "ratelimit.limit_approached").count(), 1, "once, at 80%");
    assert_eq!(seen.iter().filter(|e| *e == "ratelimit.limit_exceeded").count(), 2);
    for lifecycle in ["ratelimit.policy.created", "ratelimit.rule.created"] {
        assert!(seen.iter().any(|e| e == lifecycle), "{lifecycle}");
    }
    rl.disable_rule(&rule.id).unwrap();
    assert!(events.lock().unwrap().iter().any(|e| e == "ratelimit.rule.disabled"));
    let e = rl.configure(RateLimitSettings { approach_threshold_percent: 0, ..rl.settings() }).unwrap_err();
    assert_eq!(e.field(), Some("approach_threshold_percent"));
}

#[test]
fn analytics_report_totals_and_top_limited_entities() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (policy, _) = one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 2, 60);
    hits(&rl, &RateLimitRequest::new("/a", "GET").user("noisy"), 6);
    hits(&rl, &RateLimitRequest::new("/a", "GET").user("calm"), 3);
    let range = TimeRange { start: Timestamp::from_millis(T0 - 1000), end: Timestamp::from_millis(T0 + 1000) };
    let a = rl.get_rate_limit_analytics(&AnalyticsParams { time_range: range }).unwrap();
    assert_eq!((a.total_requests, a.limited_requests), (9, 5));
    assert_eq!(a.by_scope[&RateLimitScope::User].limited, 5);
    assert_eq!(a.by_policy[&policy.id].total, 9);
    let top =
        rl.get_top_limited_entities(&TopLimitedParams { scope: None, time_range: range, limit: Some(1) }).unwrap();
    assert_eq!((top[0].identifier.as_str(), top[0].limited_count), ("noisy", 4));
    let bad = TimeRange { start: range.end, end: range.start };
    assert_eq!(
        rl.get_rate_limit_analytics(&AnalyticsParams { time_range: bad }).unwrap_err().code(),
        ErrorCode::InvalidTimeRange
    );
}

#[test]
fn headers_are_produced_and_parsed_back() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 1, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    rl.consume(&request).unwrap();
    let refused = rl.consume(&request).unwrap();
    let headers = rate_limit_headers(&refused, engine.now());
    let names: Vec<_> = headers.iter().map(|(n, _)| *n).collect();
    for name in [
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "X-RateLimit-Policy",
        "Retry-After",
        "RateLimit",
        "RateLimit-Policy",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    let info = rl.parse_rate_limit_headers(headers.iter().map(|(n, v)| (n.to_ascii_uppercase(), v.clone())));
    assert_eq!((info.limit, info.remaining, info.retry_after), (Some(1), Some(0), Some(60)));
    assert_eq!(info.reset_at, Some(Timestamp::from_millis(T0 + 60_000)));
    let ietf =
        rl.parse_rate_limit_headers([("RateLimit", "\"api\";r=7;t=30"), ("ratelimit-policy", "\"api\";q=10;w=60")]);
    assert_eq!((ietf.limit, ietf.remaining, ietf.policy.as_deref()), (Some(10), Some(7), Some("api")));
    assert_eq!(ietf.reset_at, Some(Timestamp::from_millis(T0 + 30_000)));
    let garbage = rl.parse_rate_limit_headers([
        ("X-RateLimit-Limit", "ten"),
        ("RateLimit", ";;==\"\u{1F600}"),
        ("Retry-After", "-3"),
    ]);
    assert_eq!(garbage, RateLimitInfo::default());
}

#[test]
fn analytics_count_every_decision_of_many_threads() {
    // More threads than counter stripes a thread can own, in two waves: stripes are owned, shared,
    // released when a thread ends and claimed again, and no count is lost.
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (policy, _) = one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 100, 60);
    for wave in 0..2 {
        std::thread::scope(|threads| {
            for t in 0..12 {
                let rl = &rl;
                threads.spawn(move || {
                    let user = format!("u{wave}-{t}");
                    assert_eq!(hits(rl, &RateLimitRequest::new("/a", "GET").user(&user), 150), 100);
                });
            }
        });
    }
    let range = TimeRange { start: Timestamp::from_millis(T0 - 1000), end: Timestamp::from_millis(T0 + 1000) };
    let a = rl.get_rate_limit_analytics(&AnalyticsParams { time_range: range }).unwrap();
    assert_eq!((a.total_requests, a.limited_requests), (24 * 150, 24 * 50));
    assert_eq!(a.by_policy[&policy.id].total, 24 * 150);
}

#[test]
fn one_thread_deciding_for_many_tenants_keeps_their_configurations_apart() {
    // More scopes than a thread keeps copies of, interleaved, each with its own limit; then a
    // change to one of them takes effect on its next request.
    let (engine, _) = engine();
    let limiters: Vec<_> = (0..80)
        .map(|t| {
            let rl = engine.tenant(&format!("t{t}")).unwrap().ratelimit().unwrap();
            one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 1 + t % 7, 60);
            rl
        })
        .collect();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    for round in 0..10 {
        for (t, rl) in limiters.iter().enumerate() {
            let d = rl.consume(&request).unwrap();
            let limit = 1 + t as i64 % 7;
            assert_eq!((d.limit, d.allowed), (limit, round < limit), "tenant t{t}, round {round}");
        }
    }
    let (rl, policy_id) = (&limiters[3], limiters[3].consume(&request).unwrap().policy_id().unwrap().to_owned());
    let update = UpdatePolicyRequest { limits: Some(vec![limit(RateLimitScope::User, 50, 60)]), ..Default::default() };
    rl.update_policy(&policy_id, &update).unwrap();
    let d = rl.consume(&request).unwrap();
    assert_eq!((d.limit, d.allowed), (50, true), "the change is seen by the next request");
    assert_eq!(limiters[4].consume(&request).unwrap().limit, 5, "other tenants unchanged");
}

#[test]
fn an_event_handler_may_decide_again_on_the_same_thread() {
    // The handler runs inside a decision of tenant "acme" and decides for "other" (whose
    // configuration this thread has not copied yet), then for "acme" itself.
    let (engine, _) = engine();
    let acme = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let other = engine.tenant("other").unwrap().ratelimit().unwrap();
    one_rule(&acme, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 1, 60);
    one_rule(&other, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 3, 60);
    let nested = Arc::new(std::sync::Mutex::new(Vec::new()));
    let (sink, other_rl, acme_rl) = (nested.clone(), other.clone(), acme.clone());
    engine.events().subscribe("ratelimit.limit_exceeded", move |_| {
        let request = RateLimitRequest::new("/a", "GET").user("nested");
        let (o, a) = (other_rl.consume(&request).unwrap(), acme_rl.check(&request).unwrap());
        sink.lock().unwrap().push((o.limit, o.remaining, a.limit, a.remaining));
    });
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert!(acme.consume(&request).unwrap().allowed);
    assert!(!acme.consume(&request).unwrap().allowed, "refused: the handler runs");
    assert!(!acme.consume(&request).unwrap().allowed);
    assert_eq!(*nested.lock().unwrap(), vec![(3, 2, 1, 1), (3, 1, 1, 1)]);
}

#[test]
fn decisions_of_one_policy_share_its_label() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let (policy, rule) = one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 5, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    let first = rl.consume(&request).unwrap().policy.unwrap();
    rl.disable_rule(&rule.id).unwrap();
    rl.enable_rule(&rule.id).unwrap();
    let rebuilt = rl.consume(&request).unwrap().policy.unwrap();
    assert_eq!((first.address(), first.id(), first.name()), (rebuilt.address(), policy.id.as_str(), "5 per 60s"));
    let made = PolicyLabel::new(&policy.id, "5 per 60s");
    assert_eq!(made, first, "labels compare by id and name");
    assert_ne!(made.address(), first.address(), "labels made by callers are their own");
}

#[test]
fn api_keys_never_reach_events_or_analytics() {
    let (engine, _) = engine();
    let payloads = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = payloads.clone();
    engine.events().subscribe("ratelimit.*", move |e| sink.lock().unwrap().push(e.data.to_string()));
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::ApiKey, 1, 60);
    hits(&rl, &RateLimitRequest::new("/a", "GET").api_key("sk_live_secret"), 3);
    assert!(payloads.lock().unwrap().iter().any(|p| p.contains("api_key:")));
    assert!(payloads.lock().unwrap().iter().all(|p| !p.contains("sk_live_secret")));
    let range = TimeRange { start: Timestamp::from_millis(T0 - 1), end: Timestamp::from_millis(T0 + 1) };
    let top = rl.get_top_limited_entities(&TopLimitedParams { scope: None, time_range: range, limit: None }).unwrap();
    assert!(top[0].identifier.starts_with("api_key:"));
}

#[test]
fn the_json_binding_surface_drives_the_same_engine() {
    use shared_platform_core::api;
    let (engine, _) = engine();
    let policy = api::call(
        &engine,
        "acme",
        "ratelimit.create_policy",
        json!({"name": "json", "algorithm": "fixed_window",
               "limits": [{"scope": "user", "max_requests": 1, "window_unit": "minute"}]}),
    )
    .unwrap();
    let target = json!({"type": "user"});
    api::call(
        &engine,
        "acme",
        "ratelimit.create_rule",
        json!({"name": "r", "policy_id": policy["id"], "target": target}),
    )
    .unwrap();
    let request = json!({"endpoint": "/a", "method": "GET", "user": "u1"});
    assert_eq!(api::call(&engine, "acme", "ratelimit.check", request.clone()).unwrap()["remaining"], 1);
    assert_eq!(api::call(&engine, "acme", "ratelimit.consume", request.clone()).unwrap()["allowed"], true);
    let refused = api::call(&engine, "acme", "ratelimit.consume", request).unwrap();
    assert_eq!((refused["allowed"].clone(), refused["retry_after_seconds"].clone()), (json!(false), json!(60)));
    let status =
        api::call(&engine, "acme", "ratelimit.get_rate_limit_status", json!({"scope": "user", "identifier": "u1"}))
            .unwrap();
    assert_eq!(status["is_limited"], true);
    let err = api::call(&engine, "acme", "ratelimit.create_policy", json!({"limits": []})).unwrap_err();
    assert_eq!(err.field(), Some("name"));
    let err = api::call(&engine, "acme", "ratelimit.get_policy", json!({"policy_id": "nope"})).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PolicyNotFound);
    let parsed = api::call(
        &engine,
        "acme",
        "ratelimit.parse_rate_limit_headers",
        json!({"headers": {"x-ratelimit-limit": "5"}}),
    )
    .unwrap();
    assert_eq!(parsed["limit"], 5);
    assert!(api::methods().iter().any(|(name, _)| *name == "ratelimit.get_top_limited_entities"));
}

#[test]
fn a_closed_engine_refuses_every_call() {
    let (engine, _) = engine();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    one_rule(&rl, RateLimitAlgorithm::SlidingWindow, RateLimitScope::User, 5, 60);
    engine.close().unwrap();
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert_eq!(rl.consume(&request).unwrap_err().code(), ErrorCode::EngineClosed);
    assert_eq!(rl.check(&request).unwrap_err().code(), ErrorCode::EngineClosed);
    assert_eq!(rl.list_policies(&Default::default()).unwrap_err().code(), ErrorCode::EngineClosed);
    assert!(engine.tenant("acme").and_then(|s| s.ratelimit()).is_err());
}

/// Decisions of a scope with one rule (decided on the one-rule path) and of the same rule next to
/// a rule that never matches (decided by the general most-restrictive path), side by side.
fn one_rule_and_general(configure: impl Fn(&mut CreatePolicyRequest)) -> [(Engine, RateLimiter, Arc<ManualClock>); 2] {
    std::array::from_fn(|general| {
        let (engine, clock) = engine();
        let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
        let mut limit = limit(RateLimitScope::User, 5, 10);
        limit.cost_based = true;
        let p = policy(&rl, vec![limit], &configure);
        rl.create_rule(&rule_request(&p.id, RuleTargetType::User, None, 0)).unwrap();
        if general == 1 {
            rl.create_rule(&rule_request(&p.id, RuleTargetType::User, Some("nobody"), 5)).unwrap();
        }
        (engine, rl, clock)
    })
}

#[test]
fn the_one_rule_path_decides_like_the_general_path() {
    let modes = [ThrottleMode::Reject, ThrottleMode::Throttle];
    let algorithms =
        [RateLimitAlgorithm::SlidingWindow, RateLimitAlgorithm::FixedWindow, RateLimitAlgorithm::TokenBucket];
    for (mode, algorithm) in modes.into_iter().flat_map(|m| algorithms.map(|a| (m, a))) {
        let configure = |r: &mut CreatePolicyRequest| {
            r.algorithm = algorithm;
            r.throttle = Some(ThrottleConfig { mode, throttle_delay_ms: Some(3_000), ..Default::default() });
        };
        let sides = one_rule_and_general(configure);
        let mut decisions: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        for (side, (_engine, rl, clock)) in sides.iter().enumerate() {
            for step in 0..60_u64 {
                let user = ["u1", "u2"][(step % 3 == 0) as usize];
                let request = RateLimitRequest::new("/a", "GET").user(user).cost((step % 4) as i64);
                let decided = if step % 5 == 0 { rl.check(&request) } else { rl.consume(&request) };
                let shown = decided.map(|mut d| {
                    d.policy = None;
                    format!("{d:?}")
                });
                decisions[side].push(format!("{step}: {:?}", shown.map_err(|e| e.code())));
                clock.advance(Duration::from_millis(step * 97 % 1_300));
            }
            let over = rl.consume(&RateLimitRequest::new("/a", "GET").user("u1").cost(6)).unwrap_err();
            decisions[side].push(format!("{:?}", over.code()));
            decisions[side].push(format!("{:?}", rl.consume(&RateLimitRequest::new("/a", "GET")).unwrap().action));
        }
        assert_eq!(decisions[0], decisions[1], "{mode:?} {algorithm:?}");
        assert!(decisions[0].iter().any(|d| d.contains("allowed: false")), "the scenario reaches refusals");
    }
}
