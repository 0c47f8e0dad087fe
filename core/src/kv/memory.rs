//! Sharded in-memory [`KvStore`] with a key cap.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::{Mutex, MutexGuard};

use super::{KvStore, KvUpdate, is_live};
use crate::clock::Timestamp;
use crate::error::{ErrorCode, PlatformError, Result};

#[derive(Debug)]
struct Entry {
    value: Vec<u8>,
    expires_at: Option<Timestamp>,
}

type Shard = HashMap<String, Entry>;

/// An in-memory store split into independently locked shards.
///
/// **Key cap.** At most `max_keys` entries are held (spread evenly over the shards). When a
/// write would add a key to a full shard, that shard's expired entries are evicted first; if it is
/// still full, the write fails with `HotStateFull` (503) and nothing is changed. Existing keys can
/// always be updated. Memory therefore stays bounded under a flood of distinct keys.
#[derive(Debug)]
pub struct MemoryKv {
    shards: Box<[Mutex<Shard>]>,
    hasher: RandomState,
    max_keys_per_shard: usize,
}

impl MemoryKv {
    /// A store with `shards` shards (rounded up to a power of two) holding at most `max_keys`.
    pub fn new(shards: usize, max_keys: usize) -> MemoryKv {
        let shards = shards.max(1).next_power_of_two();
        MemoryKv {
            shards: (0..shards).map(|_| Mutex::new(HashMap::new())).collect(),
            hasher: RandomState::new(),
            max_keys_per_shard: max_keys.div_ceil(shards).max(1),
        }
    }

    fn shard(&self, key: &str) -> Result<MutexGuard<'_, Shard>> {
        let index = (self.hasher.hash_one(key) as usize) & (self.shards.len() - 1);
        self.shards[index].lock().map_err(|_| PlatformError::internal("kv shard mutex poisoned"))
    }

    fn make_room(&self, shard: &mut Shard, key: &str, now: Timestamp) -> Result<()> {
        if shard.contains_key(key) || shard.len() < self.max_keys_per_shard {
            return Ok(());
        }
        shard.retain(|_, entry| is_live(entry.expires_at, now));
        if shard.len() < self.max_keys_per_shard {
            return Ok(());
        }
        Err(PlatformError::new(ErrorCode::HotStateFull, "hot-state key cap reached")
            .with_detail(format!("shard holds {} live keys", shard.len())))
    }
}

fn live<'a>(shard: &'a Shard, key: &str, now: Timestamp) -> Option<&'a Entry> {
    shard.get(key).filter(|entry| is_live(entry.expires_at, now))
}

impl KvStore for MemoryKv {
    fn get(&self, key: &str, now: Timestamp) -> Result<Option<Vec<u8>>> {
        let shard = self.shard(key)?;
        Ok(live(&shard, key, now).map(|entry| entry.value.clone()))
    }

    fn set(&self, key: &str, value: &[u8], expires_at: Option<Timestamp>, now: Timestamp) -> Result<()> {
        let mut shard = self.shard(key)?;
        self.make_room(&mut shard, key, now)?;
        shard.insert(key.to_owned(), Entry { value: value.to_vec(), expires_at });
        Ok(())
    }

    fn delete(&self, key: &str, now: Timestamp) -> Result<bool> {
        let removed = self.shard(key)?.remove(key);
        Ok(removed.is_some_and(|entry| is_live(entry.expires_at, now)))
    }

    fn update(
        &self,
        key: &str,
        now: Timestamp,
        f: &mut dyn FnMut(Option<&[u8]>) -> KvUpdate,
    ) -> Result<Option<Vec<u8>>> {
        let mut shard = self.shard(key)?;
        let current = live(&shard, key, now).map(|entry| entry.value.as_slice());
        match f(current) {
            KvUpdate::Keep => Ok(current.map(<[u8]>::to_vec)),
            KvUpdate::Delete => {
                shard.remove(key);
                Ok(None)
            }
            KvUpdate::Set(value, expires_at) => {
                self.make_room(&mut shard, key, now)?;
                shard.insert(key.to_owned(), Entry { value: value.clone(), expires_at });
                Ok(Some(value))
            }
        }
    }

    fn scan_prefix(&self, prefix: &str, now: Timestamp) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::new();
        for shard in self.shards.iter() {
            let shard = shard.lock().map_err(|_| PlatformError::internal("kv shard mutex poisoned"))?;
            out.extend(
                shard
                    .iter()
                    .filter(|(key, entry)| key.starts_with(prefix) && is_live(entry.expires_at, now))
                    .map(|(key, entry)| (key.clone(), entry.value.clone())),
            );
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    fn purge_expired(&self, now: Timestamp) -> Result<usize> {
        let mut removed = 0;
        for shard in self.shards.iter() {
            let mut shard = shard.lock().map_err(|_| PlatformError::internal("kv shard mutex poisoned"))?;
            let before = shard.len();
            shard.retain(|_, entry| is_live(entry.expires_at, now));
            removed += before - shard.len();
        }
        Ok(removed)
    }

    fn len(&self) -> Result<usize> {
        let mut total = 0;
        for shard in self.shards.iter() {
            total += shard.lock().map_err(|_| PlatformError::internal("kv shard mutex poisoned"))?.len();
        }
        Ok(total)
    }
}
