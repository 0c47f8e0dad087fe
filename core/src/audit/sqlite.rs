//! [`AuditStore`] on SQLite.

use rusqlite::{OptionalExtension, ToSql, params};

use super::chain::{Draft, GENESIS_HASH, StoredAudit};
use super::{AuditChain, AuditOutcome, AuditQuery, AuditRecord, AuditStore};
use crate::clock::Timestamp;
use crate::error::{PlatformError, Result};
use crate::page::Page;
use crate::store::SqliteStore;
use crate::tenant::Scope;

const SELECT_AUDIT: &str = "SELECT seq, id, ts, tenant_id, actor_id, action, resource_type, resource_id, outcome, \
     request_id, metadata, prev_hash, hash FROM audit_log";

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredAudit> {
    let outcome: String = row.get(8)?;
    let metadata: String = row.get(10)?;
    let record = AuditRecord {
        seq: row.get::<_, i64>(0)? as u64,
        id: row.get(1)?,
        timestamp: Timestamp::from_nanos(row.get(2)?),
        tenant_id: row.get(3)?,
        actor_id: row.get(4)?,
        action: row.get(5)?,
        resource_type: row.get(6)?,
        resource_id: row.get(7)?,
        // An unknown outcome can only come from tampering; verify hashes the stored text.
        outcome: AuditOutcome::parse(&outcome).unwrap_or(AuditOutcome::Failure),
        request_id: row.get(9)?,
        metadata: serde_json::from_str(&metadata).unwrap_or(serde_json::Value::String(metadata.clone())),
        prev_hash: row.get(11)?,
        hash: row.get(12)?,
    };
    Ok(StoredAudit { record, metadata_text: metadata, outcome_text: outcome })
}

/// The WHERE clause and parameters of a filtered listing.
fn filter_clause(scope: &Scope, query: &AuditQuery) -> (String, Vec<Box<dyn ToSql>>) {
    let mut clause = String::from(" WHERE tenant_id = ?");
    let mut args: Vec<Box<dyn ToSql>> = vec![Box::new(scope.key().to_owned())];
    let text_filters = [
        ("actor_id", &query.actor_id),
        ("action", &query.action),
        ("resource_type", &query.resource_type),
        ("resource_id", &query.resource_id),
    ];
    for (column, value) in text_filters {
        if let Some(value) = value {
            clause.push_str(&format!(" AND {column} = ?"));
            args.push(Box::new(value.clone()));
        }
    }
    if let Some(outcome) = query.outcome {
        clause.push_str(" AND outcome = ?");
        args.push(Box::new(outcome.as_str()));
    }
    if let Some(since) = query.since {
        clause.push_str(" AND ts >= ?");
        args.push(Box::new(since.as_nanos()));
    }
    if let Some(until) = query.until {
        clause.push_str(" AND ts < ?");
        args.push(Box::new(until.as_nanos()));
    }
    (clause, args)
}

impl AuditStore for SqliteStore {
    fn append(&self, scope: &Scope, draft: Draft) -> Result<AuditRecord> {
        self.in_transaction(|tx| {
            let head: Option<(i64, String)> = tx
                .query_row(
                    "SELECT last_seq, last_hash FROM audit_head WHERE tenant_id = ?1",
                    params![scope.key()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let (last_seq, prev_hash) = head.unwrap_or((0, GENESIS_HASH.to_owned()));
            let seq = last_seq as u64 + 1;
            let hash = draft.hash_at(scope.key(), seq, &prev_hash);
            tx.execute(
                "INSERT INTO audit_log (tenant_id, seq, id, ts, actor_id, action, resource_type, resource_id, \
                 outcome, request_id, metadata, prev_hash, hash) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    scope.key(),
                    seq as i64,
                    draft.id,
                    draft.timestamp.as_nanos(),
                    draft.actor_id,
                    draft.action,
                    draft.resource_type,
                    draft.resource_id,
                    draft.outcome.as_str(),
                    draft.request_id,
                    draft.metadata,
                    prev_hash,
                    hash
                ],
            )?;
            tx.execute(
                "INSERT INTO audit_head (tenant_id, last_seq, last_hash) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (tenant_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash",
                params![scope.key(), seq as i64, hash],
            )?;
            Ok(AuditRecord {
                seq,
                id: draft.id,
                timestamp: draft.timestamp,
                tenant_id: scope.key().to_owned(),
                actor_id: draft.actor_id,
                action: draft.action,
                resource_type: draft.resource_type,
                resource_id: draft.resource_id,
                outcome: draft.outcome,
                request_id: draft.request_id,
                metadata: serde_json::from_str(&draft.metadata)?,
                prev_hash,
                hash,
            })
        })
    }

    fn list(&self, scope: &Scope, query: &AuditQuery) -> Result<Page<AuditRecord>> {
        let (clause, mut args) = filter_clause(scope, query);
        let conn = self.conn()?;
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM audit_log{clause}"),
            rusqlite::params_from_iter(args.iter()),
            |row| row.get(0),
        )?;
        args.push(Box::new(i64::from(query.page.page_size)));
        args.push(Box::new(query.page.offset() as i64));
        let mut stmt = conn.prepare(&format!("{SELECT_AUDIT}{clause} ORDER BY seq LIMIT ? OFFSET ?"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), read_row)?
            .map(|r| r.map(|stored| stored.record))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page::new(rows, query.page, total as u64))
    }

    fn chain(&self, scope: &Scope) -> Result<AuditChain> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&format!("{SELECT_AUDIT} WHERE tenant_id = ?1 ORDER BY seq"))?;
        let records = stmt.query_map(params![scope.key()], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let head: Option<(i64, String)> = conn
            .query_row("SELECT last_seq, last_hash FROM audit_head WHERE tenant_id = ?1", params![scope.key()], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()
            .map_err(PlatformError::from)?;
        Ok(AuditChain { records, head: head.map(|(seq, hash)| (seq as u64, hash)) })
    }
}
