//! The redaction client through the engine: operators, policies persisted in a real SQLite file,
//! custom patterns, allow-lists, tenant isolation of policies and hash keys, JSON and line
//! redaction, and the engine hook (audit records are redacted by default).

use std::io::Cursor;

use serde_json::json;
use shared_platform_core::redaction::{CustomPattern, OVERSIZED_LINE, Operator, RedactionPolicy};
use shared_platform_core::{AuditEntry, AuditQuery, Engine, EngineConfig, ErrorCode, PlatformError};

fn file_engine(dir: &tempfile::TempDir) -> Engine {
    Engine::new(EngineConfig::builder().sqlite_path(dir.path().join("records.db")).build().unwrap()).unwrap()
}

fn custom(name: &str, pattern: &str) -> CustomPattern {
    CustomPattern { name: name.into(), pattern: pattern.into(), score: 0.9 }
}

#[test]
fn analyze_reports_byte_and_char_offsets_without_changing_text() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let text = "Grüße an jöhn@example.com";
    let found = redaction.analyze(text)?;
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!((f.entity.as_ref(), &text[f.start..f.end]), ("EMAIL_ADDRESS", "jöhn@example.com"));
    assert_eq!((f.char_start, f.char_end), (text[..f.start].chars().count(), text.chars().count()));
    Ok(())
}

#[test]
fn operators_per_entity() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let mut policy = RedactionPolicy::default();
    policy.operators.insert("CREDIT_CARD".into(), Operator::Mask { keep_last: 4, mask_char: '*' });
    policy.operators.insert("EMAIL_ADDRESS".into(), Operator::Partial { keep_first: 1, keep_last: 0 });
    policy.operators.insert("US_SSN".into(), Operator::Replace { value: None });
    policy.operators.insert("IP_ADDRESS".into(), Operator::Drop);
    redaction.put_policy(policy)?;
    let out = redaction.redact("card 4111111111111111 mail jane@example.com ssn 536-22-0987 ip 10.1.2.3!")?;
    assert_eq!(out.text, "card ************1111 mail j***@example.com ssn <US_SSN> ip !");
    assert_eq!(out.findings.len(), 4);
    Ok(())
}

#[test]
fn hash_pseudonyms_are_stable_per_tenant_and_differ_across_tenants() -> Result<(), PlatformError> {
    let dir = tempfile::tempdir().unwrap();
    let hash_all = RedactionPolicy { default_operator: Some(Operator::Hash), ..Default::default() };
    let text = "user jane@example.com";
    let (acme_first, globex) = {
        let engine = file_engine(&dir);
        let acme = engine.tenant("acme")?.redaction()?;
        let other = engine.tenant("globex")?.redaction()?;
        acme.put_policy(hash_all.clone())?;
        other.put_policy(hash_all.clone())?;
        let first = acme.redact(text)?.text;
        assert_eq!(acme.redact(text)?.text, first, "same value, same pseudonym");
        assert_ne!(acme.redact("user john@example.com")?.text, first);
        (first, other.redact(text)?.text)
    };
    assert!(acme_first.starts_with("user <EMAIL_ADDRESS_"));
    assert_ne!(acme_first, globex, "tenants get different pseudonyms");
    // the engine secret is persisted: a new engine on the same store gives the same pseudonyms
    let engine = file_engine(&dir);
    assert_eq!(engine.tenant("acme")?.redaction()?.redact(text)?.text, acme_first);
    Ok(())
}

#[test]
fn policy_crud_persists_and_reports_not_found() -> Result<(), PlatformError> {
    let dir = tempfile::tempdir().unwrap();
    let policy = RedactionPolicy {
        custom_patterns: vec![custom("EMPLOYEE_ID", r"\bEMP-\d{6}\b")],
        allow_list: vec!["support@example.com".into()],
        ..Default::default()
    };
    {
        let engine = file_engine(&dir);
        let redaction = engine.tenant("acme")?.redaction()?;
        assert_eq!(redaction.get_policy().unwrap_err().code(), ErrorCode::RedactionPolicyNotFound);
        redaction.put_policy(policy.clone())?;
    }
    let engine = file_engine(&dir);
    let redaction = engine.tenant("acme")?.redaction()?;
    assert_eq!(redaction.get_policy()?, policy);
    let out = redaction.redact("EMP-123456 wrote to support@example.com and jane@example.com")?;
    assert_eq!(out.text, "[REDACTED] wrote to support@example.com and [REDACTED]");
    redaction.delete_policy()?;
    assert_eq!(redaction.delete_policy().unwrap_err().code(), ErrorCode::RedactionPolicyNotFound);
    assert_eq!(redaction.redact("EMP-123456")?.text, "EMP-123456");
    Ok(())
}

#[test]
fn a_custom_pattern_named_like_a_built_in_entity_follows_its_entity_list() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let text = "mail jane@example.com or jane(at)example.com";
    let policy = |entities: Vec<String>| RedactionPolicy {
        custom_patterns: vec![custom("EMAIL_ADDRESS", r"\w+\(at\)example\.com"), custom("HANDLE", r"\bmail\b")],
        entities: Some(entities),
        ..Default::default()
    };
    redaction.put_policy(policy(vec!["EMAIL_ADDRESS".into()]))?;
    assert_eq!(redaction.redact(text)?.text, "[REDACTED] [REDACTED] or [REDACTED]");
    let found = redaction.analyze(text)?;
    assert_eq!(
        found.iter().map(|f| f.entity.as_ref()).collect::<Vec<_>>(),
        ["HANDLE", "EMAIL_ADDRESS", "EMAIL_ADDRESS"]
    );
    // without EMAIL_ADDRESS in the list, neither the detector's nor the pattern's matches count;
    // a pattern with a name of its own is never filtered by the list (it only names built-ins)
    redaction.put_policy(policy(vec!["PHONE_NUMBER".into()]))?;
    assert_eq!(redaction.redact(text)?.text, "[REDACTED] jane@example.com or jane(at)example.com");
    Ok(())
}

#[test]
fn tenant_policies_are_isolated_and_layered_on_the_platform() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let acme = engine.tenant("acme")?.redaction()?;
    let globex = engine.tenant("globex")?.redaction()?;
    acme.put_policy(RedactionPolicy { custom_patterns: vec![custom("TICKET", r"TCK-\d+")], ..Default::default() })?;
    assert_eq!(acme.redact("TCK-42")?.text, "[REDACTED]");
    assert_eq!(globex.redact("TCK-42")?.text, "TCK-42");
    let platform = engine.platform()?.redaction()?;
    platform.put_policy(RedactionPolicy {
        default_operator: Some(Operator::Replace { value: None }),
        ..Default::default()
    })?;
    // the platform's operator reaches both tenants; acme keeps its own pattern
    assert_eq!(acme.redact("TCK-42 jane@example.com")?.text, "<TICKET> <EMAIL_ADDRESS>");
    assert_eq!(globex.redact("TCK-42 jane@example.com")?.text, "TCK-42 <EMAIL_ADDRESS>");
    // and it became the engine's log/audit redactor
    assert_eq!(engine.redactor().redact_text("mail jane@example.com"), "mail <EMAIL_ADDRESS>");
    platform.put_policy(RedactionPolicy { max_input_bytes: Some(32), ..Default::default() })?;
    let long = format!("{}\n", "x".repeat(64));
    assert_eq!(engine.redactor().redact_text(&long), format!("{OVERSIZED_LINE}\n"));
    Ok(())
}

#[test]
fn bad_policies_are_typed_errors_naming_the_field() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    for (pattern, why) in [(r"(?<=a)b", "look-behind"), (r"(a)\1", "back-reference"), (r"\w{1000}{1000}", "too large")]
    {
        let policy = RedactionPolicy {
            custom_patterns: vec![custom("OK_NAME", "x"), custom("BAD", pattern)],
            ..Default::default()
        };
        let err = redaction.put_policy(policy).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPattern, "{why}");
        assert_eq!(err.field(), Some("custom_patterns[1].pattern"), "{why}");
        assert!(err.user_message().contains("BAD"), "{why}: {}", err.user_message());
    }
    let bad_name = RedactionPolicy { custom_patterns: vec![custom("lower", "x")], ..Default::default() };
    assert_eq!(redaction.put_policy(bad_name).unwrap_err().field(), Some("custom_patterns[0].name"));
    let small = RedactionPolicy { max_input_bytes: Some(16), ..Default::default() };
    redaction.put_policy(small)?;
    let err = redaction.redact("this text is longer than sixteen bytes").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InputTooLarge);
    assert_eq!(redaction.get_policy()?.max_input_bytes, Some(16), "the bad policies were not stored");
    Ok(())
}

#[test]
fn redact_json_by_field_name_and_content() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    let doc = json!({
        "user": {"name": "Jane", "Password": "hunter2", "api-key": 12345, "contact": ["call +44 20 7946 0958", "ok"]},
        "X-Auth-Token": {"nested": "object"},
        "note": "card 4111 1111 1111 1111",
        "count": 3
    });
    let out = redaction.redact_json(doc)?;
    assert_eq!(
        out.value,
        json!({
            "user": {"name": "Jane", "Password": "[REDACTED]", "api-key": "[REDACTED]", "contact": ["call [REDACTED]", "ok"]},
            "X-Auth-Token": "[REDACTED]",
            "note": "card [REDACTED]",
            "count": 3
        })
    );
    let mut paths: Vec<(&str, &str)> =
        out.findings.iter().map(|f| (f.path.as_str(), f.finding.entity.as_ref())).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            ("/X-Auth-Token", "SENSITIVE_FIELD"),
            ("/note", "CREDIT_CARD"),
            ("/user/Password", "SENSITIVE_FIELD"),
            ("/user/api-key", "SENSITIVE_FIELD"),
            ("/user/contact/0", "PHONE_NUMBER"),
        ]
    );
    Ok(())
}

#[test]
fn line_redactor_streams_text_and_json_lines() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    redaction.put_policy(RedactionPolicy { max_input_bytes: Some(200), ..Default::default() })?;
    let mut input = b"login jane@example.com\r\n{\"password\":\"x\",\"msg\":\"ip 10.0.0.1\"}\n".to_vec();
    input.extend_from_slice(b"not json \xff\xfe ssn 536-22-0987\n");
    input.extend_from_slice(&[b'a'; 500]);
    input.extend_from_slice(b"\nlast line without newline");
    let mut out = Vec::new();
    let stats = redaction.redact_lines(Cursor::new(input), &mut out, true)?;
    let out = String::from_utf8(out).unwrap();
    let expected = format!(
        "login [REDACTED]\r\n{{\"password\":\"[REDACTED]\",\"msg\":\"ip [REDACTED]\"}}\nnot json \u{fffd}\u{fffd} ssn [REDACTED]\n{OVERSIZED_LINE}\nlast line without newline"
    );
    assert_eq!(out, expected);
    assert_eq!((stats.lines, stats.redacted_lines, stats.oversized_lines, stats.findings), (5, 3, 1, 4));
    Ok(())
}

#[test]
fn single_lines_and_borrowed_text_for_the_bindings() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let redaction = engine.tenant("acme")?.redaction()?;
    assert!(matches!(redaction.redact_text("clean")?, std::borrow::Cow::Borrowed("clean")));
    assert_eq!(redaction.redact_text("ip 10.0.0.1")?, "ip [REDACTED]");
    assert_eq!(redaction.redact_line("{\"token\": 1}\r\n", true)?, "{\"token\":\"[REDACTED]\"}\r\n");
    assert_eq!(redaction.redact_line("{\"token\": 1} ip 10.0.0.1\n", true)?, "{\"token\": 1} ip [REDACTED]\n");
    redaction.put_policy(RedactionPolicy { max_input_bytes: Some(16), max_depth: Some(1), ..Default::default() })?;
    assert_eq!(redaction.redact_line("[[\"10.0.0.1\"]]", true)?, "[[\"[REDACTED]\"]]", "too deep: as text");
    assert_eq!(redaction.redact_line("a line longer than 16 bytes\n", false)?, format!("{OVERSIZED_LINE}\n"));
    let effective = shared_platform_core::api::call(&engine, "acme", "redaction.effective_policy", json!({}))?;
    assert_eq!((effective["max_input_bytes"].as_u64(), effective["max_depth"].as_u64()), (Some(16), Some(1)));
    Ok(())
}

#[test]
fn audit_records_and_log_lines_are_redacted_by_default() -> Result<(), PlatformError> {
    let engine = Engine::in_memory()?;
    let acme = engine.tenant("acme")?;
    let op = acme.operation("test");
    let metadata = json!({"email": "jane@example.com", "token": "abc", "detail": {"card": "4111111111111111"}});
    acme.audit_record(AuditEntry::new("alice", "user.update", "user", "u1").metadata(metadata), &op.request_id)?;
    let records = acme.audit_list(&AuditQuery::default())?;
    assert_eq!(
        records.data[0].metadata,
        json!({"email": "[REDACTED]", "token": "[REDACTED]", "detail": {"card": "[REDACTED]"}})
    );
    assert!(acme.audit_verify()?.valid);
    assert_eq!(engine.redactor().redact_text("Bearer abcdefgh12345678"), "Bearer [REDACTED]");
    Ok(())
}
