//! The in-memory [`StateStore`]: sharded, one short lock hold per decision, 48 bytes of payload
//! per tracked key, expired keys evicted as the map grows, and a hard key cap.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use spin::mutex::{SpinMutex, SpinMutexGuard};
use spin::relax::Yield;

use super::algorithm::{self, Outcome, State, Step};
use super::state::{StateKey, StateStore};
use crate::error::{ErrorCode, PlatformError, Result};

/// Default number of shards.
pub const DEFAULT_SHARDS: usize = 64;
/// Default key cap (10 million keys, about 1 GiB at most).
pub const DEFAULT_MAX_KEYS: usize = 10_000_000;
/// A shard never sweeps for expired keys before it holds this many.
const MIN_SWEEP_LEN: usize = 1024;

/// Keys are already 128-bit hashes: the map uses their low 64 bits as they are.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u128(&mut self, i: u128) {
        self.0 = i as u64;
    }
}

/// A shard's lock: a spin lock whose waiters yield their core. A decision holds it for a hash-map
/// lookup and a few arithmetic steps, and releasing it is a plain store, where a parking mutex
/// needs an atomic read-modify-write. A thread that finds it held yields rather than sleeps, so
/// a shard sweeping many expired keys keeps its waiters cycling through the scheduler that long.
type ShardLock = SpinMutex<Shard, Yield>;
type ShardGuard<'a> = SpinMutexGuard<'a, Shard>;

#[derive(Debug, Clone, Copy)]
struct Slot {
    state: State,
    forget_at: i64,
}

#[derive(Debug, Default)]
struct Shard {
    map: HashMap<u128, Slot, BuildHasherDefault<IdHasher>>,
    /// The shard sweeps expired keys when a new key arrives and it holds this many.
    sweep_at: usize,
}

/// Sharded in-memory rate-limit state.
///
/// **Eviction.** A key is forgotten once its state is equivalent to no state (window over,
/// bucket full). When a new key arrives in a shard holding `sweep_at` keys, the shard drops its
/// expired keys and sets `sweep_at` to twice what remains (amortised O(1) per insert), so memory
/// follows the live keys.
///
/// **Key cap.** At most `max_keys` keys (spread over the shards). A new key arriving in a full
/// shard (after a sweep) is not tracked: the step fails with `HotStateFull` (503), which the
/// limiter turns into its configured [`super::FailureMode`] (default: the error). Keys already
/// tracked keep working, so clients seen before a flood of new keys are still limited exactly.
#[derive(Debug)]
pub struct MemoryStateStore {
    shards: Box<[ShardLock]>,
    max_per_shard: usize,
}

impl Default for MemoryStateStore {
    fn default() -> Self {
        MemoryStateStore::new(DEFAULT_SHARDS, DEFAULT_MAX_KEYS)
    }
}

impl MemoryStateStore {
    /// A store of `shards` shards (rounded up to a power of two) holding at most `max_keys`.
    pub fn new(shards: usize, max_keys: usize) -> MemoryStateStore {
        let shards = shards.clamp(1, 4096).next_power_of_two();
        let max_per_shard = max_keys.div_ceil(shards).max(1);
        let sweep_at = MIN_SWEEP_LEN.min(max_per_shard);
        MemoryStateStore {
            shards: (0..shards).map(|_| ShardLock::new(Shard { map: HashMap::default(), sweep_at })).collect(),
            max_per_shard,
        }
    }

    #[inline(always)]
    fn shard(&self, id: u128) -> ShardGuard<'_> {
        let index = ((id >> 64) as usize) & (self.shards.len() - 1);
        self.shards[index].lock()
    }

    /// Drops every key forgotten at `now_ms`; returns how many were dropped.
    pub fn purge_expired(&self, now_ms: i64) -> usize {
        let mut dropped = 0;
        for shard in self.shards.iter() {
            let mut shard = shard.lock();
            let before = shard.map.len();
            shard.map.retain(|_, slot| slot.forget_at > now_ms);
            dropped += before - shard.map.len();
        }
        dropped
    }

    /// Bytes held by the maps' tables (key, slot and control byte per bucket), for the memory
    /// budget (≤ 128 bytes per tracked key).
    pub fn table_bytes(&self) -> usize {
        let per_bucket = std::mem::size_of::<(u128, Slot)>() + 1;
        self.shards.iter().map(|s| s.lock().map.capacity() * per_bucket).sum()
    }

    /// Makes room for a new key (or one forgotten): sweeps expired keys when the shard holds
    /// `sweep_at`, refuses when it is full.
    #[inline(never)]
    fn admit(&self, shard: &mut Shard, now_ms: i64) -> Result<()> {
        if shard.map.len() >= shard.sweep_at.min(self.max_per_shard) {
            shard.map.retain(|_, slot| slot.forget_at > now_ms);
            shard.sweep_at = (shard.map.len() * 2).max(MIN_SWEEP_LEN);
        }
        if shard.map.len() >= self.max_per_shard {
            return Err(PlatformError::new(ErrorCode::HotStateFull, "rate-limit key cap reached")
                .with_detail(format!("shard holds {} live keys", shard.map.len())));
        }
        Ok(())
    }
}

impl MemoryStateStore {
    /// [`StateStore::step`], callable without a virtual call (the hit path is inlined into the
    /// limiter, so its result stays in registers).
    #[inline(always)]
    pub fn step_key(&self, key: &StateKey<'_>, step: &Step) -> Result<Outcome> {
        let mut shard = self.shard(key.id);
        let slot = shard.map.get_mut(&key.id);
        let previous = slot.as_ref().filter(|slot| slot.forget_at > step.now_ms).map(|slot| slot.state);
        let (outcome, write) = algorithm::apply(step, previous);
        if let Some(state) = write {
            let written = Slot { state, forget_at: algorithm::forget_at(&step.spec, &state) };
            match slot {
                Some(slot) => *slot = written,
                None => {
                    self.admit(&mut shard, step.now_ms)?;
                    shard.map.insert(key.id, written);
                }
            }
        }
        Ok(outcome)
    }
}

impl StateStore for MemoryStateStore {
    fn step(&self, key: &StateKey<'_>, step: &Step) -> Result<Outcome> {
        self.step_key(key, step)
    }

    fn kind(&self) -> &'static str {
        "memory"
    }

    fn as_memory(&self) -> Option<&MemoryStateStore> {
        Some(self)
    }

    fn tracked_keys(&self) -> Result<usize> {
        Ok(self.shards.iter().map(|s| s.lock().map.len()).sum())
    }
}
