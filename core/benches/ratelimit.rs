//! Rate-limit decisions, side by side with the `governor` crate in the same run: one hot key,
//! 1M distinct keys, two threads on one key, and Redis decisions per second.
//!
//! Run: `cargo bench -p shared-platform-core --bench ratelimit` (Redis group needs redis-server).

use std::hint::black_box;
use std::num::NonZeroU32;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use governor::{Quota, RateLimiter as Governor};
use shared_platform_core::ratelimit::algorithm::{LimitSpec, Step};
use shared_platform_core::ratelimit::*;
use shared_platform_core::{Clock, Engine, SystemClock};

const DISTINCT: usize = 1_000_000;

fn limiter(algorithm: RateLimitAlgorithm) -> RateLimiter {
    let engine = Engine::in_memory().unwrap();
    let rl = engine.tenant("bench").unwrap().ratelimit().unwrap();
    let limit = RateLimit {
        scope: RateLimitScope::User,
        max_requests: 1_000_000_000,
        window_seconds: Some(60),
        window_unit: None,
        key: None,
        cost_based: false,
    };
    let policy = rl
        .create_policy(&CreatePolicyRequest {
            name: "bench".into(),
            limits: vec![limit],
            algorithm,
            ..Default::default()
        })
        .unwrap();
    let target = RuleTarget { target_type: RuleTargetType::User, value: None, method: None, path_pattern: None };
    rl.create_rule(&CreateRuleRequest {
        name: "all".into(),
        description: None,
        policy_id: policy.id,
        target,
        conditions: None,
        is_active: None,
        priority: 0,
    })
    .unwrap();
    rl
}

fn governor_quota() -> Quota {
    Quota::per_second(NonZeroU32::new(1_000_000_000).unwrap())
}

fn hot_key(c: &mut Criterion) {
    let mut group = c.benchmark_group("hot_key");
    for (name, algorithm) in
        [("sliding_window", RateLimitAlgorithm::SlidingWindow), ("token_bucket", RateLimitAlgorithm::TokenBucket)]
    {
        let rl = limiter(algorithm);
        let request = RateLimitRequest::new("/api/items", "GET").user("user-1");
        group.bench_function(format!("ours/consume/{name}"), |b| {
            b.iter(|| black_box(rl.consume(black_box(&request)).unwrap().allowed))
        });
    }
    let store = MemoryStateStore::default();
    let spec = LimitSpec::sliding_window(1_000_000_000, 60_000).unwrap();
    let key = KeyHasher::new("bench").part(b"rule").part(b"user-1").finish();
    group.bench_function("ours/store_step_with_clock/sliding_window", |b| {
        b.iter(|| {
            let now_ms = SystemClock.now().as_millis();
            black_box(store.step(&key, &Step { spec, cost: 1, now_ms, commit: true }).unwrap().allowed)
        })
    });
    let keyed = Governor::keyed(governor_quota());
    group.bench_function("governor/keyed", |b| b.iter(|| black_box(keyed.check_key(black_box(&"user-1")).is_ok())));
    let direct = Governor::direct(governor_quota());
    group.bench_function("governor/direct", |b| b.iter(|| black_box(direct.check().is_ok())));
    group.finish();
}

fn distinct_keys(c: &mut Criterion) {
    let users: Vec<String> = (0..DISTINCT).map(|i| format!("user-{i}")).collect();
    let mut group = c.benchmark_group("distinct_keys_1m");
    let rl = limiter(RateLimitAlgorithm::SlidingWindow);
    let mut i = 0;
    group.bench_function("ours/consume", |b| {
        b.iter(|| {
            i = (i + 1) % DISTINCT;
            black_box(rl.consume(&RateLimitRequest::new("/api/items", "GET").user(&users[i])).unwrap().allowed)
        })
    });
    let keyed = Governor::keyed(governor_quota());
    let mut j = 0;
    group.bench_function("governor/keyed", |b| {
        b.iter(|| {
            j = (j + 1) % DISTINCT;
            black_box(keyed.check_key(&users[j].as_str()).is_ok())
        })
    });
    group.finish();
}

/// Two threads on one key: total time over all decisions.
fn two_threads(c: &mut Criterion) {
    let mut group = c.benchmark_group("two_threads_hot_key");
    let rl = limiter(RateLimitAlgorithm::SlidingWindow);
    group.bench_function("ours/consume", |b| {
        b.iter_custom(|iters| {
            parallel(iters, {
                let rl = rl.clone();
                move || {
                    black_box(rl.consume(&RateLimitRequest::new("/api/items", "GET").user("user-1")).unwrap().allowed);
                }
            })
        })
    });
    let keyed = Arc::new(Governor::keyed(governor_quota()));
    group.bench_function("governor/keyed", |b| {
        b.iter_custom(|iters| {
            parallel(iters, {
                let keyed = keyed.clone();
                move || {
                    black_box(keyed.check_key(&"user-1").is_ok());
                }
            })
        })
    });
    group.finish();
}

/// Runs `iters` calls split over two threads; returns the wall time per call pair as criterion
/// expects (total elapsed for `iters` decisions).
fn parallel(iters: u64, f: impl Fn() + Clone + Send + 'static) -> Duration {
    let half = iters.div_ceil(2);
    let start = Instant::now();
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let f = f.clone();
            std::thread::spawn(move || (0..half).for_each(|_| f()))
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    start.elapsed()
}

struct Server(Child, u16);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn redis_server() -> Option<Server> {
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
        .ok()?;
    std::thread::sleep(Duration::from_millis(300));
    Some(Server(child, port))
}

fn redis(c: &mut Criterion) {
    let Some(server) = redis_server() else {
        eprintln!("redis-server not installed: skipping the Redis group");
        return;
    };
    let store = RedisStateStore::new(&format!("redis://127.0.0.1:{}/", server.1), "rl:", DEFAULT_TIMEOUT).unwrap();
    let spec = LimitSpec::sliding_window(1_000_000_000, 60_000).unwrap();
    let key = KeyHasher::new("bench").part(b"user-1").finish();
    let step = || {
        let now_ms = SystemClock.now().as_millis();
        black_box(store.step(&key, &Step { spec, cost: 1, now_ms, commit: true }).unwrap().allowed)
    };
    let mut conn = redis::Client::open(format!("redis://127.0.0.1:{}/", server.1)).unwrap().get_connection().unwrap();
    let trivial = redis::Script::new("return 1");
    // The fresh server's first second is slow (scripts loaded, pages touched): spend it on both
    // scripts, so the one measured first is not the one that pays for it.
    let warm_until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < warm_until {
        step();
        black_box(trivial.invoke::<i64>(&mut conn).unwrap());
    }
    let mut group = c.benchmark_group("redis");
    group.bench_function("ours/store_step/sliding_window", |b| b.iter(step));
    group.bench_function("trivial_script/evalsha", |b| b.iter(|| black_box(trivial.invoke::<i64>(&mut conn).unwrap())));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = hot_key, distinct_keys, two_threads, redis
}
criterion_main!(benches);
