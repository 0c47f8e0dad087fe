//! Semantic validation of a model, as OpenFGA does when a model is written: every referenced type,
//! relation and condition exists, tuplesets are plain direct relations, type restrictions match
//! the rewrite, and every relation has an entry point (no relation defined only through itself).

use std::collections::BTreeSet;

use super::model::{Model, Rewrite, TypeRef};
use crate::{ErrorCode, PlatformError, Result};

/// A semantic error on `type#relation` (the DSL front end turns it into a line and column).
#[derive(Debug)]
pub(crate) struct SemanticError {
    /// The type of the faulty relation.
    pub type_name: String,
    /// The faulty relation, when the error is on one.
    pub relation: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl SemanticError {
    fn on(type_name: &str, relation: &str, message: String) -> SemanticError {
        SemanticError { type_name: type_name.to_string(), relation: Some(relation.to_string()), message }
    }

    /// The error without position information (JSON models).
    pub fn into_error(self) -> PlatformError {
        PlatformError::invalid(ErrorCode::InvalidAuthorizationModel, "model", self.message)
    }
}

/// Checks the model; the first problem found is returned.
pub(crate) fn validate(model: &Model) -> std::result::Result<(), SemanticError> {
    if model.types.is_empty() {
        let message = "the model defines no type".to_string();
        return Err(SemanticError { type_name: String::new(), relation: None, message });
    }
    for (ty, def) in &model.types {
        for (rel, rdef) in &def.relations {
            let on = |m: String| SemanticError::on(ty, rel, format!("{ty}#{rel}: {m}"));
            if rdef.rewrite.has_this() == rdef.directly_related.is_empty() {
                return Err(on(if rdef.directly_related.is_empty() {
                    "direct assignment needs type restrictions".into()
                } else {
                    "type restrictions without direct assignment".into()
                }));
            }
            for type_ref in &rdef.directly_related {
                check_type_ref(model, type_ref).map_err(on)?;
            }
            check_rewrite(model, ty, &rdef.rewrite).map_err(on)?;
        }
    }
    check_entry_points(model)
}

fn check_type_ref(model: &Model, r: &TypeRef) -> std::result::Result<(), String> {
    let Some(target) = model.types.get(&r.type_name) else {
        return Err(format!("type '{}' is not defined", r.type_name));
    };
    if let Some(rel) = &r.relation
        && !target.relations.contains_key(rel)
    {
        return Err(format!("relation '{}#{rel}' is not defined", r.type_name));
    }
    if let Some(cond) = &r.condition
        && !model.conditions.contains_key(cond)
    {
        return Err(format!("condition '{cond}' is not defined"));
    }
    Ok(())
}

fn check_rewrite(model: &Model, ty: &str, rewrite: &Rewrite) -> std::result::Result<(), String> {
    let relations = &model.types[ty].relations;
    match rewrite {
        Rewrite::This => Ok(()),
        Rewrite::Computed(rel) if relations.contains_key(rel) => Ok(()),
        Rewrite::Computed(rel) => Err(format!("relation '{rel}' is not defined on '{ty}'")),
        Rewrite::TupleToUserset { tupleset, computed } => {
            let Some(ts) = relations.get(tupleset) else {
                return Err(format!("tupleset relation '{tupleset}' is not defined on '{ty}'"));
            };
            if ts.rewrite != Rewrite::This || ts.directly_related.iter().any(|r| r.relation.is_some()) {
                return Err(format!("tupleset relation '{ty}#{tupleset}' must be directly assignable to objects only"));
            }
            let found = ts
                .directly_related
                .iter()
                .any(|r| model.types.get(&r.type_name).is_some_and(|t| t.relations.contains_key(computed)));
            if found { Ok(()) } else { Err(format!("'{computed}' is not defined on any type of '{ty}#{tupleset}'")) }
        }
        Rewrite::Union(children) | Rewrite::Intersection(children) => {
            children.iter().try_for_each(|c| check_rewrite(model, ty, c))
        }
        Rewrite::Difference(base, sub) => {
            check_rewrite(model, ty, base)?;
            check_rewrite(model, ty, sub)
        }
    }
}

/// Fixpoint over "can this relation ever be granted by a stored tuple".
fn check_entry_points(model: &Model) -> std::result::Result<(), SemanticError> {
    let mut reachable: BTreeSet<(String, String)> = BTreeSet::new();
    loop {
        let before = reachable.len();
        for (ty, def) in &model.types {
            for (rel, rdef) in &def.relations {
                if !reachable.contains(&(ty.clone(), rel.clone()))
                    && has_entry(model, &reachable, ty, &rdef.rewrite, rel)
                {
                    reachable.insert((ty.clone(), rel.clone()));
                }
            }
        }
        if reachable.len() == before {
            break;
        }
    }
    for (ty, def) in &model.types {
        if let Some(rel) = def.relations.keys().find(|rel| !reachable.contains(&((*ty).clone(), (*rel).clone()))) {
            return Err(SemanticError::on(
                ty,
                rel,
                format!("{ty}#{rel}: the relation has no entry point (it only refers to itself)"),
            ));
        }
    }
    Ok(())
}

fn has_entry(model: &Model, reachable: &BTreeSet<(String, String)>, ty: &str, rewrite: &Rewrite, rel: &str) -> bool {
    let ok = |t: &str, r: &str| reachable.contains(&(t.to_string(), r.to_string()));
    match rewrite {
        Rewrite::This => model.types[ty].relations[rel].directly_related.iter().any(|r| match &r.relation {
            None => true,
            Some(ur) => ok(&r.type_name, ur),
        }),
        Rewrite::Computed(c) => ok(ty, c),
        Rewrite::TupleToUserset { tupleset, computed } => {
            model.types[ty].relations[tupleset].directly_related.iter().any(|r| ok(&r.type_name, computed))
        }
        Rewrite::Union(children) => children.iter().any(|c| has_entry(model, reachable, ty, c, rel)),
        Rewrite::Intersection(children) => children.iter().all(|c| has_entry(model, reachable, ty, c, rel)),
        Rewrite::Difference(base, _) => has_entry(model, reachable, ty, base, rel),
    }
}

/// Validates a DSL model and converts semantic errors to a line and column in `text`.
pub(crate) fn validate_dsl(model: &Model, text: &str) -> Result<()> {
    validate(model).map_err(|e| {
        let (line, col) = locate(text, &e);
        super::dsl::syntax_error(line, col, &e.message)
    })
}

fn locate(text: &str, e: &SemanticError) -> (usize, usize) {
    let mut in_type = false;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        let col = raw.len() - trimmed.len() + 1;
        let mut words = trimmed.split_whitespace();
        match (words.next(), words.next()) {
            (Some("type"), Some(name)) => {
                in_type = name == e.type_name;
                if in_type && e.relation.is_none() {
                    return (i + 1, col);
                }
            }
            (Some("define"), Some(name)) if in_type && Some(name.trim_end_matches(':')) == e.relation.as_deref() => {
                return (i + 1, col);
            }
            _ => {}
        }
    }
    (1, 1)
}
