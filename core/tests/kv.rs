//! Hot-state stores: memory (sharded, capped, expiring) and redb (durable across restarts).

use std::sync::Arc;
use std::time::Duration;

use shared_platform_core::kv::{KvStore, KvUpdate, MemoryKv, RedbKv, scoped_key, scoped_prefix};
use shared_platform_core::{Engine, EngineConfig, ErrorCode, Scope, TenantId, Timestamp};

const T0: Timestamp = Timestamp::from_secs(1_000);

fn counter(store: &dyn KvStore, key: &str, now: Timestamp) -> u64 {
    let after = store
        .update(key, now, &mut |current| {
            let n = current.map_or(0, |b| u64::from_be_bytes(b.try_into().unwrap()));
            KvUpdate::Set((n + 1).to_be_bytes().to_vec(), None)
        })
        .unwrap()
        .unwrap();
    u64::from_be_bytes(after.try_into().unwrap())
}

fn behaves_like_a_kv_store(store: &dyn KvStore) {
    store.set("a", b"1", None, T0).unwrap();
    store.set("b", b"2", Some(T0.add(Duration::from_secs(10))), T0).unwrap();
    assert_eq!(store.get("a", T0).unwrap().as_deref(), Some(&b"1"[..]));
    assert_eq!(store.get("b", T0.add(Duration::from_secs(9))).unwrap().as_deref(), Some(&b"2"[..]));
    assert_eq!(store.get("b", T0.add(Duration::from_secs(10))).unwrap(), None, "expired entries are invisible");
    assert_eq!(counter(store, "n", T0), 1);
    assert_eq!(counter(store, "n", T0), 2);
    let kept = store.update("n", T0, &mut |_| KvUpdate::Keep).unwrap();
    assert_eq!(kept, Some(2u64.to_be_bytes().to_vec()));
    assert!(store.delete("a", T0).unwrap());
    assert!(!store.delete("a", T0).unwrap());
    assert_eq!(store.purge_expired(T0.add(Duration::from_secs(60))).unwrap(), 1);
    assert_eq!(store.len().unwrap(), 1);
}

#[test]
fn memory_store_behaves() {
    behaves_like_a_kv_store(&MemoryKv::new(8, 1_000));
}

#[test]
fn redb_store_behaves() {
    let dir = tempfile::tempdir().unwrap();
    behaves_like_a_kv_store(&RedbKv::open(&dir.path().join("hot.redb")).unwrap());
}

#[test]
fn memory_store_refuses_new_keys_at_its_cap_after_evicting_expired_ones() {
    let store = MemoryKv::new(1, 3);
    for key in ["a", "b"] {
        store.set(key, b"x", Some(T0.add(Duration::from_secs(1))), T0).unwrap();
    }
    store.set("c", b"x", None, T0).unwrap();
    let err = store.set("d", b"x", None, T0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::HotStateFull);
    store.set("c", b"updated", None, T0).unwrap();
    store.set("d", b"x", None, T0.add(Duration::from_secs(2))).unwrap();
    assert_eq!(store.len().unwrap(), 2, "expired keys were evicted to make room");
}

#[test]
fn a_flood_of_distinct_keys_stays_bounded() {
    let store = MemoryKv::new(16, 10_000);
    let mut refused = 0;
    for i in 0..50_000 {
        if store.set(&format!("k{i}"), b"v", None, T0).is_err() {
            refused += 1;
        }
    }
    assert!(store.len().unwrap() <= 10_000 + 16);
    assert!(refused >= 40_000 - 16);
}

#[test]
fn concurrent_updates_never_lose_an_increment() {
    let store = Arc::new(MemoryKv::new(4, 100));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            std::thread::spawn(move || {
                (0..2_000).for_each(|_| {
                    counter(store.as_ref(), "hot", T0);
                })
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(counter(store.as_ref(), "hot", T0), 8_001);
}

#[test]
fn scoped_keys_keep_tenants_apart() {
    let store = MemoryKv::new(4, 100);
    let acme = Scope::Tenant(TenantId::new("acme").unwrap());
    let acme2 = Scope::Tenant(TenantId::new("acme2").unwrap());
    store.set(&scoped_key(&acme, "ns", "k"), b"1", None, T0).unwrap();
    store.set(&scoped_key(&acme2, "ns", "k"), b"2", None, T0).unwrap();
    store.set(&scoped_key(&Scope::Platform, "ns", "k"), b"3", None, T0).unwrap();
    let acme_keys = store.scan_prefix(&scoped_prefix(&acme, "ns"), T0).unwrap();
    assert_eq!(acme_keys.len(), 1, "a tenant whose id prefixes another's sees only its own keys");
    assert_eq!(acme_keys[0].1, b"1");
}

#[test]
fn redb_hot_state_survives_an_engine_restart() {
    let dir = tempfile::tempdir().unwrap();
    let config = || EngineConfig::builder().redb_path(dir.path().join("hot.redb")).build().unwrap();
    let key = scoped_key(&Scope::Tenant(TenantId::new("acme").unwrap()), "counter", "logins");
    {
        let engine = Engine::new(config()).unwrap();
        for _ in 0..5 {
            counter(engine.kv().as_ref(), &key, T0);
        }
        engine.close().unwrap();
    }
    let engine = Engine::new(config()).unwrap();
    assert_eq!(counter(engine.kv().as_ref(), &key, T0), 6);
}
