//! Hashing and verification of the audit chain.

use ring::digest::{Context, SHA256};

use super::{AuditOutcome, AuditRecord, VerifyReport};
use crate::clock::Timestamp;
use crate::tenant::Scope;

/// The `prev_hash` of the first record of every chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A record before it is linked into a chain (no seq or hashes yet).
#[derive(Debug, Clone)]
pub struct Draft {
    pub(crate) id: String,
    pub(crate) timestamp: Timestamp,
    pub(crate) actor_id: String,
    pub(crate) action: String,
    pub(crate) resource_type: String,
    pub(crate) resource_id: String,
    pub(crate) outcome: AuditOutcome,
    pub(crate) request_id: String,
    /// Metadata as stored text: the hash covers exactly these bytes.
    pub(crate) metadata: String,
}

/// The fields a hash covers, borrowed from a draft or a stored record.
pub(crate) struct HashInput<'a> {
    pub tenant_id: &'a str,
    pub seq: u64,
    pub id: &'a str,
    pub timestamp: Timestamp,
    pub actor_id: &'a str,
    pub action: &'a str,
    pub resource_type: &'a str,
    pub resource_id: &'a str,
    pub outcome: &'a str,
    pub request_id: &'a str,
    pub metadata: &'a str,
    pub prev_hash: &'a str,
}

/// SHA-256 over length-prefixed fields (no field boundary can be forged), hex-encoded.
pub(crate) fn hash(input: &HashInput<'_>) -> String {
    let mut ctx = Context::new(&SHA256);
    let seq = input.seq.to_string();
    let ts = input.timestamp.as_nanos().to_string();
    let fields = [
        input.prev_hash,
        input.tenant_id,
        &seq,
        input.id,
        &ts,
        input.actor_id,
        input.action,
        input.resource_type,
        input.resource_id,
        input.outcome,
        input.request_id,
        input.metadata,
    ];
    for field in fields {
        ctx.update(&(field.len() as u64).to_be_bytes());
        ctx.update(field.as_bytes());
    }
    hex::encode(ctx.finish().as_ref())
}

impl Draft {
    /// Hash of this draft linked at `seq` after `prev_hash`.
    pub(crate) fn hash_at(&self, tenant_id: &str, seq: u64, prev_hash: &str) -> String {
        hash(&HashInput {
            tenant_id,
            seq,
            id: &self.id,
            timestamp: self.timestamp,
            actor_id: &self.actor_id,
            action: &self.action,
            resource_type: &self.resource_type,
            resource_id: &self.resource_id,
            outcome: self.outcome.as_str(),
            request_id: &self.request_id,
            metadata: &self.metadata,
            prev_hash,
        })
    }
}

/// A record as read back from storage, with the exact stored text of the fields that are parsed
/// (so a tampered value that no longer parses still fails its hash).
#[derive(Debug, Clone)]
pub struct StoredAudit {
    /// The parsed record.
    pub record: AuditRecord,
    /// The metadata column as stored.
    pub metadata_text: String,
    /// The outcome column as stored.
    pub outcome_text: String,
}

fn recompute(stored: &StoredAudit) -> String {
    let record = &stored.record;
    hash(&HashInput {
        tenant_id: &record.tenant_id,
        seq: record.seq,
        id: &record.id,
        timestamp: record.timestamp,
        actor_id: &record.actor_id,
        action: &record.action,
        resource_type: &record.resource_type,
        resource_id: &record.resource_id,
        outcome: &stored.outcome_text,
        request_id: &record.request_id,
        metadata: &stored.metadata_text,
        prev_hash: &record.prev_hash,
    })
}

fn broken(checked: u64, seq: u64, reason: String) -> VerifyReport {
    VerifyReport { valid: false, records_checked: checked, first_broken_seq: Some(seq), reason: Some(reason) }
}

/// Walks the chain in sequence order; each record comes with its metadata exactly as stored.
pub(crate) fn verify(scope: &Scope, records: &[StoredAudit], head: Option<(u64, String)>) -> VerifyReport {
    let mut prev_hash = GENESIS_HASH.to_owned();
    let mut checked = 0;
    for (expected_seq, stored) in (1u64..).zip(records) {
        let record = &stored.record;
        checked += 1;
        if record.seq != expected_seq {
            return broken(checked, expected_seq, format!("record {expected_seq} is missing (found {})", record.seq));
        }
        if record.tenant_id != scope.key() {
            return broken(checked, expected_seq, "record belongs to another scope".into());
        }
        if record.prev_hash != prev_hash {
            return broken(checked, expected_seq, "prev_hash does not link to the previous record".into());
        }
        if recompute(stored) != record.hash {
            return broken(checked, expected_seq, "content does not match its hash (altered)".into());
        }
        prev_hash = record.hash.clone();
    }
    let last = records.len() as u64;
    match head {
        Some((head_seq, head_hash)) if head_seq != last || head_hash != prev_hash => {
            broken(checked, last + 1, format!("chain ends at {last} but the head records {head_seq} (tail removed)"))
        }
        None if last > 0 => broken(checked, 1, "records exist without a chain head".into()),
        _ => VerifyReport { valid: true, records_checked: checked, first_broken_seq: None, reason: None },
    }
}
