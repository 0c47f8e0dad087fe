//! SQLite implementation of [`RecordStore`] (rusqlite, bundled SQLite, WAL for files).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{PutMode, Record, RecordStore, WriteBatch, WriteOp};
use crate::clock::Timestamp;
use crate::error::{ErrorCode, PlatformError, Result};
use crate::page::{Page, PageRequest};
use crate::tenant::Scope;

/// The embedded system of record: one SQLite database, a file (WAL, synchronous=FULL) or memory.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// A private in-memory database (lost when the engine closes).
    pub fn open_in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory()?;
        SqliteStore::init(conn, None)
    }

    /// Opens (or creates) a database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path).map_err(|e| {
            PlatformError::new(ErrorCode::Storage, format!("cannot open database file {}", path.display()))
                .with_detail(e.to_string())
        })?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        SqliteStore::init(conn, Some(path.to_path_buf()))
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<SqliteStore> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        super::migrations::migrations()
            .to_latest(&mut conn)
            .map_err(|e| PlatformError::storage(format!("migration failed: {e}")))?;
        Ok(SqliteStore { conn: Mutex::new(conn), path })
    }

    /// The database file, when not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (number of applied migrations).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn()?.query_row("PRAGMA user_version", [], |row| row.get(0))?)
    }

    pub(crate) fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn.lock().map_err(|_| PlatformError::internal("sqlite connection mutex poisoned"))
    }

    /// Runs `f` inside one IMMEDIATE transaction: committed when `f` succeeds, rolled back otherwise.
    pub(crate) fn in_transaction<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn row_to_record(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String, i64, i64, i64)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?))
}

fn into_record(raw: (String, String, String, String, i64, i64, i64)) -> Result<Record> {
    let (scope, collection, id, body, version, created, updated) = raw;
    Ok(Record {
        scope: Scope::from_key(&scope)?,
        collection,
        id,
        body: serde_json::from_str(&body).map_err(|e| PlatformError::storage(format!("corrupt record body: {e}")))?,
        version,
        created_at: Timestamp::from_nanos(created),
        updated_at: Timestamp::from_nanos(updated),
    })
}

const SELECT_RECORD: &str = "SELECT tenant_id, collection, id, body, version, created_at, updated_at FROM records";

fn apply_op(tx: &Transaction<'_>, op: &WriteOp, now: Timestamp) -> Result<()> {
    match op {
        WriteOp::Put { scope, collection, id, body, mode } => {
            let current: Option<i64> = tx
                .query_row(
                    "SELECT version FROM records WHERE tenant_id = ?1 AND collection = ?2 AND id = ?3",
                    params![scope.key(), collection, id],
                    |row| row.get(0),
                )
                .optional()?;
            match (mode, current) {
                (PutMode::Create, Some(_)) => {
                    return Err(PlatformError::new(ErrorCode::Conflict, format!("{collection} '{id}' already exists")));
                }
                (PutMode::Update, None) => {
                    return Err(PlatformError::not_found(ErrorCode::NotFound, collection, id));
                }
                _ => {}
            }
            let text = serde_json::to_string(body)?;
            tx.execute(
                "INSERT INTO records (tenant_id, collection, id, body, version, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)
                 ON CONFLICT (tenant_id, collection, id)
                 DO UPDATE SET body = excluded.body, version = records.version + 1, updated_at = excluded.updated_at",
                params![scope.key(), collection, id, text, now.as_nanos()],
            )?;
        }
        WriteOp::Delete { scope, collection, id } => {
            tx.execute(
                "DELETE FROM records WHERE tenant_id = ?1 AND collection = ?2 AND id = ?3",
                params![scope.key(), collection, id],
            )?;
        }
    }
    Ok(())
}

impl RecordStore for SqliteStore {
    fn get(&self, scope: &Scope, collection: &str, id: &str) -> Result<Option<Record>> {
        let conn = self.conn()?;
        let raw = conn
            .query_row(
                &format!("{SELECT_RECORD} WHERE tenant_id = ?1 AND collection = ?2 AND id = ?3"),
                params![scope.key(), collection, id],
                row_to_record,
            )
            .optional()?;
        raw.map(into_record).transpose()
    }

    fn list(&self, scope: &Scope, collection: &str, page: PageRequest) -> Result<Page<Record>> {
        page.validate()?;
        let conn = self.conn()?;
        let total: i64 = conn.query_row(
            "SELECT COUNT(*) FROM records WHERE tenant_id = ?1 AND collection = ?2",
            params![scope.key(), collection],
            |row| row.get(0),
        )?;
        let mut stmt = conn.prepare_cached(&format!(
            "{SELECT_RECORD} WHERE tenant_id = ?1 AND collection = ?2 ORDER BY id LIMIT ?3 OFFSET ?4"
        ))?;
        let rows = stmt
            .query_map(params![scope.key(), collection, page.page_size, page.offset() as i64], row_to_record)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let data = rows.into_iter().map(into_record).collect::<Result<Vec<_>>>()?;
        Ok(Page::new(data, page, total as u64))
    }

    fn list_all(&self, scope: &Scope, collection: &str) -> Result<Vec<Record>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare_cached(&format!("{SELECT_RECORD} WHERE tenant_id = ?1 AND collection = ?2 ORDER BY id"))?;
        let rows =
            stmt.query_map(params![scope.key(), collection], row_to_record)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(into_record).collect()
    }

    fn write(&self, batch: &WriteBatch, now: Timestamp) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| batch.ops().iter().try_for_each(|op| apply_op(tx, op, now)))
    }
}
