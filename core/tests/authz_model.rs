//! Models: the DSL parser (syntax errors with line and column), semantic validation, the JSON form
//! and each rewrite's semantics over an in-memory tuple index.

use shared_platform_core::authz::{CheckRequest, CompiledModel, Model, TupleIndex, TupleKey, parse_dsl};
use shared_platform_core::{ErrorCode, Timestamp};

const DOCS: &str = "model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, user:*]
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define blocked: [user]
    define reviewer: [user, group#member] and editor
    define viewer: ([user, group#member] or editor or viewer from parent) but not blocked
";

fn compiled(text: &str) -> CompiledModel {
    CompiledModel::from_dsl("m1".into(), text).expect("model compiles")
}

fn error_of(text: &str) -> (ErrorCode, String) {
    let e = CompiledModel::from_dsl("m".into(), text).expect_err("model is invalid");
    (e.code(), e.user_message().to_string())
}

fn allowed(model: &CompiledModel, index: &TupleIndex, user: &str, relation: &str, object: &str) -> bool {
    model.check(index, &CheckRequest::new(user, relation, object), Timestamp::from_secs(1)).expect("check").allowed
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let (code, msg) = error_of("model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define viewer: [user,, ]\n");
    assert_eq!(code, ErrorCode::InvalidAuthorizationModel);
    assert!(msg.contains("line 6, column 26"), "{msg}");
    let (_, msg) = error_of("model\n  schema 1.0\ntype user\n");
    assert!(msg.contains("line 2") && msg.contains("1.0"), "{msg}");
    let (_, msg) =
        error_of("model\n  schema 1.1\ntype user\n  relations\n    define a: [user]\n    define b: a or b and a\n");
    assert!(msg.contains("line 6") && msg.contains("parentheses"), "{msg}");
    let (_, msg) = error_of("type user\n");
    assert!(msg.contains("line 1, column 1"), "{msg}");
}

#[test]
fn semantic_errors_name_the_relation_and_its_line() {
    let base = "model\n  schema 1.1\ntype user\ntype doc\n  relations\n";
    let cases = [
        ("    define viewer: [employee]\n", "employee", 6),
        ("    define viewer: [user#member]\n", "user#member", 6),
        ("    define viewer: editor\n", "editor", 6),
        ("    define parent: [user]\n    define viewer: viewer from parent\n", "parent", 7),
        ("    define viewer: [user with nope]\n", "nope", 6),
        ("    define viewer: viewer\n", "entry point", 6),
    ];
    for (rel, needle, line) in cases {
        let (code, msg) = error_of(&format!("{base}{rel}"));
        assert_eq!(code, ErrorCode::InvalidAuthorizationModel, "{rel}");
        assert!(msg.contains(needle) && msg.contains(&format!("line {line},")), "{rel}: {msg}");
    }
}

#[test]
fn json_form_round_trips() {
    let model = parse_dsl(DOCS).expect("parses");
    let json = model.to_json();
    assert_eq!(json["type_definitions"].as_array().map(Vec::len), Some(4));
    assert_eq!(Model::from_json(&json).expect("json parses"), model);
    let bad = serde_json::json!({"schema_version": "1.1", "type_definitions": [{"type": "doc", "relations": {"x": {"nope": {}}}}]});
    assert_eq!(Model::from_json(&bad).expect_err("bad rewrite").code(), ErrorCode::InvalidAuthorizationModel);
}

#[test]
fn each_rewrite_resolves() {
    let model = compiled(DOCS);
    let tuples = [
        TupleKey::new("user:owner", "owner", "document:1"),
        TupleKey::new("user:alice", "member", "group:eng"),
        TupleKey::new("group:eng#member", "viewer", "document:1"),
        TupleKey::new("folder:f", "parent", "document:1"),
        TupleKey::new("user:*", "viewer", "folder:f"),
        TupleKey::new("user:mallory", "blocked", "document:1"),
        TupleKey::new("user:owner", "reviewer", "document:1"),
        TupleKey::new("user:alice", "reviewer", "document:1"),
    ];
    let index = TupleIndex::from_tuples(&tuples);
    assert!(allowed(&model, &index, "user:owner", "editor", "document:1"), "computed userset");
    assert!(allowed(&model, &index, "user:alice", "viewer", "document:1"), "userset");
    assert!(allowed(&model, &index, "user:anyone", "viewer", "document:1"), "tuple to userset + wildcard");
    assert!(!allowed(&model, &index, "user:mallory", "viewer", "document:1"), "exclusion");
    assert!(allowed(&model, &index, "user:owner", "reviewer", "document:1"), "intersection");
    assert!(!allowed(&model, &index, "user:alice", "reviewer", "document:1"), "intersection needs both");
    assert!(!allowed(&model, &index, "user:alice", "viewer", "document:2"), "other object");
}

#[test]
fn nested_group_cycles_terminate() {
    let model = compiled(DOCS);
    let tuples = [
        TupleKey::new("group:a#member", "member", "group:b"),
        TupleKey::new("group:b#member", "member", "group:a"),
        TupleKey::new("user:x", "member", "group:a"),
    ];
    let index = TupleIndex::from_tuples(&tuples);
    assert!(allowed(&model, &index, "user:x", "member", "group:b"));
    assert!(!allowed(&model, &index, "user:y", "member", "group:b"));
}

#[test]
fn deep_chains_hit_the_depth_limit_not_the_stack() {
    let model = compiled(DOCS);
    let mut tuples: Vec<TupleKey> = (0..200)
        .map(|i| TupleKey::new(&format!("group:g{}#member", i + 1), "member", &format!("group:g{i}")))
        .collect();
    tuples.push(TupleKey::new("user:deep", "member", "group:g200"));
    let index = TupleIndex::from_tuples(&tuples);
    let err = model
        .check(&index, &CheckRequest::new("user:deep", "member", "group:g0"), Timestamp::from_secs(1))
        .expect_err("too deep");
    assert_eq!(err.code(), ErrorCode::ResolutionTooComplex);
    assert!(allowed(&model, &index, "user:deep", "member", "group:g190"), "a short chain still resolves");
}

#[test]
fn explanation_shows_the_granting_path() {
    let model = compiled(DOCS);
    let index = TupleIndex::from_tuples(&[
        TupleKey::new("user:alice", "member", "group:eng"),
        TupleKey::new("group:eng#member", "viewer", "document:1"),
    ]);
    let mut req = CheckRequest::new("user:alice", "viewer", "document:1");
    req.explain = true;
    let resp = model.check(&index, &req, Timestamp::from_secs(1)).expect("check");
    let path = resp.explanation.expect("explained").join(" | ");
    assert!(path.contains("group:eng#member") && path.contains("document:1#viewer"), "{path}");
}

/// list_objects takes certain paths (unions of live, unconditioned tuples) without a confirming
/// check; every other candidate is checked. Either way it must agree with check on every object.
#[test]
fn list_objects_agrees_with_check_on_every_path_kind() {
    let model = compiled(
        "model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, user:*, group#member]
    define blocked: [user]
type doc
  relations
    define parent: [folder]
    define viewer: [user, user with small, group#member] or viewer from parent
    define can_read: viewer but not blocked from parent
    define both: viewer and editor
    define editor: [user]
condition small(x: int) {
  x < 10
}
",
    );
    let mut tuples = vec![
        TupleKey::new("user:a", "member", "group:g1"),
        TupleKey::new("group:g1#member", "member", "group:g2"),
        TupleKey::new("group:g2#member", "viewer", "folder:f1"),
        TupleKey::new("user:a", "blocked", "folder:f2"),
        TupleKey::new("user:*", "viewer", "folder:f2"),
        TupleKey::new("user:a", "editor", "doc:d3"),
    ];
    for d in 0..6 {
        tuples.push(TupleKey::new(&format!("folder:f{}", 1 + d % 2), "parent", &format!("doc:d{d}")));
    }
    let mut expired = TupleKey::new("user:a", "viewer", "doc:d7");
    expired.expires_at = Some(Timestamp::from_nanos(0));
    let mut conditioned = TupleKey::new("user:a", "viewer", "doc:d8");
    conditioned.condition = Some(shared_platform_core::authz::TupleCondition {
        name: "small".into(),
        context: serde_json::json!({"x": 50}).as_object().cloned(),
    });
    tuples.extend([expired, conditioned]);
    let index = TupleIndex::from_tuples(&tuples);
    let objects: Vec<String> = (0..10).map(|d| format!("doc:d{d}")).collect();
    for user in ["user:a", "user:b", "group:g1#member"] {
        for relation in ["viewer", "can_read", "both"] {
            let req = shared_platform_core::authz::ListObjectsRequest {
                user: user.into(),
                relation: relation.into(),
                object_type: "doc".into(),
                ..Default::default()
            };
            let listed = model.list_objects(&index, &req, Timestamp::from_secs(1)).expect("list_objects");
            let checked: Vec<String> =
                objects.iter().filter(|o| allowed(&model, &index, user, relation, o)).cloned().collect();
            assert_eq!(listed, checked, "{user} {relation}");
        }
    }
    let all = shared_platform_core::authz::ListObjectsRequest {
        user: "user:a".into(),
        relation: "viewer".into(),
        object_type: "doc".into(),
        ..Default::default()
    };
    let listed = model.list_objects(&index, &all, Timestamp::from_secs(1)).expect("list_objects");
    assert_eq!(listed, ["doc:d0", "doc:d1", "doc:d2", "doc:d3", "doc:d4", "doc:d5"]);
}
