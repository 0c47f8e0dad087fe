//! The authorization methods of the JSON binding surface ([`crate::api`]): `authz.<method>`.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{CheckRequest, Consistency, ListObjectsRequest, ListUsersRequest, ReadFilter, TupleKey};
use crate::api::{Handler, NoArgs, parse_args, to_value};
use crate::engine::TenantScope;
use crate::error::{ErrorCode, PlatformError, Result};
use crate::page::PageRequest;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelArgs {
    dsl: Option<String>,
    model: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteArgs {
    #[serde(default)]
    writes: Vec<TupleKey>,
    #[serde(default)]
    deletes: Vec<TupleKey>,
}

/// The consistency arguments every query accepts.
const CONSISTENCY: [&str; 2] = ["authorization_model_id", "min_revision"];
const CHECK_FIELDS: [&str; 6] = ["user", "relation", "object", "context", "contextual_tuples", "explain"];
const LIST_OBJECTS_FIELDS: [&str; 6] = ["user", "relation", "type", "context", "contextual_tuples", "page"];
const LIST_USERS_FIELDS: [&str; 5] = ["object", "relation", "user_filters", "context", "contextual_tuples"];
const READ_FIELDS: [&str; 4] = ["object", "relation", "user", "page"];
const EXPAND_FIELDS: [&str; 2] = ["object", "relation"];

/// Refuses an argument name outside `known` (+ the consistency ones when `consistency`): serde
/// cannot deny unknown fields next to `#[serde(flatten)]`, and a typo such as `contxt` must not be
/// silently ignored.
fn known_fields(args: &Value, known: &[&str], consistency: bool) -> Result<()> {
    let Some(map) = args.as_object() else { return Ok(()) };
    let allowed = |name: &str| known.contains(&name) || (consistency && CONSISTENCY.contains(&name));
    match map.keys().find(|name| !allowed(name)) {
        Some(name) => Err(PlatformError::validation(name, format!("unknown argument {name:?}"))),
        None => Ok(()),
    }
}

#[derive(Deserialize)]
struct Paged<T> {
    #[serde(flatten)]
    request: T,
    #[serde(default)]
    page: PageRequest,
}

fn write_model(scope: &TenantScope, args: Value) -> Result<Value> {
    let authz = scope.authz()?;
    let id = match parse_args::<ModelArgs>(args)? {
        ModelArgs { dsl: Some(dsl), model: None } => authz.write_model_dsl(&dsl)?,
        ModelArgs { dsl: None, model: Some(model) } => authz.write_model_json(&model)?,
        _ => return Err(PlatformError::validation("dsl", "give exactly one of dsl or model")),
    };
    Ok(json!({ "authorization_model_id": id }))
}

fn write_tuples(scope: &TenantScope, args: Value) -> Result<Value> {
    let WriteArgs { writes, deletes } = parse_args(args)?;
    Ok(json!({ "revision": scope.authz()?.write_tuples(&writes, &deletes)? }))
}

fn read_tuples(scope: &TenantScope, args: Value) -> Result<Value> {
    known_fields(&args, &READ_FIELDS, false)?;
    let Paged { request, page } = parse_args::<Paged<ReadFilter>>(args)?;
    to_value(&scope.authz()?.read_tuples(&request, page)?)
}

fn check(scope: &TenantScope, args: Value) -> Result<Value> {
    known_fields(&args, &CHECK_FIELDS, true)?;
    let request: CheckRequest = parse_args(args)?;
    to_value(&scope.authz()?.check(&request)?)
}

fn list_objects(scope: &TenantScope, args: Value) -> Result<Value> {
    known_fields(&args, &LIST_OBJECTS_FIELDS, true)?;
    let Paged { request, page } = parse_args::<Paged<ListObjectsRequest>>(args)?;
    to_value(&scope.authz()?.list_objects(&request, page)?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadModelArgs {
    #[serde(default)]
    id: Option<String>,
}

fn read_model(scope: &TenantScope, args: Value) -> Result<Value> {
    let ReadModelArgs { id } = parse_args(args)?;
    scope.authz()?.model(id.as_deref())
}

fn list_models(scope: &TenantScope, args: Value) -> Result<Value> {
    let NoArgs {} = parse_args(args)?;
    Ok(json!({ "ids": scope.authz()?.model_ids()? }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchArgs {
    checks: Vec<CheckRequest>,
}

/// Each answer as the check's result, or `{"error": {code, name, message, field}}`.
fn batch_check(scope: &TenantScope, args: Value) -> Result<Value> {
    let items = args.get("checks").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    for (i, item) in items.iter().enumerate() {
        known_fields(item, &CHECK_FIELDS, true).map_err(|e| {
            let field = format!("checks[{i}].{}", e.field().unwrap_or_default());
            e.reframed(ErrorCode::Validation, field)
        })?;
    }
    let BatchArgs { checks } = parse_args(args)?;
    let results = scope.authz()?.batch_check(&checks)?;
    let results = results
        .into_iter()
        .map(|result| match result {
            Ok(answer) => to_value(&answer),
            Err(e) => Ok(json!({ "error": {
                "code": e.code().code(), "name": e.code().name(), "message": e.user_message(), "field": e.field() } })),
        })
        .collect::<Result<Vec<Value>>>()?;
    Ok(json!({ "results": results }))
}

#[derive(Deserialize)]
struct ExpandArgs {
    object: String,
    relation: String,
    #[serde(flatten)]
    consistency: Consistency,
}

fn expand(scope: &TenantScope, args: Value) -> Result<Value> {
    known_fields(&args, &EXPAND_FIELDS, true)?;
    let ExpandArgs { object, relation, consistency } = parse_args(args)?;
    Ok(json!({ "tree": scope.authz()?.expand(&object, &relation, &consistency)? }))
}

fn list_users(scope: &TenantScope, args: Value) -> Result<Value> {
    known_fields(&args, &LIST_USERS_FIELDS, true)?;
    let request: ListUsersRequest = parse_args(args)?;
    Ok(json!({ "users": scope.authz()?.list_users(&request)? }))
}

/// The `authz.*` methods.
pub fn methods() -> Vec<(&'static str, Handler)> {
    let mut all: Vec<(&'static str, Handler)> = vec![
        ("authz.write_model", write_model),
        ("authz.write_tuples", write_tuples),
        ("authz.read_tuples", read_tuples),
        ("authz.check", check),
        ("authz.list_objects", list_objects),
        ("authz.list_users", list_users),
        ("authz.read_model", read_model),
        ("authz.list_models", list_models),
        ("authz.batch_check", batch_check),
        ("authz.expand", expand),
    ];
    all.extend(rbac_methods());
    all
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleArgs {
    role: String,
    permissions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleNameArgs {
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignArgs {
    user_id: String,
    role: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PermissionArgs {
    user_id: String,
    permission: String,
}

fn define_role(scope: &TenantScope, args: Value) -> Result<Value> {
    let RoleArgs { role, permissions } = parse_args(args)?;
    let permissions: Vec<&str> = permissions.iter().map(String::as_str).collect();
    Ok(json!({ "revision": scope.rbac()?.define_role(&role, &permissions)? }))
}

fn role_permissions(scope: &TenantScope, args: Value) -> Result<Value> {
    let RoleNameArgs { role } = parse_args(args)?;
    Ok(json!({ "permissions": scope.rbac()?.role_permissions(&role)? }))
}

fn assign_role(scope: &TenantScope, args: Value) -> Result<Value> {
    let AssignArgs { user_id, role } = parse_args(args)?;
    Ok(json!({ "revision": scope.rbac()?.assign_role(&user_id, &role)? }))
}

fn revoke_role(scope: &TenantScope, args: Value) -> Result<Value> {
    let AssignArgs { user_id, role } = parse_args(args)?;
    Ok(json!({ "revision": scope.rbac()?.revoke_role(&user_id, &role)? }))
}

fn has_permission(scope: &TenantScope, args: Value) -> Result<Value> {
    let PermissionArgs { user_id, permission } = parse_args(args)?;
    Ok(json!({ "allowed": scope.rbac()?.has_permission(&user_id, &permission)? }))
}

/// `{"allowed": true}`, or an Authorization error when the permission is missing.
fn require_permission(scope: &TenantScope, args: Value) -> Result<Value> {
    let PermissionArgs { user_id, permission } = parse_args(args)?;
    scope.rbac()?.require_permission(&user_id, &permission)?;
    Ok(json!({ "allowed": true }))
}

/// The RBAC helpers (`authz.define_role`, `authz.has_permission`...).
fn rbac_methods() -> Vec<(&'static str, Handler)> {
    vec![
        ("authz.define_role", define_role),
        ("authz.role_permissions", role_permissions),
        ("authz.assign_role", assign_role),
        ("authz.revoke_role", revoke_role),
        ("authz.has_permission", has_permission),
        ("authz.require_permission", require_permission),
    ]
}
