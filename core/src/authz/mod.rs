//! Authorization: Zanzibar-style relationships with OpenFGA's modeling language (schema 1.1),
//! ABAC conditions in CEL, and tenant-scoped RBAC built on the same engine.
//!
//! Models are written in the DSL or OpenFGA's JSON; tuples are stored per tenant and indexed in
//! memory; queries (check, batch_check, expand, list_objects, list_users) resolve over the index
//! plus optional contextual tuples. [`suite`] runs OpenFGA's own YAML test suites.

mod api;
pub mod calls;
mod client;
mod cond;
mod dsl;
mod eval;
mod index;
mod listobjects;
mod listusers;
mod model;
mod query;
mod rbac;
mod store;
pub mod suite;
pub mod testfile;
mod tuple;
mod validate;

pub use api::{CheckRequest, CheckResponse, Consistency, ListObjectsRequest, ListUsersRequest, ReadFilter};
pub use client::{AuthzClient, DEFAULT_STORE};
pub use dsl::parse_dsl;
pub use eval::Limits;
pub use index::TupleIndex;
pub use model::{ConditionDef, Model, ParamType, RelationDef, Rewrite, TypeDef, TypeRef};
pub use query::{CompiledModel, ModelRef};
pub use rbac::{RBAC_MODEL, RbacClient};
pub use store::MAX_TUPLES_PER_WRITE;
pub use tuple::{TupleCondition, TupleKey};
