//! The JSON binding surface: dispatch, argument validation, manual clock, engine options.

use serde_json::json;
use shared_platform_core::{Engine, EngineOptions, ErrorCode, api};

fn manual_engine() -> Engine {
    let options = EngineOptions { manual_clock: Some("2026-01-01T00:00:00Z".into()), ..Default::default() };
    Engine::new(options.into_config().unwrap()).unwrap()
}

#[test]
fn calls_dispatch_by_method_and_scope() {
    let engine = manual_engine();
    let record =
        json!({"actor_id": "a", "action": "x", "resource_type": "t", "resource_id": "r", "outcome": "success"});
    let stored = api::call(&engine, "acme", "audit.record", record.clone()).unwrap();
    assert_eq!(stored["seq"], 1);
    assert_eq!(stored["timestamp"], "2026-01-01T00:00:00Z");
    api::call(&engine, "*", "audit.record", record).unwrap();
    let listed = api::call(&engine, "acme", "audit.list", json!({"page": {"page": 1, "page_size": 10}})).unwrap();
    assert_eq!(listed["pagination"]["total_items"], 1);
    assert_eq!(api::call(&engine, "globex", "audit.list", json!(null)).unwrap()["pagination"]["total_items"], 0);
    let info = api::call(&engine, "*", "engine.info", json!({})).unwrap();
    assert!(info["methods"].as_array().unwrap().contains(&json!("audit.verify")));
}

#[test]
fn bad_arguments_name_the_field() {
    let engine = manual_engine();
    let missing = api::call(&engine, "acme", "audit.record", json!({"actor_id": "a"})).unwrap_err();
    assert_eq!(missing.code(), ErrorCode::Validation);
    assert_eq!(missing.field(), Some("action"));
    let unknown = api::call(&engine, "acme", "audit.verify", json!({"x": 1})).unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::Validation);
    let method = api::call(&engine, "acme", "audit.nope", json!({})).unwrap_err();
    assert_eq!(method.field(), Some("method"));
    assert_eq!(api::call(&engine, "", "audit.list", json!({})).unwrap_err().code(), ErrorCode::InvalidTenant);
}

#[test]
fn the_manual_clock_is_driven_through_the_api() {
    let engine = manual_engine();
    let now = api::call(&engine, "*", "clock.advance", json!({"seconds": 61, "ms": 500})).unwrap();
    assert_eq!(now["now"], "2026-01-01T00:01:01.500Z");
    api::call(&engine, "*", "clock.set", json!({"now": "2025-06-01T00:00:00Z"})).unwrap();
    assert_eq!(engine.now().to_rfc3339(), "2025-06-01T00:00:00.000Z");
    let system = Engine::in_memory().unwrap();
    let err = api::call(&system, "*", "clock.advance", json!({"seconds": 1})).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn engine_options_are_validated() {
    let bad_clock = EngineOptions { manual_clock: Some("noon".into()), ..Default::default() };
    assert_eq!(bad_clock.into_config().unwrap_err().field(), Some("manual_clock"));
    let bad_threads = EngineOptions { worker_threads: Some(0), ..Default::default() };
    assert_eq!(bad_threads.into_config().unwrap_err().field(), Some("worker_threads"));
    let parsed: Result<EngineOptions, _> = serde_json::from_value(json!({"databse": "x"}));
    assert!(parsed.is_err(), "unknown options are refused");
}
