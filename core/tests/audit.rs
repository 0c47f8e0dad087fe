//! The hash-chained audit log: verify catches altered, deleted and reordered rows; tenants are
//! isolated; metadata is redacted; listing filters and paginates.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use serde_json::json;
use shared_platform_core::{
    AuditEntry, AuditOutcome, AuditQuery, Engine, EngineConfig, PageRequest, Redactor, RequestId, TenantScope,
    Timestamp,
};

fn file_engine(path: &Path) -> Engine {
    Engine::new(EngineConfig::builder().sqlite_path(path).build().unwrap()).unwrap()
}

fn record_n(scope: &TenantScope, n: usize) {
    for i in 0..n {
        let op = scope.operation("test.audit");
        let entry = AuditEntry::new("alice", "doc.update", "doc", &format!("doc-{i}")).metadata(json!({"i": i}));
        scope.audit_record(entry, &op.request_id).unwrap();
    }
}

fn raw_sql(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn an_untouched_chain_verifies() {
    let engine = Engine::in_memory().unwrap();
    let acme = engine.tenant("acme").unwrap();
    record_n(&acme, 10);
    let report = acme.audit_verify().unwrap();
    assert!(report.valid, "{report:?}");
    assert_eq!(report.records_checked, 10);
    let empty = engine.tenant("empty").unwrap().audit_verify().unwrap();
    assert!(empty.valid);
    assert_eq!(empty.records_checked, 0);
}

#[test]
fn records_link_to_their_predecessor() {
    let engine = Engine::in_memory().unwrap();
    let acme = engine.tenant("acme").unwrap();
    record_n(&acme, 3);
    let records = acme.audit_list(&AuditQuery::default()).unwrap().data;
    assert_eq!(records.iter().map(|r| r.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(records[0].prev_hash, shared_platform_core::audit::GENESIS_HASH);
    assert_eq!(records[1].prev_hash, records[0].hash);
    assert_eq!(records[2].prev_hash, records[1].hash);
    assert_eq!(records[0].tenant_id, "acme");
    assert!(records[0].request_id.starts_with("req_"));
}

#[test]
fn verify_reports_a_row_altered_with_raw_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    record_n(&engine.tenant("acme").unwrap(), 6);
    raw_sql(&path, "UPDATE audit_log SET actor_id = 'mallory' WHERE tenant_id = 'acme' AND seq = 4");
    let report = engine.tenant("acme").unwrap().audit_verify().unwrap();
    assert!(!report.valid);
    assert_eq!(report.first_broken_seq, Some(4));
    assert!(report.reason.unwrap().contains("altered"));
}

#[test]
fn verify_reports_altered_metadata_and_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    record_n(&engine.tenant("acme").unwrap(), 5);
    raw_sql(&path, "UPDATE audit_log SET metadata = '{\"i\": 99}' WHERE tenant_id = 'acme' AND seq = 2");
    assert_eq!(engine.tenant("acme").unwrap().audit_verify().unwrap().first_broken_seq, Some(2));
    record_n(&engine.tenant("globex").unwrap(), 3);
    raw_sql(&path, "UPDATE audit_log SET outcome = 'bogus' WHERE tenant_id = 'globex' AND seq = 3");
    assert_eq!(engine.tenant("globex").unwrap().audit_verify().unwrap().first_broken_seq, Some(3));
}

#[test]
fn verify_reports_a_deleted_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    record_n(&engine.tenant("acme").unwrap(), 6);
    raw_sql(&path, "DELETE FROM audit_log WHERE tenant_id = 'acme' AND seq = 3");
    let report = engine.tenant("acme").unwrap().audit_verify().unwrap();
    assert_eq!(report.first_broken_seq, Some(3));
    assert!(report.reason.unwrap().contains("missing"));
}

#[test]
fn verify_reports_a_removed_tail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    record_n(&engine.tenant("acme").unwrap(), 6);
    raw_sql(&path, "DELETE FROM audit_log WHERE tenant_id = 'acme' AND seq >= 5");
    let report = engine.tenant("acme").unwrap().audit_verify().unwrap();
    assert_eq!(report.first_broken_seq, Some(5));
}

#[test]
fn verify_reports_reordered_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    record_n(&engine.tenant("acme").unwrap(), 6);
    raw_sql(
        &path,
        "UPDATE audit_log SET seq = -2 WHERE tenant_id = 'acme' AND seq = 2;
         UPDATE audit_log SET seq = 2 WHERE tenant_id = 'acme' AND seq = 3;
         UPDATE audit_log SET seq = 3 WHERE tenant_id = 'acme' AND seq = -2;",
    );
    assert_eq!(engine.tenant("acme").unwrap().audit_verify().unwrap().first_broken_seq, Some(2));
}

#[test]
fn tampering_in_one_tenant_leaves_the_others_valid_and_invisible() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.db");
    let engine = file_engine(&path);
    let (acme, globex) = (engine.tenant("acme").unwrap(), engine.tenant("globex").unwrap());
    record_n(&acme, 4);
    record_n(&globex, 2);
    raw_sql(&path, "UPDATE audit_log SET action = 'x' WHERE tenant_id = 'acme' AND seq = 1");
    assert!(!acme.audit_verify().unwrap().valid);
    assert!(globex.audit_verify().unwrap().valid);
    let globex_records = globex.audit_list(&AuditQuery::default()).unwrap();
    assert_eq!(globex_records.pagination.total_items, 2);
    assert!(globex_records.data.iter().all(|r| r.tenant_id == "globex"));
    assert_eq!(engine.platform().unwrap().audit_list(&AuditQuery::default()).unwrap().pagination.total_items, 0);
}

#[test]
fn listing_filters_and_paginates() {
    let engine = Engine::in_memory().unwrap();
    let acme = engine.tenant("acme").unwrap();
    record_n(&acme, 12);
    let op = acme.operation("test");
    let denied = AuditEntry::new("bob", "doc.delete", "doc", "doc-1").outcome(AuditOutcome::Denied);
    acme.audit_record(denied, &op.request_id).unwrap();

    let by_actor = AuditQuery { actor_id: Some("bob".into()), ..AuditQuery::default() };
    let bob = acme.audit_list(&by_actor).unwrap();
    assert_eq!(bob.data.len(), 1);
    assert_eq!(bob.data[0].outcome, AuditOutcome::Denied);
    assert_eq!(bob.data[0].seq, 13);

    let paged =
        AuditQuery { action: Some("doc.update".into()), page: PageRequest::new(2, 5).unwrap(), ..Default::default() };
    let page = acme.audit_list(&paged).unwrap();
    assert_eq!(page.data.iter().map(|r| r.seq).collect::<Vec<_>>(), [6, 7, 8, 9, 10]);
    assert_eq!(page.pagination.total_items, 12);
    assert_eq!(page.pagination.total_pages, 3);

    let future = AuditQuery { since: Some(engine.now().add(std::time::Duration::from_secs(60))), ..Default::default() };
    assert_eq!(acme.audit_list(&future).unwrap().pagination.total_items, 0);
}

#[derive(Debug)]
struct HideSecrets;

impl Redactor for HideSecrets {
    fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if text.contains("hunter2") { Cow::Owned(text.replace("hunter2", "[REDACTED]")) } else { Cow::Borrowed(text) }
    }
}

#[test]
fn metadata_passes_the_redaction_hook_before_storage() {
    let engine = Engine::in_memory().unwrap();
    engine.set_redactor(Arc::new(HideSecrets));
    let acme = engine.tenant("acme").unwrap();
    let entry = AuditEntry::new("alice", "login", "session", "s1")
        .metadata(json!({"note": "password hunter2", "nested": ["x", {"p": "hunter2"}], "n": 3}));
    let record = acme.audit_record(entry, &RequestId::generate(Timestamp::EPOCH)).unwrap();
    assert_eq!(record.metadata, json!({"note": "password [REDACTED]", "nested": ["x", {"p": "[REDACTED]"}], "n": 3}));
    let stored = acme.audit_list(&AuditQuery::default()).unwrap().data.remove(0);
    assert!(!stored.metadata.to_string().contains("hunter2"));
    assert!(acme.audit_verify().unwrap().valid);
}
