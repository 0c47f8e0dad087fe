//! The tenant-facing authorization client: model versions and tuples persisted in the engine's
//! RecordStore, served from an in-memory index that every write updates before returning
//! (read-your-writes). Each tenant (and each store of a tenant) has its own state: nothing of one
//! tenant is visible to another.

use std::collections::HashMap;
use std::sync::{Arc, RwLock, RwLockReadGuard};

use serde_json::{Value, json};

use super::api::{CheckRequest, CheckResponse, Consistency, ListObjectsRequest, ListUsersRequest, ReadFilter};
use super::query::{CompiledModel, ModelRef};
use super::store::StoreState;
use super::tuple::TupleKey;
use super::{Model, parse_dsl};
use crate::store::{PutMode, WriteBatch};
use crate::{AuditEntry, AuditOutcome, Page, PageRequest, PlatformError, Result, TenantScope, new_entity_id};

/// The default store of a tenant (the RBAC helper uses its own).
pub const DEFAULT_STORE: &str = "default";

/// A store's shared state.
type SharedState = Arc<RwLock<StoreState>>;

/// Per-engine authorization state: one [`StoreState`] per (tenant, store), loaded on first use.
#[derive(Debug, Default)]
pub(crate) struct AuthzRegistry {
    stores: RwLock<HashMap<(String, String), SharedState>>,
}

fn poisoned() -> PlatformError {
    PlatformError::internal("authz state lock poisoned")
}

/// Authorization operations of one tenant store.
#[derive(Debug, Clone)]
pub struct AuthzClient {
    scope: TenantScope,
    store: String,
    state: Arc<RwLock<StoreState>>,
}

impl TenantScope {
    /// The tenant's authorization client (default store).
    pub fn authz(&self) -> Result<AuthzClient> {
        AuthzClient::open(self, DEFAULT_STORE)
    }
}

impl AuthzClient {
    /// Opens a named store of the tenant, loading it from the RecordStore the first time.
    pub(crate) fn open(scope: &TenantScope, store: &str) -> Result<AuthzClient> {
        let registry = scope.engine().extension(|_| Ok(AuthzRegistry::default()))?;
        let key = (scope.scope().key().to_string(), store.to_string());
        if let Some(state) = registry.stores.read().map_err(|_| poisoned())?.get(&key) {
            return Ok(AuthzClient { scope: scope.clone(), store: store.to_string(), state: state.clone() });
        }
        let mut stores = registry.stores.write().map_err(|_| poisoned())?;
        let state = match stores.get(&key) {
            Some(state) => state.clone(),
            None => {
                let loaded = Arc::new(RwLock::new(load(scope, store)?));
                stores.insert(key, loaded.clone());
                loaded
            }
        };
        Ok(AuthzClient { scope: scope.clone(), store: store.to_string(), state })
    }

    fn collection(&self, what: &str) -> String {
        collection(&self.store, what)
    }

    /// The store's state for a query; a closed engine answers nothing (`EngineClosed`).
    fn read(&self) -> Result<RwLockReadGuard<'_, StoreState>> {
        self.scope.engine().ensure_open()?;
        self.state.read().map_err(|_| poisoned())
    }

    /// Writes a model given in the DSL; returns its id (UUIDv7). Errors carry line and column.
    pub fn write_model_dsl(&self, text: &str) -> Result<String> {
        let model = parse_dsl(text)?;
        super::validate::validate_dsl(&model, text)?;
        self.write_model(model)
    }

    /// Writes a model given in OpenFGA's JSON; returns its id.
    pub fn write_model_json(&self, json: &Value) -> Result<String> {
        self.write_model(Model::from_json(json)?)
    }

    fn write_model(&self, model: Model) -> Result<String> {
        let op = self.scope.operation("authz.write_model");
        let _span = op.span.enter();
        let now = self.scope.engine().now();
        let compiled = CompiledModel::new(new_entity_id(now), model)?;
        let mut state = self.state.write().map_err(|_| poisoned())?;
        // the write order, kept so the latest model survives a restart whatever the ids' order
        let body = json!({"model": compiled.model.to_json(), "seq": state.model_order.len() + 1});
        let batch =
            WriteBatch::new().put(self.scope.scope(), &self.collection("model"), &compiled.id, body, PutMode::Create);
        self.scope.engine().records().write(&batch, now)?;
        let id = state.add_model(compiled).id.clone();
        tracing::info!(model_id = %id, "authorization model written");
        Ok(id)
    }

    /// A model version in OpenFGA's JSON form (latest when `id` is `None`).
    pub fn model(&self, id: Option<&str>) -> Result<Value> {
        let model = self.read()?.model(id)?;
        Ok(
            json!({"id": model.id, "schema_version": "1.1", "type_definitions": model.model.to_json()["type_definitions"],
            "conditions": model.model.to_json()["conditions"]}),
        )
    }

    /// Model version ids in the order they were written (the last is the latest).
    pub fn model_ids(&self) -> Result<Vec<String>> {
        Ok(self.read()?.model_order.clone())
    }

    /// Writes and deletes tuples atomically (validated against the latest model); returns the
    /// new revision, to pass as `min_revision` for at-least-as-fresh reads.
    pub fn write_tuples(&self, writes: &[TupleKey], deletes: &[TupleKey]) -> Result<u64> {
        let op = self.scope.operation("authz.write_tuples");
        let _span = op.span.enter();
        let now = self.scope.engine().now();
        let mut state = self.state.write().map_err(|_| poisoned())?;
        let model = state.model(None)?;
        state.validate_write(&model, writes, deletes, now)?;
        let (scope, tuples) = (self.scope.scope(), self.collection("tuple"));
        let mut batch = WriteBatch::new();
        for t in deletes {
            batch = batch.delete(scope, &tuples, &t.key());
        }
        for t in writes {
            let body = serde_json::to_value(t).map_err(|e| PlatformError::internal(e.to_string()))?;
            batch = batch.put(scope, &tuples, &t.key(), body, PutMode::Create);
        }
        let revision = state.revision + 1;
        batch = batch.put(scope, &self.collection("meta"), "revision", json!({"revision": revision}), PutMode::Upsert);
        self.scope.engine().records().write(&batch, now)?;
        let revision = state.apply(writes, deletes);
        tracing::debug!(writes = writes.len(), deletes = deletes.len(), revision, "tuples written");
        Ok(revision)
    }

    /// Stored tuples matching the filter, a page at a time (key order, stable across pages).
    pub fn read_tuples(&self, filter: &ReadFilter, page: PageRequest) -> Result<Page<TupleKey>> {
        page.validate()?;
        Ok(Page::from_vec(self.read()?.read(filter), page))
    }

    /// The store's current revision.
    pub fn revision(&self) -> Result<u64> {
        Ok(self.read()?.revision)
    }

    fn prepare(&self, consistency: &Consistency) -> Result<(RwLockReadGuard<'_, StoreState>, ModelRef)> {
        let state = self.read()?;
        state.ensure_revision(consistency.min_revision)?;
        let model = state.model(consistency.authorization_model_id.as_deref())?;
        Ok((state, model))
    }

    /// Does the user have the relation on the object?
    pub fn check(&self, req: &CheckRequest) -> Result<CheckResponse> {
        let (state, model) = self.prepare(&req.consistency)?;
        model.check(&state.index, req, self.scope.engine().now())
    }

    /// Check, with the decision (allow / deny and the path or error) recorded in the audit log.
    pub fn check_audited(&self, req: &CheckRequest, actor: &str) -> Result<CheckResponse> {
        let mut explained = req.clone();
        explained.explain = true;
        let result = self.check(&explained);
        let (outcome, reason) = match &result {
            Ok(r) if r.allowed => (AuditOutcome::Success, json!({"decision": "allow", "path": r.explanation})),
            Ok(_) => (AuditOutcome::Denied, json!({"decision": "deny", "reason": "no path grants the relation"})),
            Err(e) => (AuditOutcome::Failure, json!({"decision": "error", "reason": e.user_message()})),
        };
        let op = self.scope.operation("authz.check");
        let (object_type, object_id) = req.object.split_once(':').unwrap_or((&req.object, ""));
        let entry = AuditEntry::new(actor, &format!("authz.check.{}", req.relation), object_type, object_id)
            .outcome(outcome)
            .metadata(json!({"user": req.user, "relation": req.relation, "object": req.object, "decision": reason}));
        self.scope.audit_record(entry, &op.request_id)?;
        result
    }

    /// Several checks against one consistent snapshot; each answer or error in request order.
    pub fn batch_check(&self, reqs: &[CheckRequest]) -> Result<Vec<Result<CheckResponse>>> {
        let state = self.read()?;
        let now = self.scope.engine().now();
        Ok(reqs
            .iter()
            .map(|req| {
                state.ensure_revision(req.consistency.min_revision)?;
                state.model(req.consistency.authorization_model_id.as_deref())?.check(&state.index, req, now)
            })
            .collect())
    }

    /// The userset tree of `object#relation` (one level, as OpenFGA's expand).
    pub fn expand(&self, object: &str, relation: &str, consistency: &Consistency) -> Result<Value> {
        let (state, model) = self.prepare(consistency)?;
        model.expand(&state.index, object, relation, self.scope.engine().now())
    }

    /// Objects of a type the user has the relation on: complete, sorted, one page at a time.
    pub fn list_objects(&self, req: &ListObjectsRequest, page: PageRequest) -> Result<Page<String>> {
        page.validate()?;
        let (state, model) = self.prepare(&req.consistency)?;
        Ok(Page::from_vec(model.list_objects(&state.index, req, self.scope.engine().now())?, page))
    }

    /// Users matching the filters that have the relation on the object, sorted.
    pub fn list_users(&self, req: &ListUsersRequest) -> Result<Vec<String>> {
        let (state, model) = self.prepare(&req.consistency)?;
        model.list_users(&state.index, req, self.scope.engine().now())
    }
}

fn collection(store: &str, what: &str) -> String {
    if store == DEFAULT_STORE { format!("authz.{what}") } else { format!("authz.{store}.{what}") }
}

/// Loads a store's models and tuples from the RecordStore.
fn load(scope: &TenantScope, store: &str) -> Result<StoreState> {
    let records = scope.engine().records();
    let mut state = StoreState::default();
    let mut models = records.list_all(scope.scope(), &collection(store, "model"))?;
    // write order; models stored before `seq` existed come first, by id
    models.sort_by_cached_key(|record| (record.body["seq"].as_u64().unwrap_or(0), record.id.clone()));
    for record in models {
        let model = Model::from_json(&record.body["model"])?;
        state.add_model(CompiledModel::new(record.id, model)?);
    }
    for record in records.list_all(scope.scope(), &collection(store, "tuple"))? {
        let tuple: TupleKey = serde_json::from_value(record.body).map_err(|e| PlatformError::storage(e.to_string()))?;
        state.load(tuple);
    }
    if let Some(meta) = records.get(scope.scope(), &collection(store, "meta"), "revision")? {
        state.revision = meta.body["revision"].as_u64().unwrap_or(0);
    }
    Ok(state)
}
