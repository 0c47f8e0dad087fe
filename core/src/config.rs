//! Engine configuration: a builder, and [`EngineConfig::from_env`] for `SHARED_PLATFORM_*`
//! variables. Everything is validated when the config is built, and an error names the setting.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::error::{ErrorCode, PlatformError, Result};
use crate::logging::LogFormat;

/// Where records (policies, rules, audit log…) are kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum DatabaseConfig {
    /// A private in-memory SQLite database (the zero-config default).
    #[default]
    Memory,
    /// A durable SQLite file (created when missing; WAL).
    Sqlite(PathBuf),
}

/// Where hot state (counters, cursors) is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HotStateConfig {
    /// Sharded in-memory maps holding at most `max_keys` entries.
    Memory {
        /// Number of independently locked shards (rounded up to a power of two).
        shards: usize,
        /// Key cap; see [`crate::kv::MemoryKv`] for what happens when it is reached.
        max_keys: usize,
    },
    /// A durable redb file: hot state survives an engine restart.
    Redb(PathBuf),
}

impl Default for HotStateConfig {
    fn default() -> Self {
        HotStateConfig::Memory { shards: DEFAULT_SHARDS, max_keys: DEFAULT_MAX_KEYS }
    }
}

/// Default number of hot-state shards.
pub const DEFAULT_SHARDS: usize = 64;
/// Default hot-state key cap.
pub const DEFAULT_MAX_KEYS: usize = 10_000_000;
/// Default number of background worker threads.
pub const DEFAULT_WORKER_THREADS: usize = 2;

/// A validated engine configuration.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// System of record.
    pub database: DatabaseConfig,
    /// Hot state.
    pub hot_state: HotStateConfig,
    /// Redis for shared, multi-process state (`redis://host:port/db`).
    pub redis_url: Option<String>,
    /// Threads of the engine's background runtime (1–64).
    pub worker_threads: usize,
    /// When set, the engine installs process-wide logging (format and `RUST_LOG`-style filter).
    pub logging: Option<(LogFormat, String)>,
    /// The time source (a [`crate::ManualClock`] in tests and conformance vectors).
    pub clock: Arc<dyn Clock>,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            database: DatabaseConfig::default(),
            hot_state: HotStateConfig::default(),
            redis_url: None,
            worker_threads: DEFAULT_WORKER_THREADS,
            logging: None,
            clock: Arc::new(SystemClock),
        }
    }
}

fn invalid(field: &str, message: impl Into<String>) -> PlatformError {
    PlatformError::invalid(ErrorCode::InvalidConfig, field, message)
}

impl EngineConfig {
    /// A builder starting from the zero-config default.
    pub fn builder() -> EngineConfigBuilder {
        EngineConfigBuilder { config: EngineConfig::default() }
    }

    /// Reads `SHARED_PLATFORM_*` variables of the process environment; see
    /// [`EngineConfig::from_vars`].
    pub fn from_env() -> Result<EngineConfig> {
        EngineConfig::from_vars(std::env::vars())
    }

    /// Builds a config from `SHARED_PLATFORM_*` variables. Unset variables keep their defaults;
    /// an unknown `SHARED_PLATFORM_*` name is an error (a typo must not be silently ignored).
    ///
    /// | variable | meaning |
    /// |---|---|
    /// | `SHARED_PLATFORM_DATABASE` | `:memory:` (default), a file path, or `sqlite://<path>` |
    /// | `SHARED_PLATFORM_REDB_PATH` | durable hot state in this redb file |
    /// | `SHARED_PLATFORM_KV_SHARDS` / `SHARED_PLATFORM_KV_MAX_KEYS` | in-memory hot state shape |
    /// | `SHARED_PLATFORM_REDIS_URL` | shared state in Redis |
    /// | `SHARED_PLATFORM_WORKER_THREADS` | background threads (1–64) |
    /// | `SHARED_PLATFORM_LOG_FORMAT` / `SHARED_PLATFORM_LOG_LEVEL` | install logging (`text`/`json`, filter) |
    pub fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Result<EngineConfig> {
        let mut builder = EngineConfig::builder();
        let (mut shards, mut max_keys) = (DEFAULT_SHARDS, DEFAULT_MAX_KEYS);
        let (mut log_format, mut log_level) = (None, None);
        for (name, value) in vars.into_iter().filter(|(name, _)| name.starts_with("SHARED_PLATFORM_")) {
            match name.as_str() {
                "SHARED_PLATFORM_DATABASE" => builder = builder.database(parse_database(&name, &value)?),
                "SHARED_PLATFORM_REDB_PATH" => builder = builder.redb_path(non_empty(&name, &value)?),
                "SHARED_PLATFORM_KV_SHARDS" => shards = parse_number(&name, &value)?,
                "SHARED_PLATFORM_KV_MAX_KEYS" => max_keys = parse_number(&name, &value)?,
                "SHARED_PLATFORM_REDIS_URL" => builder = builder.redis_url(&value),
                "SHARED_PLATFORM_WORKER_THREADS" => builder = builder.worker_threads(parse_number(&name, &value)?),
                "SHARED_PLATFORM_LOG_FORMAT" => {
                    log_format = Some(
                        value
                            .parse::<LogFormat>()
                            .map_err(|_| invalid(&name, format!("unknown log format {value:?} (use text or json)")))?,
                    )
                }
                "SHARED_PLATFORM_LOG_LEVEL" => log_level = Some(value),
                _ => return Err(invalid(&name, "unknown setting")),
            }
        }
        if !matches!(builder.config.hot_state, HotStateConfig::Redb(_)) {
            builder = builder.memory_hot_state(shards, max_keys);
        }
        if log_format.is_some() || log_level.is_some() {
            builder = builder.logging(log_format.unwrap_or_default(), &log_level.unwrap_or_else(|| "info".into()));
        }
        builder.build()
    }

    /// Checks every setting; the error names the first bad one.
    pub fn validate(&self) -> Result<()> {
        if let DatabaseConfig::Sqlite(path) = &self.database {
            if path.as_os_str().is_empty() {
                return Err(invalid("database", "the SQLite path is empty"));
            }
        }
        match &self.hot_state {
            HotStateConfig::Memory { shards, max_keys } => {
                if !(1..=4096).contains(shards) {
                    return Err(invalid("hot_state.shards", "must be between 1 and 4096"));
                }
                if *max_keys == 0 {
                    return Err(invalid("hot_state.max_keys", "must be at least 1"));
                }
            }
            HotStateConfig::Redb(path) if path.as_os_str().is_empty() => {
                return Err(invalid("hot_state.redb_path", "the redb path is empty"));
            }
            HotStateConfig::Redb(_) => {}
        }
        if let Some(url) = &self.redis_url {
            if !(url.starts_with("redis://") || url.starts_with("rediss://") || url.starts_with("redis+unix://")) {
                return Err(invalid("redis_url", "must start with redis://, rediss:// or redis+unix://"));
            }
        }
        if !(1..=64).contains(&self.worker_threads) {
            return Err(invalid("worker_threads", "must be between 1 and 64"));
        }
        Ok(())
    }
}

fn non_empty(name: &str, value: &str) -> Result<PathBuf> {
    if value.trim().is_empty() { Err(invalid(name, "must not be empty")) } else { Ok(PathBuf::from(value)) }
}

fn parse_number(name: &str, value: &str) -> Result<usize> {
    value.trim().parse().map_err(|_| invalid(name, format!("{value:?} is not a whole number")))
}

fn parse_database(name: &str, value: &str) -> Result<DatabaseConfig> {
    let value = value.trim();
    if value.is_empty() || value == ":memory:" || value == "sqlite::memory:" {
        return Ok(DatabaseConfig::Memory);
    }
    if value.starts_with("postgres://") || value.starts_with("postgresql://") {
        return Err(invalid(name, "PostgreSQL is not available in this build yet (use a SQLite path)"));
    }
    let path = value.strip_prefix("sqlite://").unwrap_or(value);
    Ok(DatabaseConfig::Sqlite(non_empty(name, path)?))
}

/// Engine options as the bindings and conformance vectors pass them (a JSON object / dict /
/// plain object / Java builder). Every field is optional; absent means the default.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EngineOptions {
    /// `:memory:` (default) or a SQLite file path.
    pub database: Option<String>,
    /// Durable hot state in this redb file.
    pub redb_path: Option<String>,
    /// In-memory hot-state shards.
    pub kv_shards: Option<usize>,
    /// In-memory hot-state key cap.
    pub kv_max_keys: Option<usize>,
    /// Shared state in Redis.
    pub redis_url: Option<String>,
    /// Background worker threads.
    pub worker_threads: Option<usize>,
    /// Start a manual clock at this RFC 3339 time instead of using the system clock.
    pub manual_clock: Option<String>,
}

impl EngineOptions {
    /// Validates the options and builds the config.
    pub fn into_config(self) -> Result<EngineConfig> {
        let mut builder = EngineConfig::builder();
        if let Some(database) = &self.database {
            builder = builder.database(parse_database("database", database)?);
        }
        if self.kv_shards.is_some() || self.kv_max_keys.is_some() {
            builder = builder.memory_hot_state(
                self.kv_shards.unwrap_or(DEFAULT_SHARDS),
                self.kv_max_keys.unwrap_or(DEFAULT_MAX_KEYS),
            );
        }
        if let Some(path) = &self.redb_path {
            builder = builder.redb_path(non_empty("redb_path", path)?);
        }
        if let Some(url) = &self.redis_url {
            builder = builder.redis_url(url);
        }
        if let Some(threads) = self.worker_threads {
            builder = builder.worker_threads(threads);
        }
        if let Some(start) = &self.manual_clock {
            let start = crate::clock::Timestamp::parse_rfc3339(start)
                .map_err(|_| invalid("manual_clock", format!("{start:?} is not an RFC 3339 time")))?;
            builder = builder.clock(Arc::new(crate::clock::ManualClock::new(start)));
        }
        builder.build()
    }
}

/// Builds an [`EngineConfig`]; [`EngineConfigBuilder::build`] validates it.
///
/// ```
/// use shared_platform_core::EngineConfig;
/// let config = EngineConfig::builder().worker_threads(1).build().unwrap();
/// assert_eq!(config.worker_threads, 1);
/// assert!(EngineConfig::builder().worker_threads(0).build().is_err());
/// ```
#[derive(Debug, Clone)]
pub struct EngineConfigBuilder {
    config: EngineConfig,
}

impl EngineConfigBuilder {
    /// Sets the system of record.
    pub fn database(mut self, database: DatabaseConfig) -> Self {
        self.config.database = database;
        self
    }

    /// Keeps records in a durable SQLite file.
    pub fn sqlite_path(self, path: impl Into<PathBuf>) -> Self {
        self.database(DatabaseConfig::Sqlite(path.into()))
    }

    /// Keeps hot state in a durable redb file.
    pub fn redb_path(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.hot_state = HotStateConfig::Redb(path.into());
        self
    }

    /// Keeps hot state in memory with this many shards and key cap.
    pub fn memory_hot_state(mut self, shards: usize, max_keys: usize) -> Self {
        self.config.hot_state = HotStateConfig::Memory { shards, max_keys };
        self
    }

    /// Shares state through Redis.
    pub fn redis_url(mut self, url: &str) -> Self {
        self.config.redis_url = Some(url.to_owned());
        self
    }

    /// Sets the number of background worker threads.
    pub fn worker_threads(mut self, threads: usize) -> Self {
        self.config.worker_threads = threads;
        self
    }

    /// Installs process-wide logging when the engine starts.
    pub fn logging(mut self, format: LogFormat, filter: &str) -> Self {
        self.config.logging = Some((format, filter.to_owned()));
        self
    }

    /// Sets the time source.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.config.clock = clock;
        self
    }

    /// Validates and returns the config.
    pub fn build(self) -> Result<EngineConfig> {
        self.config.validate()?;
        Ok(self.config)
    }
}
