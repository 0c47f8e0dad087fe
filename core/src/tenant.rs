//! Tenant identifiers and the scope every operation runs in.

use std::fmt;
use std::sync::Arc;

use crate::error::{ErrorCode, PlatformError, Result};

/// Longest accepted tenant id, in characters (all accepted characters are ASCII).
pub const MAX_TENANT_ID_LEN: usize = 128;

/// The storage key of the platform-wide scope. `*` is outside the tenant id alphabet, so no
/// tenant can ever collide with it.
pub const PLATFORM_SCOPE_KEY: &str = "*";

/// A validated tenant id: 1–128 characters of `[A-Za-z0-9._:-]`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TenantId(Arc<str>);

impl TenantId {
    /// Validates and wraps a tenant id.
    ///
    /// ```
    /// use shared_platform_core::TenantId;
    /// assert!(TenantId::new("acme-corp.eu:prod").is_ok());
    /// assert!(TenantId::new("").is_err());
    /// assert!(TenantId::new("acme corp").is_err());
    /// ```
    pub fn new(id: &str) -> Result<TenantId> {
        validate_tenant_id(id)?;
        Ok(TenantId(Arc::from(id)))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn validate_tenant_id(id: &str) -> Result<()> {
    let reject = |why: String| Err(PlatformError::invalid(ErrorCode::InvalidTenant, "tenant_id", why));
    if id.is_empty() {
        return reject("must not be empty".into());
    }
    if id.len() > MAX_TENANT_ID_LEN {
        return reject(format!("must be at most {MAX_TENANT_ID_LEN} characters (got {})", id.chars().count()));
    }
    if let Some(bad) = id.chars().find(|c| !is_tenant_char(*c)) {
        return reject(format!("character {bad:?} is not allowed (use A-Z a-z 0-9 . _ : -)"));
    }
    Ok(())
}

fn is_tenant_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')
}

impl fmt::Display for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for TenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TenantId({})", &self.0)
    }
}

impl std::str::FromStr for TenantId {
    type Err = PlatformError;
    fn from_str(s: &str) -> Result<Self> {
        TenantId::new(s)
    }
}

/// Where an operation applies: one tenant, or the explicit platform-wide scope.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Scope {
    /// Platform-wide objects (global policies, defaults), reached only through `engine.platform()`.
    Platform,
    /// One tenant's objects.
    Tenant(TenantId),
}

impl Scope {
    /// The key that leads every stored row, index entry and cache key of this scope.
    pub fn key(&self) -> &str {
        match self {
            Scope::Platform => PLATFORM_SCOPE_KEY,
            Scope::Tenant(id) => id.as_str(),
        }
    }

    /// The tenant, when this is a tenant scope.
    pub fn tenant(&self) -> Option<&TenantId> {
        match self {
            Scope::Platform => None,
            Scope::Tenant(id) => Some(id),
        }
    }

    /// Whether this is the platform-wide scope.
    pub fn is_platform(&self) -> bool {
        matches!(self, Scope::Platform)
    }

    /// Rebuilds a scope from its storage key.
    pub fn from_key(key: &str) -> Result<Scope> {
        if key == PLATFORM_SCOPE_KEY { Ok(Scope::Platform) } else { TenantId::new(key).map(Scope::Tenant) }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::Platform => f.write_str("platform"),
            Scope::Tenant(id) => write!(f, "tenant:{id}"),
        }
    }
}
