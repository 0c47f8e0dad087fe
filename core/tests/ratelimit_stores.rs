//! The state stores: one behaviour suite run against memory, redb and a real Redis server, plus
//! restart durability, concurrency, the key cap, and Redis failure modes and recovery.

mod ratelimit_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use ratelimit_support::{RedisServer, engine_at, one_rule};
use shared_platform_core::kv::RedbKv;
use shared_platform_core::ratelimit::algorithm::{self, LimitSpec, Step};
use shared_platform_core::ratelimit::*;
use shared_platform_core::{ErrorCode, ManualClock, Timestamp};

const T0: i64 = 1_790_000_000_000;

/// A scenario mixing every kind, costs, reads, idle gaps and a clock stepping back.
fn scenario() -> Vec<(LimitSpec, u128, i64, i64, bool)> {
    let kinds = [
        LimitSpec::fixed_window(5, 1000).unwrap(),
        LimitSpec::sliding_window(7, 2000).unwrap(),
        LimitSpec::token_bucket(3, 6, Some(2)).unwrap(),
        LimitSpec::burst(3, 700, 900).unwrap(),
        LimitSpec::marker(1500).unwrap(),
    ];
    let mut steps = Vec::new();
    let mut now = T0;
    for i in 0..400i64 {
        let spec = kinds[(i % 5) as usize];
        now += [0, 37, 130, 0, 410, 5, 999, 3, 0, 61][(i % 10) as usize];
        let jitter = if i % 23 == 0 { -700 } else { 0 };
        let cost = match spec.kind() {
            algorithm::Kind::Marker => i64::from(i % 4 == 0),
            _ => 1 + (i % 3) % 2,
        };
        steps.push((spec, (i % 3) as u128, cost, now + jitter, i % 7 != 0));
    }
    steps
}

fn run(store: &dyn StateStore) -> Vec<(bool, i64, i64, i64)> {
    scenario()
        .into_iter()
        .map(|(spec, key, cost, now_ms, commit)| {
            let key = StateKey { tenant: "acme", id: key * 1000 + spec.kind() as u128 };
            let out = store.step(&key, &Step { spec, cost, now_ms, commit }).unwrap();
            (out.allowed, out.state.a, out.state.b, out.state.t)
        })
        .collect()
}

#[test]
fn every_store_takes_the_same_decisions() {
    let memory = run(&MemoryStateStore::default());
    let dir = tempfile::tempdir().unwrap();
    let redb = KvStateStore::new(Arc::new(RedbKv::open(&dir.path().join("rl.redb")).unwrap()), "redb");
    assert_eq!(memory, run(&redb), "redb differs from memory");
    assert!(memory.iter().any(|d| d.0) && memory.iter().any(|d| !d.0));
    let Some(server) = RedisServer::start() else { return };
    let redis = RedisStateStore::new(&server.url(), "rl:", DEFAULT_TIMEOUT).unwrap();
    assert_eq!(memory, run(&redis), "redis differs from memory");
}

#[test]
fn redb_counters_survive_an_engine_restart() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(Timestamp::from_millis(T0)));
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    {
        let engine = engine_at(dir.path(), clock.clone());
        let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
        one_rule(&rl, RateLimitAlgorithm::FixedWindow, RateLimitScope::User, 3, 60);
        assert!(rl.consume(&request).unwrap().allowed);
        assert!(rl.consume(&request).unwrap().allowed);
        engine.close().unwrap();
    }
    let engine = engine_at(dir.path(), clock);
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    assert_eq!(rl.get_distributed_store_status().unwrap().store_type, "redb");
    let third = rl.consume(&request).unwrap();
    assert!(third.allowed);
    assert_eq!(third.remaining, 0, "the two requests before the restart still count");
    assert!(!rl.consume(&request).unwrap().allowed);
}

fn hammer(store: Arc<dyn StateStore>, spec: LimitSpec) -> usize {
    let allowed = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (store, allowed) = (store.clone(), allowed.clone());
            std::thread::spawn(move || {
                let key = StateKey { tenant: "acme", id: 42 };
                for _ in 0..500 {
                    let out = store.step(&key, &Step { spec, cost: 1, now_ms: T0 + 10, commit: true }).unwrap();
                    allowed.fetch_add(usize::from(out.allowed), Ordering::Relaxed);
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    allowed.load(Ordering::Relaxed)
}

#[test]
fn threads_hammering_one_key_never_exceed_the_limit() {
    let fixed = LimitSpec::fixed_window(100, 60_000).unwrap();
    let bucket = LimitSpec::token_bucket(1, 100, None).unwrap();
    assert_eq!(hammer(Arc::new(MemoryStateStore::default()), fixed), 100);
    assert_eq!(hammer(Arc::new(MemoryStateStore::default()), bucket), 100);
    if let Some(server) = RedisServer::start() {
        let redis: Arc<dyn StateStore> = Arc::new(RedisStateStore::new(&server.url(), "rl:", DEFAULT_TIMEOUT).unwrap());
        assert_eq!(hammer(redis, fixed), 100);
    }
}

#[test]
fn a_flood_of_distinct_keys_stays_bounded() {
    let store = MemoryStateStore::new(16, 50_000);
    let spec = LimitSpec::sliding_window(10, 1000).unwrap();
    let mut full = 0;
    for i in 0..200_000u128 {
        let key = StateKey { tenant: "acme", id: i.wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835) };
        match store.step(&key, &Step { spec, cost: 1, now_ms: T0, commit: true }) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.code(), ErrorCode::HotStateFull);
                full += 1;
            }
        }
    }
    let held = store.tracked_keys().unwrap();
    assert!(held <= 50_000, "held {held}");
    assert!(full >= 150_000);
    let per_key = store.table_bytes() as f64 / held as f64;
    println!("memory store: {held} keys, {per_key:.0} table bytes per key");
    assert!(per_key <= 128.0, "{per_key} bytes per key");
    // Two windows later every key is forgettable: new keys get room again.
    let later = StateKey { tenant: "acme", id: 7 };
    assert!(store.step(&later, &Step { spec, cost: 1, now_ms: T0 + 5000, commit: true }).is_ok());
    store.purge_expired(T0 + 5000);
    assert_eq!(store.tracked_keys().unwrap(), 1, "expired keys evicted");
}

#[test]
fn redis_keys_carry_the_tenant_hash_tag_and_survive_a_script_flush() {
    let Some(server) = RedisServer::start() else { return };
    let store = RedisStateStore::new(&server.url(), "rl:", DEFAULT_TIMEOUT).unwrap();
    let spec = LimitSpec::fixed_window(2, 60_000).unwrap();
    let key = StateKey { tenant: "acme", id: 9 };
    assert!(store.step(&key, &Step { spec, cost: 1, now_ms: T0, commit: true }).unwrap().allowed);
    let keys: Vec<String> = server.query(redis::cmd("KEYS").arg("*"));
    assert_eq!(keys, vec![key_string("rl:", &key)]);
    assert!(keys[0].starts_with("rl:{acme}:"));
    let _: String = server.query(redis::cmd("SCRIPT").arg("FLUSH"));
    assert!(store.step(&key, &Step { spec, cost: 1, now_ms: T0, commit: true }).unwrap().allowed, "NOSCRIPT reloads");
    assert!(!store.step(&key, &Step { spec, cost: 1, now_ms: T0, commit: true }).unwrap().allowed);
}

#[test]
fn an_unreachable_redis_follows_the_failure_mode_and_recovers() {
    let Some(mut server) = RedisServer::start() else { return };
    let engine = shared_platform_core::Engine::in_memory().unwrap();
    let rl = engine.tenant("acme").unwrap().ratelimit().unwrap();
    let events = ratelimit_support::record_events(&engine);
    let config = DistributedStoreConfig {
        store_type: DistributedStoreType::Redis,
        connection_url: server.url(),
        key_prefix: "rl:".into(),
        sync_interval_ms: 100,
        failure_mode: FailureMode::Error,
    };
    rl.configure_distributed_store(&config).unwrap();
    one_rule(&rl, RateLimitAlgorithm::SlidingWindow, RateLimitScope::User, 5, 60);
    let request = RateLimitRequest::new("/a", "GET").user("u1");
    assert!(rl.consume(&request).unwrap().allowed);
    server.stop();
    let err = rl.consume(&request).unwrap_err();
    assert_eq!((err.code(), err.status()), (ErrorCode::StoreUnavailable, 503));
    assert!(!rl.get_distributed_store_status().unwrap().connected);
    let settings = rl.settings();
    rl.configure(RateLimitSettings { failure_mode: FailureMode::FailOpen, ..settings }).unwrap();
    let open = rl.consume(&request).unwrap();
    assert!(open.allowed && open.degraded);
    rl.configure(RateLimitSettings { failure_mode: FailureMode::FailClosed, ..settings }).unwrap();
    let closed = rl.consume(&request).unwrap();
    assert!(!closed.allowed && closed.degraded);
    server.restart();
    let back = rl.consume(&request).unwrap();
    assert!(back.allowed && !back.degraded, "recovered when the server returned");
    // A restart between calls leaves every pooled connection stale: no decision may fail.
    rl.configure(RateLimitSettings { failure_mode: FailureMode::Error, ..settings }).unwrap();
    let other = RateLimitRequest::new("/a", "GET").user("u2");
    (0..POOL_SIZE).for_each(|_| assert!(rl.consume(&other).unwrap().allowed));
    server.stop();
    server.restart();
    let after: Vec<bool> = (0..POOL_SIZE).map(|_| rl.consume(&other).is_ok_and(|d| !d.degraded)).collect();
    assert_eq!(after, vec![true; POOL_SIZE], "stale connections are replaced transparently");
    let seen = events.lock().unwrap().clone();
    assert!(seen.iter().any(|e| e == "ratelimit.distributed_store.disconnected"));
    assert!(seen.iter().filter(|e| *e == "ratelimit.distributed_store.connected").count() >= 2);
}
