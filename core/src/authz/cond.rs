//! Conditions: CEL expressions (via the `cel` crate) over typed parameters, as OpenFGA's ABAC.
//! Parameters come from the tuple's stored context merged with the request context (the tuple's
//! values win); a declared parameter missing from both makes the evaluation fail with
//! ConditionEvaluation (OpenFGA's 2000), never silently false.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::Arc;

use cel::extractors::This;
use cel::{Context, Program, Value as Cel};
use serde_json::{Map, Value};

use super::model::{ConditionDef, Model, ParamType};
use crate::{ErrorCode, PlatformError, Result};

/// A model's conditions, compiled once per model.
pub(crate) struct Conditions {
    compiled: HashMap<String, (Program, BTreeMap<String, ParamType>)>,
    /// CEL's standard functions plus `in_cidr`, built once; evaluations use a child scope.
    root: Context<'static>,
}

impl std::fmt::Debug for Conditions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conditions").field("names", &self.compiled.keys().collect::<Vec<_>>()).finish()
    }
}

fn eval_error(message: String) -> PlatformError {
    PlatformError::invalid(ErrorCode::ConditionEvaluation, "context", message)
}

impl Conditions {
    /// Compiles every condition of the model; a bad expression is an invalid model.
    pub fn compile(model: &Model) -> Result<Conditions> {
        let mut compiled = HashMap::new();
        for (name, def) in &model.conditions {
            compiled.insert(name.clone(), (compile_one(name, def)?, def.parameters.clone()));
        }
        let mut root = Context::default();
        root.add_function("in_cidr", in_cidr);
        Ok(Conditions { compiled, root })
    }

    /// Evaluates condition `name` with the tuple's context over the request's.
    pub fn evaluate(
        &self,
        name: &str,
        tuple_ctx: Option<&Map<String, Value>>,
        request_ctx: &Map<String, Value>,
    ) -> Result<bool> {
        let (program, params) =
            self.compiled.get(name).ok_or_else(|| eval_error(format!("condition '{name}' is not in the model")))?;
        let mut ctx = self.root.new_inner_scope();
        let mut missing = Vec::new();
        for (param, ty) in params {
            let value = tuple_ctx.and_then(|c| c.get(param)).or_else(|| request_ctx.get(param));
            match value {
                Some(v) => ctx.add_variable_from_value(param.as_str(), to_cel(v, ty, param)?),
                None => missing.push(param.as_str()),
            }
        }
        if !missing.is_empty() {
            return Err(eval_error(format!(
                "condition '{name}' is missing context parameters: {}",
                missing.join(", ")
            )));
        }
        match program.execute(&ctx) {
            Ok(Cel::Bool(b)) => Ok(b),
            Ok(other) => Err(eval_error(format!("condition '{name}' evaluated to {other:?}, not a bool"))),
            Err(e) => Err(eval_error(format!("condition '{name}' failed: {e}"))),
        }
    }
}

fn compile_one(name: &str, def: &ConditionDef) -> Result<Program> {
    Program::compile(&def.expression).map_err(|e| {
        PlatformError::invalid(ErrorCode::InvalidAuthorizationModel, "model", format!("condition '{name}': {e}"))
    })
}

/// `ip.in_cidr("10.0.0.0/8")`.
fn in_cidr(This(ip): This<Arc<String>>, cidr: Arc<String>) -> bool {
    let Ok(ip) = ip.parse::<IpAddr>() else { return false };
    let Some((net, bits)) = cidr.split_once('/') else { return false };
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else { return false };
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) if bits <= 32 => prefix_eq(u32::from(a).into(), u32::from(b).into(), bits, 32),
        (IpAddr::V6(a), IpAddr::V6(b)) if bits <= 128 => prefix_eq(u128::from(a), u128::from(b), bits, 128),
        _ => false,
    }
}

fn prefix_eq(a: u128, b: u128, bits: u32, width: u32) -> bool {
    let shift = width - bits;
    shift >= 128 || (a >> shift) == (b >> shift)
}

fn mistyped(param: &str, ty: &str) -> PlatformError {
    eval_error(format!("parameter '{param}' is not a valid {ty}"))
}

/// Converts a JSON context value to the parameter's declared CEL type.
fn to_cel(value: &Value, ty: &ParamType, param: &str) -> Result<Cel> {
    let scalar = |name: &str, v: &Value| convert(name, v).ok_or_else(|| mistyped(param, name));
    match (ty.name.as_str(), &ty.generic) {
        ("list", Some(g)) => {
            let items = value.as_array().ok_or_else(|| mistyped(param, "list"))?;
            Ok(Cel::List(Arc::new(items.iter().map(|i| scalar(g, i)).collect::<Result<Vec<_>>>()?)))
        }
        ("map", Some(g)) => {
            let entries = value.as_object().ok_or_else(|| mistyped(param, "map"))?;
            let map: HashMap<String, Cel> =
                entries.iter().map(|(k, v)| Ok((k.clone(), scalar(g, v)?))).collect::<Result<_>>()?;
            Ok(Cel::from(map))
        }
        (name, _) => scalar(name, value),
    }
}

fn convert(ty: &str, value: &Value) -> Option<Cel> {
    match ty {
        "bool" => value.as_bool().map(Cel::Bool),
        "string" => value.as_str().map(|s| Cel::String(Arc::new(s.to_string()))),
        "int" => value.as_i64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)).map(Cel::Int),
        "uint" => value.as_u64().map(Cel::UInt),
        "double" => value.as_f64().map(Cel::Float),
        "timestamp" => value.as_str().and_then(chrono_ts),
        "duration" => value.as_str().and_then(|s| cel::functions::duration(Arc::new(s.to_string())).ok()),
        "ipaddress" => {
            value.as_str().filter(|s| s.parse::<IpAddr>().is_ok()).map(|s| Cel::String(Arc::new(s.to_string())))
        }
        _ => Some(any(value)),
    }
}

fn chrono_ts(text: &str) -> Option<Cel> {
    cel::functions::timestamp(Arc::new(text.to_string())).ok()
}

fn any(value: &Value) -> Cel {
    match value {
        Value::Null => Cel::Null,
        Value::Bool(b) => Cel::Bool(*b),
        Value::Number(n) => n.as_i64().map_or_else(|| Cel::Float(n.as_f64().unwrap_or_default()), Cel::Int),
        Value::String(s) => Cel::String(Arc::new(s.clone())),
        Value::Array(items) => Cel::List(Arc::new(items.iter().map(any).collect())),
        Value::Object(map) => Cel::from(map.iter().map(|(k, v)| (k.clone(), any(v))).collect::<HashMap<String, Cel>>()),
    }
}
