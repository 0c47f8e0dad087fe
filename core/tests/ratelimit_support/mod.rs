//! Helpers shared by the rate-limit tests: a real redis-server on a free loopback port, engines
//! and one-rule setups, and an event recorder.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shared_platform_core::ratelimit::*;
use shared_platform_core::{Engine, EngineConfig, ManualClock};

/// A redis-server child process, killed on drop.
pub struct RedisServer {
    port: u16,
    child: Option<Child>,
}

impl RedisServer {
    /// Starts redis-server on a free port; `None` (with a loud message) when it is not installed.
    pub fn start() -> Option<RedisServer> {
        if Command::new("redis-server").arg("--version").stdout(Stdio::null()).status().is_err() {
            eprintln!(
                "\n!!!!! SKIPPING REDIS TESTS: redis-server is not installed (apt-get install -y redis-server) !!!!!\n"
            );
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut server = RedisServer { port, child: None };
        server.restart();
        Some(server)
    }

    /// The URL of the server.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// (Re)starts the server on its port and waits until it answers.
    pub fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(mut conn) = redis::Client::open(self.url()).unwrap().get_connection() {
                if redis::cmd("PING").query::<String>(&mut conn).is_ok() {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server did not start on port {}", self.port);
    }

    /// Stops the server.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Runs a command on the server.
    pub fn query<T: redis::FromRedisValue>(&self, cmd: &mut redis::Cmd) -> T {
        let mut conn = redis::Client::open(self.url()).unwrap().get_connection().unwrap();
        cmd.query(&mut conn).unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An engine keeping hot state in `dir/hot.redb` and records in `dir/records.db`.
pub fn engine_at(dir: &Path, clock: Arc<ManualClock>) -> Engine {
    let config = EngineConfig::builder()
        .sqlite_path(dir.join("records.db"))
        .redb_path(dir.join("hot.redb"))
        .clock(clock)
        .build()
        .unwrap();
    Engine::new(config).unwrap()
}

/// A policy of one limit and a rule applying it to every request with the scope's dimension.
pub fn one_rule(
    rl: &RateLimiter,
    algorithm: RateLimitAlgorithm,
    scope: RateLimitScope,
    max_requests: i64,
    window_seconds: i64,
) -> (RateLimitPolicy, RateLimitRule) {
    let policy = rl
        .create_policy(&CreatePolicyRequest {
            name: format!("{max_requests} per {window_seconds}s"),
            limits: vec![limit(scope, max_requests, window_seconds)],
            algorithm,
            ..Default::default()
        })
        .unwrap();
    let rule = rl.create_rule(&rule_request(&policy.id, RuleTargetType::Tenant, None, 0)).unwrap();
    (policy, rule)
}

/// One limit.
pub fn limit(scope: RateLimitScope, max_requests: i64, window_seconds: i64) -> RateLimit {
    RateLimit {
        scope,
        max_requests,
        window_seconds: Some(window_seconds),
        window_unit: None,
        key: None,
        cost_based: false,
    }
}

/// A rule request.
pub fn rule_request(
    policy_id: &str,
    target_type: RuleTargetType,
    value: Option<&str>,
    priority: i64,
) -> CreateRuleRequest {
    CreateRuleRequest {
        name: "rule".into(),
        description: None,
        policy_id: policy_id.to_owned(),
        target: RuleTarget { target_type, value: value.map(str::to_owned), method: None, path_pattern: None },
        conditions: None,
        is_active: None,
        priority,
    }
}

/// Records the type of every published event.
pub fn record_events(engine: &Engine) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    engine.events().subscribe("ratelimit.*", move |e| sink.lock().unwrap().push(e.event_type.clone()));
    seen
}
