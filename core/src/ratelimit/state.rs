//! The one state interface of the rate limiter: an atomic read-modify-write of one key's
//! [`State`] by the pure [`algorithm::apply`]. Stores implement only [`StateStore`].

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use super::algorithm::{self, Outcome, State, Step};
use crate::clock::Timestamp;
use crate::error::Result;
use crate::kv::{KvStore, KvUpdate};

/// The identity of one limited key: the scope it belongs to (kept in clear so distributed
/// stores can co-locate a tenant's keys) and a 128-bit hash of everything else (rule, limit,
/// dimension values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateKey<'a> {
    /// The scope key (`acme`, or `*` for the platform).
    pub tenant: &'a str,
    /// Hash of the scope and the key parts.
    pub id: u128,
}

/// Bytes of key parts hashed in one shot from the stack; longer keys stream.
const INLINE_KEY_BYTES: usize = 64;

/// Builds a [`StateKey`] from its parts (on the stack, without allocating, up to 64 bytes).
pub struct KeyHasher<'a> {
    tenant: &'a str,
    seed: u64,
    buf: [u8; INLINE_KEY_BYTES],
    len: usize,
    stream: Option<Box<Xxh3>>,
}

impl<'a> KeyHasher<'a> {
    /// Starts a key of `tenant`.
    #[inline]
    pub fn new(tenant: &'a str) -> KeyHasher<'a> {
        let mut hasher = KeyHasher::with_seed(tenant, 0);
        hasher.push(tenant.as_bytes());
        hasher
    }

    /// Starts a key of `tenant` whose fixed parts are already folded into `seed` (see
    /// [`key_seed`]): only the per-request parts are hashed on the hot path.
    #[inline]
    pub fn with_seed(tenant: &'a str, seed: u64) -> KeyHasher<'a> {
        KeyHasher { tenant, seed, buf: [0; INLINE_KEY_BYTES], len: 0, stream: None }
    }

    /// The key of a limit with exactly one part, hashed straight from the caller's bytes (no
    /// copy). Not equal to `with_seed(..).part(..).finish()`: a limit uses one form or the other,
    /// by its number of parts, so keys never mix.
    #[inline]
    pub fn single(tenant: &'a str, seed: u64, part: &[u8]) -> StateKey<'a> {
        StateKey { tenant, id: xxhash_rust::xxh3::xxh3_128_with_seed(part, seed) }
    }

    #[inline]
    fn push(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        let room = if self.stream.is_none() { self.buf.get_mut(self.len..end) } else { None };
        if let Some(room) = room {
            room.copy_from_slice(bytes);
            self.len += bytes.len();
            return;
        }
        self.push_streamed(bytes);
    }

    #[cold]
    fn push_streamed(&mut self, bytes: &[u8]) {
        let (buf, len, seed) = (&self.buf, self.len, self.seed);
        let stream = self.stream.get_or_insert_with(|| {
            let mut stream = Box::new(Xxh3::with_seed(seed));
            stream.update(&buf[..len]);
            stream
        });
        stream.update(bytes);
    }

    /// Adds one part (parts are separated, so `("ab","c")` and `("a","bc")` differ).
    #[inline]
    pub fn part(&mut self, part: &[u8]) -> &mut KeyHasher<'a> {
        self.push(&[0x1f]);
        self.push(part);
        self
    }

    /// The finished key (the same hash whether it was built inline or streamed).
    #[inline(always)]
    pub fn finish(&self) -> StateKey<'a> {
        let id = match &self.stream {
            Some(stream) => stream.digest128(),
            None => xxhash_rust::xxh3::xxh3_128_with_seed(self.buf.get(..self.len).unwrap_or_default(), self.seed),
        };
        StateKey { tenant: self.tenant, id }
    }
}

/// A seed folding the fixed parts of a key (tenant, rule, limit) for [`KeyHasher::with_seed`].
pub fn key_seed(tenant: &str, parts: &[&[u8]]) -> u64 {
    let mut hasher = KeyHasher::new(tenant);
    for part in parts {
        hasher.part(part);
    }
    hasher.finish().id as u64
}

/// What the engine does when the state store cannot decide (unreachable, or at its key cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureMode {
    /// Allow the request (the decision is marked `degraded`).
    FailOpen,
    /// Deny the request (the decision is marked `degraded`).
    FailClosed,
    /// Return the store's error (`StoreUnavailable`, `HotStateFull`: 503).
    #[default]
    Error,
}

/// A place where rate-limit state lives. Implementations make [`algorithm::apply`] atomic per
/// key (no other step of the same key interleaves) and may forget a key once its
/// [`algorithm::forget_at`] time has passed.
pub trait StateStore: Send + Sync + std::fmt::Debug {
    /// Applies one step to one key, atomically.
    fn step(&self, key: &StateKey<'_>, step: &Step) -> Result<Outcome>;

    /// A short name (`memory`, `redb`, `redis`).
    fn kind(&self) -> &'static str;

    /// Keys currently held (expired ones not yet evicted included).
    fn tracked_keys(&self) -> Result<usize>;

    /// This store as the in-memory store, when it is one: the limiter then calls it directly
    /// (inlined, no virtual call) on the hot path.
    fn as_memory(&self) -> Option<&super::MemoryStateStore> {
        None
    }
}

/// A [`StateStore`] over any [`KvStore`] (the engine's redb file or its memory map): the state
/// is 24 bytes, expiring when the key would be forgotten.
#[derive(Debug, Clone)]
pub struct KvStateStore {
    kv: Arc<dyn KvStore>,
    kind: &'static str,
}

impl KvStateStore {
    /// Wraps a key-value store; `kind` names it in status reports.
    pub fn new(kv: Arc<dyn KvStore>, kind: &'static str) -> KvStateStore {
        KvStateStore { kv, kind }
    }
}

/// The text form of a key in byte-oriented stores: `rl:{tenant}:<hash>` (the braces are the
/// Redis Cluster hash tag, so one tenant's keys share a slot).
pub fn key_string(prefix: &str, key: &StateKey<'_>) -> String {
    format!("{prefix}{{{}}}:{:032x}", key.tenant, key.id)
}

impl StateStore for KvStateStore {
    fn step(&self, key: &StateKey<'_>, step: &Step) -> Result<Outcome> {
        let name = key_string("rl:", key);
        let now = Timestamp::from_millis(step.now_ms);
        let mut outcome = None;
        self.kv.update(&name, now, &mut |raw| {
            let previous = raw.and_then(State::from_bytes);
            let (result, write) = algorithm::apply(step, previous);
            outcome = Some(result);
            match write {
                Some(state) => KvUpdate::Set(
                    state.to_bytes().to_vec(),
                    Some(Timestamp::from_millis(algorithm::forget_at(&step.spec, &state))),
                ),
                None => KvUpdate::Keep,
            }
        })?;
        outcome.ok_or_else(|| crate::error::PlatformError::internal("kv update did not run"))
    }

    fn kind(&self) -> &'static str {
        self.kind
    }

    fn tracked_keys(&self) -> Result<usize> {
        self.kv.len()
    }
}
