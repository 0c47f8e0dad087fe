//! The typed authorization hot path for Node: plain napi functions taking a client id and strings
//! (`authzCheck`, `authzHasPermission`, `authzRequirePermission`) return a boolean, no JSON and
//! no class-method unwrapping; the Promise forms run the same calls on the libuv pool. Checks
//! with context, contextual tuples or an explanation go through the JSON surface (`authz.check`).

use std::sync::{Arc, OnceLock};

use napi::bindgen_prelude::{AsyncTask, Result};
use napi::{Env, Task};
use napi_derive::napi;
use shared_platform_core::authz::{AuthzClient, CheckRequest, RbacClient};
use shared_platform_core::{PlatformError, TenantScope, api};

use crate::registry::Registry;
use crate::{NativeEngine, to_js_error};

/// A scope's authorization client and its RBAC client (created on first use).
struct Authz {
    scope: TenantScope,
    authz: AuthzClient,
    rbac: OnceLock<RbacClient>,
}

impl Authz {
    /// The authorization client, once the engine is known to be open (EngineClosed after close).
    fn authz(&self) -> std::result::Result<&AuthzClient, PlatformError> {
        self.scope.engine().ensure_open()?;
        Ok(&self.authz)
    }

    fn rbac(&self) -> std::result::Result<&RbacClient, PlatformError> {
        self.scope.engine().ensure_open()?;
        if let Some(rbac) = self.rbac.get() {
            return Ok(rbac);
        }
        let rbac = self.scope.rbac()?;
        Ok(self.rbac.get_or_init(|| rbac))
    }

    fn run(&self, call: &Call) -> std::result::Result<bool, PlatformError> {
        match call {
            Call::Check(request) => self.authz()?.check(request).map(|r| r.allowed),
            Call::HasPermission(user_id, permission) => self.rbac()?.has_permission(user_id, permission),
            Call::RequirePermission(user_id, permission) => {
                self.rbac()?.require_permission(user_id, permission).map(|()| true)
            }
        }
    }
}

/// One hot-path call with owned arguments (for the thread pool).
enum Call {
    Check(CheckRequest),
    HasPermission(String, String),
    RequirePermission(String, String),
}

/// Live clients by id.
static CLIENTS: Registry<Authz> = Registry::new("authz client");

fn client_by_id(id: u32) -> Result<Arc<Authz>> {
    CLIENTS.get(id)
}

/// The authorization client of one scope; `AuthzClient` in lib/authz/client.js wraps it. Its
/// registry entry lives as long as this object.
#[napi]
pub struct NativeAuthz {
    id: u32,
    inner: Arc<Authz>,
}

impl Drop for NativeAuthz {
    fn drop(&mut self) {
        CLIENTS.remove(self.id);
    }
}

#[napi]
impl NativeAuthz {
    /// Binds the authorization client of `scope` (a tenant id, or "*" for the platform).
    #[napi(constructor)]
    pub fn new(engine: &NativeEngine, scope: String) -> Result<NativeAuthz> {
        let scope = api::scope_for(engine.engine(), &scope).map_err(to_js_error)?;
        let authz = scope.authz().map_err(to_js_error)?;
        let inner = Arc::new(Authz { scope, authz, rbac: OnceLock::new() });
        let id = CLIENTS.insert(inner.clone());
        Ok(NativeAuthz { id, inner })
    }

    /// The id the hot-path functions take.
    #[napi(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// `check` on the libuv thread pool.
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn check_async(&self, user: String, relation: String, object: String) -> AsyncTask<AuthzTask> {
        self.task(Call::Check(CheckRequest::new(&user, &relation, &object)))
    }

    /// `has_permission` on the libuv thread pool.
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn has_permission_async(&self, user_id: String, permission: String) -> AsyncTask<AuthzTask> {
        self.task(Call::HasPermission(user_id, permission))
    }

    /// `require_permission` on the libuv thread pool (resolves to true, or rejects).
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn require_permission_async(&self, user_id: String, permission: String) -> AsyncTask<AuthzTask> {
        self.task(Call::RequirePermission(user_id, permission))
    }
}

impl NativeAuthz {
    fn task(&self, call: Call) -> AsyncTask<AuthzTask> {
        AsyncTask::new(AuthzTask { client: self.inner.clone(), call })
    }
}

/// Does `user` have `relation` on `object`, with the client `id`?
#[napi]
pub fn authz_check(id: u32, user: String, relation: String, object: String) -> Result<bool> {
    client_by_id(id)?.run(&Call::Check(CheckRequest::new(&user, &relation, &object))).map_err(to_js_error)
}

/// Does the user hold the permission (`resource:action`) through a role, with the client `id`?
#[napi]
pub fn authz_has_permission(id: u32, user_id: String, permission: String) -> Result<bool> {
    client_by_id(id)?.run(&Call::HasPermission(user_id, permission)).map_err(to_js_error)
}

/// Like `authz_has_permission`, but a missing permission throws AuthorizationError.
#[napi]
pub fn authz_require_permission(id: u32, user_id: String, permission: String) -> Result<()> {
    client_by_id(id)?.run(&Call::RequirePermission(user_id, permission)).map(|_| ()).map_err(to_js_error)
}

/// A hot-path call run off the event loop.
pub struct AuthzTask {
    client: Arc<Authz>,
    call: Call,
}

impl Task for AuthzTask {
    type Output = bool;
    type JsValue = bool;

    fn compute(&mut self) -> Result<bool> {
        self.client.run(&self.call).map_err(to_js_error)
    }

    fn resolve(&mut self, _env: Env, output: bool) -> Result<bool> {
        Ok(output)
    }
}
