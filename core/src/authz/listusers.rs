//! list_users: expands `object#relation` into the set of users matching the filters, following
//! OpenFGA's semantics: a concrete user is listed when a tuple names it (a `type:*` tuple lists
//! `type:*`, not every user), usersets are listed when they (or the object's own
//! `object#relation`) match a `type#relation` filter, intersections and exclusions honour
//! wildcards. Depth and steps are bounded like check; cycles contribute nothing.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::eval::{Resolver, too_complex};
use super::model::{RelationDef, Rewrite};
use super::tuple::{User, parse_user};
use crate::Result;

/// A set of users: those included, and, when a `type:*` is included, the users it excludes
/// (from a `but not` under the wildcard).
#[derive(Debug, Default)]
pub(crate) struct Users {
    /// Included users, wildcards and usersets.
    pub inc: BTreeSet<String>,
    /// Concrete users a wildcard in `inc` does not cover.
    exc: BTreeSet<String>,
}

impl Users {
    /// True when `user` is in the set, directly or through a `type:*` of its type.
    fn covers(&self, user: &str) -> bool {
        if self.inc.contains(user) {
            return true;
        }
        match parse_user(user, "user") {
            Ok(User::Object(t, _)) => !self.exc.contains(user) && self.inc.contains(&format!("{t}:*")),
            _ => false,
        }
    }

    fn union(mut self, other: Users) -> Users {
        let exc: BTreeSet<String> =
            self.exc.iter().chain(&other.exc).filter(|u| !self.covers(u) && !other.covers(u)).cloned().collect();
        self.inc.extend(other.inc);
        Users { inc: self.inc, exc }
    }

    fn intersect(self, other: Users) -> Users {
        let left = self.inc.iter().filter(|u| other.covers(u));
        let right = other.inc.iter().filter(|u| self.covers(u));
        let inc = left.chain(right).cloned().collect();
        Users { inc, exc: self.exc.iter().chain(&other.exc).cloned().collect() }
    }

    fn subtract(self, sub: Users) -> Users {
        let inc = self.inc.iter().filter(|u| !sub.covers(u)).cloned().collect();
        let removed = sub.inc.iter().filter(|u| !u.ends_with(":*") && !u.contains('#'));
        Users { inc, exc: self.exc.iter().chain(removed).cloned().collect() }
    }
}

/// A list_users expansion.
pub(crate) struct UserLister<'a> {
    resolver: &'a Resolver<'a>,
    /// `(type, relation)` filters; `None` relation = concrete users and wildcards of the type.
    filters: Vec<(String, Option<String>)>,
    path: RefCell<Vec<(String, String)>>,
}

impl<'a> UserLister<'a> {
    /// A lister for filters written `type` or `type#relation`.
    pub fn new(resolver: &'a Resolver<'a>, filters: &[String]) -> UserLister<'a> {
        let filters = filters
            .iter()
            .map(|f| match f.split_once('#') {
                Some((t, r)) => (t.to_string(), Some(r.to_string())),
                None => (f.clone(), None),
            })
            .collect();
        UserLister { resolver, filters, path: RefCell::new(Vec::new()) }
    }

    fn wanted(&self, ty: &str, relation: Option<&str>) -> bool {
        self.filters.iter().any(|(t, r)| t == ty && r.as_deref() == relation)
    }

    /// Users matching the filters that have `relation` on `object`.
    pub fn expand(&self, object: &str, relation: &str, depth: u32) -> Result<Users> {
        let limits = self.resolver.limits;
        if depth >= limits.max_depth {
            return Err(too_complex(&format!("depth limit {} reached", limits.max_depth)));
        }
        let steps = self.resolver.steps.get() + 1;
        if steps > limits.max_steps {
            return Err(too_complex(&format!("more than {} resolution steps", limits.max_steps)));
        }
        self.resolver.steps.set(steps);
        let frame = (object.to_string(), relation.to_string());
        if self.path.borrow().contains(&frame) {
            return Ok(Users::default());
        }
        let (ty, _) = object.split_once(':').unwrap_or((object, ""));
        let Ok(def) = self.resolver.model.relation(ty, relation) else { return Ok(Users::default()) };
        self.path.borrow_mut().push(frame);
        let result = self.rewrite(object, ty, relation, def, &def.rewrite, depth);
        self.path.borrow_mut().pop();
        let mut users = result?;
        if self.wanted(ty, Some(relation)) {
            users.inc.insert(format!("{object}#{relation}"));
        }
        Ok(users)
    }

    fn rewrite(&self, object: &str, ty: &str, rel: &str, def: &RelationDef, rw: &Rewrite, depth: u32) -> Result<Users> {
        match rw {
            Rewrite::This => self.direct(object, rel, def, depth),
            Rewrite::Computed(other) => self.expand(object, other, depth + 1),
            Rewrite::TupleToUserset { tupleset, computed } => {
                self.tuple_to_userset(object, ty, tupleset, computed, depth)
            }
            Rewrite::Union(children) => {
                let mut all = Users::default();
                for c in children {
                    all = all.union(self.rewrite(object, ty, rel, def, c, depth)?);
                }
                Ok(all)
            }
            Rewrite::Intersection(children) => {
                let mut acc: Option<Users> = None;
                for c in children {
                    let next = self.rewrite(object, ty, rel, def, c, depth)?;
                    acc = Some(match acc {
                        None => next,
                        Some(prev) => prev.intersect(next),
                    });
                }
                Ok(acc.unwrap_or_default())
            }
            Rewrite::Difference(base, sub) => {
                let base = self.rewrite(object, ty, rel, def, base, depth)?;
                if base.inc.is_empty() {
                    return Ok(base);
                }
                Ok(base.subtract(self.rewrite(object, ty, rel, def, sub, depth)?))
            }
        }
    }

    fn direct(&self, object: &str, rel: &str, def: &RelationDef, depth: u32) -> Result<Users> {
        let mut users = Users::default();
        for entry in self.resolver.view.all(object, rel) {
            let Ok(stored) = parse_user(&entry.user, "user") else { continue };
            if !Resolver::admitted(&def.directly_related, &stored, entry) || !self.resolver.condition_holds(entry)? {
                continue;
            }
            match stored {
                User::Object(t, _) | User::Wildcard(t) if self.wanted(t, None) => {
                    users.inc.insert(entry.user.to_string());
                }
                User::Userset(t, id, r) => {
                    if self.wanted(t, Some(r)) {
                        users.inc.insert(entry.user.to_string());
                    }
                    users = users.union(self.expand(&format!("{t}:{id}"), r, depth + 1)?);
                }
                _ => {}
            }
        }
        Ok(users)
    }

    fn tuple_to_userset(&self, object: &str, ty: &str, tupleset: &str, computed: &str, depth: u32) -> Result<Users> {
        let model = self.resolver.model;
        let Ok(ts_def) = model.relation(ty, tupleset) else { return Ok(Users::default()) };
        let mut users = Users::default();
        for entry in self.resolver.view.all(object, tupleset) {
            let Ok(parent) = parse_user(&entry.user, "user") else { continue };
            let User::Object(pt, _) = parent else { continue };
            let has_relation = model.types.get(pt).is_some_and(|t| t.relations.contains_key(computed));
            if !has_relation || !Resolver::admitted(&ts_def.directly_related, &parent, entry) {
                continue;
            }
            if self.resolver.condition_holds(entry)? {
                users = users.union(self.expand(&entry.user, computed, depth + 1)?);
            }
        }
        Ok(users)
    }
}
