//! Request and response types of the authorization API (serde types: bindings and conformance
//! vectors drive the engine with them).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::tuple::TupleKey;

/// Which model and how fresh the tuples must be.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consistency {
    /// The model version (latest when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_model_id: Option<String>,
    /// Only answer once the tenant's tuples are at least at this revision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_revision: Option<u64>,
}

/// `check(user, relation, object)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CheckRequest {
    /// `type:id`, `type:*` or `type:id#relation`.
    pub user: String,
    /// The relation.
    pub relation: String,
    /// `type:id`.
    pub object: String,
    /// Condition parameters.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context: Map<String, Value>,
    /// Tuples considered for this request only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contextual_tuples: Vec<TupleKey>,
    /// Return the path that granted.
    #[serde(default)]
    pub explain: bool,
    /// Model and freshness.
    #[serde(default, flatten)]
    pub consistency: Consistency,
}

impl CheckRequest {
    /// A plain check.
    pub fn new(user: &str, relation: &str, object: &str) -> CheckRequest {
        CheckRequest { user: user.into(), relation: relation.into(), object: object.into(), ..CheckRequest::default() }
    }
}

/// The answer of a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckResponse {
    /// Whether the relation holds.
    pub allowed: bool,
    /// The granting path, innermost step first (when asked for and granted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Vec<String>>,
}

/// `list_objects(user, relation, type)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListObjectsRequest {
    /// The user.
    pub user: String,
    /// The relation.
    pub relation: String,
    /// The object type.
    #[serde(rename = "type")]
    pub object_type: String,
    /// Condition parameters.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context: Map<String, Value>,
    /// Tuples considered for this request only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contextual_tuples: Vec<TupleKey>,
    /// Model and freshness.
    #[serde(default, flatten)]
    pub consistency: Consistency,
}

/// `list_users(object, relation, filters)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListUsersRequest {
    /// The object.
    pub object: String,
    /// The relation.
    pub relation: String,
    /// User types to return: `user` or usersets such as `group#member`.
    pub user_filters: Vec<String>,
    /// Condition parameters.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context: Map<String, Value>,
    /// Tuples considered for this request only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contextual_tuples: Vec<TupleKey>,
    /// Model and freshness.
    #[serde(default, flatten)]
    pub consistency: Consistency,
}

/// Filters for reading stored tuples (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadFilter {
    /// `type:id`, or `type:` for every object of a type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The relation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// The user as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
}

impl ReadFilter {
    /// True when the tuple passes every set filter.
    pub fn matches(&self, t: &TupleKey) -> bool {
        let object_ok = self
            .object
            .as_deref()
            .is_none_or(|o| if o.ends_with(':') { t.object.starts_with(o) } else { t.object == o });
        object_ok
            && self.relation.as_deref().is_none_or(|r| t.relation == r)
            && self.user.as_deref().is_none_or(|u| t.user == u)
    }
}
