//! The authorization methods of the JSON binding surface ([`crate::api`]): `authz.<method>`.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{CheckRequest, ListObjectsRequest, ListUsersRequest, ReadFilter, TupleKey};
use crate::api::{Handler, parse_args, to_value};
use crate::engine::TenantScope;
use crate::error::{PlatformError, Result};
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
    let Paged { request, page } = parse_args::<Paged<ReadFilter>>(args)?;
    to_value(&scope.authz()?.read_tuples(&request, page)?)
}

fn check(scope: &TenantScope, args: Value) -> Result<Value> {
    let request: CheckRequest = parse_args(args)?;
    to_value(&scope.authz()?.check(&request)?)
}

fn list_objects(scope: &TenantScope, args: Value) -> Result<Value> {
    let Paged { request, page } = parse_args::<Paged<ListObjectsRequest>>(args)?;
    to_value(&scope.authz()?.list_objects(&request, page)?)
}

fn list_users(scope: &TenantScope, args: Value) -> Result<Value> {
    let request: ListUsersRequest = parse_args(args)?;
    Ok(json!({ "users": scope.authz()?.list_users(&request)? }))
}

/// The `authz.*` methods.
pub fn methods() -> Vec<(&'static str, Handler)> {
    vec![
        ("authz.write_model", write_model),
        ("authz.write_tuples", write_tuples),
        ("authz.read_tuples", read_tuples),
        ("authz.check", check),
        ("authz.list_objects", list_objects),
        ("authz.list_users", list_users),
    ]
}
