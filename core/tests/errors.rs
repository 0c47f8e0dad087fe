//! The error table: unique codes, consistent kinds, and docs/errors.md kept fresh.

use std::collections::HashSet;
use std::time::Duration;

use shared_platform_core::{ErrorCode, ErrorKind, PlatformError, render_error_table};

#[test]
fn codes_and_names_are_unique() {
    let mut numbers = HashSet::new();
    let mut names = HashSet::new();
    for code in ErrorCode::ALL {
        assert!(numbers.insert(code.code()), "duplicate number {}", code.code());
        assert!(names.insert(code.name()), "duplicate name {}", code.name());
    }
}

#[test]
fn codes_round_trip_and_sit_in_their_module_range() {
    for code in ErrorCode::ALL {
        assert_eq!(ErrorCode::from_code(code.code()), Some(*code));
        let range = match code.module() {
            "core" => 1000..2000,
            "ratelimit" => 2000..3000,
            "notifications" => 3000..4000,
            "analytics" => 4000..5000,
            "authz" => 5000..6000,
            "redaction" => 6000..7000,
            other => panic!("unknown module {other}"),
        };
        assert!(range.contains(&code.code()), "{code} outside its module range");
    }
    assert_eq!(ErrorCode::from_code(999_999), None);
}

#[test]
fn every_kind_has_a_generic_code_and_its_status() {
    let statuses: Vec<u16> = ErrorKind::ALL.iter().map(|k| k.status()).collect();
    assert_eq!(statuses, [400, 401, 403, 404, 408, 409, 410, 422, 429, 500, 503]);
    for kind in ErrorKind::ALL {
        assert!(ErrorCode::ALL.iter().any(|c| c.kind() == *kind), "no code of kind {kind:?}");
    }
}

#[test]
fn spec_error_scenarios_have_their_status() {
    let expected = [
        (ErrorCode::PolicyNotFound, 404),
        (ErrorCode::RuleConflict, 409),
        (ErrorCode::PolicyInUse, 409),
        (ErrorCode::RateLimitExceeded, 429),
        (ErrorCode::StoreUnavailable, 503),
        (ErrorCode::TemplateRender, 400),
        (ErrorCode::MissingVariable, 400),
        (ErrorCode::NoDeliveryChannel, 422),
        (ErrorCode::DuplicateNotification, 409),
        (ErrorCode::MandatoryCategory, 403),
        (ErrorCode::InvalidTimeRange, 400),
        (ErrorCode::QueryTimeout, 408),
        (ErrorCode::ReportGeneration, 500),
        (ErrorCode::ReportExpired, 410),
        (ErrorCode::Authorization, 403),
    ];
    for (code, status) in expected {
        assert_eq!(code.status(), status, "{code}");
    }
}

#[test]
fn error_carries_every_field() {
    let err = PlatformError::new(ErrorCode::RateLimitExceeded, "slow down")
        .with_detail("policy p1, key user:42")
        .with_retry_after(Duration::from_secs(3));
    assert_eq!(err.code().code(), 2001);
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.status(), 429);
    assert_eq!(err.user_message(), "slow down");
    assert_eq!(err.detail(), Some("policy p1, key user:42"));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(err.to_string(), "RateLimitExceeded (2001): slow down");
    let invalid = PlatformError::validation("window", "must be positive");
    assert_eq!(invalid.field(), Some("window"));
    assert_eq!(invalid.user_message(), "window: must be positive");
}

#[test]
fn a_reframed_error_names_its_new_field_once() {
    let parsed = PlatformError::invalid(ErrorCode::InvalidTuple, "user", "'bad' is not a valid object (type:id)")
        .with_detail("while parsing");
    let reframed = parsed.reframed(ErrorCode::Validation, "user");
    assert_eq!(reframed.code(), ErrorCode::Validation);
    assert_eq!(reframed.field(), Some("user"));
    assert_eq!(reframed.user_message(), "user: 'bad' is not a valid object (type:id)");
    assert_eq!(reframed.detail(), Some("while parsing"));
    let nested = PlatformError::validation("max_requests", "must be positive")
        .reframed(ErrorCode::Validation, "limits[0].max_requests");
    assert_eq!(nested.user_message(), "limits[0].max_requests: must be positive");
}

#[test]
fn internal_errors_hide_their_cause_from_users() {
    let err = PlatformError::internal("index out of bounds at foo.rs:12");
    assert_eq!(err.user_message(), "internal error");
    assert!(err.detail().unwrap().contains("foo.rs"));
}

#[test]
fn docs_errors_md_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/errors.md");
    let expected = render_error_table();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/errors.md is stale: run `UPDATE_DOCS=1 cargo test -p shared-platform-core --test errors`"
    );
    for code in ErrorCode::ALL {
        assert!(actual.contains(&format!("| {} | {} |", code.code(), code.name())), "{code} undocumented");
    }
}
