//! The in-memory tuple index used by every query: `object#relation` → users, with the wildcard and
//! userset users listed apart (they need expansion), plus per-type object and user sets for
//! list_objects / list_users candidates. A query sees the stored index and, optionally, an overlay
//! built from its contextual tuples.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

#[derive(Debug, Default, Clone)]
struct ObjectRelation {
    by_user: HashMap<Arc<str>, Entry>,
    /// Users needing expansion (wildcards and usersets), in insertion order.
    indirect: Vec<Arc<str>>,
}

/// Tuples of one store, indexed for queries (build one with [`TupleIndex::from_tuples`] to query
/// a [`super::CompiledModel`] directly, without persistence).
#[derive(Debug, Default, Clone)]
pub struct TupleIndex {
    rels: HashMap<String, ObjectRelation>,
    /// type → object → number of tuples naming it as object.
    objects: HashMap<String, BTreeMap<String, usize>>,
    len: usize,
}

fn rel_key(object: &str, relation: &str) -> String {
    let mut key = String::with_capacity(object.len() + relation.len() + 1);
    key.push_str(object);
    key.push('#');
    key.push_str(relation);
    key
}

fn type_of(text: &str) -> &str {
    text.split_once(':').map_or(text, |(t, _)| t)
}

fn bump(map: &mut HashMap<String, BTreeMap<String, usize>>, text: &str, up: bool) {
    let per_type = map.entry(type_of(text).to_string()).or_default();
    if up {
        *per_type.entry(text.to_string()).or_default() += 1;
    } else if let Some(count) = per_type.get_mut(text) {
        *count -= 1;
        if *count == 0 {
            per_type.remove(text);
        }
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
        let slot = self.rels.entry(rel_key(&tuple.object, &tuple.relation)).or_default();
        if slot.by_user.insert(user.clone(), entry).is_some() {
            return;
        }
        if tuple.user.contains('#') || tuple.user.ends_with(":*") {
            slot.indirect.push(user);
        }
        bump(&mut self.objects, &tuple.object, true);
        self.len += 1;
    }

    /// Removes a tuple; false when absent.
    pub fn remove(&mut self, object: &str, relation: &str, user: &str) -> bool {
        let key = rel_key(object, relation);
        let Some(slot) = self.rels.get_mut(&key) else { return false };
        if slot.by_user.remove(user).is_none() {
            return false;
        }
        slot.indirect.retain(|u| &**u != user);
        if slot.by_user.is_empty() {
            self.rels.remove(&key);
        }
        bump(&mut self.objects, object, false);
        self.len -= 1;
        true
    }

    /// True when the exact tuple is present (expired or not).
    pub fn contains(&self, object: &str, relation: &str, user: &str) -> bool {
        self.rels.get(&rel_key(object, relation)).is_some_and(|s| s.by_user.contains_key(user))
    }

    /// The entry for exactly `user`.
    pub(crate) fn get(&self, object: &str, relation: &str, user: &str) -> Option<&Entry> {
        self.rels.get(&rel_key(object, relation)).and_then(|s| s.by_user.get(user))
    }

    /// Wildcard and userset users of `object#relation`.
    pub(crate) fn indirect(&self, object: &str, relation: &str) -> Vec<&Entry> {
        self.rels
            .get(&rel_key(object, relation))
            .map(|s| s.indirect.iter().filter_map(|u| s.by_user.get(u)).collect())
            .unwrap_or_default()
    }

    /// Every user of `object#relation`.
    pub(crate) fn all(&self, object: &str, relation: &str) -> Vec<&Entry> {
        self.rels.get(&rel_key(object, relation)).map(|s| s.by_user.values().collect()).unwrap_or_default()
    }

    /// Objects of a type that appear in any tuple.
    pub(crate) fn objects_of_type(&self, type_name: &str) -> impl Iterator<Item = &String> {
        self.objects.get(type_name).into_iter().flat_map(BTreeMap::keys)
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
    fn layers(&self) -> impl Iterator<Item = &'a TupleIndex> {
        std::iter::once(self.base).chain(self.overlay)
    }

    /// Live entries for exactly `user`.
    pub fn exact(&self, object: &str, relation: &str, user: &str) -> Vec<&'a Entry> {
        let now = self.now;
        self.layers().filter_map(|l| l.get(object, relation, user)).filter(|e| e.live(now)).collect()
    }

    /// Live wildcard / userset entries.
    pub fn indirect(&self, object: &str, relation: &str) -> Vec<&'a Entry> {
        let now = self.now;
        self.layers().flat_map(|l| l.indirect(object, relation)).filter(|e| e.live(now)).collect()
    }

    /// Every live entry.
    pub fn all(&self, object: &str, relation: &str) -> Vec<&'a Entry> {
        let now = self.now;
        self.layers().flat_map(|l| l.all(object, relation)).filter(|e| e.live(now)).collect()
    }

    /// Sorted, de-duplicated objects of a type across layers.
    pub fn objects_of_type(&self, type_name: &str) -> Vec<&'a String> {
        merge(self.layers().map(|l| l.objects_of_type(type_name).collect()))
    }
}

fn merge<'a>(lists: impl Iterator<Item = Vec<&'a String>>) -> Vec<&'a String> {
    let mut all: Vec<&String> = lists.flatten().collect();
    all.sort_unstable();
    all.dedup();
    all
}
