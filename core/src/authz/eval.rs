//! Check resolution: walks a relation's rewrite over the tuple view. Depth is bounded (OpenFGA's
//! 25 by default) and so is the total work per query (fan-out budget); both give
//! ResolutionTooComplex. A cycle on the current path resolves to "not granted", as in OpenFGA.

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::cond::Conditions;
use super::index::{Entry, ObjectRelation, View, split_key};
use super::model::{Model, RelationDef, Rewrite, TypeRef};
use super::tuple::{User, parse_user};
use crate::{ErrorCode, PlatformError, Result};

/// Resolution limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum nesting of dispatches (computed, tuple-to-userset, userset); OpenFGA's default 25.
    pub max_depth: u32,
    /// Maximum number of resolution steps per query.
    pub max_steps: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_depth: 25, max_steps: 1_000_000 }
    }
}

pub(crate) fn too_complex(message: &str) -> PlatformError {
    PlatformError::new(ErrorCode::ResolutionTooComplex, format!("resolution too complex: {message}"))
}

/// One check resolution over a model and a tuple view.
pub(crate) struct Resolver<'a> {
    pub model: &'a Model,
    pub conditions: &'a Conditions,
    pub view: View<'a>,
    pub context: &'a Map<String, Value>,
    pub limits: Limits,
    pub(crate) steps: Cell<u64>,
    /// Scratch buffer for `object#relation` slot keys (no allocation per dispatch).
    key: RefCell<String>,
    /// Steps of the granting path (filled only when explaining).
    pub explanation: Option<RefCell<Vec<String>>>,
}

/// The outcome of one resolution step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tri {
    /// Granted.
    Yes,
    /// Not granted.
    No,
    /// Not granted because the path loops back on itself (a cycle under `but not` denies, as in
    /// OpenFGA).
    Cycle,
}

impl Tri {
    fn from_bool(b: bool) -> Tri {
        if b { Tri::Yes } else { Tri::No }
    }
}

/// The user being checked, parsed once per check.
pub(crate) struct Subject<'a> {
    /// As written.
    text: &'a str,
    /// Parsed.
    parsed: User<'a>,
}

/// One dispatch of the current path: the `object#relation` being resolved and its depth. Frames
/// live on the stack and link to their caller, so cycle detection allocates nothing.
struct Frame<'p, 'a> {
    object: &'a str,
    relation: &'a str,
    depth: u32,
    up: Option<&'p Frame<'p, 'a>>,
}

impl Frame<'_, '_> {
    /// True when `object#relation` is this frame or one of its callers.
    fn on_path(frame: Option<&Self>, object: &str, relation: &str) -> bool {
        let mut cur = frame;
        while let Some(f) = cur {
            if f.object == object && f.relation == relation {
                return true;
            }
            cur = f.up;
        }
        false
    }
}

/// Combines child outcomes: `Yes` wins in a union, errors only matter when nothing grants.
fn union(results: impl Iterator<Item = Result<Tri>>) -> Result<Tri> {
    let mut error = None;
    let mut cycle = false;
    for r in results {
        match r {
            Ok(Tri::Yes) => return Ok(Tri::Yes),
            Ok(Tri::No) => {}
            Ok(Tri::Cycle) => cycle = true,
            Err(e) => error = error.or(Some(e)),
        }
    }
    match error {
        Some(e) => Err(e),
        None => Ok(if cycle { Tri::Cycle } else { Tri::No }),
    }
}

/// Accumulates union outcomes without allocating.
#[derive(Default)]
struct Acc {
    granted: bool,
    cycle: bool,
    error: Option<PlatformError>,
}

impl Acc {
    fn add(&mut self, outcome: Result<Tri>) {
        match outcome {
            Ok(Tri::Yes) => self.granted = true,
            Ok(Tri::No) => {}
            Ok(Tri::Cycle) => self.cycle = true,
            Err(e) => self.error = self.error.take().or(Some(e)),
        }
    }

    fn finish(self) -> Result<Tri> {
        match (self.granted, self.error) {
            (true, _) => Ok(Tri::Yes),
            (false, Some(e)) => Err(e),
            (false, None) => Ok(if self.cycle { Tri::Cycle } else { Tri::No }),
        }
    }
}

impl<'a> Resolver<'a> {
    /// A resolver; `explain` collects the granting path.
    pub fn new(
        model: &'a Model,
        conditions: &'a Conditions,
        view: View<'a>,
        context: &'a Map<String, Value>,
        explain: bool,
    ) -> Self {
        Resolver {
            model,
            conditions,
            view,
            context,
            limits: Limits::default(),
            steps: Cell::new(0),
            key: RefCell::new(String::new()),
            explanation: explain.then(|| RefCell::new(Vec::new())),
        }
    }

    fn note(&self, step: impl FnOnce() -> String) {
        if let Some(e) = &self.explanation {
            e.borrow_mut().push(step());
        }
    }

    /// Does `user` have `relation` on `object`?
    pub fn check(&self, user: &'a str, relation: &'a str, object: &'a str) -> Result<bool> {
        let subject = Subject { text: user, parsed: parse_user(user, "user")? };
        self.resolve(&subject, relation, object, None).map(|t| t == Tri::Yes)
    }

    /// The `object#relation` slots of the view, looked up through the scratch key buffer.
    fn slots(&self, object: &str, relation: &str) -> [Option<&'a ObjectRelation>; 2] {
        let mut key = self.key.borrow_mut();
        key.clear();
        let _ = write!(key, "{object}#{relation}");
        self.view.slots_by_key(&key)
    }

    fn resolve(&self, s: &Subject<'a>, relation: &'a str, object: &'a str, up: Option<&Frame<'_, 'a>>) -> Result<Tri> {
        let depth = up.map_or(0, |f| f.depth + 1);
        if depth >= self.limits.max_depth {
            return Err(too_complex(&format!("depth limit {} reached", self.limits.max_depth)));
        }
        let steps = self.steps.get() + 1;
        if steps > self.limits.max_steps {
            return Err(too_complex(&format!("more than {} resolution steps", self.limits.max_steps)));
        }
        self.steps.set(steps);
        if Frame::on_path(up, object, relation) {
            return Ok(Tri::Cycle);
        }
        let user = s.text;
        if user.len() == object.len() + relation.len() + 1
            && user.strip_prefix(object).and_then(|r| r.strip_prefix('#')) == Some(relation)
        {
            return Ok(Tri::Yes);
        }
        let (obj_type, _) = object.split_once(':').unwrap_or((object, ""));
        let Some(def) = self.model.types.get(obj_type).and_then(|t| t.relations.get(relation)) else {
            return Ok(Tri::No);
        };
        let frame = Frame { object, relation, depth, up };
        let result = self.rewrite(s, obj_type, def, &def.rewrite, &frame);
        if let Ok(Tri::Yes) = result {
            self.note(|| format!("{object}#{relation}"));
        }
        result
    }

    fn rewrite(
        &self,
        s: &Subject<'a>,
        ty: &str,
        def: &'a RelationDef,
        rw: &'a Rewrite,
        f: &Frame<'_, 'a>,
    ) -> Result<Tri> {
        match rw {
            Rewrite::This => self.direct(s, def, f),
            Rewrite::Computed(other) => self.resolve(s, other, f.object, Some(f)),
            Rewrite::TupleToUserset { tupleset, computed } => self.tuple_to_userset(s, ty, tupleset, computed, f),
            Rewrite::Union(children) => union(children.iter().map(|c| self.rewrite(s, ty, def, c, f))),
            Rewrite::Intersection(children) => {
                let mut error = None;
                for c in children {
                    match self.rewrite(s, ty, def, c, f) {
                        Ok(Tri::Yes) => {}
                        Ok(other) => return Ok(other),
                        Err(e) => error = error.or(Some(e)),
                    }
                }
                error.map_or(Ok(Tri::Yes), Err)
            }
            Rewrite::Difference(base, sub) => {
                let base = self.rewrite(s, ty, def, base, f);
                if let Ok(Tri::No | Tri::Cycle) = base {
                    return base;
                }
                match self.rewrite(s, ty, def, sub, f) {
                    Ok(Tri::Yes) => Ok(Tri::No),
                    Ok(Tri::Cycle) => Ok(Tri::Cycle),
                    Ok(Tri::No) => base,
                    Err(e) => base.and(Err(e)),
                }
            }
        }
    }

    /// Evaluates a tuple's condition (true without one).
    pub fn condition_holds(&self, entry: &Entry) -> Result<bool> {
        match &entry.condition {
            None => Ok(true),
            Some(c) => self.conditions.evaluate(&c.name, c.context.as_ref(), self.context),
        }
    }

    /// True when the relation's type restrictions admit this stored tuple (tuples written under an
    /// older model that no longer fit are ignored, as OpenFGA does).
    pub fn admitted(refs: &[TypeRef], user: &User<'_>, entry: &Entry) -> bool {
        let cond = entry.condition.as_ref().map(|c| c.name.as_str());
        refs.iter().any(|r| user.matches(r) && r.condition.as_deref() == cond)
    }

    fn direct(&self, s: &Subject<'a>, def: &RelationDef, f: &Frame<'_, 'a>) -> Result<Tri> {
        let (user, object, rel) = (s.text, f.object, f.relation);
        let refs = &def.directly_related;
        let slots = self.slots(object, rel);
        let mut acc = Acc::default();
        for entry in slots.iter().flatten().filter_map(|slot| slot.exact(user, self.view.now)) {
            if Self::admitted(refs, &s.parsed, entry) {
                acc.add(self.condition_holds(entry).map(Tri::from_bool));
            }
        }
        if acc.granted {
            self.note(|| format!("{object}#{rel}@{user} (direct)"));
            return Ok(Tri::Yes);
        }
        for entry in slots.into_iter().flatten().flat_map(|slot| slot.indirect(self.view.now)) {
            let Ok(stored) = parse_user(&entry.user, "user") else { continue };
            if !Self::admitted(refs, &stored, entry) {
                continue;
            }
            let granted = match (&stored, &s.parsed) {
                (User::Wildcard(t), User::Object(ut, _)) if t == ut => self.condition_holds(entry).map(Tri::from_bool),
                (User::Userset(_, _, r), _) => match self.condition_holds(entry) {
                    Ok(true) => self.resolve(s, r, split_key(&entry.user).0, Some(f)),
                    other => other.map(Tri::from_bool),
                },
                _ => Ok(Tri::No),
            };
            acc.add(granted);
            if acc.granted {
                self.note(|| format!("{object}#{rel}@{}", entry.user));
                return Ok(Tri::Yes);
            }
        }
        acc.finish()
    }

    fn tuple_to_userset(
        &self,
        s: &Subject<'a>,
        ty: &str,
        tupleset: &'a str,
        computed: &'a str,
        f: &Frame<'_, 'a>,
    ) -> Result<Tri> {
        let Some(ts_def) = self.model.types.get(ty).and_then(|t| t.relations.get(tupleset)) else {
            return Ok(Tri::No);
        };
        let now = self.view.now;
        let mut acc = Acc::default();
        let slots = self.slots(f.object, tupleset);
        for entry in slots.into_iter().flatten().flat_map(|slot| slot.entries()).filter(|e| e.live(now)) {
            let Ok(parent) = parse_user(&entry.user, "user") else { continue };
            let User::Object(pt, _) = parent else { continue };
            if !Self::admitted(&ts_def.directly_related, &parent, entry) {
                continue;
            }
            let has_relation = self.model.types.get(pt).is_some_and(|t| t.relations.contains_key(computed));
            if !has_relation {
                continue;
            }
            let granted = match self.condition_holds(entry) {
                Ok(true) => self.resolve(s, computed, &entry.user, Some(f)),
                other => other.map(Tri::from_bool),
            };
            if let Ok(Tri::Yes) = granted {
                self.note(|| format!("{}#{tupleset}@{} then {computed}", f.object, entry.user));
                return Ok(Tri::Yes);
            }
            acc.add(granted);
        }
        acc.finish()
    }
}
