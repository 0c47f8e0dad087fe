//! Append-only, hash-chained audit log (spec 000 `audit`, spec 004 audit ledger).
//!
//! Each scope has its own chain: record `n` stores the SHA-256 of its content and of record
//! `n-1`'s hash, and a per-scope head row remembers the last sequence number and hash, written in
//! the same transaction as the record. [`AuditLog::verify`] recomputes the chain and reports the
//! first sequence number that was altered, removed or reordered.

mod chain;
mod sqlite;

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use chain::{GENESIS_HASH, StoredAudit};

use crate::clock::Timestamp;
use crate::error::Result;
use crate::ids::RequestId;
use crate::page::{Page, PageRequest};
use crate::redact_hook::Redactor;
use crate::tenant::Scope;

/// Whether the audited action succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// The action was carried out.
    Success,
    /// The action failed.
    Failure,
    /// The action was refused (authorization, rate limit).
    Denied,
}

impl AuditOutcome {
    /// The stored text.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Success => "success",
            AuditOutcome::Failure => "failure",
            AuditOutcome::Denied => "denied",
        }
    }

    /// Parses the stored text.
    pub fn parse(text: &str) -> Option<AuditOutcome> {
        match text {
            "success" => Some(AuditOutcome::Success),
            "failure" => Some(AuditOutcome::Failure),
            "denied" => Some(AuditOutcome::Denied),
            _ => None,
        }
    }
}

/// What a caller records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Who acted (user id, service id, `system`).
    pub actor_id: String,
    /// What was done (`ratelimit.policy.create`).
    pub action: String,
    /// The kind of object acted on.
    pub resource_type: String,
    /// The object acted on.
    pub resource_id: String,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// Extra facts (redacted before storage).
    #[serde(default)]
    pub metadata: Value,
}

impl AuditEntry {
    /// A successful action with no metadata.
    pub fn new(actor_id: &str, action: &str, resource_type: &str, resource_id: &str) -> AuditEntry {
        AuditEntry {
            actor_id: actor_id.to_owned(),
            action: action.to_owned(),
            resource_type: resource_type.to_owned(),
            resource_id: resource_id.to_owned(),
            outcome: AuditOutcome::Success,
            metadata: Value::Null,
        }
    }

    /// Sets the outcome.
    pub fn outcome(mut self, outcome: AuditOutcome) -> AuditEntry {
        self.outcome = outcome;
        self
    }

    /// Sets the metadata.
    pub fn metadata(mut self, metadata: Value) -> AuditEntry {
        self.metadata = metadata;
        self
    }
}

/// A stored audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// Position in the scope's chain, from 1, without gaps.
    pub seq: u64,
    /// Entity id (UUIDv7).
    pub id: String,
    /// When it was recorded (engine clock).
    pub timestamp: Timestamp,
    /// The tenant id, or `*` for the platform scope.
    pub tenant_id: String,
    /// Who acted.
    pub actor_id: String,
    /// What was done.
    pub action: String,
    /// The kind of object acted on.
    pub resource_type: String,
    /// The object acted on.
    pub resource_id: String,
    /// How it ended.
    pub outcome: AuditOutcome,
    /// The operation's request id.
    pub request_id: String,
    /// Extra facts, as stored (redacted).
    pub metadata: Value,
    /// Hash of the previous record (the genesis hash for seq 1).
    pub prev_hash: String,
    /// SHA-256 of this record's content and `prev_hash`, hex.
    pub hash: String,
}

/// Filters for [`AuditLog::list`]; all optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// Only this actor.
    pub actor_id: Option<String>,
    /// Only this action.
    pub action: Option<String>,
    /// Only this resource type.
    pub resource_type: Option<String>,
    /// Only this resource id.
    pub resource_id: Option<String>,
    /// Only this outcome.
    pub outcome: Option<AuditOutcome>,
    /// At or after this time.
    pub since: Option<Timestamp>,
    /// Before this time.
    pub until: Option<Timestamp>,
    /// The page to return (ordered by sequence number).
    #[serde(default)]
    pub page: PageRequest,
}

/// The result of [`AuditLog::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Whether the whole chain is intact.
    pub valid: bool,
    /// Records read.
    pub records_checked: u64,
    /// The first sequence number at which the chain is broken.
    pub first_broken_seq: Option<u64>,
    /// Why it is broken there.
    pub reason: Option<String>,
}

/// A scope's whole chain as stored, for verification.
#[derive(Debug, Clone)]
pub struct AuditChain {
    /// Every record in sequence order, with its stored text.
    pub records: Vec<StoredAudit>,
    /// The head row: last sequence number and hash.
    pub head: Option<(u64, String)>,
}

/// Storage for audit chains; implemented by every system-of-record backend.
pub trait AuditStore: Send + Sync + std::fmt::Debug {
    /// Appends a record to the scope's chain (reads the head, links, writes record and head in
    /// one transaction).
    fn append(&self, scope: &Scope, draft: chain::Draft) -> Result<AuditRecord>;
    /// Lists records with filters, ordered by sequence number.
    fn list(&self, scope: &Scope, query: &AuditQuery) -> Result<Page<AuditRecord>>;
    /// Every record of the scope in sequence order with its stored text, and the head row (last seq, last hash).
    fn chain(&self, scope: &Scope) -> Result<AuditChain>;
}

/// The audit log of one engine.
#[derive(Debug, Clone)]
pub struct AuditLog {
    store: Arc<dyn AuditStore>,
}

impl AuditLog {
    /// An audit log over a store.
    pub fn new(store: Arc<dyn AuditStore>) -> AuditLog {
        AuditLog { store }
    }

    /// Records an entry in the scope's chain; metadata passes the redactor first.
    pub fn record(
        &self,
        scope: &Scope,
        entry: AuditEntry,
        now: Timestamp,
        request_id: &RequestId,
        redactor: &dyn Redactor,
    ) -> Result<AuditRecord> {
        let mut metadata = entry.metadata;
        redactor.redact_value(&mut metadata);
        let draft = chain::Draft {
            id: crate::ids::new_entity_id(now),
            timestamp: now,
            actor_id: redactor.redact_text(&entry.actor_id).into_owned(),
            action: entry.action,
            resource_type: entry.resource_type,
            resource_id: redactor.redact_text(&entry.resource_id).into_owned(),
            outcome: entry.outcome,
            request_id: request_id.as_str().to_owned(),
            metadata: serde_json::to_string(&metadata)?,
        };
        self.store.append(scope, draft)
    }

    /// Lists a scope's records.
    pub fn list(&self, scope: &Scope, query: &AuditQuery) -> Result<Page<AuditRecord>> {
        query.page.validate()?;
        self.store.list(scope, query)
    }

    /// Recomputes the scope's chain and reports the first broken sequence number.
    pub fn verify(&self, scope: &Scope) -> Result<VerifyReport> {
        let stored = self.store.chain(scope)?;
        Ok(chain::verify(scope, &stored.records, stored.head))
    }
}
