//! list_objects candidates by reverse expansion: starting from the tuples that name the user (or
//! its type's wildcard), walk up through usersets, computed relations and tuple-to-userset links
//! to every `object#relation` the user might hold. That set is a superset of the answer
//! (conditions, intersections and exclusions are ignored here); each candidate of the asked type
//! and relation is then confirmed by a check, so the answer is exact and complete.

use std::collections::{BTreeSet, HashSet, VecDeque};

use super::eval::too_complex;
use super::index::{View, split_key};
use super::model::{Model, Rewrite};
use super::tuple::{User, parse_user};
use crate::Result;

/// True when `rewrite` refers to relation `target` of the same object.
fn uses_computed(rewrite: &Rewrite, target: &str) -> bool {
    match rewrite {
        Rewrite::This | Rewrite::TupleToUserset { .. } => false,
        Rewrite::Computed(r) => r == target,
        Rewrite::Union(c) | Rewrite::Intersection(c) => c.iter().any(|x| uses_computed(x, target)),
        Rewrite::Difference(b, s) => uses_computed(b, target) || uses_computed(s, target),
    }
}

/// True when `rewrite` has `target from tupleset`.
fn uses_ttu(rewrite: &Rewrite, tupleset: &str, target: &str) -> bool {
    match rewrite {
        Rewrite::This | Rewrite::Computed(_) => false,
        Rewrite::TupleToUserset { tupleset: ts, computed } => ts == tupleset && computed == target,
        Rewrite::Union(c) | Rewrite::Intersection(c) => c.iter().any(|x| uses_ttu(x, tupleset, target)),
        Rewrite::Difference(b, s) => uses_ttu(b, tupleset, target) || uses_ttu(s, tupleset, target),
    }
}

fn type_of(object: &str) -> &str {
    object.split_once(':').map_or(object, |(t, _)| t)
}

/// Objects of `object_type` on which `user` may hold `relation` (a superset of the answer).
pub(crate) fn candidates(
    model: &Model,
    view: View<'_>,
    user: &str,
    object_type: &str,
    relation: &str,
    max_steps: u64,
) -> Result<BTreeSet<String>> {
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let push_named = |queue: &mut VecDeque<(String, String)>, named: &str| {
        for key in view.naming(named) {
            let (o, r) = split_key(key);
            queue.push_back((o.to_string(), r.to_string()));
        }
    };
    push_named(&mut queue, user);
    match parse_user(user, "user")? {
        User::Object(t, _) => push_named(&mut queue, &format!("{t}:*")),
        User::Userset(t, id, r) => queue.push_back((format!("{t}:{id}"), r.to_string())),
        User::Wildcard(_) => {}
    }
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut out = BTreeSet::new();
    while let Some((object, rel)) = queue.pop_front() {
        if seen.contains(&(object.clone(), rel.clone())) {
            continue;
        }
        if seen.len() as u64 >= max_steps {
            return Err(too_complex(&format!("list_objects visited more than {max_steps} relations")));
        }
        let ty = type_of(&object);
        if ty == object_type && rel == relation {
            out.insert(object.clone());
        }
        if let Some(def) = model.types.get(ty) {
            for (r2, rdef) in &def.relations {
                if uses_computed(&rdef.rewrite, &rel) {
                    queue.push_back((object.clone(), r2.clone()));
                }
            }
        }
        push_named(&mut queue, &format!("{object}#{rel}"));
        for key in view.naming(&object) {
            let (parent, tupleset) = split_key(key);
            let Some(def) = model.types.get(type_of(parent)) else { continue };
            for (r2, rdef) in &def.relations {
                if uses_ttu(&rdef.rewrite, tupleset, &rel) {
                    queue.push_back((parent.to_string(), r2.clone()));
                }
            }
        }
        seen.insert((object, rel));
    }
    Ok(out)
}
