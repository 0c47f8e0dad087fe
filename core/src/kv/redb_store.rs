//! Durable [`KvStore`] on redb: hot state that survives an engine restart.

use std::path::Path;

use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};

use super::{KvStore, KvUpdate, is_live};
use crate::clock::Timestamp;
use crate::error::{ErrorCode, PlatformError, Result};

/// key → (expires_at nanos, or i64::MIN for never) ++ value
const TABLE: TableDefinition<&str, &[u8]> = TableDefinition::new("hot_state");
const NEVER: i64 = i64::MIN;

/// A redb file holding hot state; every write is a committed redb transaction.
#[derive(Debug)]
pub struct RedbKv {
    db: Database,
}

fn redb_err(e: impl std::fmt::Display) -> PlatformError {
    PlatformError::new(ErrorCode::Storage, "hot-state store failure").with_detail(e.to_string())
}

fn encode(value: &[u8], expires_at: Option<Timestamp>) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + value.len());
    out.extend_from_slice(&expires_at.map_or(NEVER, Timestamp::as_nanos).to_be_bytes());
    out.extend_from_slice(value);
    out
}

fn decode(raw: &[u8]) -> (Option<Timestamp>, &[u8]) {
    if raw.len() < 8 {
        return (None, raw);
    }
    let (head, value) = raw.split_at(8);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(head);
    let nanos = i64::from_be_bytes(bytes);
    ((nanos != NEVER).then(|| Timestamp::from_nanos(nanos)), value)
}

fn live_value(raw: &[u8], now: Timestamp) -> Option<Vec<u8>> {
    let (expires_at, value) = decode(raw);
    is_live(expires_at, now).then(|| value.to_vec())
}

impl RedbKv {
    /// Opens (or creates) the redb file.
    pub fn open(path: &Path) -> Result<RedbKv> {
        let db = Database::create(path).map_err(|e| {
            PlatformError::new(ErrorCode::Storage, format!("cannot open hot-state file {}", path.display()))
                .with_detail(e.to_string())
        })?;
        let tx = db.begin_write().map_err(redb_err)?;
        tx.open_table(TABLE).map_err(redb_err)?;
        tx.commit().map_err(redb_err)?;
        Ok(RedbKv { db })
    }

    fn write<T>(&self, f: impl FnOnce(&mut redb::Table<'_, &str, &[u8]>) -> Result<T>) -> Result<T> {
        let tx = self.db.begin_write().map_err(redb_err)?;
        let value = {
            let mut table = tx.open_table(TABLE).map_err(redb_err)?;
            f(&mut table)?
        };
        tx.commit().map_err(redb_err)?;
        Ok(value)
    }
}

impl KvStore for RedbKv {
    fn get(&self, key: &str, now: Timestamp) -> Result<Option<Vec<u8>>> {
        let tx = self.db.begin_read().map_err(redb_err)?;
        let table = tx.open_table(TABLE).map_err(redb_err)?;
        let raw = table.get(key).map_err(redb_err)?;
        Ok(raw.and_then(|guard| live_value(guard.value(), now)))
    }

    fn set(&self, key: &str, value: &[u8], expires_at: Option<Timestamp>, _now: Timestamp) -> Result<()> {
        self.write(|table| {
            table.insert(key, encode(value, expires_at).as_slice()).map_err(redb_err)?;
            Ok(())
        })
    }

    fn delete(&self, key: &str, now: Timestamp) -> Result<bool> {
        self.write(|table| {
            let removed = table.remove(key).map_err(redb_err)?;
            Ok(removed.is_some_and(|guard| live_value(guard.value(), now).is_some()))
        })
    }

    fn update(
        &self,
        key: &str,
        now: Timestamp,
        f: &mut dyn FnMut(Option<&[u8]>) -> KvUpdate,
    ) -> Result<Option<Vec<u8>>> {
        self.write(|table| {
            let current = table.get(key).map_err(redb_err)?.and_then(|guard| live_value(guard.value(), now));
            match f(current.as_deref()) {
                KvUpdate::Keep => Ok(current),
                KvUpdate::Delete => {
                    table.remove(key).map_err(redb_err)?;
                    Ok(None)
                }
                KvUpdate::Set(value, expires_at) => {
                    table.insert(key, encode(&value, expires_at).as_slice()).map_err(redb_err)?;
                    Ok(Some(value))
                }
            }
        })
    }

    fn scan_prefix(&self, prefix: &str, now: Timestamp) -> Result<Vec<(String, Vec<u8>)>> {
        let tx = self.db.begin_read().map_err(redb_err)?;
        let table = tx.open_table(TABLE).map_err(redb_err)?;
        let mut out = Vec::new();
        for item in table.range(prefix..).map_err(redb_err)? {
            let (key, raw) = item.map_err(redb_err)?;
            if !key.value().starts_with(prefix) {
                break;
            }
            if let Some(value) = live_value(raw.value(), now) {
                out.push((key.value().to_owned(), value));
            }
        }
        Ok(out)
    }

    fn purge_expired(&self, now: Timestamp) -> Result<usize> {
        self.write(|table| {
            let before = table.len().map_err(redb_err)?;
            table.retain(|_, raw| live_value(raw, now).is_some()).map_err(redb_err)?;
            Ok((before - table.len().map_err(redb_err)?) as usize)
        })
    }

    fn len(&self) -> Result<usize> {
        let tx = self.db.begin_read().map_err(redb_err)?;
        let table = tx.open_table(TABLE).map_err(redb_err)?;
        Ok(table.len().map_err(redb_err)? as usize)
    }
}
