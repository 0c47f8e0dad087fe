//! The engine handle and the JSON management call (sync and async).

use pyo3::prelude::*;
use shared_platform_core::{Engine, EngineOptions, PlatformError, TenantScope, api};

use crate::errors::to_py_err;

/// The native engine; `shared_platform.Engine` wraps it.
#[pyclass(module = "shared_platform._native", frozen)]
pub struct NativeEngine {
    engine: Engine,
}

fn parse_json(text: &str, field: &str) -> Result<serde_json::Value, PlatformError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(text).map_err(|e| PlatformError::validation(field, format!("invalid JSON: {e}")))
}

fn run_call(engine: &Engine, scope: &str, method: &str, args_json: &str) -> Result<String, PlatformError> {
    let args = parse_json(args_json, "args")?;
    Ok(api::call(engine, scope, method, args)?.to_string())
}

impl NativeEngine {
    /// The engine.
    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }
}

/// The scope `scope_key` (a tenant id, or "*") of `engine`: a `NativeEngine` or the Python
/// `Engine` wrapping one (its `_native`). Every module client's constructor starts here.
pub(crate) fn scope_of(engine: &Bound<'_, PyAny>, scope_key: &str) -> PyResult<TenantScope> {
    let native = match engine.cast::<NativeEngine>() {
        Ok(native) => native.clone(),
        Err(_) => engine.getattr("_native")?.cast_into::<NativeEngine>()?,
    };
    api::scope_for(native.get().engine(), scope_key).map_err(to_py_err)
}

#[pymethods]
impl NativeEngine {
    /// Creates an engine from a JSON object of options (empty for the defaults).
    #[new]
    fn new(py: Python<'_>, options_json: &str) -> PyResult<NativeEngine> {
        let build = || -> Result<Engine, PlatformError> {
            let options = parse_json(options_json, "options")?;
            let options: EngineOptions =
                if options.is_null() { EngineOptions::default() } else { api::parse_args(options)? };
            Engine::new(options.into_config()?)
        };
        let engine = py.detach(build).map_err(to_py_err)?;
        Ok(NativeEngine { engine })
    }

    /// Runs a management call in a scope ("*" = platform); JSON in, JSON out. Releases the GIL.
    fn call(&self, py: Python<'_>, scope: &str, method: &str, args_json: &str) -> PyResult<String> {
        py.detach(|| run_call(&self.engine, scope, method, args_json)).map_err(to_py_err)
    }

    /// The same call as an awaitable, run off the event loop.
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        scope: String,
        method: String,
        args_json: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        let engine = self.engine.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let joined = tokio::task::spawn_blocking(move || run_call(&engine, &scope, &method, &args_json)).await;
            let result = joined.map_err(|e| PlatformError::internal(format!("task failed: {e}")));
            result.and_then(|r| r).map_err(to_py_err)
        })
    }

    /// Validates a tenant id (raises InvalidTenantError, a ValueError).
    fn check_tenant(&self, tenant_id: &str) -> PyResult<()> {
        self.engine.tenant(tenant_id).map(|_| ()).map_err(to_py_err)
    }

    /// Closes the engine (idempotent); later calls raise EngineClosedError.
    fn close(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.engine.close()).map_err(to_py_err)
    }

    /// Whether close() was called.
    #[getter]
    fn closed(&self) -> bool {
        self.engine.is_closed()
    }
}
