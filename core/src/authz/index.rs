//! The in-memory tuple index used by every query: `object#relation` → users, with the wildcard and
//! userset users listed apart (they need expansion), plus per-type object and user sets for
//! list_objects / list_users candidates. A query sees the stored index and, optionally, an overlay
//! built from its contextual tuples.

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::RandomState;

use super::tuple::{TupleCondition, TupleKey};
use crate::Timestamp;

/// One stored tuple as the index keeps it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The user as written (`type:id`, `type:*`, `type:id#rel`).
    pub user: Arc<str>,
    /// The tuple's condition.
    pub condition: Option<Arc<TupleCondition>>,
    /// Expiry.
    pub expires_at: Option<Timestamp>,
}

impl Entry {
    /// True while the tuple grants (`now` before its expiry).
    pub fn live(&self, now: Timestamp) -> bool {
        self.expires_at.is_none_or(|at| now < at)
    }
}

/// One tuple seen from its user (the reverse map): the `object#relation` key and whether the tuple
/// is plain (no condition, no expiry), so reverse expansion needs no lookup of the entry.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    /// The `object#relation` key.
    pub key: Arc<str>,
    /// No condition and no expiry.
    pub plain: bool,
}

/// The users of one `object#relation`.
#[derive(Debug, Default, Clone)]
pub(crate) struct ObjectRelation {
    by_user: HashMap<Arc<str>, Entry, RandomState>,
    /// Users needing expansion (wildcards and usersets), in insertion order.
    indirect: Vec<Arc<str>>,
}

impl ObjectRelation {
    /// The live entry for exactly `user`.
    pub fn exact(&self, user: &str, now: Timestamp) -> Option<&Entry> {
        self.by_user.get(user).filter(|e| e.live(now))
    }

    /// Every entry, live or not.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.by_user.values()
    }

    /// Live wildcard and userset entries.
    pub fn indirect(&self, now: Timestamp) -> impl Iterator<Item = &Entry> {
        self.indirect.iter().filter_map(|u| self.by_user.get(u)).filter(move |e| e.live(now))
    }
}

/// Tuples of one store, indexed for queries (build one with [`TupleIndex::from_tuples`] to query
/// a [`super::CompiledModel`] directly, without persistence).
#[derive(Debug, Default, Clone)]
pub struct TupleIndex {
    /// `object#relation` → its users.
    rels: HashMap<Arc<str>, ObjectRelation, RandomState>,
    /// user (as written) → the `object#relation` keys naming it (reverse expansion).
    reverse: HashMap<Arc<str>, Vec<Named>, RandomState>,
    len: usize,
}

/// The `object#relation` key.
pub(crate) fn rel_key(object: &str, relation: &str) -> String {
    let mut key = String::with_capacity(object.len() + relation.len() + 1);
    key.push_str(object);
    key.push('#');
    key.push_str(relation);
    key
}

/// Splits an `object#relation` key.
pub(crate) fn split_key(key: &str) -> (&str, &str) {
    // A plain byte loop: keys are short, and `rsplit_once` goes through a generic `memrchr` call.
    match key.bytes().rposition(|b| b == b'#') {
        Some(at) => (&key[..at], &key[at + 1..]),
        None => (key, ""),
    }
}

impl TupleIndex {
    /// An index holding `tuples`.
    pub fn from_tuples<'a>(tuples: impl IntoIterator<Item = &'a TupleKey>) -> TupleIndex {
        let mut index = TupleIndex::default();
        for t in tuples {
            index.insert(t);
        }
        index
    }

    /// Number of tuples.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the index holds no tuple.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds (or replaces) a tuple.
    pub fn insert(&mut self, tuple: &TupleKey) {
        let user: Arc<str> = Arc::from(tuple.user.as_str());
        let entry = Entry {
            user: user.clone(),
            condition: tuple.condition.clone().map(Arc::new),
            expires_at: tuple.expires_at,
        };
        let key: Arc<str> = Arc::from(rel_key(&tuple.object, &tuple.relation));
        let plain = entry.condition.is_none() && entry.expires_at.is_none();
        let slot = self.rels.entry(key.clone()).or_default();
        if slot.by_user.insert(user.clone(), entry).is_some() {
            let named = self.reverse.get_mut(&user).and_then(|keys| keys.iter_mut().find(|n| n.key == key));
            if let Some(named) = named {
                named.plain = plain;
            }
            return;
        }
        if tuple.user.contains('#') || tuple.user.ends_with(":*") {
            slot.indirect.push(user.clone());
        }
        self.reverse.entry(user).or_default().push(Named { key, plain });
        self.len += 1;
    }

    /// Removes a tuple; false when absent.
    pub fn remove(&mut self, object: &str, relation: &str, user: &str) -> bool {
        let key = rel_key(object, relation);
        let Some(slot) = self.rels.get_mut(key.as_str()) else { return false };
        if slot.by_user.remove(user).is_none() {
            return false;
        }
        slot.indirect.retain(|u| &**u != user);
        if slot.by_user.is_empty() {
            self.rels.remove(key.as_str());
        }
        if let Some(keys) = self.reverse.get_mut(user) {
            keys.retain(|k| *k.key != *key);
            if keys.is_empty() {
                self.reverse.remove(user);
            }
        }
        self.len -= 1;
        true
    }

    /// True when the exact tuple is present (expired or not).
    pub fn contains(&self, object: &str, relation: &str, user: &str) -> bool {
        self.rels.get(rel_key(object, relation).as_str()).is_some_and(|s| s.by_user.contains_key(user))
    }

    /// Every user of `object#relation`.
    pub(crate) fn all(&self, object: &str, relation: &str) -> Vec<&Entry> {
        self.rels.get(rel_key(object, relation).as_str()).map(|s| s.by_user.values().collect()).unwrap_or_default()
    }

    /// The stored entry of `user` in the `object#relation` slot named by `key`, live or not.
    pub(crate) fn entry(&self, key: &str, user: &str) -> Option<&Entry> {
        self.rels.get(key).and_then(|s| s.by_user.get(user))
    }

    /// The `object#relation` keys of the tuples naming `user`.
    pub(crate) fn naming(&self, user: &str) -> &[Named] {
        self.reverse.get(user).map_or(&[], Vec::as_slice)
    }
}

/// The tuples a query sees: the stored index plus the request's contextual tuples.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    /// Stored tuples.
    pub base: &'a TupleIndex,
    /// Contextual tuples (empty when none).
    pub overlay: Option<&'a TupleIndex>,
    /// Query time, for expiry.
    pub now: Timestamp,
}

impl<'a> View<'a> {
    /// The stored index, then the contextual tuples.
    pub fn layers(&self) -> impl Iterator<Item = &'a TupleIndex> + use<'a> {
        std::iter::once(self.base).chain(self.overlay)
    }

    /// The slot of each layer for an `object#relation` key.
    pub fn slots_by_key(&self, key: &str) -> [Option<&'a ObjectRelation>; 2] {
        [self.base.rels.get(key), self.overlay.and_then(|o| o.rels.get(key))]
    }

    /// Every live entry.
    pub fn all(&self, object: &str, relation: &str) -> Vec<&'a Entry> {
        let now = self.now;
        self.layers().flat_map(|l| l.all(object, relation)).filter(|e| e.live(now)).collect()
    }
}
