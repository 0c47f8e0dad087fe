//! Relationship tuples: the wire form ([`TupleKey`]), the parsed user forms and validation of a
//! tuple against a model (OpenFGA's InvalidTuple rules).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::dsl::is_identifier;
use super::model::{Model, TypeRef};
use crate::{ErrorCode, PlatformError, Result, Timestamp};

/// The condition attached to a tuple: its name and the context stored with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TupleCondition {
    /// The model condition's name.
    pub name: String,
    /// Parameter values stored with the tuple (merged with the request context).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Map<String, Value>>,
}

/// A relationship tuple: `user` has `relation` on `object`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TupleKey {
    /// `type:id`, `type:*` or `type:id#relation`.
    pub user: String,
    /// The relation.
    pub relation: String,
    /// `type:id`.
    pub object: String,
    /// Optional condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<TupleCondition>,
    /// Optional expiry (nanoseconds since the epoch): past it the tuple grants nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
}

impl TupleKey {
    /// A tuple without condition or expiry.
    pub fn new(user: &str, relation: &str, object: &str) -> TupleKey {
        TupleKey {
            user: user.into(),
            relation: relation.into(),
            object: object.into(),
            condition: None,
            expires_at: None,
        }
    }

    /// The tuple's identity `object#relation@user` (condition and expiry are not part of it).
    pub fn key(&self) -> String {
        format!("{}#{}@{}", self.object, self.relation, self.user)
    }
}

/// A parsed user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum User<'a> {
    /// `type:id`.
    Object(&'a str, &'a str),
    /// `type:*`.
    Wildcard(&'a str),
    /// `type:id#relation`.
    Userset(&'a str, &'a str, &'a str),
}

impl<'a> User<'a> {
    /// The user's type.
    pub fn type_name(&self) -> &'a str {
        match self {
            User::Object(t, _) | User::Wildcard(t) | User::Userset(t, _, _) => t,
        }
    }

    /// True when a type restriction admits this user (ignoring conditions).
    pub fn matches(&self, r: &TypeRef) -> bool {
        match self {
            User::Object(t, _) => r.type_name == *t && r.relation.is_none() && !r.wildcard,
            User::Wildcard(t) => r.type_name == *t && r.wildcard,
            User::Userset(t, _, rel) => r.type_name == *t && r.relation.as_deref() == Some(rel),
        }
    }
}

fn bad(field: &str, message: String) -> PlatformError {
    PlatformError::invalid(ErrorCode::InvalidTuple, field, message)
}

/// Splits `type:id`, validating both parts.
pub(crate) fn parse_object<'a>(text: &'a str, field: &str) -> Result<(&'a str, &'a str)> {
    match text.split_once(':') {
        Some((t, id)) if is_identifier(t) && valid_id(id) && id != "*" => Ok((t, id)),
        _ => Err(bad(field, format!("'{text}' is not a valid object (type:id)"))),
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && !id.contains(char::is_whitespace) && !id.contains('#') && id.len() <= 256
}

/// Parses a user field.
pub(crate) fn parse_user<'a>(text: &'a str, field: &str) -> Result<User<'a>> {
    if let Some((obj, rel)) = text.split_once('#') {
        let (t, id) = parse_object(obj, field)?;
        if !is_identifier(rel) {
            return Err(bad(field, format!("'{text}' is not a valid userset (type:id#relation)")));
        }
        return Ok(User::Userset(t, id, rel));
    }
    match text.split_once(':') {
        Some((t, "*")) if is_identifier(t) => Ok(User::Wildcard(t)),
        _ => parse_object(text, field).map(|(t, id)| User::Object(t, id)),
    }
}

/// Validates a tuple for writing (or as a contextual tuple): shape, types and relations, and
/// that the model's type restrictions admit the user with the tuple's condition.
pub(crate) fn validate_tuple(model: &Model, tuple: &TupleKey) -> Result<()> {
    let (obj_type, _) = parse_object(&tuple.object, "object")?;
    let user = parse_user(&tuple.user, "user")?;
    let rel = model.relation(obj_type, &tuple.relation).map_err(|e| e.reframed(ErrorCode::InvalidTuple, "relation"))?;
    if let User::Userset(t, _, r) = &user {
        model.relation(t, r).map_err(|e| e.reframed(ErrorCode::InvalidTuple, "user"))?;
    } else if !model.types.contains_key(user.type_name()) {
        return Err(bad("user", format!("type '{}' is not in the model", user.type_name())));
    }
    let cond = tuple.condition.as_ref().map(|c| c.name.as_str());
    if let Some(name) = cond
        && !model.conditions.contains_key(name)
    {
        return Err(bad("condition", format!("condition '{name}' is not in the model")));
    }
    let admitted = rel.directly_related.iter().any(|r| user.matches(r) && r.condition.as_deref() == cond);
    if admitted {
        Ok(())
    } else {
        Err(bad("user", format!("'{}' is not allowed on {}#{}", tuple.user, obj_type, tuple.relation)))
    }
}
