//! The authorization model: types, relations and their rewrites (OpenFGA schema 1.1), plus the
//! conversion to and from OpenFGA's authorization-model JSON.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::{ErrorCode, PlatformError, Result};

/// A relation's rewrite: how the relation is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rewrite {
    /// Directly assigned tuples (`[user, group#member]`).
    This,
    /// Another relation on the same object (`define viewer: editor`).
    Computed(String),
    /// `computed from tupleset`: follow the tupleset relation, then check `computed` there.
    TupleToUserset {
        /// The relation on this object whose tuples point to other objects.
        tupleset: String,
        /// The relation checked on those objects.
        computed: String,
    },
    /// Any child grants.
    Union(Vec<Rewrite>),
    /// Every child grants.
    Intersection(Vec<Rewrite>),
    /// `base but not subtract`.
    Difference(Box<Rewrite>, Box<Rewrite>),
}

impl Rewrite {
    /// True when `This` appears anywhere in the rewrite.
    pub fn has_this(&self) -> bool {
        match self {
            Rewrite::This => true,
            Rewrite::Computed(_) | Rewrite::TupleToUserset { .. } => false,
            Rewrite::Union(children) | Rewrite::Intersection(children) => children.iter().any(Rewrite::has_this),
            Rewrite::Difference(base, sub) => base.has_this() || sub.has_this(),
        }
    }
}

/// One entry of a direct type restriction: `user`, `group#member`, `user:*`, `user with cond`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// The user's type.
    pub type_name: String,
    /// The userset relation (`group#member`).
    pub relation: Option<String>,
    /// `user:*`.
    pub wildcard: bool,
    /// The condition a tuple must carry (`with cond`).
    pub condition: Option<String>,
}

/// A relation of a type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationDef {
    /// The rewrite.
    pub rewrite: Rewrite,
    /// Direct type restrictions (empty when the rewrite has no `This`).
    pub directly_related: Vec<TypeRef>,
}

/// A type and its relations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TypeDef {
    /// Relations by name.
    pub relations: BTreeMap<String, RelationDef>,
}

/// A condition parameter type (`int`, `list<string>`, `map<int>` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamType {
    /// The base type name as written in the DSL (`int`, `list`, `map`, `timestamp` …).
    pub name: String,
    /// The generic argument of `list<T>` / `map<T>`.
    pub generic: Option<String>,
}

/// A named CEL condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionDef {
    /// The CEL expression.
    pub expression: String,
    /// Declared parameters.
    pub parameters: BTreeMap<String, ParamType>,
}

/// A complete authorization model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Model {
    /// Types by name, in definition order of names.
    pub types: BTreeMap<String, TypeDef>,
    /// Conditions by name.
    pub conditions: BTreeMap<String, ConditionDef>,
}

/// Parameter type names accepted by OpenFGA, with their JSON `type_name`.
pub(crate) const PARAM_TYPES: &[(&str, &str)] = &[
    ("any", "TYPE_NAME_ANY"),
    ("bool", "TYPE_NAME_BOOL"),
    ("string", "TYPE_NAME_STRING"),
    ("int", "TYPE_NAME_INT"),
    ("uint", "TYPE_NAME_UINT"),
    ("double", "TYPE_NAME_DOUBLE"),
    ("duration", "TYPE_NAME_DURATION"),
    ("timestamp", "TYPE_NAME_TIMESTAMP"),
    ("map", "TYPE_NAME_MAP"),
    ("list", "TYPE_NAME_LIST"),
    ("ipaddress", "TYPE_NAME_IPADDRESS"),
];

impl Model {
    /// The relation `relation` of type `type_name`, or a TypeNotFound / RelationNotFound error.
    pub fn relation(&self, type_name: &str, relation: &str) -> Result<&RelationDef> {
        let ty = self.types.get(type_name).ok_or_else(|| {
            PlatformError::invalid(ErrorCode::TypeNotFound, "type", format!("type '{type_name}' is not in the model"))
        })?;
        ty.relations.get(relation).ok_or_else(|| {
            PlatformError::invalid(
                ErrorCode::RelationNotFound,
                "relation",
                format!("relation '{type_name}#{relation}' is not in the model"),
            )
        })
    }

    /// OpenFGA's authorization-model JSON (`schema_version`, `type_definitions`, `conditions`).
    pub fn to_json(&self) -> Value {
        let types: Vec<Value> = self.types.iter().map(|(name, ty)| type_to_json(name, ty)).collect();
        let conditions: Map<String, Value> =
            self.conditions.iter().map(|(name, cond)| (name.clone(), condition_to_json(name, cond))).collect();
        json!({"schema_version": "1.1", "type_definitions": types, "conditions": conditions})
    }

    /// Parses OpenFGA's authorization-model JSON (snake_case or protojson camelCase keys).
    pub fn from_json(value: &Value) -> Result<Model> {
        let schema = field(value, "schema_version", "schemaVersion").and_then(Value::as_str).unwrap_or("1.1");
        if schema != "1.1" {
            return Err(json_error(format!("unsupported schema_version '{schema}' (only 1.1)")));
        }
        let mut model = Model::default();
        let defs = field(value, "type_definitions", "typeDefinitions").and_then(Value::as_array);
        for def in defs.ok_or_else(|| json_error("type_definitions must be an array".into()))? {
            let (name, ty) = type_from_json(def)?;
            if model.types.insert(name.clone(), ty).is_some() {
                return Err(json_error(format!("type '{name}' is defined twice")));
            }
        }
        if let Some(conds) = value.get("conditions").and_then(Value::as_object) {
            for (name, cond) in conds {
                model.conditions.insert(name.clone(), condition_from_json(cond)?);
            }
        }
        Ok(model)
    }
}

fn json_error(message: String) -> PlatformError {
    PlatformError::invalid(ErrorCode::InvalidAuthorizationModel, "model", message)
}

fn field<'a>(value: &'a Value, snake: &str, camel: &str) -> Option<&'a Value> {
    value.get(snake).or_else(|| value.get(camel))
}

fn type_to_json(name: &str, ty: &TypeDef) -> Value {
    let relations: Map<String, Value> =
        ty.relations.iter().map(|(rel, def)| (rel.clone(), rewrite_to_json(&def.rewrite))).collect();
    let metadata: Map<String, Value> = ty
        .relations
        .iter()
        .map(|(rel, def)| {
            let refs: Vec<Value> = def.directly_related.iter().map(type_ref_to_json).collect();
            (rel.clone(), json!({"directly_related_user_types": refs}))
        })
        .collect();
    json!({"type": name, "relations": relations, "metadata": {"relations": metadata}})
}

fn type_ref_to_json(r: &TypeRef) -> Value {
    let mut obj = Map::new();
    obj.insert("type".into(), json!(r.type_name));
    if let Some(rel) = &r.relation {
        obj.insert("relation".into(), json!(rel));
    }
    if r.wildcard {
        obj.insert("wildcard".into(), json!({}));
    }
    obj.insert("condition".into(), json!(r.condition.clone().unwrap_or_default()));
    Value::Object(obj)
}

fn rewrite_to_json(rewrite: &Rewrite) -> Value {
    match rewrite {
        Rewrite::This => json!({"this": {}}),
        Rewrite::Computed(rel) => json!({"computedUserset": {"relation": rel}}),
        Rewrite::TupleToUserset { tupleset, computed } => json!({"tupleToUserset": {
            "tupleset": {"relation": tupleset}, "computedUserset": {"relation": computed}}}),
        Rewrite::Union(children) => {
            json!({"union": {"child": children.iter().map(rewrite_to_json).collect::<Vec<_>>()}})
        }
        Rewrite::Intersection(children) => {
            json!({"intersection": {"child": children.iter().map(rewrite_to_json).collect::<Vec<_>>()}})
        }
        Rewrite::Difference(base, sub) => {
            json!({"difference": {"base": rewrite_to_json(base), "subtract": rewrite_to_json(sub)}})
        }
    }
}

fn condition_to_json(name: &str, cond: &ConditionDef) -> Value {
    let params: Map<String, Value> = cond
        .parameters
        .iter()
        .map(|(p, ty)| {
            let mut v = json!({"type_name": json_type_name(&ty.name)});
            if let Some(g) = &ty.generic {
                v["generic_types"] = json!([{"type_name": json_type_name(g)}]);
            }
            (p.clone(), v)
        })
        .collect();
    json!({"name": name, "expression": cond.expression, "parameters": params})
}

fn json_type_name(dsl: &str) -> &'static str {
    PARAM_TYPES.iter().find(|(d, _)| *d == dsl).map_or("TYPE_NAME_UNSPECIFIED", |(_, j)| j)
}

fn dsl_type_name(json_name: &str) -> Result<String> {
    PARAM_TYPES
        .iter()
        .find(|(_, j)| *j == json_name)
        .map(|(d, _)| (*d).to_string())
        .ok_or_else(|| json_error(format!("unknown condition parameter type '{json_name}'")))
}

fn type_from_json(def: &Value) -> Result<(String, TypeDef)> {
    let name = def.get("type").and_then(Value::as_str).ok_or_else(|| json_error("type name missing".into()))?;
    let mut ty = TypeDef::default();
    let metadata = def.get("metadata").and_then(|m| m.get("relations"));
    if let Some(rels) = def.get("relations").and_then(Value::as_object) {
        for (rel, rewrite) in rels {
            let refs = metadata
                .and_then(|m| m.get(rel))
                .and_then(|m| field(m, "directly_related_user_types", "directlyRelatedUserTypes"))
                .and_then(Value::as_array);
            let directly_related = refs.map(|r| r.iter().map(type_ref_from_json).collect()).transpose()?;
            let def = RelationDef {
                rewrite: rewrite_from_json(rewrite)?,
                directly_related: directly_related.unwrap_or_default(),
            };
            ty.relations.insert(rel.clone(), def);
        }
    }
    Ok((name.to_string(), ty))
}

fn type_ref_from_json(value: &Value) -> Result<TypeRef> {
    let type_name =
        value.get("type").and_then(Value::as_str).ok_or_else(|| json_error("type restriction without type".into()))?;
    let condition = value.get("condition").and_then(Value::as_str).filter(|c| !c.is_empty()).map(str::to_string);
    Ok(TypeRef {
        type_name: type_name.to_string(),
        relation: value.get("relation").and_then(Value::as_str).filter(|r| !r.is_empty()).map(str::to_string),
        wildcard: value.get("wildcard").is_some(),
        condition,
    })
}

fn relation_of(value: &Value, what: &str) -> Result<String> {
    value
        .get("relation")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| json_error(format!("{what} without relation")))
}

fn children(value: &Value) -> Result<Vec<Rewrite>> {
    let list = value.get("child").and_then(Value::as_array).ok_or_else(|| json_error("child list missing".into()))?;
    list.iter().map(rewrite_from_json).collect()
}

fn rewrite_from_json(value: &Value) -> Result<Rewrite> {
    if value.get("this").is_some() {
        return Ok(Rewrite::This);
    }
    if let Some(cu) = field(value, "computed_userset", "computedUserset") {
        return Ok(Rewrite::Computed(relation_of(cu, "computedUserset")?));
    }
    if let Some(ttu) = field(value, "tuple_to_userset", "tupleToUserset") {
        let tupleset = ttu.get("tupleset").ok_or_else(|| json_error("tupleToUserset without tupleset".into()))?;
        let computed = field(ttu, "computed_userset", "computedUserset")
            .ok_or_else(|| json_error("tupleToUserset without computedUserset".into()))?;
        return Ok(Rewrite::TupleToUserset {
            tupleset: relation_of(tupleset, "tupleset")?,
            computed: relation_of(computed, "computedUserset")?,
        });
    }
    if let Some(u) = value.get("union") {
        return Ok(Rewrite::Union(children(u)?));
    }
    if let Some(i) = value.get("intersection") {
        return Ok(Rewrite::Intersection(children(i)?));
    }
    if let Some(d) = value.get("difference") {
        let base = d.get("base").ok_or_else(|| json_error("difference without base".into()))?;
        let sub = d.get("subtract").ok_or_else(|| json_error("difference without subtract".into()))?;
        return Ok(Rewrite::Difference(Box::new(rewrite_from_json(base)?), Box::new(rewrite_from_json(sub)?)));
    }
    Err(json_error(format!("unknown rewrite {value}")))
}

fn condition_from_json(value: &Value) -> Result<ConditionDef> {
    let expression = value
        .get("expression")
        .and_then(Value::as_str)
        .ok_or_else(|| json_error("condition without expression".into()))?;
    let mut parameters = BTreeMap::new();
    if let Some(params) = value.get("parameters").and_then(Value::as_object) {
        for (name, p) in params {
            let base = field(p, "type_name", "typeName").and_then(Value::as_str).unwrap_or("TYPE_NAME_UNSPECIFIED");
            let generic = field(p, "generic_types", "genericTypes")
                .and_then(Value::as_array)
                .and_then(|g| g.first())
                .and_then(|g| field(g, "type_name", "typeName"))
                .and_then(Value::as_str)
                .map(dsl_type_name)
                .transpose()?;
            parameters.insert(name.clone(), ParamType { name: dsl_type_name(base)?, generic });
        }
    }
    Ok(ConditionDef { expression: expression.to_string(), parameters })
}
