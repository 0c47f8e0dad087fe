//! Node.js binding: the native half (`NativeEngine`). The JavaScript half (lib/) maps results to
//! typed objects and errors to the generated error classes. Errors cross as a JSON payload in the
//! error message (prefixed with `SPERR:`) so code, kind, status, field and retry_after survive
//! both sync throws and async rejections.

use napi::bindgen_prelude::{AsyncTask, Result};
use napi::{Env, Error, Task};
use napi_derive::napi;
use shared_platform_core::{Engine, EngineOptions, PlatformError, api};

pub mod authz;
pub mod ratelimit;
pub mod redaction;
mod registry;
mod request_buffer;

/// Prefix of an error message that carries a serialized engine error.
const ERROR_PREFIX: &str = "SPERR:";

/// The one conversion from engine errors to JavaScript errors.
pub(crate) fn to_js_error(err: PlatformError) -> Error {
    let payload = serde_json::json!({
        "code": err.code().code(),
        "name": err.code().name(),
        "kind": err.kind().name(),
        "status": err.status(),
        "message": err.user_message(),
        "detail": err.detail(),
        "field": err.field(),
        "retryAfterMs": err.retry_after().map(|d| d.as_millis() as u64),
    });
    Error::from_reason(format!("{ERROR_PREFIX}{payload}"))
}

fn parse_json(text: &str, field: &str) -> std::result::Result<serde_json::Value, PlatformError> {
    if text.trim().is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(text).map_err(|e| PlatformError::validation(field, format!("invalid JSON: {e}")))
}

fn run_call(engine: &Engine, scope: &str, method: &str, args_json: &str) -> std::result::Result<String, PlatformError> {
    let args = parse_json(args_json, "args")?;
    Ok(api::call(engine, scope, method, args)?.to_string())
}

/// The native engine; `Engine` in lib/engine.js wraps it.
#[napi]
pub struct NativeEngine {
    engine: Engine,
}

impl NativeEngine {
    /// The engine.
    pub(crate) fn engine(&self) -> &Engine {
        &self.engine
    }
}

#[napi]
impl NativeEngine {
    /// Creates an engine from a JSON object of options (empty for the defaults).
    #[napi(constructor)]
    pub fn new(options_json: String) -> Result<NativeEngine> {
        let build = || -> std::result::Result<Engine, PlatformError> {
            let options = parse_json(&options_json, "options")?;
            let options: EngineOptions =
                if options.is_null() { EngineOptions::default() } else { api::parse_args(options)? };
            Engine::new(options.into_config()?)
        };
        build().map(|engine| NativeEngine { engine }).map_err(to_js_error)
    }

    /// Runs a management call synchronously: JSON in, JSON out.
    #[napi]
    pub fn call(&self, scope: String, method: String, args_json: String) -> Result<String> {
        run_call(&self.engine, &scope, &method, &args_json).map_err(to_js_error)
    }

    /// Runs a management call on the libuv thread pool; resolves to JSON.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn call_async(&self, scope: String, method: String, args_json: String) -> AsyncTask<CallTask> {
        AsyncTask::new(CallTask { engine: self.engine.clone(), scope, method, args_json })
    }

    /// Validates a tenant id.
    #[napi]
    pub fn check_tenant(&self, tenant_id: String) -> Result<()> {
        self.engine.tenant(&tenant_id).map(|_| ()).map_err(to_js_error)
    }

    /// Closes the engine (idempotent); later calls fail with EngineClosedError.
    #[napi]
    pub fn close(&self) -> Result<()> {
        self.engine.close().map_err(to_js_error)
    }

    /// Whether close() was called.
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.engine.is_closed()
    }
}

/// A management call run off the event loop.
pub struct CallTask {
    engine: Engine,
    scope: String,
    method: String,
    args_json: String,
}

impl Task for CallTask {
    type Output = String;
    type JsValue = String;

    fn compute(&mut self) -> Result<String> {
        run_call(&self.engine, &self.scope, &self.method, &self.args_json).map_err(to_js_error)
    }

    fn resolve(&mut self, _env: Env, output: String) -> Result<String> {
        Ok(output)
    }
}

/// The library version.
#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
