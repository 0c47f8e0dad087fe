//! list_objects candidates by reverse expansion: starting from the tuples that name the user (or
//! its type's wildcard), walk up through usersets, computed relations and tuple-to-userset links
//! to every `object#relation` the user might hold. That set is a superset of the answer.
//!
//! Each step is also marked *certain* when holding the lower relation implies holding the upper
//! one: the link is a live tuple without condition that the model's type restrictions admit, and
//! the upper relation reaches it through unions only (no intersection, no `but not`). A candidate
//! reached by a certain path from a concrete user (`type:id`) within the depth limit is in the
//! answer: a check would find that same path. Every other candidate is confirmed by a check, so
//! the answer stays exact and complete.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;

use foldhash::fast::RandomState;

use super::eval::{Resolver, too_complex};
use super::index::{Entry, View, split_key};
use super::model::{Model, RelationDef, Rewrite, TypeRef};
use super::tuple::{User, parse_user};
use crate::Result;

/// The relations that compute from another one, each with "reached through unions only".
type Uses = Vec<(String, bool)>;

/// Reverse edges of one type.
#[derive(Debug, Default)]
struct TypeEdges {
    /// relation → the relations of the same type computed from it (`define r2: relation`).
    computed: HashMap<String, Uses>,
    /// (tupleset, relation) → the relations using `relation from tupleset`.
    ttu: HashMap<(String, String), Uses>,
    /// Relations whose direct assignments (`[...]`) grant through unions only.
    direct_certain: Vec<String>,
}

/// A model's rewrites turned around for reverse expansion, built once per compiled model.
#[derive(Debug, Default)]
pub(crate) struct ReverseModel {
    types: HashMap<String, TypeEdges>,
}

/// Calls `visit(leaf, through_unions_only)` for every leaf of a rewrite.
fn leaves<'r>(rewrite: &'r Rewrite, certain: bool, visit: &mut impl FnMut(&'r Rewrite, bool)) {
    match rewrite {
        Rewrite::Union(children) => children.iter().for_each(|c| leaves(c, certain, visit)),
        Rewrite::Intersection(children) => children.iter().for_each(|c| leaves(c, false, visit)),
        Rewrite::Difference(base, sub) => {
            leaves(base, false, visit);
            leaves(sub, false, visit);
        }
        leaf => visit(leaf, certain),
    }
}

fn add_use(uses: &mut Uses, relation: &str, certain: bool) {
    match uses.iter_mut().find(|(r, _)| r == relation) {
        Some((_, c)) => *c |= certain,
        None => uses.push((relation.to_string(), certain)),
    }
}

impl ReverseModel {
    /// The reverse edges of `model`.
    pub fn new(model: &Model) -> ReverseModel {
        let mut types = HashMap::new();
        for (name, ty) in &model.types {
            let mut edges = TypeEdges::default();
            for (relation, def) in &ty.relations {
                leaves(&def.rewrite, true, &mut |leaf, certain| match leaf {
                    Rewrite::This if certain => edges.direct_certain.push(relation.clone()),
                    Rewrite::Computed(from) => add_use(edges.computed.entry(from.clone()).or_default(), relation, certain),
                    Rewrite::TupleToUserset { tupleset, computed } => {
                        let key = (tupleset.clone(), computed.clone());
                        add_use(edges.ttu.entry(key).or_default(), relation, certain);
                    }
                    _ => {}
                });
            }
            types.insert(name.clone(), edges);
        }
        ReverseModel { types }
    }

    fn computed(&self, ty: &str, relation: &str) -> &[(String, bool)] {
        self.types.get(ty).and_then(|t| t.computed.get(relation)).map_or(&[], Vec::as_slice)
    }

    fn ttu(&self, ty: &str, tupleset: &str, relation: &str) -> &[(String, bool)] {
        let Some(t) = self.types.get(ty) else { return &[] };
        // Small per-type maps: a linear scan avoids building an owned key for the lookup.
        t.ttu.iter().find(|((ts, r), _)| ts == tupleset && r == relation).map_or(&[], |(_, uses)| uses.as_slice())
    }

    fn direct_certain(&self, ty: &str, relation: &str) -> bool {
        self.types.get(ty).is_some_and(|t| t.direct_certain.iter().any(|r| r == relation))
    }
}

fn type_of(object: &str) -> &str {
    object.split_once(':').map_or(object, |(t, _)| t)
}

/// One `object#relation` reached by the expansion.
#[derive(Clone, Copy)]
struct Reached<'a> {
    object: &'a str,
    relation: &'a str,
    certain: bool,
    depth: u32,
}

/// The reverse expansion of one list_objects query.
pub(crate) struct Expansion<'a> {
    model: &'a Model,
    reverse: &'a ReverseModel,
    view: View<'a>,
    object_type: &'a str,
    relation: &'a str,
    max_depth: u32,
    queue: VecDeque<Reached<'a>>,
    /// Visited `object#relation`s: 1 = expanded, 2 = expanded as certain.
    seen: HashMap<(&'a str, &'a str), u8, RandomState>,
    /// Objects of the asked type and relation, with "certain".
    found: Vec<(&'a str, bool)>,
    buf: String,
}

impl<'a> Expansion<'a> {
    /// An expansion towards `relation` on objects of `object_type`.
    pub fn new(
        model: &'a Model,
        reverse: &'a ReverseModel,
        view: View<'a>,
        object_type: &'a str,
        relation: &'a str,
        max_depth: u32,
    ) -> Self {
        Expansion {
            model,
            reverse,
            view,
            object_type,
            relation,
            max_depth,
            queue: VecDeque::new(),
            seen: HashMap::default(),
            found: Vec::new(),
            buf: String::new(),
        }
    }

    /// True when a live, unconditioned tuple admitted by `object#relation`'s restrictions links
    /// `user` to it, and the relation grants its direct assignments through unions only.
    fn certain_link(&self, key: &str, entry: Option<&Entry>, user: &User<'_>, tupleset: bool) -> bool {
        let (object, relation) = split_key(key);
        let Some(entry) = entry.filter(|e| e.condition.is_none() && e.live(self.view.now)) else { return false };
        let Some(def) = self.relation_def(type_of(object), relation) else { return false };
        let refs: &[TypeRef] = &def.directly_related;
        Resolver::admitted(refs, user, entry) && (tupleset || self.reverse.direct_certain(type_of(object), relation))
    }

    fn relation_def(&self, ty: &str, relation: &str) -> Option<&'a RelationDef> {
        self.model.types.get(ty).and_then(|t| t.relations.get(relation))
    }

    /// Queues the `object#relation`s of the tuples naming `user_text` (parsed: `user`).
    fn push_named(&mut self, user_text: &str, user: &User<'_>, certain: bool, depth: u32) {
        for layer in self.view.layers() {
            for key in layer.naming(user_text) {
                let link = certain && self.certain_link(key, layer.entry(key, user_text), user, false);
                let (object, relation) = split_key(key);
                self.queue.push_back(Reached { object, relation, certain: link, depth });
            }
        }
    }

    /// Runs the expansion for `user`; returns the sorted candidate objects, each with "certain".
    pub fn run(mut self, user: &'a str, max_steps: u64) -> Result<Vec<(&'a str, bool)>> {
        let parsed = parse_user(user, "user")?;
        self.push_named(user, &parsed, matches!(parsed, User::Object(..)), 0);
        match parsed {
            User::Object(t, _) => {
                let wildcard = format!("{t}:*");
                self.push_named(&wildcard, &User::Wildcard(t), true, 0);
            }
            User::Userset(..) => {
                let (object, relation) = split_key(user);
                self.queue.push_back(Reached { object, relation, certain: false, depth: 0 });
            }
            User::Wildcard(_) => {}
        }
        let mut expanded = 0u64;
        while let Some(node) = self.queue.pop_front() {
            let flag = if node.certain { 2 } else { 1 };
            let seen = self.seen.entry((node.object, node.relation)).or_insert(0);
            if *seen >= flag {
                continue;
            }
            *seen = flag;
            expanded += 1;
            if expanded > max_steps {
                return Err(too_complex(&format!("list_objects visited more than {max_steps} relations")));
            }
            self.expand(node);
        }
        let mut found = self.found;
        // Sorted by object with the certain entry first, then one entry per object.
        found.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
        found.dedup_by(|later, first| later.0 == first.0);
        Ok(found)
    }

    fn expand(&mut self, node: Reached<'a>) {
        let Reached { object, relation, certain, depth } = node;
        let ty = type_of(object);
        if ty == self.object_type && relation == self.relation {
            self.found.push((object, certain && depth < self.max_depth));
        }
        let reverse = self.reverse;
        for (r2, c) in reverse.computed(ty, relation) {
            let r2: &'a str = r2;
            self.queue.push_back(Reached { object, relation: r2, certain: certain && *c, depth: depth + 1 });
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        let _ = write!(buf, "{object}#{relation}");
        let id = object.split_once(':').map_or("", |(_, id)| id);
        self.push_named(&buf, &User::Userset(ty, id, relation), certain, depth + 1);
        self.buf = buf;
        self.push_parents(object, relation, certain, depth + 1);
    }

    /// Follows the tuples naming `object` as a parent link (`relation from tupleset`).
    fn push_parents(&mut self, object: &'a str, relation: &'a str, certain: bool, depth: u32) {
        let (ty, id) = object.split_once(':').unwrap_or((object, ""));
        let user = User::Object(ty, id);
        for layer in self.view.layers() {
            for key in layer.naming(object) {
                let (parent, tupleset) = split_key(key);
                let reverse = self.reverse;
                let uses = reverse.ttu(type_of(parent), tupleset, relation);
                if uses.is_empty() {
                    continue;
                }
                let link = certain && self.certain_link(key, layer.entry(key, object), &user, true);
                for (r2, c) in uses {
                    let r2: &'a str = r2;
                    self.queue.push_back(Reached { object: parent, relation: r2, certain: link && *c, depth });
                }
            }
        }
    }
}
