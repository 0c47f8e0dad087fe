//! One authorization store's in-memory state (a tenant has a default store and an RBAC store):
//! model versions, the canonical tuple set, the query index and the revision. Writes are
//! validated as a whole before anything changes (all or nothing).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::api::ReadFilter;
use super::index::TupleIndex;
use super::query::{CompiledModel, ModelRef};
use super::tuple::{TupleKey, validate_tuple};
use crate::{ErrorCode, PlatformError, Result, Timestamp};

/// Most tuples one write may carry (writes plus deletes), as OpenFGA's default.
pub const MAX_TUPLES_PER_WRITE: usize = 100;

/// The state of one store.
#[derive(Debug, Default)]
pub(crate) struct StoreState {
    /// Model versions by id.
    pub models: BTreeMap<String, ModelRef>,
    /// Model ids in the order they were written: the last is the latest (ids follow the clock,
    /// which may move back, so their order is not the write order).
    pub model_order: Vec<String>,
    /// Tuples by identity key.
    pub tuples: BTreeMap<String, TupleKey>,
    /// The query index.
    pub index: TupleIndex,
    /// Incremented by every successful tuple write.
    pub revision: u64,
}

impl StoreState {
    /// The model with `id`, or the latest.
    pub fn model(&self, id: Option<&str>) -> Result<ModelRef> {
        let found = match id {
            Some(id) => self.models.get(id),
            None => self.model_order.last().and_then(|id| self.models.get(id)),
        };
        found.cloned().ok_or_else(|| match id {
            Some(id) => PlatformError::not_found(ErrorCode::AuthorizationModelNotFound, "authorization model", id),
            None => PlatformError::new(ErrorCode::AuthorizationModelNotFound, "no authorization model written yet"),
        })
    }

    /// Adds a model version, which becomes the latest.
    pub fn add_model(&mut self, model: CompiledModel) -> ModelRef {
        let model = Arc::new(model);
        if self.models.insert(model.id.clone(), model.clone()).is_none() {
            self.model_order.push(model.id.clone());
        }
        model
    }

    /// Validates a write batch against the model and the current tuples.
    pub fn validate_write(
        &self,
        model: &CompiledModel,
        writes: &[TupleKey],
        deletes: &[TupleKey],
        now: Timestamp,
    ) -> Result<()> {
        if writes.is_empty() && deletes.is_empty() {
            return Err(PlatformError::validation("writes", "nothing to write or delete"));
        }
        if writes.len() + deletes.len() > MAX_TUPLES_PER_WRITE {
            return Err(PlatformError::validation(
                "writes",
                format!("at most {MAX_TUPLES_PER_WRITE} tuples per write"),
            ));
        }
        let mut seen = BTreeSet::new();
        for t in writes {
            validate_tuple(&model.model, t)?;
            if t.expires_at.is_some_and(|at| at <= now) {
                return Err(PlatformError::invalid(ErrorCode::InvalidTuple, "expires_at", "the expiry is in the past"));
            }
            if self.tuples.contains_key(&t.key()) {
                return Err(PlatformError::invalid(
                    ErrorCode::InvalidTuple,
                    "writes",
                    format!("tuple '{}' already exists", t.key()),
                ));
            }
            if !seen.insert(t.key()) {
                return Err(PlatformError::invalid(
                    ErrorCode::InvalidTuple,
                    "writes",
                    format!("tuple '{}' appears twice", t.key()),
                ));
            }
        }
        for t in deletes {
            if !self.tuples.contains_key(&t.key()) {
                return Err(PlatformError::invalid(
                    ErrorCode::InvalidTuple,
                    "deletes",
                    format!("tuple '{}' does not exist", t.key()),
                ));
            }
            if !seen.insert(t.key()) {
                return Err(PlatformError::invalid(
                    ErrorCode::InvalidTuple,
                    "deletes",
                    format!("tuple '{}' appears twice", t.key()),
                ));
            }
        }
        Ok(())
    }

    /// Applies a validated batch and bumps the revision.
    pub fn apply(&mut self, writes: &[TupleKey], deletes: &[TupleKey]) -> u64 {
        for t in deletes {
            self.tuples.remove(&t.key());
            self.index.remove(&t.object, &t.relation, &t.user);
        }
        for t in writes {
            self.tuples.insert(t.key(), t.clone());
            self.index.insert(t);
        }
        self.revision += 1;
        self.revision
    }

    /// Loads a stored tuple (startup).
    pub fn load(&mut self, tuple: TupleKey) {
        self.index.insert(&tuple);
        self.tuples.insert(tuple.key(), tuple);
    }

    /// Tuples matching the filter, in key order.
    pub fn read(&self, filter: &ReadFilter) -> Vec<TupleKey> {
        self.tuples.values().filter(|t| filter.matches(t)).cloned().collect()
    }

    /// Fails when the caller needs a newer revision than this store has.
    pub fn ensure_revision(&self, min: Option<u64>) -> Result<()> {
        match min {
            Some(min) if min > self.revision => Err(PlatformError::invalid(
                ErrorCode::Validation,
                "min_revision",
                format!("revision {min} is newer than the store's {}", self.revision),
            )),
            _ => Ok(()),
        }
    }
}
