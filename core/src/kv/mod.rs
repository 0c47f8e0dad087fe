//! Hot state: small, frequently updated values (counters, cursors, caches) keyed by
//! tenant-scoped keys, behind the [`KvStore`] trait. [`MemoryKv`] is sharded and bounded;
//! [`RedbKv`] survives a restart.

mod memory;
mod redb_store;

pub use memory::MemoryKv;
pub use redb_store::RedbKv;

use crate::clock::Timestamp;
use crate::error::Result;
use crate::tenant::Scope;

/// What an atomic update decides to do with a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KvUpdate {
    /// Leave the key as it is.
    Keep,
    /// Store this value, expiring at the given time (or never).
    Set(Vec<u8>, Option<Timestamp>),
    /// Remove the key.
    Delete,
}

/// A key-value store for hot state. Keys are built with [`scoped_key`], so the tenant leads
/// every key. Expired entries are invisible to reads and are eventually evicted.
pub trait KvStore: Send + Sync + std::fmt::Debug {
    /// Reads a live (unexpired at `now`) value.
    fn get(&self, key: &str, now: Timestamp) -> Result<Option<Vec<u8>>>;

    /// Writes a value, with an optional expiry.
    fn set(&self, key: &str, value: &[u8], expires_at: Option<Timestamp>, now: Timestamp) -> Result<()>;

    /// Removes a key; returns whether it was live.
    fn delete(&self, key: &str, now: Timestamp) -> Result<bool>;

    /// Atomically reads the live value and applies the decision of `f` (read-modify-write; no
    /// other update of the key interleaves). Returns the value after the update.
    fn update(
        &self,
        key: &str,
        now: Timestamp,
        f: &mut dyn FnMut(Option<&[u8]>) -> KvUpdate,
    ) -> Result<Option<Vec<u8>>>;

    /// Live entries whose key starts with `prefix`, ordered by key.
    fn scan_prefix(&self, prefix: &str, now: Timestamp) -> Result<Vec<(String, Vec<u8>)>>;

    /// Evicts every entry expired at `now`; returns how many were removed.
    fn purge_expired(&self, now: Timestamp) -> Result<usize>;

    /// Entries held, expired ones not yet evicted included.
    fn len(&self) -> Result<usize>;

    /// Whether the store holds no entry.
    fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }
}

/// Separates the parts of a scoped key; it cannot occur in a tenant id or namespace.
pub const KEY_SEPARATOR: char = '\u{1f}';

/// The key of `key` in `namespace` of `scope`: `<scope>\x1f<namespace>\x1f<key>`.
pub fn scoped_key(scope: &Scope, namespace: &str, key: &str) -> String {
    let mut out = String::with_capacity(scope.key().len() + namespace.len() + key.len() + 2);
    out.push_str(scope.key());
    out.push(KEY_SEPARATOR);
    out.push_str(namespace);
    out.push(KEY_SEPARATOR);
    out.push_str(key);
    out
}

/// The prefix of every key of `namespace` in `scope`.
pub fn scoped_prefix(scope: &Scope, namespace: &str) -> String {
    scoped_key(scope, namespace, "")
}

fn is_live(expires_at: Option<Timestamp>, now: Timestamp) -> bool {
    expires_at.is_none_or(|at| at > now)
}
