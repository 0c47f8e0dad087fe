//! The system of record: tenant-scoped JSON records in collections, written in transactional
//! batches, behind the [`RecordStore`] trait (SQLite today; PostgreSQL implements the same trait).

mod migrations;
mod sqlite;

pub use sqlite::SqliteStore;

use serde_json::Value;

use crate::clock::Timestamp;
use crate::error::Result;
use crate::page::{Page, PageRequest};
use crate::tenant::Scope;

/// One stored record. `scope` leads every key: the same collection and id in two scopes are two
/// unrelated records.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The owning scope.
    pub scope: Scope,
    /// The collection (e.g. `ratelimit.policy`).
    pub collection: String,
    /// The id, unique within scope and collection.
    pub id: String,
    /// The record's content.
    pub body: Value,
    /// Incremented by every write, starting at 1.
    pub version: i64,
    /// When the record was first written.
    pub created_at: Timestamp,
    /// When the record was last written.
    pub updated_at: Timestamp,
}

/// How a put treats an existing record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutMode {
    /// Fail with a Conflict error when the record exists.
    Create,
    /// Fail with a NotFound error when the record is missing.
    Update,
    /// Create or replace.
    Upsert,
}

/// One operation of a [`WriteBatch`].
#[derive(Debug, Clone)]
pub enum WriteOp {
    /// Writes a record body.
    Put {
        /// The owning scope.
        scope: Scope,
        /// The collection.
        collection: String,
        /// The id.
        id: String,
        /// The content.
        body: Value,
        /// What to do when the record exists or not.
        mode: PutMode,
    },
    /// Deletes a record (a missing record is not an error).
    Delete {
        /// The owning scope.
        scope: Scope,
        /// The collection.
        collection: String,
        /// The id.
        id: String,
    },
}

/// Writes applied all together or not at all.
#[derive(Debug, Clone, Default)]
pub struct WriteBatch {
    ops: Vec<WriteOp>,
}

impl WriteBatch {
    /// An empty batch.
    pub fn new() -> WriteBatch {
        WriteBatch::default()
    }

    /// Adds a put.
    pub fn put(mut self, scope: &Scope, collection: &str, id: &str, body: Value, mode: PutMode) -> WriteBatch {
        self.ops.push(WriteOp::Put {
            scope: scope.clone(),
            collection: collection.to_owned(),
            id: id.to_owned(),
            body,
            mode,
        });
        self
    }

    /// Adds a delete.
    pub fn delete(mut self, scope: &Scope, collection: &str, id: &str) -> WriteBatch {
        self.ops.push(WriteOp::Delete { scope: scope.clone(), collection: collection.to_owned(), id: id.to_owned() });
        self
    }

    /// The operations, in order.
    pub fn ops(&self) -> &[WriteOp] {
        &self.ops
    }

    /// Whether the batch holds no operation.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

/// The system-of-record interface every store implements.
pub trait RecordStore: Send + Sync + std::fmt::Debug {
    /// Reads one record.
    fn get(&self, scope: &Scope, collection: &str, id: &str) -> Result<Option<Record>>;

    /// Lists a collection of one scope, ordered by id, one page at a time.
    fn list(&self, scope: &Scope, collection: &str, page: PageRequest) -> Result<Page<Record>>;

    /// Every record of a collection of one scope, ordered by id (for small collections such as
    /// rules and policies that engines cache).
    fn list_all(&self, scope: &Scope, collection: &str) -> Result<Vec<Record>>;

    /// Applies a batch in one transaction: all of it, or nothing and an error.
    fn write(&self, batch: &WriteBatch, now: Timestamp) -> Result<()>;
}
