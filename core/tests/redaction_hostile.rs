//! Hostile input: huge single lines, pathological repetitions of every anchor, deep JSON and
//! catastrophic-looking custom patterns each give a bounded result or a clear error, never a
//! hang, a crash or a stack overflow.

use serde_json::{Value, json};
use shared_platform_core::redaction::{CompiledPolicy, CustomPattern, RedactionPolicy};
use shared_platform_core::{Engine, ErrorCode, PlatformError};

const TEN_MB: usize = 10 << 20;

fn repeat_to(unit: &str, len: usize) -> String {
    unit.repeat(len / unit.len() + 1)[..len].to_owned()
}

#[test]
fn ten_megabyte_single_line() {
    let policy = CompiledPolicy::builtin();
    let unit =
        "2026-11-23T10:00:00Z user=jane@example.com card=4111111111111111 id=550e8400-e29b-41d4-a716-446655440000 ";
    let line = repeat_to(unit, TEN_MB);
    let out = policy.redact(&line).unwrap();
    assert!(out.findings.len() >= 2 * (TEN_MB / unit.len()));
    assert!(!out.text.contains("4111111111111111"));
}

#[test]
fn repeated_anchors_stay_linear() {
    let policy = CompiledPolicy::builtin();
    for unit in [
        "1",
        "1 ",
        "1.",
        "1-",
        "1:",
        "a@",
        "@",
        "://",
        "token=",
        "eyJ",
        "-----BEGIN RSA PRIVATE KEY-----",
        "AKIA",
        "+1",
        "ghp_",
        "Bearer ",
        "DE89",
    ] {
        let text = repeat_to(unit, 2 << 20);
        let found = policy.analyze(&text).unwrap();
        assert!(found.len() <= text.len(), "{unit:?}");
    }
}

#[test]
fn input_over_the_limit_is_rejected() {
    let policy = CompiledPolicy::builtin();
    let text = "x".repeat(policy.max_input_bytes() + 1);
    assert_eq!(policy.analyze(&text).unwrap_err().code(), ErrorCode::InputTooLarge);
}

/// Builds `[[[...]]]` nested `depth` deep without recursion.
fn nested(depth: usize) -> Value {
    let mut value = json!("jane@example.com");
    for _ in 0..depth {
        value = Value::Array(vec![value]);
    }
    value
}

/// Drops a deep value without recursion (serde_json's Drop recurses).
fn dismantle(value: Value) {
    let mut stack = vec![value];
    while let Some(mut node) = stack.pop() {
        if let Value::Array(items) = &mut node {
            stack.append(items);
        }
    }
}

#[test]
fn json_nested_ten_thousand_deep_is_an_error() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let mut deep = nested(10_000);
    let err = redaction.compiled()?.redact_json_in_place(&mut deep).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NestingTooDeep);
    // the hook never fails: it falls back to an iterative string walk
    engine.redactor().redact_value(&mut deep);
    dismantle(deep);
    let text = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = redaction.compiled()?.redact_json_str(&text).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NestingTooDeep);
    let ok = redaction.compiled()?.redact_json_str(&serde_json::to_string(&nested(100)).unwrap_or_default())?;
    assert!(ok.contains("[REDACTED]"));
    Ok(())
}

#[test]
fn catastrophic_looking_patterns_are_linear_or_refused() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let patterns = [r"(a+)+$", r"(a|aa)*b", r"(\w+\s?)*$", r"(x+x+)+y"];
    let policy = RedactionPolicy {
        custom_patterns: patterns
            .iter()
            .enumerate()
            .map(|(i, p)| CustomPattern { name: format!("EVIL_{i}"), pattern: (*p).into(), score: 0.9 })
            .collect(),
        ..Default::default()
    };
    redaction.put_policy(policy)?;
    let text = "a".repeat(1 << 20) + "!" + &"x".repeat(1 << 16);
    let found = redaction.analyze(&text)?;
    assert!(found.len() <= 4);
    let exploding = CustomPattern { name: "HUGE".into(), pattern: r"[\w\d]{500}{500}".into(), score: 0.9 };
    let err =
        redaction.put_policy(RedactionPolicy { custom_patterns: vec![exploding], ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidPattern);
    Ok(())
}
