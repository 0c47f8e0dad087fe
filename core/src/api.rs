//! The binding surface: one JSON-in, JSON-out entry point for the management calls of every
//! module, so bindings stay thin (they convert arguments and results, nothing else) and the
//! conformance vectors drive every language through the same names.
//!
//! Hot paths (consume a rate limit, redact a string, check a permission) do not come through
//! here: bindings call them directly with typed arguments.
//!
//! Method names are `<module>.<method>` in the specification's snake_case (`audit.list`,
//! `ratelimit.create_policy`). [`methods`] lists them all.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::audit::{AuditEntry, AuditQuery};
use crate::clock::{Clock, Timestamp};
use crate::engine::{Engine, TenantScope};
use crate::error::{ErrorCode, PlatformError, Result};
use crate::ids::RequestId;
use crate::tenant::PLATFORM_SCOPE_KEY;

/// A management call handler: the scope it runs in and its JSON arguments.
pub type Handler = fn(&TenantScope, Value) -> Result<Value>;

/// Every method of the binding surface, with its handler.
pub fn methods() -> Vec<(&'static str, Handler)> {
    let mut all: Vec<(&'static str, Handler)> = Vec::new();
    all.extend_from_slice(CORE_METHODS);
    all.extend(crate::ratelimit::api::methods());
    all.extend(crate::redaction::calls::methods());
    all.extend(crate::authz::calls::methods());
    all
}

const CORE_METHODS: &[(&str, Handler)] = &[
    ("audit.record", audit_record),
    ("audit.list", audit_list),
    ("audit.verify", audit_verify),
    ("engine.info", engine_info),
    ("clock.advance", clock_advance),
    ("clock.set", clock_set),
];

/// Runs `method` in the scope named by `scope_key` (a tenant id, or `*` for the platform).
///
/// ```
/// use serde_json::json;
/// use shared_platform_core::{Engine, api};
/// let engine = Engine::in_memory().unwrap();
/// let report = api::call(&engine, "acme", "audit.verify", json!({})).unwrap();
/// assert_eq!(report["valid"], true);
/// ```
pub fn call(engine: &Engine, scope_key: &str, method: &str, args: Value) -> Result<Value> {
    let scope = scope_for(engine, scope_key)?;
    let handler =
        methods().into_iter().find(|(name, _)| *name == method).map(|(_, handler)| handler).ok_or_else(|| {
            PlatformError::invalid(ErrorCode::Validation, "method", format!("unknown method {method:?}"))
        })?;
    let op = scope.operation("api.call");
    let _entered = op.span.enter();
    tracing::debug!(method, "call");
    handler(&scope, args)
}

/// The scope named by `scope_key`: a tenant id, or `*` for the platform.
pub fn scope_for(engine: &Engine, scope_key: &str) -> Result<TenantScope> {
    if scope_key == PLATFORM_SCOPE_KEY { engine.platform() } else { engine.tenant(scope_key) }
}

/// Deserializes call arguments; a mismatch is a validation error naming the argument.
pub fn parse_args<T: DeserializeOwned>(args: Value) -> Result<T> {
    let args = if args.is_null() { json!({}) } else { args };
    serde_json::from_value(args).map_err(|e| {
        let message = e.to_string();
        let field = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("missing field") || message.starts_with("unknown field"))
            .unwrap_or("args")
            .to_owned();
        PlatformError::invalid(ErrorCode::Validation, field, message)
    })
}

/// Serializes a call result.
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| PlatformError::internal(format!("cannot serialize result: {e}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordArgs {
    #[serde(flatten)]
    entry: AuditEntry,
    #[serde(default)]
    request_id: Option<String>,
}

fn audit_record(scope: &TenantScope, args: Value) -> Result<Value> {
    let args: RecordArgs = parse_args(args)?;
    let request_id = match args.request_id {
        Some(id) => RequestId::from_caller(&id)?,
        None => RequestId::generate(scope.engine().now()),
    };
    to_value(&scope.audit_record(args.entry, &request_id)?)
}

fn audit_list(scope: &TenantScope, args: Value) -> Result<Value> {
    let query: AuditQuery = parse_args(args)?;
    to_value(&scope.audit_list(&query)?)
}

/// The arguments of a call that takes none (anything else is refused).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

fn audit_verify(scope: &TenantScope, args: Value) -> Result<Value> {
    let NoArgs {} = parse_args(args)?;
    to_value(&scope.audit_verify()?)
}

fn engine_info(scope: &TenantScope, _args: Value) -> Result<Value> {
    let now: Timestamp = scope.engine().now();
    Ok(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "scope": scope.scope().key(),
        "now": now.to_rfc3339(),
        "methods": methods().iter().map(|(name, _)| *name).collect::<Vec<_>>(),
    }))
}

fn manual_clock(scope: &TenantScope) -> Result<&crate::clock::ManualClock> {
    scope.engine().clock().as_manual().ok_or_else(|| {
        PlatformError::new(ErrorCode::Conflict, "the engine clock is not a manual clock")
            .with_detail("create the engine with a manual_clock option to drive time by hand")
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AdvanceArgs {
    #[serde(default)]
    ms: u64,
    #[serde(default)]
    seconds: u64,
}

fn clock_advance(scope: &TenantScope, args: Value) -> Result<Value> {
    let args: AdvanceArgs = parse_args(args)?;
    let clock = manual_clock(scope)?;
    clock.advance(std::time::Duration::from_millis(args.ms) + std::time::Duration::from_secs(args.seconds));
    Ok(json!({ "now": clock.now().to_rfc3339() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetArgs {
    now: String,
}

fn clock_set(scope: &TenantScope, args: Value) -> Result<Value> {
    let args: SetArgs = parse_args(args)?;
    let clock = manual_clock(scope)?;
    clock.set(Timestamp::parse_rfc3339(&args.now)?);
    Ok(json!({ "now": clock.now().to_rfc3339() }))
}
