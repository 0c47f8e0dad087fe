//! RBAC on the generated model: roles with `resource:action` permissions, assignment,
//! has/require_permission, audited decisions and tenant isolation.

use shared_platform_core::{Engine, ErrorCode};

#[test]
fn roles_grant_permissions() {
    let e = Engine::in_memory().expect("engine");
    let rbac = e.tenant("acme").expect("tenant").rbac().expect("rbac");
    rbac.define_role("support", &["notifications:read", "users:read"]).expect("role");
    rbac.assign_role("alice", "support").expect("assign");
    assert!(rbac.has_permission("alice", "notifications:read").expect("check"));
    assert!(!rbac.has_permission("alice", "users:delete").expect("check"));
    assert!(!rbac.has_permission("bob", "notifications:read").expect("check"));
    let err = rbac.require_permission("alice", "users:delete").expect_err("denied");
    assert_eq!(err.code(), ErrorCode::Authorization);
    rbac.require_permission("alice", "users:read").expect("allowed");
    rbac.define_role("support", &["notifications:read"]).expect("redefine");
    assert!(!rbac.has_permission("alice", "users:read").expect("check"), "removed permission");
    assert_eq!(rbac.role_permissions("support").expect("perms"), vec!["notifications:read".to_string()]);
    rbac.revoke_role("alice", "support").expect("revoke");
    assert!(!rbac.has_permission("alice", "notifications:read").expect("check"));
}

#[test]
fn bad_input_is_a_typed_error() {
    let e = Engine::in_memory().expect("engine");
    let rbac = e.tenant("acme").expect("tenant").rbac().expect("rbac");
    assert_eq!(rbac.assign_role("alice", "ghost").expect_err("no role").code(), ErrorCode::RoleNotFound);
    assert_eq!(rbac.define_role("x", &["nocolon"]).expect_err("bad").code(), ErrorCode::Validation);
    assert_eq!(rbac.has_permission("a b", "x:y").expect_err("bad user").code(), ErrorCode::Validation);
}

#[test]
fn roles_are_tenant_scoped_and_separate_from_tenant_models() {
    let e = Engine::in_memory().expect("engine");
    let acme = e.tenant("acme").expect("tenant");
    let globex = e.tenant("globex").expect("tenant");
    acme.rbac().expect("rbac").define_role("admin", &["users:delete"]).expect("role");
    acme.rbac().expect("rbac").assign_role("alice", "admin").expect("assign");
    let g = globex.rbac().expect("rbac");
    assert!(!g.has_permission("alice", "users:delete").expect("check"));
    assert_eq!(g.assign_role("alice", "admin").expect_err("not in globex").code(), ErrorCode::RoleNotFound);
    assert!(acme.authz().expect("authz").model_ids().expect("ids").is_empty(), "RBAC uses its own store");
}

#[test]
fn decisions_can_be_audited() {
    let e = Engine::in_memory().expect("engine");
    let tenant = e.tenant("acme").expect("tenant");
    let rbac = tenant.rbac().expect("rbac").with_audit(true);
    rbac.define_role("viewer", &["reports:read"]).expect("role");
    rbac.assign_role("alice", "viewer").expect("assign");
    rbac.has_permission("alice", "reports:read").expect("check");
    rbac.require_permission("bob", "reports:read").expect_err("denied");
    let log = tenant.audit_list(&Default::default()).expect("audit");
    let decisions: Vec<&str> = log.data.iter().filter_map(|r| r.metadata["decision"].as_str()).collect();
    assert_eq!(decisions.len(), 2, "{decisions:?}");
    assert!(decisions.contains(&"allow") && decisions.contains(&"deny"));
}
