//! The typed authorization hot path: `check` / `has_permission` / `require_permission` take
//! Python strings (no JSON on the way), with optional condition context and contextual tuples
//! converted straight into the core's request types; async variants run off the event loop.

use std::sync::OnceLock;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use shared_platform_core::authz::{AuthzClient, CheckRequest, CheckResponse, Consistency, RbacClient};
use shared_platform_core::authz::{TupleCondition, TupleKey};
use shared_platform_core::{PlatformError, TenantScope, Timestamp};

use crate::engine::scope_of;
use crate::errors::to_py_err;

/// The authorization client of one scope; `shared_platform.authz.AuthzClient` extends it.
#[pyclass(module = "shared_platform._native", subclass, frozen)]
pub struct NativeAuthz {
    scope: TenantScope,
    authz: AuthzClient,
    rbac: OnceLock<RbacClient>,
}

static TO_JSON: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The package's generic model converter (datetimes, enums, dataclasses → JSON-compatible values).
fn to_json_helper(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    let helper = TO_JSON.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("shared_platform._convert")?.getattr("to_json")?.unbind())
    })?;
    Ok(helper.bind(py))
}

/// A Python value (None, bool, int, float, str, list/tuple, dict with str keys, aware datetime,
/// enum, dataclass) as a `serde_json::Value`, without going through JSON text.
fn to_value(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.is_none() {
        Ok(Value::Null)
    } else if let Ok(flag) = value.cast::<PyBool>() {
        Ok(Value::Bool(flag.is_true()))
    } else if value.is_instance_of::<PyInt>() {
        match value.extract::<i64>() {
            Ok(n) => Ok(Value::from(n)),
            Err(_) => Ok(Value::from(value.extract::<u64>()?)),
        }
    } else if let Ok(number) = value.cast::<PyFloat>() {
        let number = Number::from_f64(number.value())
            .ok_or_else(|| to_py_err(PlatformError::validation("context", "NaN and infinities are not allowed")))?;
        Ok(Value::Number(number))
    } else if let Ok(text) = value.cast::<PyString>() {
        Ok(Value::String(text.to_str()?.to_string()))
    } else if let Ok(dict) = value.cast::<PyDict>() {
        Ok(Value::Object(to_map(dict)?))
    } else if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        value.try_iter()?.map(|item| to_value(&item?)).collect::<PyResult<Vec<_>>>().map(Value::Array)
    } else {
        let converted = to_json_helper(value.py())?.call1((value,))?;
        if converted.is(value) {
            let type_name = value.get_type().name()?;
            return Err(PyTypeError::new_err(format!("context values must be JSON-compatible, not {type_name}")));
        }
        to_value(&converted)
    }
}

fn to_map(dict: &Bound<'_, PyDict>) -> PyResult<Map<String, Value>> {
    let mut map = Map::new();
    for (key, value) in dict.iter() {
        let key = key.cast::<PyString>().map_err(|_| PyTypeError::new_err("context keys must be str"))?;
        map.insert(key.to_str()?.to_string(), to_value(&value)?);
    }
    Ok(map)
}

/// The optional context mapping of a request.
fn context_map(context: Option<&Bound<'_, PyAny>>) -> PyResult<Map<String, Value>> {
    match context.filter(|c| !c.is_none()) {
        None => Ok(Map::new()),
        Some(context) => match to_value(context)? {
            Value::Object(map) => Ok(map),
            _ => Err(PyTypeError::new_err("context must be a dict")),
        },
    }
}

fn optional_attr<'py>(item: &Bound<'py, PyAny>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    Ok(item.getattr_opt(name)?.filter(|value| !value.is_none()))
}

/// A `TupleKey` (or any object with `user`, `relation`, `object` and optional `condition` /
/// `expires_at`), or a `(user, relation, object)` tuple.
fn tuple_key(item: &Bound<'_, PyAny>) -> PyResult<TupleKey> {
    if let Ok((user, relation, object)) = item.extract::<(String, String, String)>() {
        return Ok(TupleKey::new(&user, &relation, &object));
    }
    let text = |name: &str| -> PyResult<String> { item.getattr(name)?.extract() };
    let mut key = TupleKey::new(&text("user")?, &text("relation")?, &text("object")?);
    if let Some(condition) = optional_attr(item, "condition")? {
        let context = optional_attr(&condition, "context")?;
        let context = context.map(|c| context_map(Some(&c))).transpose()?;
        key.condition = Some(TupleCondition { name: condition.getattr("name")?.extract()?, context });
    }
    if let Some(expires_at) = optional_attr(item, "expires_at")? {
        let text: String = to_json_helper(item.py())?.call1((expires_at,))?.extract()?;
        key.expires_at = Some(Timestamp::parse_rfc3339(&text).map_err(to_py_err)?);
    }
    Ok(key)
}

fn tuple_keys(items: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<TupleKey>> {
    match items.filter(|i| !i.is_none()) {
        None => Ok(Vec::new()),
        Some(items) => items.try_iter()?.map(|item| tuple_key(&item?)).collect(),
    }
}

/// Builds a check request from the Python arguments (strings copied once, no JSON).
#[allow(clippy::too_many_arguments)]
fn check_request(
    user: &str,
    relation: &str,
    object: &str,
    context: Option<&Bound<'_, PyAny>>,
    contextual_tuples: Option<&Bound<'_, PyAny>>,
    authorization_model_id: Option<String>,
    min_revision: Option<u64>,
    explain: bool,
) -> PyResult<CheckRequest> {
    let mut request = CheckRequest::new(user, relation, object);
    request.context = context_map(context)?;
    request.contextual_tuples = tuple_keys(contextual_tuples)?;
    request.consistency = Consistency { authorization_model_id, min_revision };
    request.explain = explain;
    Ok(request)
}

/// Runs blocking engine work on a tokio blocking thread and returns an awaitable.
fn spawn<'py, T, F>(py: Python<'py>, work: F) -> PyResult<Bound<'py, PyAny>>
where
    F: FnOnce() -> Result<T, PlatformError> + Send + 'static,
    T: for<'a> IntoPyObject<'a> + Send + 'static,
{
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let joined = tokio::task::spawn_blocking(work).await;
        let result = joined.map_err(|e| PlatformError::internal(format!("task failed: {e}")));
        result.and_then(|r| r).map_err(to_py_err)
    })
}

impl NativeAuthz {
    /// The authorization client, once the engine is known to be open (EngineClosed after close).
    fn authz(&self) -> Result<&AuthzClient, PlatformError> {
        self.scope.engine().ensure_open()?;
        Ok(&self.authz)
    }

    fn rbac(&self) -> Result<RbacClient, PlatformError> {
        self.scope.engine().ensure_open()?;
        if let Some(rbac) = self.rbac.get() {
            return Ok(rbac.clone());
        }
        let rbac = self.scope.rbac()?;
        Ok(self.rbac.get_or_init(|| rbac).clone())
    }
}

#[pymethods]
impl NativeAuthz {
    /// Binds the authorization client of `scope` (a tenant id, or "*" for the platform) of
    /// `engine` (a `NativeEngine` or the `Engine` wrapping one).
    #[new]
    fn new(engine: &Bound<'_, PyAny>, scope: &str) -> PyResult<Self> {
        let scope = scope_of(engine, scope)?;
        let authz = scope.authz().map_err(to_py_err)?;
        Ok(NativeAuthz { scope, authz, rbac: OnceLock::new() })
    }

    /// Does `user` have `relation` on `object`? (`user:anne`, `viewer`, `document:1`)
    #[pyo3(signature = (user, relation, object, *, context = None, contextual_tuples = None,
        authorization_model_id = None, min_revision = None))]
    #[allow(clippy::too_many_arguments)]
    fn check(
        &self,
        py: Python<'_>,
        user: &str,
        relation: &str,
        object: &str,
        context: Option<&Bound<'_, PyAny>>,
        contextual_tuples: Option<&Bound<'_, PyAny>>,
        authorization_model_id: Option<String>,
        min_revision: Option<u64>,
    ) -> PyResult<bool> {
        let request = check_request(
            user,
            relation,
            object,
            context,
            contextual_tuples,
            authorization_model_id,
            min_revision,
            false,
        )?;
        py.detach(|| self.authz()?.check(&request)).map(|r| r.allowed).map_err(to_py_err)
    }

    /// Like `check`, but returns a `CheckResult` with the path that granted the relation.
    #[pyo3(signature = (user, relation, object, *, context = None, contextual_tuples = None,
        authorization_model_id = None, min_revision = None))]
    #[allow(clippy::too_many_arguments)]
    fn explain(
        &self,
        py: Python<'_>,
        user: &str,
        relation: &str,
        object: &str,
        context: Option<&Bound<'_, PyAny>>,
        contextual_tuples: Option<&Bound<'_, PyAny>>,
        authorization_model_id: Option<String>,
        min_revision: Option<u64>,
    ) -> PyResult<CheckResult> {
        let request = check_request(
            user,
            relation,
            object,
            context,
            contextual_tuples,
            authorization_model_id,
            min_revision,
            true,
        )?;
        py.detach(|| self.authz()?.check(&request)).map(CheckResult::from).map_err(to_py_err)
    }

    /// `check` as an awaitable (deep graphs may take a while; the work runs off the event loop).
    #[pyo3(signature = (user, relation, object, *, context = None, contextual_tuples = None,
        authorization_model_id = None, min_revision = None))]
    #[allow(clippy::too_many_arguments)]
    fn async_check<'py>(
        &self,
        py: Python<'py>,
        user: &str,
        relation: &str,
        object: &str,
        context: Option<&Bound<'_, PyAny>>,
        contextual_tuples: Option<&Bound<'_, PyAny>>,
        authorization_model_id: Option<String>,
        min_revision: Option<u64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = check_request(
            user,
            relation,
            object,
            context,
            contextual_tuples,
            authorization_model_id,
            min_revision,
            false,
        )?;
        let authz = self.authz().map_err(to_py_err)?.clone();
        spawn(py, move || authz.check(&request).map(|r| r.allowed))
    }

    /// Does the user hold the permission (`resource:action`, e.g. `notifications:read`) through
    /// any of their roles?
    fn has_permission(&self, py: Python<'_>, user_id: &str, permission: &str) -> PyResult<bool> {
        py.detach(|| self.rbac()?.has_permission(user_id, permission)).map_err(to_py_err)
    }

    /// Like `has_permission`, but a missing permission raises `AuthorizationError`.
    fn require_permission(&self, py: Python<'_>, user_id: &str, permission: &str) -> PyResult<()> {
        py.detach(|| self.rbac()?.require_permission(user_id, permission)).map_err(to_py_err)
    }

    /// `has_permission` as an awaitable.
    fn async_has_permission<'py>(
        &self,
        py: Python<'py>,
        user_id: String,
        permission: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rbac = self.rbac().map_err(to_py_err)?;
        spawn(py, move || rbac.has_permission(&user_id, &permission))
    }

    /// `require_permission` as an awaitable.
    fn async_require_permission<'py>(
        &self,
        py: Python<'py>,
        user_id: String,
        permission: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rbac = self.rbac().map_err(to_py_err)?;
        spawn(py, move || rbac.require_permission(&user_id, &permission))
    }
}

/// The answer of a check with its explanation (immutable).
#[pyclass(module = "shared_platform._native", name = "CheckResult", frozen, eq)]
#[derive(PartialEq)]
pub struct CheckResult {
    inner: CheckResponse,
}

impl From<CheckResponse> for CheckResult {
    fn from(inner: CheckResponse) -> CheckResult {
        CheckResult { inner }
    }
}

#[pymethods]
impl CheckResult {
    /// Whether the relation holds.
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// The path that granted the relation, innermost step first (None when denied).
    #[getter]
    fn explanation(&self) -> Option<Vec<String>> {
        self.inner.explanation.clone()
    }

    fn __bool__(&self) -> bool {
        self.inner.allowed
    }

    fn __repr__(&self) -> String {
        let allowed = if self.inner.allowed { "True" } else { "False" };
        match &self.inner.explanation {
            Some(path) => format!("CheckResult(allowed={allowed}, explanation={path:?})"),
            None => format!("CheckResult(allowed={allowed}, explanation=None)"),
        }
    }
}

/// Adds the authorization classes to the native module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<NativeAuthz>()?;
    module.add_class::<CheckResult>()
}
