//! The compiled configuration of a scope as decisions read it: published through an atomic
//! pointer for every thread, and copied into a small per-thread table, so a decision on a scope
//! its thread decided on before reads it with plain loads. Taking the shared pointer costs
//! atomic read-modify-writes (a slot and a reference count), about as much as the rest of a
//! decision on a hot key, so only a thread's first decision on a snapshot pays them.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use arc_swap::ArcSwapOption;

use super::compiled::Snapshot;

/// Publish versions, unique across every scope cache of the process (0: never published), so
/// a thread's copy can never pass for another cache's snapshot, even at a reused address.
static VERSIONS: AtomicU64 = AtomicU64::new(1);

/// Slots of the per-thread table (direct-mapped by cache address).
const THREAD_SLOTS: usize = 32;

/// A thread's copies: (version, snapshot) per slot. The `Rc` lets a decision hold its copy
/// outside the table's borrow for the price of a plain increment, so the decision is returned
/// straight to the caller (not through the thread-local accessor, which would copy it).
type ThreadCopies = [Option<(u64, Rc<Arc<Snapshot>>)>; THREAD_SLOTS];

thread_local! {
    /// Copies of snapshots this thread used, taken only from snapshots over the engine's primary
    /// store (a copy never keeps a store, or its files, alive). A copy outlives its engine until
    /// the thread replaces it or ends: at most `THREAD_SLOTS` compiled configurations per thread.
    static THREAD_COPIES: RefCell<ThreadCopies> = const { RefCell::new([const { None }; THREAD_SLOTS]) };
}

/// The compiled configuration of one scope; empty until first used and after every write.
#[derive(Debug, Default)]
pub(crate) struct ScopeCache {
    snapshot: ArcSwapOption<Snapshot>,
    /// The version of the last publish.
    version: AtomicU64,
}

impl ScopeCache {
    /// Publishes a snapshot (`None`: build one on next use). Callers serialise publishes.
    pub(crate) fn publish(&self, snapshot: Option<Arc<Snapshot>>) {
        self.snapshot.store(snapshot);
        self.version.store(VERSIONS.fetch_add(1, Ordering::Relaxed), Ordering::Release);
    }

    /// This thread's copy of the published snapshot, when it has one of the current version
    /// still valid at `now_ms` (a plain load and increment; no atomic read-modify-write).
    #[inline(always)]
    #[expect(clippy::redundant_allocation, reason = "the Rc's count is thread-local: no atomic on the hot path")]
    pub(crate) fn thread_copy(&self, now_ms: i64) -> Option<Rc<Arc<Snapshot>>> {
        // Acquire: a snapshot read after this version is at least as new as the version's.
        let version = self.version.load(Ordering::Acquire);
        let slot = self.slot();
        let copy = THREAD_COPIES.try_with(|copies| {
            let held = copies.try_borrow().ok()?;
            let (_, snap) = held[slot].as_ref().filter(|(v, _)| *v == version)?;
            (now_ms < snap.next_expiry_ms).then(|| Rc::clone(snap))
        });
        copy.ok().flatten()
    }

    /// The published snapshot, when there is one still valid at `now_ms` (`None`: build and
    /// publish one), copied into this thread's table when it can be.
    pub(crate) fn shared(&self, now_ms: i64) -> Option<Arc<Snapshot>> {
        let version = self.version.load(Ordering::Acquire);
        let snap = self.snapshot.load_full().filter(|s| now_ms < s.next_expiry_ms)?;
        if version != 0 && snap.store.is_none() {
            let slot = self.slot();
            // Never while the table is borrowed (a decision may publish events whose
            // subscribers decide again on this thread); not at all during thread teardown.
            let _ = THREAD_COPIES.try_with(|copies| {
                if let Ok(mut held) = copies.try_borrow_mut() {
                    held[slot] = Some((version, Rc::new(snap.clone())));
                }
            });
        }
        Some(snap)
    }

    /// This cache's slot in the per-thread table.
    #[inline(always)]
    fn slot(&self) -> usize {
        let address = std::ptr::from_ref(self) as usize as u64;
        ((address >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) as usize % THREAD_SLOTS
    }
}
