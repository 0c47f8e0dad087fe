//! Tenant id validation and scopes.

use proptest::prelude::*;
use shared_platform_core::{Engine, ErrorCode, MAX_TENANT_ID_LEN, Scope, TenantId};

fn rejected(id: &str) -> ErrorCode {
    TenantId::new(id).expect_err(id).code()
}

#[test]
fn empty_id_is_rejected() {
    assert_eq!(rejected(""), ErrorCode::InvalidTenant);
}

#[test]
fn length_limit_is_128_characters() {
    assert!(TenantId::new(&"a".repeat(MAX_TENANT_ID_LEN)).is_ok());
    assert_eq!(rejected(&"a".repeat(MAX_TENANT_ID_LEN + 1)), ErrorCode::InvalidTenant);
}

#[test]
fn bad_characters_are_rejected() {
    for id in ["acme corp", "acme/eu", "acme*", "a\nb", "a\0b", "tenant#1", "a@b", "*", " acme"] {
        assert_eq!(rejected(id), ErrorCode::InvalidTenant, "{id:?}");
    }
}

#[test]
fn unicode_is_rejected_even_when_short() {
    for id in ["acmé", "租户", "a\u{200b}b", "ａcme", "🙂"] {
        assert_eq!(rejected(id), ErrorCode::InvalidTenant, "{id:?}");
    }
}

#[test]
fn error_names_the_field_and_is_a_validation_error() {
    let err = TenantId::new("bad id").unwrap_err();
    assert_eq!(err.field(), Some("tenant_id"));
    assert_eq!(err.status(), 400);
    assert!(err.user_message().contains("' '"), "{}", err.user_message());
}

#[test]
fn all_allowed_punctuation_is_accepted() {
    let id = TenantId::new("Acme-Corp_01.eu:prod").unwrap();
    assert_eq!(id.as_str(), "Acme-Corp_01.eu:prod");
    assert_eq!(id.to_string(), "Acme-Corp_01.eu:prod");
}

#[test]
fn engine_rejects_bad_tenants_at_the_boundary() {
    let engine = Engine::in_memory().unwrap();
    assert_eq!(engine.tenant("").unwrap_err().code(), ErrorCode::InvalidTenant);
    assert_eq!(engine.tenant("*").unwrap_err().code(), ErrorCode::InvalidTenant);
    let platform = engine.platform().unwrap();
    assert!(platform.scope().is_platform());
    assert_eq!(platform.scope().key(), "*");
    assert!(platform.tenant_id().is_none());
}

#[test]
fn scope_keys_round_trip() {
    let tenant = Scope::Tenant(TenantId::new("acme").unwrap());
    assert_eq!(Scope::from_key(tenant.key()).unwrap(), tenant);
    assert_eq!(Scope::from_key("*").unwrap(), Scope::Platform);
    assert!(Scope::from_key("").is_err());
}

proptest! {
    #[test]
    fn every_id_from_the_alphabet_is_accepted(id in "[A-Za-z0-9._:-]{1,128}") {
        let tenant = TenantId::new(&id).unwrap();
        prop_assert_eq!(tenant.as_str(), id.as_str());
    }

    #[test]
    fn any_foreign_character_is_rejected(prefix in "[a-z]{0,10}", bad in "[^A-Za-z0-9._:-]", suffix in "[a-z]{0,10}") {
        let id = format!("{prefix}{bad}{suffix}");
        prop_assert_eq!(TenantId::new(&id).unwrap_err().code(), ErrorCode::InvalidTenant);
    }
}
