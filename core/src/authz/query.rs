//! The queries over one model and one tuple index: check, list_objects, list_users, expand.
//! list_objects and list_users evaluate every candidate (each object or user of the asked type
//! that occurs in a tuple), so their answers are complete by construction.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::api::{CheckRequest, CheckResponse, ListObjectsRequest, ListUsersRequest};
use super::cond::Conditions;
use super::dsl::{is_identifier, parse_dsl};
use super::eval::{Limits, Resolver};
use super::index::{TupleIndex, View};
use super::listobjects::{Expansion, ReverseModel};
use super::listusers::UserLister;
use super::model::{Model, Rewrite};
use super::tuple::{TupleKey, User, parse_object, parse_user, validate_tuple};
use super::validate::{validate, validate_dsl};
use crate::{ErrorCode, PlatformError, Result, Timestamp};

/// A validated model with its compiled conditions.
#[derive(Debug)]
pub struct CompiledModel {
    /// The model version id (UUIDv7).
    pub id: String,
    /// The model.
    pub model: Model,
    pub(crate) conditions: Conditions,
    /// Reverse edges for list_objects.
    reverse: ReverseModel,
    /// Resolution limits.
    pub limits: Limits,
}

impl CompiledModel {
    /// Validates and compiles a model.
    pub fn new(id: String, model: Model) -> Result<CompiledModel> {
        validate(&model).map_err(|e| e.into_error())?;
        let conditions = Conditions::compile(&model)?;
        let reverse = ReverseModel::new(&model);
        Ok(CompiledModel { id, model, conditions, reverse, limits: Limits::default() })
    }

    /// Parses, validates and compiles a DSL model (errors carry line and column).
    pub fn from_dsl(id: String, text: &str) -> Result<CompiledModel> {
        let model = parse_dsl(text)?;
        validate_dsl(&model, text)?;
        CompiledModel::new(id, model)
    }

    fn resolver<'a>(&'a self, view: View<'a>, context: &'a Map<String, Value>, explain: bool) -> Resolver<'a> {
        let mut r = Resolver::new(&self.model, &self.conditions, view, context, explain);
        r.limits = self.limits;
        r
    }

    fn check_relation(&self, object_type: &str, relation: &str) -> Result<()> {
        self.model.relation(object_type, relation).map(|_| ())
    }

    fn check_user(&self, user: &str) -> Result<()> {
        let parsed = parse_user(user, "user").map_err(|e| e.reframed(ErrorCode::Validation, "user"))?;
        match parsed {
            User::Userset(t, _, r) => self.check_relation(t, r).map_err(|e| e.reframed(ErrorCode::Validation, "user")),
            other if self.model.types.contains_key(other.type_name()) => Ok(()),
            other => {
                Err(PlatformError::validation("user", format!("type '{}' is not in the model", other.type_name())))
            }
        }
    }

    /// Validates contextual tuples and indexes them.
    fn overlay(&self, tuples: &[TupleKey]) -> Result<Option<TupleIndex>> {
        if tuples.is_empty() {
            return Ok(None);
        }
        for t in tuples {
            validate_tuple(&self.model, t)?;
        }
        Ok(Some(TupleIndex::from_tuples(tuples)))
    }

    /// `check`.
    pub fn check(&self, index: &TupleIndex, req: &CheckRequest, now: Timestamp) -> Result<CheckResponse> {
        let (object_type, _) =
            parse_object(&req.object, "object").map_err(|e| e.reframed(ErrorCode::Validation, "object"))?;
        self.check_relation(object_type, &req.relation)?;
        self.check_user(&req.user)?;
        let overlay = self.overlay(&req.contextual_tuples)?;
        let view = View { base: index, overlay: overlay.as_ref(), now };
        let resolver = self.resolver(view, &req.context, req.explain);
        let allowed = resolver.check(&req.user, &req.relation, &req.object)?;
        let explanation = resolver.explanation.filter(|_| allowed).map(|e| e.into_inner());
        Ok(CheckResponse { allowed, explanation })
    }

    /// Every object of the type on which the user has the relation, sorted.
    pub fn list_objects(&self, index: &TupleIndex, req: &ListObjectsRequest, now: Timestamp) -> Result<Vec<String>> {
        if !is_identifier(&req.object_type) {
            return Err(PlatformError::validation("type", "invalid type name"));
        }
        self.check_relation(&req.object_type, &req.relation)?;
        self.check_user(&req.user)?;
        let overlay = self.overlay(&req.contextual_tuples)?;
        let view = View { base: index, overlay: overlay.as_ref(), now };
        let resolver = self.resolver(view, &req.context, false);
        let expansion =
            Expansion::new(&self.model, &self.reverse, view, &req.object_type, &req.relation, self.limits.max_depth);
        let candidates = expansion.run(&req.user, self.limits.max_steps)?;
        let mut out = Vec::with_capacity(candidates.len());
        for (object, certain) in candidates {
            if certain || resolver.check(&req.user, &req.relation, object)? {
                out.push(object.to_string());
            }
        }
        Ok(out)
    }

    /// Every user matching the filters that has the relation on the object, sorted.
    pub fn list_users(&self, index: &TupleIndex, req: &ListUsersRequest, now: Timestamp) -> Result<Vec<String>> {
        let (object_type, _) =
            parse_object(&req.object, "object").map_err(|e| e.reframed(ErrorCode::Validation, "object"))?;
        self.check_relation(object_type, &req.relation)?;
        if req.user_filters.is_empty() {
            return Err(PlatformError::validation("user_filters", "at least one filter is required"));
        }
        let overlay = self.overlay(&req.contextual_tuples)?;
        let view = View { base: index, overlay: overlay.as_ref(), now };
        for filter in &req.user_filters {
            self.check_filter(filter)?;
        }
        let resolver = self.resolver(view, &req.context, false);
        let users = UserLister::new(&resolver, &req.user_filters).expand(&req.object, &req.relation, 0)?;
        Ok(users.inc.into_iter().collect())
    }

    fn check_filter(&self, filter: &str) -> Result<()> {
        match filter.split_once('#') {
            Some((t, r)) => self.check_relation(t, r),
            None if self.model.types.contains_key(filter) => Ok(()),
            None => Err(PlatformError::invalid(
                ErrorCode::TypeNotFound,
                "user_filters",
                format!("type '{filter}' is not in the model"),
            )),
        }
    }

    /// One level of the relation's userset tree (OpenFGA's expand).
    pub fn expand(&self, index: &TupleIndex, object: &str, relation: &str, now: Timestamp) -> Result<Value> {
        let (object_type, _) =
            parse_object(object, "object").map_err(|e| e.reframed(ErrorCode::Validation, "object"))?;
        let def = self.model.relation(object_type, relation)?;
        let view = View { base: index, overlay: None, now };
        Ok(json!({"name": format!("{object}#{relation}"), "tree": expand_node(&view, object, relation, &def.rewrite)}))
    }
}

fn expand_node(view: &View<'_>, object: &str, relation: &str, rewrite: &Rewrite) -> Value {
    match rewrite {
        Rewrite::This => {
            let mut users: Vec<&str> = view.all(object, relation).iter().map(|e| &*e.user).collect();
            users.sort_unstable();
            json!({"leaf": {"users": users}})
        }
        Rewrite::Computed(r) => json!({"leaf": {"computed": format!("{object}#{r}")}}),
        Rewrite::TupleToUserset { tupleset, computed } => {
            let mut targets: Vec<String> =
                view.all(object, tupleset).iter().map(|e| format!("{}#{computed}", e.user)).collect();
            targets.sort_unstable();
            json!({"leaf": {"tupleToUserset": {"tupleset": format!("{object}#{tupleset}"), "computed": targets}}})
        }
        Rewrite::Union(c) => {
            json!({"union": c.iter().map(|x| expand_node(view, object, relation, x)).collect::<Vec<_>>()})
        }
        Rewrite::Intersection(c) => {
            json!({"intersection": c.iter().map(|x| expand_node(view, object, relation, x)).collect::<Vec<_>>()})
        }
        Rewrite::Difference(b, s) => json!({"difference": {
            "base": expand_node(view, object, relation, b), "subtract": expand_node(view, object, relation, s)}}),
    }
}

/// Shared handle to a compiled model.
pub type ModelRef = Arc<CompiledModel>;
