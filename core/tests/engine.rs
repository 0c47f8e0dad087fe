//! Engine construction, configuration, close, extensions, events and logging.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use shared_platform_core::logging::{Redacting, set_log_redactor};
use shared_platform_core::{
    DatabaseConfig, Engine, EngineConfig, ErrorCode, HotStateConfig, ManualClock, Redactor, Timestamp,
};

fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn zero_config_is_embedded_in_memory() {
    let config = EngineConfig::from_vars(vars(&[("PATH", "/bin")])).unwrap();
    assert_eq!(config.database, DatabaseConfig::Memory);
    assert!(matches!(config.hot_state, HotStateConfig::Memory { .. }));
    Engine::new(config).unwrap().close().unwrap();
}

#[test]
fn env_vars_configure_the_engine() {
    let config = EngineConfig::from_vars(vars(&[
        ("SHARED_PLATFORM_DATABASE", "sqlite:///tmp/x.db"),
        ("SHARED_PLATFORM_REDB_PATH", "/tmp/x.redb"),
        ("SHARED_PLATFORM_WORKER_THREADS", "3"),
        ("SHARED_PLATFORM_REDIS_URL", "redis://127.0.0.1:6379/0"),
    ]))
    .unwrap();
    assert_eq!(config.database, DatabaseConfig::Sqlite("/tmp/x.db".into()));
    assert_eq!(config.hot_state, HotStateConfig::Redb("/tmp/x.redb".into()));
    assert_eq!(config.worker_threads, 3);
    assert_eq!(config.redis_url.as_deref(), Some("redis://127.0.0.1:6379/0"));
}

#[test]
fn a_bad_setting_fails_fast_and_is_named() {
    let cases = [
        ("SHARED_PLATFORM_WORKER_THREADS", "many", "SHARED_PLATFORM_WORKER_THREADS"),
        ("SHARED_PLATFORM_WORKER_THREADS", "0", "worker_threads"),
        ("SHARED_PLATFORM_KV_MAX_KEYS", "0", "hot_state.max_keys"),
        ("SHARED_PLATFORM_REDIS_URL", "http://x", "redis_url"),
        ("SHARED_PLATFORM_LOG_FORMAT", "xml", "SHARED_PLATFORM_LOG_FORMAT"),
        ("SHARED_PLATFORM_DATABSE", "x.db", "SHARED_PLATFORM_DATABSE"),
        ("SHARED_PLATFORM_DATABASE", "postgres://db/x", "SHARED_PLATFORM_DATABASE"),
    ];
    for (name, value, field) in cases {
        let err = EngineConfig::from_vars(vars(&[(name, value)])).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidConfig, "{name}={value}");
        assert_eq!(err.field(), Some(field), "{name}={value}");
        assert!(err.user_message().contains(field), "{}", err.user_message());
    }
}

#[test]
fn an_unopenable_database_is_a_clear_error() {
    let config = EngineConfig::builder().sqlite_path("/nonexistent-dir/sub/x.db").build().unwrap();
    let err = Engine::new(config).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Storage);
    assert!(err.user_message().contains("/nonexistent-dir/sub/x.db"));
}

#[test]
fn close_is_idempotent_and_later_calls_fail_clearly() {
    let engine = Engine::in_memory().unwrap();
    let scope = engine.tenant("acme").unwrap();
    engine.runtime().unwrap().block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    engine.close().unwrap();
    engine.close().unwrap();
    assert!(engine.is_closed());
    assert_eq!(engine.tenant("acme").unwrap_err().code(), ErrorCode::EngineClosed);
    assert_eq!(engine.platform().unwrap_err().code(), ErrorCode::EngineClosed);
    assert_eq!(engine.runtime().unwrap_err().code(), ErrorCode::EngineClosed);
    let op = scope.operation("after-close");
    let entry = shared_platform_core::AuditEntry::new("a", "b", "c", "d");
    assert_eq!(scope.audit_record(entry, &op.request_id).unwrap_err().code(), ErrorCode::EngineClosed);
}

#[test]
fn the_manual_clock_drives_engine_time_and_ids() {
    let clock = ManualClock::new(Timestamp::from_secs(1_700_000_000));
    let engine = Engine::new(EngineConfig::builder().clock(Arc::new(clock.clone())).build().unwrap()).unwrap();
    assert_eq!(engine.now(), Timestamp::from_secs(1_700_000_000));
    clock.advance(Duration::from_secs(5));
    assert_eq!(engine.now(), Timestamp::from_secs(1_700_000_005));
    let first = shared_platform_core::new_uuid_v7(engine.now());
    let second = shared_platform_core::new_uuid_v7(engine.now());
    assert_eq!(first.get_version_num(), 7);
    assert!(second > first, "ids made in the same millisecond stay ordered");
    let (secs, _) = first.get_timestamp().unwrap().to_unix();
    assert_eq!(secs, 1_700_000_005);
}

#[derive(Debug, PartialEq)]
struct Counter(usize);

#[test]
fn extensions_are_created_once_per_engine() {
    let engine = Engine::in_memory().unwrap();
    let calls = AtomicUsize::new(0);
    let make = |_: &Engine| {
        calls.fetch_add(1, Ordering::SeqCst);
        Ok(Counter(7))
    };
    let first = engine.extension(make).unwrap();
    let second = engine.extension(make).unwrap();
    assert!(Arc::ptr_eq(&first, &second));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let other = Engine::in_memory().unwrap().extension(|_| Ok(Counter(8))).unwrap();
    assert_eq!(*other, Counter(8));
}

#[test]
fn events_reach_matching_subscribers_with_their_tenant() {
    let engine = Engine::in_memory().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let id = engine
        .events()
        .subscribe("ratelimit.*", move |e| sink.lock().unwrap().push((e.event_type.clone(), e.tenant_id.clone())));
    engine.events().subscribe("ratelimit.limit_exceeded", |_| panic!("a broken handler is isolated"));
    let acme = engine.tenant("acme").unwrap();
    acme.publish("ratelimit.limit_exceeded", || json!({"limit": 10}));
    acme.publish("notification.sent", || json!({}));
    engine.platform().unwrap().publish("ratelimit.policy.created", || json!({}));
    assert!(engine.events().unsubscribe(id));
    acme.publish("ratelimit.limit_exceeded", || json!({}));
    let seen = seen.lock().unwrap();
    assert_eq!(
        *seen,
        [
            ("ratelimit.limit_exceeded".to_string(), "acme".to_string()),
            ("ratelimit.policy.created".to_string(), "*".to_string())
        ]
    );
}

#[test]
fn publishing_without_subscribers_builds_nothing() {
    let engine = Engine::in_memory().unwrap();
    engine.tenant("acme").unwrap().publish("x", || panic!("payload must not be built"));
}

#[derive(Debug)]
struct Mask;

impl Redactor for Mask {
    fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Owned(text.replace("s3cr3t", "[REDACTED]"))
    }
}

/// A MakeWriter that appends to a shared buffer.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Buffer {
        self.clone()
    }
}

#[test]
fn json_log_lines_carry_tenant_and_request_id_and_are_redacted() {
    set_log_redactor(Arc::new(Mask));
    let buffer = Buffer::default();
    let subscriber =
        tracing_subscriber::fmt().json().with_current_span(true).with_writer(Redacting(buffer.clone())).finish();
    let engine = Engine::in_memory().unwrap();
    let scope = engine.tenant("acme").unwrap();
    let request_id = tracing::subscriber::with_default(subscriber, || {
        let op = scope.operation("demo");
        let _guard = op.span.enter();
        tracing::info!(token = "s3cr3t", "login attempt");
        op.request_id
    });
    let output = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    let line: serde_json::Value = serde_json::from_str(output.lines().next().unwrap()).unwrap();
    assert_eq!(line["span"]["tenant_id"], "acme");
    assert_eq!(line["span"]["request_id"], request_id.as_str());
    assert_eq!(line["fields"]["token"], "[REDACTED]");
    assert!(!output.contains("s3cr3t"));
}
