//! Runs the language-neutral vectors of tests/conformance/ against the core (the reference
//! runner; every binding runs the same files). Format: tests/conformance/README.md.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;
use shared_platform_core::{Engine, EngineOptions, PlatformError, api};

fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Whether `actual` contains `expected` (see the README's matching rule).
fn contains(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().all(|(k, v)| a.get(k).is_some_and(|av| contains(av, v))),
        (Value::Array(a), Value::Array(e)) => a.len() == e.len() && a.iter().zip(e).all(|(av, ev)| contains(av, ev)),
        (Value::Number(a), Value::Number(e)) => a.as_f64() == e.as_f64(),
        _ => actual == expected,
    }
}

fn substitute(value: &Value, saved: &HashMap<String, Value>) -> Value {
    match value {
        Value::String(s) if s.starts_with("${") && s.ends_with('}') => {
            saved.get(&s[2..s.len() - 1]).cloned().unwrap_or_else(|| panic!("nothing saved as {s}"))
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, saved)).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), substitute(v, saved))).collect()),
        other => other.clone(),
    }
}

fn error_matches(err: &PlatformError, expected: &Value) -> bool {
    let actual = serde_json::json!({
        "code": err.code().code(),
        "name": err.code().name(),
        "status": err.status(),
        "field": err.field(),
    });
    contains(&actual, expected)
}

fn new_engine(options: &Value) -> Result<Engine, PlatformError> {
    let options: EngineOptions = api::parse_args(options.clone())?;
    Engine::new(options.into_config()?)
}

fn run_step(engine: &Engine, step: &Value, saved: &mut HashMap<String, Value>) -> Result<(), String> {
    let method = step["call"].as_str().ok_or("step without call")?;
    let scope = step["scope"].as_str().unwrap_or("*");
    let args = substitute(step.get("args").unwrap_or(&Value::Null), saved);
    match (api::call(engine, scope, method, args), step.get("expect_error")) {
        (Ok(result), None) => {
            if let Some(expected) = step.get("expect") {
                let expected = substitute(expected, saved);
                if !contains(&result, &expected) {
                    return Err(format!("{method}: expected {expected}, got {result}"));
                }
            }
            for (name, pointer) in step.get("save").and_then(Value::as_object).into_iter().flatten() {
                let pointer = pointer.as_str().ok_or("save pointers are strings")?;
                let value = result.pointer(pointer).ok_or(format!("{method}: no {pointer} in {result}"))?;
                saved.insert(name.clone(), value.clone());
            }
            Ok(())
        }
        (Ok(result), Some(expected)) => Err(format!("{method}: expected error {expected}, got {result}")),
        (Err(err), Some(expected)) if error_matches(&err, expected) => Ok(()),
        (Err(err), expected) => {
            Err(format!("{method}: unexpected error {err} (field {:?}), expected {expected:?}", err.field()))
        }
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    let engine = match (new_engine(&case["engine"]), case.get("engine_error")) {
        (Ok(_), Some(expected)) => return Err(format!("engine creation should fail with {expected}")),
        (Err(err), Some(expected)) if error_matches(&err, expected) => return Ok(()),
        (Err(err), _) => return Err(format!("engine creation failed: {err} (field {:?})", err.field())),
        (Ok(engine), None) => engine,
    };
    let mut saved = HashMap::new();
    for (i, step) in case["steps"].as_array().into_iter().flatten().enumerate() {
        run_step(&engine, step, &mut saved).map_err(|e| format!("step {}: {e}", i + 1))?;
    }
    engine.close().map_err(|e| e.to_string())
}

#[test]
fn every_vector_passes() {
    let (mut passed, mut failures) = (0, Vec::new());
    for file in vector_files() {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for case in suite["cases"].as_array().unwrap() {
            let name = format!("{}: {}", suite["module"].as_str().unwrap_or("?"), case["name"].as_str().unwrap_or("?"));
            match run_case(case) {
                Ok(()) => passed += 1,
                Err(why) => failures.push(format!("{name}\n    {why}")),
            }
        }
    }
    println!("conformance: {passed} passed, {} failed", failures.len());
    assert!(failures.is_empty(), "failing vectors:\n{}", failures.join("\n"));
    assert!(passed > 0, "no vectors found");
}
