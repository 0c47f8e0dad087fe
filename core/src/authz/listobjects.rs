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

use super::eval::too_complex;
use super::index::{Named, TupleIndex, View, split_key};
use super::model::{Model, RelationDef, Rewrite};
use super::tuple::{User, parse_user};
use crate::Result;

/// The relations that compute from another one, each with "reached through unions only".
type Uses = Vec<(String, bool)>;

/// Reverse edges of one type.
#[derive(Debug, Default)]
struct TypeEdges {
    /// relation → the relations of the same type computed from it (`define r2: relation`).
    computed: HashMap<String, Uses, RandomState>,
    /// (tupleset, relation, the relations using `relation from tupleset`); a handful per type.
    ttu: Vec<(String, String, Uses)>,
    /// Relations whose direct assignments (`[...]`) grant through unions only.
    direct_certain: Vec<String>,
    /// Relations of this type that some type restriction admits as a userset (`type#relation`).
    as_userset: Vec<String>,
    /// True when some tupleset admits objects of this type (`X from tupleset` may reach them).
    is_parent: bool,
}

/// A model's rewrites turned around for reverse expansion, built once per compiled model.
#[derive(Debug, Default)]
pub(crate) struct ReverseModel {
    types: HashMap<String, TypeEdges, RandomState>,
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
        let mut types: HashMap<String, TypeEdges, RandomState> = HashMap::default();
        for (name, ty) in &model.types {
            let mut edges = TypeEdges::default();
            for (relation, def) in &ty.relations {
                leaves(&def.rewrite, true, &mut |leaf, certain| match leaf {
                    Rewrite::This if certain => edges.direct_certain.push(relation.clone()),
                    Rewrite::Computed(from) => {
                        add_use(edges.computed.entry(from.clone()).or_default(), relation, certain)
                    }
                    Rewrite::TupleToUserset { tupleset, computed } => {
                        let at = edges.ttu.iter().position(|(ts, r, _)| ts == tupleset && r == computed);
                        let at = at.unwrap_or_else(|| {
                            edges.ttu.push((tupleset.clone(), computed.clone(), Vec::new()));
                            edges.ttu.len() - 1
                        });
                        add_use(&mut edges.ttu[at].2, relation, certain);
                    }
                    _ => {}
                });
            }
            types.insert(name.clone(), edges);
        }
        for ty in model.types.values() {
            for def in ty.relations.values() {
                for r in &def.directly_related {
                    if let (Some(rel), Some(edges)) = (&r.relation, types.get_mut(&r.type_name)) {
                        edges.as_userset.push(rel.clone());
                    }
                }
                leaves(&def.rewrite, true, &mut |leaf, _| {
                    let Rewrite::TupleToUserset { tupleset, .. } = leaf else { return };
                    for r in ty.relations.get(tupleset).map_or(&[][..], |d| &d.directly_related) {
                        if let Some(edges) = types.get_mut(&r.type_name).filter(|_| r.relation.is_none() && !r.wildcard)
                        {
                            edges.is_parent = true;
                        }
                    }
                });
            }
        }
        ReverseModel { types }
    }

    /// True when nothing can be reached from `type#relation` (no computed relation, userset or
    /// parent link uses it): such nodes are recorded without being queued.
    fn is_terminal(&self, ty: &str, relation: &str) -> bool {
        self.types.get(ty).is_none_or(|t| {
            !t.is_parent && !t.computed.contains_key(relation) && !t.as_userset.iter().any(|r| r == relation)
        })
    }

    fn admits_userset(&self, ty: &str, relation: &str) -> bool {
        self.types.get(ty).is_some_and(|t| t.as_userset.iter().any(|r| r == relation))
    }

    fn is_parent(&self, ty: &str) -> bool {
        self.types.get(ty).is_some_and(|t| t.is_parent)
    }

    fn computed(&self, ty: &str, relation: &str) -> &[(String, bool)] {
        self.types.get(ty).and_then(|t| t.computed.get(relation)).map_or(&[], Vec::as_slice)
    }

    fn ttu(&self, ty: &str, tupleset: &str, relation: &str) -> &[(String, bool)] {
        let Some(t) = self.types.get(ty) else { return &[] };
        t.ttu.iter().find(|(ts, r, _)| ts == tupleset && r == relation).map_or(&[], |(_, _, uses)| uses.as_slice())
    }

    fn direct_certain(&self, ty: &str, relation: &str) -> bool {
        self.types.get(ty).is_some_and(|t| t.direct_certain.iter().any(|r| r == relation))
    }
}

fn type_of(object: &str) -> &str {
    object.bytes().position(|b| b == b':').map_or(object, |at| &object[..at])
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
    /// Objects of the asked type and relation: sort key, object, "certain".
    found: Vec<(u128, &'a str, bool)>,
    buf: String,
    /// Scratch list of [`Self::push_parents`].
    targets: Vec<Target<'a>>,
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
            targets: Vec::new(),
        }
    }

    /// True when the tuple `named` (in `layer`, naming `user_text`) is live and has no condition.
    fn unconditioned(&self, layer: &TupleIndex, named: &Named, user_text: &str) -> bool {
        let now = self.view.now;
        named.plain || layer.entry(&named.key, user_text).is_some_and(|e| e.condition.is_none() && e.live(now))
    }

    /// True when a live, unconditioned tuple admitted by `object#relation`'s restrictions links
    /// `user` to it (`named` in `layer`), and the relation grants its direct assignments through
    /// unions only.
    fn certain_link(&self, layer: &TupleIndex, named: &Named, user_text: &str, user: &User<'_>) -> bool {
        let (object, relation) = split_key(&named.key);
        let Some(def) = self.relation_def(type_of(object), relation) else { return false };
        self.unconditioned(layer, named, user_text)
            && def.directly_related.iter().any(|r| user.matches(r) && r.condition.is_none())
            && self.reverse.direct_certain(type_of(object), relation)
    }

    fn relation_def(&self, ty: &str, relation: &str) -> Option<&'a RelationDef> {
        self.model.types.get(ty).and_then(|t| t.relations.get(relation))
    }

    /// Queues the `object#relation`s of the tuples naming `user_text` (parsed: `user`).
    fn push_named(&mut self, user_text: &str, user: &User<'_>, certain: bool, depth: u32) {
        for layer in self.view.layers() {
            for named in layer.naming(user_text) {
                let link = certain && self.certain_link(layer, named, user_text, user);
                let (object, relation) = split_key(&named.key);
                self.push(Reached { object, relation, certain: link, depth });
            }
        }
    }

    /// Runs the expansion for `user`; returns the sorted candidate objects, each with "certain".
    pub fn run(mut self, user: &'a str, max_steps: u64) -> Result<impl ExactSizeIterator<Item = (&'a str, bool)>> {
        let parsed = parse_user(user, "user")?;
        self.push_named(user, &parsed, matches!(parsed, User::Object(..)), 0);
        match parsed {
            User::Object(t, _) => {
                let wildcard = format!("{t}:*");
                self.push_named(&wildcard, &User::Wildcard(t), true, 0);
            }
            User::Userset(..) => {
                let (object, relation) = split_key(user);
                self.push(Reached { object, relation, certain: false, depth: 0 });
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
        // Sorted by object with the certain entry first, then one entry per object. The 16-byte
        // prefix key orders like the strings and keeps most comparisons in the sorted array.
        let mut found = self.found;
        found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)).then(b.2.cmp(&a.2)));
        found.dedup_by(|later, first| later.1 == first.1);
        Ok(found.into_iter().map(|(_, object, certain)| (object, certain)))
    }

    /// Queues a node, or only records it when nothing can be reached from it.
    fn push(&mut self, node: Reached<'a>) {
        if self.reverse.is_terminal(type_of(node.object), node.relation) {
            self.record(node);
        } else {
            self.queue.push_back(node);
        }
    }

    fn record(&mut self, node: Reached<'a>) {
        if node.relation == self.relation && type_of(node.object) == self.object_type {
            self.found.push((prefix_key(node.object), node.object, node.certain && node.depth < self.max_depth));
        }
    }

    fn expand(&mut self, node: Reached<'a>) {
        self.record(node);
        let Reached { object, relation, certain, depth } = node;
        let ty = type_of(object);
        let reverse = self.reverse;
        for (r2, c) in reverse.computed(ty, relation) {
            let r2: &'a str = r2;
            self.push(Reached { object, relation: r2, certain: certain && *c, depth: depth + 1 });
        }
        if reverse.admits_userset(ty, relation) {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let _ = write!(buf, "{object}#{relation}");
            let id = object.split_once(':').map_or("", |(_, id)| id);
            self.push_named(&buf, &User::Userset(ty, id, relation), certain, depth + 1);
            self.buf = buf;
        }
        if reverse.is_parent(ty) {
            self.push_parents(object, relation, certain, depth + 1);
        }
    }

    /// Follows the tuples naming `object` as a parent link (`relation from tupleset`). Keys come
    /// grouped by parent type and tupleset, so the model lookups are made once per group.
    fn push_parents(&mut self, object: &'a str, relation: &'a str, certain: bool, depth: u32) {
        let (ty, id) = object.split_once(':').unwrap_or((object, ""));
        let user = User::Object(ty, id);
        let mut group: (&str, &str, bool) = ("", "", false);
        let mut targets = std::mem::take(&mut self.targets);
        targets.clear();
        for layer in self.view.layers() {
            for named in layer.naming(object) {
                let (parent, tupleset) = split_key(&named.key);
                let parent_type = type_of(parent);
                if (group.0, group.1) != (parent_type, tupleset) {
                    group = (parent_type, tupleset, self.admits_object(parent_type, tupleset, &user));
                    self.parent_targets(parent_type, tupleset, relation, &mut targets);
                }
                if targets.is_empty() {
                    continue;
                }
                let link = certain && group.2 && self.unconditioned(layer, named, object);
                for target in &targets {
                    let node =
                        Reached { object: parent, relation: target.relation, certain: link && target.certain, depth };
                    match target.terminal {
                        false => self.queue.push_back(node),
                        true if target.wanted => {
                            self.found.push((prefix_key(parent), parent, node.certain && depth < self.max_depth))
                        }
                        true => {}
                    }
                }
            }
        }
        self.targets = targets;
    }

    /// True when `type#tupleset` admits `user` (an object) without a condition.
    fn admits_object(&self, ty: &str, tupleset: &str, user: &User<'_>) -> bool {
        self.relation_def(ty, tupleset)
            .is_some_and(|def| def.directly_related.iter().any(|r| user.matches(r) && r.condition.is_none()))
    }

    /// The relations of `ty` that use `relation from tupleset`, with what is known about them.
    fn parent_targets(&self, ty: &str, tupleset: &str, relation: &str, targets: &mut Vec<Target<'a>>) {
        targets.clear();
        let reverse: &'a ReverseModel = self.reverse;
        for (r2, c) in reverse.ttu(ty, tupleset, relation) {
            targets.push(Target {
                relation: r2,
                certain: *c,
                terminal: reverse.is_terminal(ty, r2),
                wanted: ty == self.object_type && r2 == self.relation,
            });
        }
    }
}

/// A relation reached through a parent link, resolved once per group of links.
struct Target<'a> {
    relation: &'a str,
    /// Uses the link through unions only.
    certain: bool,
    /// Nothing can be reached from it.
    terminal: bool,
    /// The asked type and relation.
    wanted: bool,
}

/// The first 16 bytes of `s`, big-endian, zero-padded: ordering by it never contradicts the
/// strings' order, and ties fall back to the strings.
fn prefix_key(s: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = s.len().min(16);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}
