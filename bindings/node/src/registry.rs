//! Live native objects by id. Hot paths are plain napi functions taking an id: a napi class
//! method costs several hundred nanoseconds more per call (instance unwrapping), the lookup here
//! ~20 ns. An entry lives as long as the JavaScript object that registered it (its `Drop`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use napi::bindgen_prelude::Result;
use shared_platform_core::PlatformError;

use crate::to_js_error;

/// A process-wide map from id to shared object.
pub(crate) struct Registry<T> {
    entries: LazyLock<RwLock<HashMap<u32, Arc<T>>>>,
    next_id: AtomicU32,
    generation: AtomicU64,
    what: &'static str,
}

impl<T> Registry<T> {
    /// An empty registry of `what` (named in the error for an unknown id).
    pub(crate) const fn new(what: &'static str) -> Registry<T> {
        Registry {
            entries: LazyLock::new(RwLock::default),
            next_id: AtomicU32::new(1),
            generation: AtomicU64::new(0),
            what,
        }
    }

    /// Registers `value`; returns its id.
    pub(crate) fn insert(&self, value: Arc<T>) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.entries.write().unwrap_or_else(PoisonError::into_inner).insert(id, value);
        id
    }

    /// The object registered as `id`.
    pub(crate) fn get(&self, id: u32) -> Result<Arc<T>> {
        let entries = self.entries.read().unwrap_or_else(PoisonError::into_inner);
        entries
            .get(&id)
            .cloned()
            .ok_or_else(|| to_js_error(PlatformError::validation("id", format!("no such {}", self.what))))
    }

    /// Forgets `id` (and bumps the generation).
    pub(crate) fn remove(&self, id: u32) {
        self.entries.write().unwrap_or_else(PoisonError::into_inner).remove(&id);
        self.generation.fetch_add(1, Ordering::Release);
    }

    /// Counts removals: a caller caching an entry outside the registry checks it is unchanged
    /// before using the cached entry (ids are never reused, so an id seen in the same generation
    /// is still registered).
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}
