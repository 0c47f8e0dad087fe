//! The Redis [`StateStore`]: one round trip per decision (`EVALSHA` of `redis_step.lua`, loaded
//! once and reloaded on `NOSCRIPT`), atomic across every process sharing the server, with the
//! tenant as the key's hash tag so Redis Cluster keeps a tenant's keys on one slot.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use super::algorithm::{Outcome, State, Step};
use super::state::{StateKey, StateStore, key_string};
use crate::error::{ErrorCode, PlatformError, Result};

const STEP_SCRIPT: &str = include_str!("redis_step.lua");

/// Default connect/read/write timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(250);
/// Connections kept open (a call takes the first idle one, so threads rarely wait on each other).
pub const POOL_SIZE: usize = 4;

/// Rate-limit state in Redis, over a small pool of connections. A failed call drops its
/// connection and reports `StoreUnavailable` (503); the next call on it reconnects, so the store
/// recovers by itself when the server returns.
pub struct RedisStateStore {
    client: redis::Client,
    script: redis::Script,
    prefix: String,
    timeout: Duration,
    pool: Box<[Mutex<Option<redis::Connection>>]>,
    next: AtomicUsize,
}

impl std::fmt::Debug for RedisStateStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStateStore").field("prefix", &self.prefix).finish_non_exhaustive()
    }
}

fn unavailable(err: impl std::fmt::Display) -> PlatformError {
    PlatformError::new(ErrorCode::StoreUnavailable, "the distributed rate-limit store is unreachable")
        .with_detail(err.to_string())
}

impl RedisStateStore {
    /// A store on `url` (`redis://host:port/db`) with keys led by `prefix` (`rl:`). Connects
    /// lazily: an unreachable server fails the first step, not the constructor.
    pub fn new(url: &str, prefix: &str, timeout: Duration) -> Result<RedisStateStore> {
        let client = redis::Client::open(url).map_err(|e| {
            PlatformError::invalid(ErrorCode::InvalidConfig, "connection_url", "not a valid Redis URL")
                .with_detail(e.to_string())
        })?;
        Ok(RedisStateStore {
            client,
            script: redis::Script::new(STEP_SCRIPT),
            prefix: prefix.to_owned(),
            timeout,
            pool: (0..POOL_SIZE).map(|_| Mutex::new(None)).collect(),
            next: AtomicUsize::new(0),
        })
    }

    fn connect(&self) -> Result<redis::Connection> {
        let conn = self.client.get_connection_with_timeout(self.timeout).map_err(unavailable)?;
        conn.set_read_timeout(Some(self.timeout)).map_err(unavailable)?;
        conn.set_write_timeout(Some(self.timeout)).map_err(unavailable)?;
        Ok(conn)
    }

    /// The first idle pooled connection (so a lone caller keeps reusing one warm connection),
    /// else the next one in turn.
    fn slot(&self) -> MutexGuard<'_, Option<redis::Connection>> {
        for slot in self.pool.iter() {
            if let Ok(guard) = slot.try_lock() {
                return guard;
            }
        }
        let index = self.next.fetch_add(1, Ordering::Relaxed) % self.pool.len();
        self.pool[index].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on a pooled connection. A connection found dead (the server restarted since it
    /// was opened) is replaced and the call retried once, so recovery costs no failed decision.
    fn with_conn<T>(&self, f: impl Fn(&mut redis::Connection) -> redis::RedisResult<T>) -> Result<T> {
        let mut slot = self.slot();
        let reused = slot.is_some();
        let mut conn = match slot.take() {
            Some(conn) => conn,
            None => self.connect()?,
        };
        let mut result = f(&mut conn);
        if reused && result.as_ref().is_err_and(|e| e.is_io_error() || e.is_connection_dropped()) {
            conn = self.connect()?;
            result = f(&mut conn);
        }
        match result {
            Ok(value) => {
                *slot = Some(conn);
                Ok(value)
            }
            Err(e) => {
                tracing::warn!(error = %e, "rate-limit redis call failed");
                Err(unavailable(e))
            }
        }
    }

    /// Round-trip time of a `PING`, and the number of keys in the database.
    pub fn ping(&self) -> Result<(Duration, usize)> {
        self.with_conn(|conn| {
            let started = std::time::Instant::now();
            redis::cmd("PING").query::<String>(conn)?;
            let latency = started.elapsed();
            let keys: usize = redis::cmd("DBSIZE").query(conn)?;
            Ok((latency, keys))
        })
    }
}

impl StateStore for RedisStateStore {
    fn step(&self, key: &StateKey<'_>, step: &Step) -> Result<Outcome> {
        let name = key_string(&self.prefix, key);
        let spec = &step.spec;
        // Every value is an integer below 2^53: exact as a double.
        let values = [spec.kind() as i64, spec.capacity(), spec.period(), spec.extra(), step.cost, step.now_ms];
        let mut args = [0u8; 56];
        for (chunk, value) in args.chunks_exact_mut(8).zip(values.into_iter().chain([i64::from(step.commit)])) {
            chunk.copy_from_slice(&(value as f64).to_le_bytes());
        }
        let reply: (i64, i64, i64, i64) = self.with_conn(|conn| self.script.key(&name).arg(&args[..]).invoke(conn))?;
        Ok(Outcome { allowed: reply.0 == 1, state: State { a: reply.1, b: reply.2, t: reply.3 } })
    }

    fn kind(&self) -> &'static str {
        "redis"
    }

    fn tracked_keys(&self) -> Result<usize> {
        self.ping().map(|(_, keys)| keys)
    }
}
