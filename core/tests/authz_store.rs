//! The tenant client on a real SQLite file: model versions, atomic tuple batches, expiry on the
//! engine clock, read pagination, list_objects completeness, revisions, persistence across
//! restarts and tenant isolation.

use std::sync::Arc;

use shared_platform_core::authz::{
    CheckRequest, Consistency, ListObjectsRequest, ListUsersRequest, ReadFilter, TupleKey,
};
use shared_platform_core::{Engine, EngineConfig, ErrorCode, ManualClock, PageRequest, Timestamp};

const MODEL: &str = "model
  schema 1.1
type user
type doc
  relations
    define viewer: [user]
    define editor: [user]
";

fn engine(path: &std::path::Path, clock: &ManualClock) -> Engine {
    let config = EngineConfig::builder().sqlite_path(path).clock(Arc::new(clock.clone())).build().expect("config");
    Engine::new(config).expect("engine")
}

fn allowed(client: &shared_platform_core::authz::AuthzClient, user: &str, relation: &str, object: &str) -> bool {
    client.check(&CheckRequest::new(user, relation, object)).expect("check").allowed
}

#[test]
fn models_are_versioned_and_persisted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(Timestamp::from_secs(1_000));
    let db = dir.path().join("core.db");
    let (first, second) = {
        let e = engine(&db, &clock);
        let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
        assert_eq!(
            authz.check(&CheckRequest::new("user:a", "viewer", "doc:1")).expect_err("no model").code(),
            ErrorCode::AuthorizationModelNotFound
        );
        let first = authz.write_model_dsl(MODEL).expect("model 1");
        clock.advance(std::time::Duration::from_millis(5));
        let second = authz.write_model_dsl(&MODEL.replace("    define editor: [user]\n", "")).expect("model 2");
        authz.write_tuples(&[TupleKey::new("user:a", "viewer", "doc:1")], &[]).expect("write");
        (first, second)
    };
    let e = engine(&db, &clock);
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    assert_eq!(authz.model_ids().expect("ids"), vec![first.clone(), second]);
    assert!(allowed(&authz, "user:a", "viewer", "doc:1"), "tuples survive a restart");
    let mut req = CheckRequest::new("user:a", "editor", "doc:1");
    assert_eq!(authz.check(&req).expect_err("latest has no editor").code(), ErrorCode::RelationNotFound);
    req.consistency = Consistency { authorization_model_id: Some(first), min_revision: None };
    assert!(!authz.check(&req).expect("older model").allowed);
    let err = authz
        .write_model_dsl("model\n  schema 1.1\ntype user\n  relations\n    define x: [nope]\n")
        .expect_err("invalid");
    assert!(err.user_message().contains("line 5"), "{}", err.user_message());
}

#[test]
fn batches_are_all_or_nothing_and_revisions_advance() {
    let e = Engine::in_memory().expect("engine");
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    authz.write_model_dsl(MODEL).expect("model");
    let r1 = authz.write_tuples(&[TupleKey::new("user:a", "viewer", "doc:1")], &[]).expect("write");
    let bad = [TupleKey::new("user:b", "viewer", "doc:1"), TupleKey::new("user:c", "owner", "doc:1")];
    assert_eq!(authz.write_tuples(&bad, &[]).expect_err("invalid relation").code(), ErrorCode::InvalidTuple);
    assert!(!allowed(&authz, "user:b", "viewer", "doc:1"), "nothing of a failed batch is applied");
    let dup = [TupleKey::new("user:b", "viewer", "doc:1"), TupleKey::new("user:a", "viewer", "doc:1")];
    assert_eq!(authz.write_tuples(&dup, &[]).expect_err("exists").code(), ErrorCode::InvalidTuple);
    assert!(!allowed(&authz, "user:b", "viewer", "doc:1"));
    let r2 = authz
        .write_tuples(&[TupleKey::new("user:b", "viewer", "doc:1")], &[TupleKey::new("user:a", "viewer", "doc:1")])
        .expect("swap");
    assert!(r2 > r1);
    assert!(
        allowed(&authz, "user:b", "viewer", "doc:1") && !allowed(&authz, "user:a", "viewer", "doc:1"),
        "read-your-writes"
    );
    let mut req = CheckRequest::new("user:b", "viewer", "doc:1");
    req.consistency.min_revision = Some(r2);
    assert!(authz.check(&req).expect("fresh enough").allowed);
    req.consistency.min_revision = Some(r2 + 10);
    assert_eq!(authz.check(&req).expect_err("future revision").code(), ErrorCode::Validation);
}

#[test]
fn expired_tuples_stop_granting() {
    let clock = ManualClock::new(Timestamp::from_secs(1_000));
    let e =
        Engine::new(EngineConfig::builder().clock(Arc::new(clock.clone())).build().expect("config")).expect("engine");
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    authz.write_model_dsl(MODEL).expect("model");
    let mut t = TupleKey::new("user:temp", "viewer", "doc:1");
    t.expires_at = Some(Timestamp::from_secs(1_060));
    authz.write_tuples(&[t.clone()], &[]).expect("write");
    assert!(allowed(&authz, "user:temp", "viewer", "doc:1"));
    clock.advance(std::time::Duration::from_secs(61));
    assert!(!allowed(&authz, "user:temp", "viewer", "doc:1"));
    t.object = "doc:2".into();
    assert_eq!(authz.write_tuples(&[t], &[]).expect_err("already expired").code(), ErrorCode::InvalidTuple);
}

#[test]
fn reads_and_list_objects_paginate_completely() {
    let e = Engine::in_memory().expect("engine");
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    authz.write_model_dsl(MODEL).expect("model");
    for chunk in (0..250).collect::<Vec<_>>().chunks(100) {
        let tuples: Vec<TupleKey> =
            chunk.iter().map(|i| TupleKey::new("user:a", "viewer", &format!("doc:{i:03}"))).collect();
        authz.write_tuples(&tuples, &[]).expect("write");
    }
    let req = ListObjectsRequest {
        user: "user:a".into(),
        relation: "viewer".into(),
        object_type: "doc".into(),
        ..Default::default()
    };
    let mut seen = Vec::new();
    for page in 1..=3 {
        let p = authz.list_objects(&req, PageRequest::new(page, 100).expect("page")).expect("list");
        assert_eq!(p.pagination.total_items, 250);
        seen.extend(p.data);
    }
    assert_eq!(seen.len(), 250);
    seen.dedup();
    assert_eq!(seen.len(), 250, "no duplicates across pages");
    let filter = ReadFilter { object: Some("doc:".into()), ..Default::default() };
    let read = authz.read_tuples(&filter, PageRequest::new(3, 100).expect("page")).expect("read");
    assert_eq!((read.data.len(), read.pagination.total_items), (50, 250));
    let users = ListUsersRequest {
        object: "doc:007".into(),
        relation: "viewer".into(),
        user_filters: vec!["user".into()],
        ..Default::default()
    };
    assert_eq!(authz.list_users(&users).expect("users"), vec!["user:a".to_string()]);
    let tree = authz.expand("doc:007", "viewer", &Consistency::default()).expect("expand");
    assert_eq!(tree["tree"]["leaf"]["users"][0], "user:a");
}

#[test]
fn tenants_never_see_each_other() {
    let e = Engine::in_memory().expect("engine");
    let acme = e.tenant("acme").expect("tenant").authz().expect("authz");
    let globex = e.tenant("globex").expect("tenant").authz().expect("authz");
    acme.write_model_dsl(MODEL).expect("model");
    acme.write_tuples(&[TupleKey::new("user:a", "viewer", "doc:1")], &[]).expect("write");
    assert_eq!(
        globex.check(&CheckRequest::new("user:a", "viewer", "doc:1")).expect_err("no model").code(),
        ErrorCode::AuthorizationModelNotFound
    );
    globex.write_model_dsl(MODEL).expect("model");
    assert!(!allowed(&globex, "user:a", "viewer", "doc:1"));
    assert!(allowed(&acme, "user:a", "viewer", "doc:1"));
    assert_eq!(globex.model_ids().expect("ids").len(), 1);
    let batch = globex
        .batch_check(&[CheckRequest::new("user:a", "viewer", "doc:1"), CheckRequest::new("user:a", "nope", "doc:1")])
        .expect("batch");
    assert_eq!(batch[0].as_ref().map(|r| r.allowed), Ok(false));
    assert!(batch[1].is_err());
}

#[test]
fn audited_checks_record_the_decision() {
    let e = Engine::in_memory().expect("engine");
    let tenant = e.tenant("acme").expect("tenant");
    let authz = tenant.authz().expect("authz");
    authz.write_model_dsl(MODEL).expect("model");
    authz.write_tuples(&[TupleKey::new("user:a", "viewer", "doc:1")], &[]).expect("write");
    assert!(authz.check_audited(&CheckRequest::new("user:a", "viewer", "doc:1"), "svc").expect("check").allowed);
    assert!(!authz.check_audited(&CheckRequest::new("user:b", "viewer", "doc:1"), "svc").expect("check").allowed);
    let log = tenant.audit_list(&Default::default()).expect("audit");
    let decisions: Vec<String> =
        log.data.iter().map(|r| r.metadata["decision"]["decision"].as_str().unwrap_or("").to_string()).collect();
    assert!(decisions.contains(&"allow".to_string()) && decisions.contains(&"deny".to_string()), "{decisions:?}");
    assert!(tenant.audit_verify().expect("verify").valid);
}

#[test]
fn the_model_written_last_is_the_latest_even_when_the_clock_moved_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(Timestamp::from_secs(1_000_000));
    let db = dir.path().join("core.db");
    let (first, second) = {
        let e = engine(&db, &clock);
        let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
        let first = authz.write_model_dsl(MODEL).expect("model 1");
        clock.rewind(std::time::Duration::from_secs(3_600));
        let second = authz.write_model_dsl(&MODEL.replace("    define editor: [user]\n", "")).expect("model 2");
        assert!(second < first, "the second id sorts first: its time part is earlier");
        assert_eq!(authz.model_ids().expect("ids"), vec![first.clone(), second.clone()]);
        assert_eq!(authz.model(None).expect("latest")["id"], second.as_str());
        (first, second)
    };
    let e = engine(&db, &clock);
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    assert_eq!(authz.model_ids().expect("ids after restart"), vec![first, second.clone()]);
    let err = authz.check(&CheckRequest::new("user:a", "editor", "doc:1")).expect_err("latest has no editor");
    assert_eq!(err.code(), ErrorCode::RelationNotFound);
}

#[test]
fn a_client_held_across_close_answers_engine_closed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(Timestamp::from_secs(1_000));
    let e = engine(&dir.path().join("core.db"), &clock);
    let authz = e.tenant("acme").expect("tenant").authz().expect("authz");
    authz.write_model_dsl(MODEL).expect("model");
    authz.write_tuples(&[TupleKey::new("user:a", "viewer", "doc:1")], &[]).expect("write");
    assert!(allowed(&authz, "user:a", "viewer", "doc:1"));
    e.close().expect("close");
    let err = authz.check(&CheckRequest::new("user:a", "viewer", "doc:1")).expect_err("closed");
    assert_eq!(err.code(), ErrorCode::EngineClosed);
    assert_eq!(authz.revision().expect_err("closed").code(), ErrorCode::EngineClosed);
}
