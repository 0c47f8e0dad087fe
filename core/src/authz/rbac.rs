//! Tenant-scoped RBAC for the platform's permission strings (`notifications:read`,
//! `users:delete`), built as a generated model on the same engine, in a store of its own so a
//! tenant's own models never collide with it:
//!
//! ```text
//! type user
//! type tenant   relations define role: [role]          # role:x exists
//! type role     relations define assignee: [user]
//! type permission relations define granted: [role#assignee]
//! ```

use std::collections::BTreeSet;

use serde_json::json;

use super::api::{CheckRequest, ReadFilter};
use super::client::AuthzClient;
use super::tuple::TupleKey;
use crate::{AuditEntry, AuditOutcome, ErrorCode, PageRequest, PlatformError, Result, TenantScope};

/// The generated RBAC model.
pub const RBAC_MODEL: &str = "model
  schema 1.1
type user
type tenant
  relations
    define role: [role]
type role
  relations
    define assignee: [user]
type permission
  relations
    define granted: [role#assignee]
";

const TENANT_OBJECT: &str = "tenant:self";

/// RBAC operations of one tenant.
#[derive(Debug, Clone)]
pub struct RbacClient {
    scope: TenantScope,
    authz: AuthzClient,
    audit: bool,
}

impl TenantScope {
    /// The tenant's RBAC client (its generated model is written on first use).
    pub fn rbac(&self) -> Result<RbacClient> {
        let authz = AuthzClient::open(self, "rbac")?;
        if authz.model_ids()?.is_empty() {
            authz.write_model_dsl(RBAC_MODEL)?;
        }
        Ok(RbacClient { scope: self.clone(), authz, audit: false })
    }
}

fn valid_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 128
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Validates `resource:action`.
fn check_permission(permission: &str) -> Result<()> {
    match permission.split_once(':') {
        Some((resource, action)) if valid_name(resource) && valid_name(action) => Ok(()),
        _ => Err(PlatformError::validation("permission", format!("'{permission}' is not resource:action"))),
    }
}

fn check_name(field: &str, name: &str) -> Result<()> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(PlatformError::validation(field, format!("'{name}' is not a valid name")))
    }
}

fn grant(role: &str, permission: &str) -> TupleKey {
    TupleKey::new(&format!("role:{role}#assignee"), "granted", &format!("permission:{permission}"))
}

impl RbacClient {
    /// Records every `has_permission` / `require_permission` decision in the audit log.
    pub fn with_audit(mut self, audit: bool) -> RbacClient {
        self.audit = audit;
        self
    }

    fn role_exists(&self, role: &str) -> Result<bool> {
        let filter = ReadFilter {
            object: Some(TENANT_OBJECT.into()),
            relation: Some("role".into()),
            user: Some(format!("role:{role}")),
        };
        Ok(!self.authz.read_tuples(&filter, PageRequest::new(1, 1)?)?.data.is_empty())
    }

    /// Permissions of a role, sorted; RoleNotFound when it does not exist.
    pub fn role_permissions(&self, role: &str) -> Result<Vec<String>> {
        check_name("role", role)?;
        if !self.role_exists(role)? {
            return Err(PlatformError::not_found(ErrorCode::RoleNotFound, "role", role));
        }
        let filter = ReadFilter {
            object: Some("permission:".into()),
            relation: Some("granted".into()),
            user: Some(format!("role:{role}#assignee")),
        };
        let tuples = self.authz.read_tuples(&filter, PageRequest::new(1, crate::MAX_PAGE_SIZE)?)?;
        Ok(tuples.data.into_iter().filter_map(|t| t.object.strip_prefix("permission:").map(str::to_string)).collect())
    }

    /// Creates or replaces a role with exactly these permissions (one atomic write).
    pub fn define_role(&self, role: &str, permissions: &[&str]) -> Result<u64> {
        check_name("role", role)?;
        permissions.iter().try_for_each(|p| check_permission(p))?;
        let exists = self.role_exists(role)?;
        let current = if exists { self.role_permissions(role)? } else { Vec::new() };
        let wanted: BTreeSet<&str> = permissions.iter().copied().collect();
        let mut writes: Vec<TupleKey> =
            wanted.iter().filter(|p| !current.iter().any(|c| c == *p)).map(|p| grant(role, p)).collect();
        let deletes: Vec<TupleKey> =
            current.iter().filter(|c| !wanted.contains(c.as_str())).map(|c| grant(role, c)).collect();
        if !exists {
            writes.push(TupleKey::new(&format!("role:{role}"), "role", TENANT_OBJECT));
        }
        if writes.is_empty() && deletes.is_empty() {
            return self.authz.revision();
        }
        self.authz.write_tuples(&writes, &deletes)
    }

    /// Gives a role to a user.
    pub fn assign_role(&self, user_id: &str, role: &str) -> Result<u64> {
        check_name("user_id", user_id)?;
        self.role_permissions(role)?;
        self.authz.write_tuples(&[TupleKey::new(&format!("user:{user_id}"), "assignee", &format!("role:{role}"))], &[])
    }

    /// Takes a role away from a user.
    pub fn revoke_role(&self, user_id: &str, role: &str) -> Result<u64> {
        check_name("user_id", user_id)?;
        self.authz.write_tuples(&[], &[TupleKey::new(&format!("user:{user_id}"), "assignee", &format!("role:{role}"))])
    }

    /// Does the user hold the permission through any of their roles?
    pub fn has_permission(&self, user_id: &str, permission: &str) -> Result<bool> {
        check_name("user_id", user_id)?;
        check_permission(permission)?;
        let req = CheckRequest::new(&format!("user:{user_id}"), "granted", &format!("permission:{permission}"));
        let allowed = self.authz.check(&req)?.allowed;
        if self.audit {
            self.record(user_id, permission, allowed)?;
        }
        Ok(allowed)
    }

    /// Like `has_permission`, but a missing permission is an Authorization error.
    pub fn require_permission(&self, user_id: &str, permission: &str) -> Result<()> {
        if self.has_permission(user_id, permission)? {
            Ok(())
        } else {
            Err(PlatformError::new(ErrorCode::Authorization, format!("missing permission '{permission}'"))
                .with_field("permission"))
        }
    }

    fn record(&self, user_id: &str, permission: &str, allowed: bool) -> Result<()> {
        let op = self.scope.operation("authz.rbac.check");
        let (outcome, decision) =
            if allowed { (AuditOutcome::Success, "allow") } else { (AuditOutcome::Denied, "deny") };
        let reason = if allowed { "granted by an assigned role" } else { "no assigned role grants the permission" };
        let entry = AuditEntry::new(user_id, "authz.permission_check", "permission", permission)
            .outcome(outcome)
            .metadata(json!({"decision": decision, "reason": reason}));
        self.scope.audit_record(entry, &op.request_id).map(|_| ())
    }
}
