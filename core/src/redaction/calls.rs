//! The redaction methods of the JSON binding surface ([`crate::api`]): `redaction.<method>`.

use serde::Deserialize;
use serde_json::{Value, json};

use super::RedactionPolicy;
use crate::api::{Handler, NoArgs, parse_args, to_value};
use crate::engine::TenantScope;
use crate::error::Result;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextArgs {
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ValueArgs {
    value: Value,
}

fn analyze(scope: &TenantScope, args: Value) -> Result<Value> {
    let TextArgs { text } = parse_args(args)?;
    to_value(&json!({ "findings": scope.redaction()?.analyze(&text)? }))
}

fn redact(scope: &TenantScope, args: Value) -> Result<Value> {
    let TextArgs { text } = parse_args(args)?;
    to_value(&scope.redaction()?.redact(&text)?)
}

fn redact_json(scope: &TenantScope, args: Value) -> Result<Value> {
    let ValueArgs { value } = parse_args(args)?;
    to_value(&scope.redaction()?.redact_json(value)?)
}

fn put_policy(scope: &TenantScope, args: Value) -> Result<Value> {
    let policy: RedactionPolicy = parse_args(args)?;
    to_value(&scope.redaction()?.put_policy(policy)?)
}

fn get_policy(scope: &TenantScope, args: Value) -> Result<Value> {
    let NoArgs {} = parse_args(args)?;
    to_value(&scope.redaction()?.get_policy()?)
}

fn effective_policy(scope: &TenantScope, args: Value) -> Result<Value> {
    let NoArgs {} = parse_args(args)?;
    to_value(&scope.redaction()?.effective_policy()?)
}

fn delete_policy(scope: &TenantScope, args: Value) -> Result<Value> {
    let NoArgs {} = parse_args(args)?;
    scope.redaction()?.delete_policy()?;
    Ok(json!({ "deleted": true }))
}

/// The `redaction.*` methods.
pub fn methods() -> Vec<(&'static str, Handler)> {
    vec![
        ("redaction.analyze", analyze),
        ("redaction.redact", redact),
        ("redaction.redact_json", redact_json),
        ("redaction.put_policy", put_policy),
        ("redaction.get_policy", get_policy),
        ("redaction.delete_policy", delete_policy),
        ("redaction.effective_policy", effective_policy),
    ]
}
