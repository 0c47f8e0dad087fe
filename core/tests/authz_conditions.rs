//! ABAC conditions: CEL over typed parameters, tuple context merged with request context, and
//! missing parameters reported as errors (OpenFGA's behaviour), never as a silent deny.

use serde_json::{Map, Value, json};
use shared_platform_core::authz::{CheckRequest, CompiledModel, TupleCondition, TupleIndex, TupleKey};
use shared_platform_core::{ErrorCode, Timestamp};

const MODEL: &str = r#"model
  schema 1.1
type user
type document
  relations
    define viewer: [user with in_office, user with before_deadline, user with has_tag]
condition in_office(ip: ipaddress, cidr: string) {
  ip.in_cidr(cidr)
}
condition before_deadline(now: timestamp, deadline: timestamp, grace: duration) {
  now < deadline + grace
}
condition has_tag(tags: list<string>, wanted: string, limits: map<int>) {
  wanted in tags && limits["x"] >= 3 && wanted.startsWith("pub")
}
"#;

fn conditioned(user: &str, name: &str, ctx: Value) -> TupleKey {
    let mut t = TupleKey::new(user, "viewer", "document:1");
    t.condition = Some(TupleCondition { name: name.into(), context: ctx.as_object().cloned() });
    t
}

fn check(model: &CompiledModel, index: &TupleIndex, user: &str, ctx: Value) -> Result<bool, ErrorCode> {
    let mut req = CheckRequest::new(user, "viewer", "document:1");
    req.context = ctx.as_object().cloned().unwrap_or_else(Map::new);
    model.check(index, &req, Timestamp::from_secs(1)).map(|r| r.allowed).map_err(|e| e.code())
}

#[test]
fn conditions_over_ip_time_lists_and_maps() {
    let model = CompiledModel::from_dsl("m".into(), MODEL).expect("compiles");
    let index = TupleIndex::from_tuples(&[
        conditioned("user:ip", "in_office", json!({"cidr": "10.0.0.0/8"})),
        conditioned("user:late", "before_deadline", json!({"deadline": "2024-01-01T00:00:00Z"})),
        conditioned("user:tag", "has_tag", json!({"wanted": "public"})),
    ]);
    assert_eq!(check(&model, &index, "user:ip", json!({"ip": "10.1.2.3"})), Ok(true));
    assert_eq!(check(&model, &index, "user:ip", json!({"ip": "192.168.0.1"})), Ok(false));
    assert_eq!(check(&model, &index, "user:ip", json!({})), Err(ErrorCode::ConditionEvaluation), "missing parameter");
    assert_eq!(check(&model, &index, "user:ip", json!({"ip": "not-an-ip"})), Err(ErrorCode::ConditionEvaluation));
    let late = |now: &str| check(&model, &index, "user:late", json!({"now": now, "grace": "1h"}));
    assert_eq!(late("2024-01-01T00:30:00Z"), Ok(true));
    assert_eq!(late("2024-01-01T01:30:00Z"), Ok(false));
    let tags = |tags: Value, x: i64| check(&model, &index, "user:tag", json!({"tags": tags, "limits": {"x": x}}));
    assert_eq!(tags(json!(["public", "a"]), 3), Ok(true));
    assert_eq!(tags(json!(["a"]), 3), Ok(false));
    assert_eq!(tags(json!(["public"]), 2), Ok(false));
    assert_eq!(tags(json!("public"), 3), Err(ErrorCode::ConditionEvaluation), "mistyped list");
}

#[test]
fn the_tuple_context_wins_over_the_request() {
    let model = CompiledModel::from_dsl("m".into(), MODEL).expect("compiles");
    let index = TupleIndex::from_tuples(&[conditioned("user:ip", "in_office", json!({"cidr": "10.0.0.0/8"}))]);
    assert_eq!(check(&model, &index, "user:ip", json!({"ip": "192.168.1.1", "cidr": "192.168.0.0/16"})), Ok(false));
}

#[test]
fn bad_expressions_and_parameter_types_are_invalid_models() {
    let bad_expr = "model\n  schema 1.1\ntype user\ntype d\n  relations\n    define v: [user with c]\ncondition c(x: int) {\n  x <\n}\n";
    let e = CompiledModel::from_dsl("m".into(), bad_expr).expect_err("bad CEL");
    assert_eq!(e.code(), ErrorCode::InvalidAuthorizationModel);
    let bad_type = "model\n  schema 1.1\ntype user\ntype d\n  relations\n    define v: [user with c]\ncondition c(x: integer) {\n  x < 1\n}\n";
    let e = CompiledModel::from_dsl("m".into(), bad_type).expect_err("bad type");
    assert!(e.user_message().contains("line 7"), "{}", e.user_message());
}
