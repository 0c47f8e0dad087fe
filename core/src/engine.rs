//! The [`Engine`] and the [`TenantScope`] every operation runs in.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::audit::{AuditEntry, AuditLog, AuditQuery, AuditRecord, VerifyReport};
use crate::clock::{Clock, Timestamp};
use crate::config::{DatabaseConfig, EngineConfig, HotStateConfig};
use crate::error::{ErrorCode, PlatformError, Result};
use crate::events::{Event, EventBus};
use crate::ids::{RequestId, new_entity_id};
use crate::kv::{KvStore, MemoryKv, RedbKv};
use crate::page::Page;
use crate::redact_hook::{PassThrough, Redactor};
use crate::store::{RecordStore, SqliteStore};
use crate::tenant::{Scope, TenantId};

/// The engine: one per process (or per configuration). Cheap to clone; clones share everything.
///
/// ```
/// use shared_platform_core::{Engine, EngineConfig};
/// let engine = Engine::new(EngineConfig::default()).unwrap();
/// let acme = engine.tenant("acme").unwrap();
/// assert_eq!(acme.scope().key(), "acme");
/// assert!(engine.tenant("not valid!").is_err());
/// engine.close().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Engine {
    inner: Arc<EngineInner>,
}

#[derive(Debug)]
struct EngineInner {
    config: EngineConfig,
    clock: Arc<dyn Clock>,
    sqlite: Arc<SqliteStore>,
    kv: Arc<dyn KvStore>,
    audit: AuditLog,
    events: EventBus,
    redactor: std::sync::RwLock<Arc<dyn Redactor>>,
    closed: AtomicBool,
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
    extensions: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Engine {
    /// Builds an engine: opens (and migrates) the stores named by the config.
    pub fn new(config: EngineConfig) -> Result<Engine> {
        config.validate()?;
        if let Some((format, filter)) = &config.logging {
            // Another component may already have installed a subscriber: keep it.
            let _ = crate::logging::init_logging(*format, filter);
        }
        let sqlite = Arc::new(match &config.database {
            DatabaseConfig::Memory => SqliteStore::open_in_memory()?,
            DatabaseConfig::Sqlite(path) => SqliteStore::open(path)?,
        });
        let kv: Arc<dyn KvStore> = match &config.hot_state {
            HotStateConfig::Memory { shards, max_keys } => Arc::new(MemoryKv::new(*shards, *max_keys)),
            HotStateConfig::Redb(path) => Arc::new(RedbKv::open(path)?),
        };
        let inner = EngineInner {
            clock: config.clock.clone(),
            audit: AuditLog::new(sqlite.clone()),
            sqlite,
            kv,
            events: EventBus::new(),
            redactor: std::sync::RwLock::new(Arc::new(PassThrough)),
            closed: AtomicBool::new(false),
            runtime: Mutex::new(None),
            extensions: Mutex::new(HashMap::new()),
            config,
        };
        tracing::debug!(database = ?inner.config.database, hot_state = ?inner.config.hot_state, "engine started");
        let engine = Engine { inner: Arc::new(inner) };
        // Safe by default: logs and audit records are redacted with the built-in policy.
        engine.set_redactor(Arc::new(crate::redaction::PolicyRedactor::builtin()));
        Ok(engine)
    }

    /// An engine with the zero-config default (SQLite and hot state in memory).
    pub fn in_memory() -> Result<Engine> {
        Engine::new(EngineConfig::default())
    }

    /// The scope of one tenant. An invalid id is an `InvalidTenant` validation error.
    pub fn tenant(&self, tenant_id: &str) -> Result<TenantScope> {
        self.ensure_open()?;
        let id = TenantId::new(tenant_id)?;
        Ok(TenantScope { engine: self.clone(), scope: Scope::Tenant(id) })
    }

    /// The explicit platform-wide scope (global policies and defaults).
    pub fn platform(&self) -> Result<TenantScope> {
        self.ensure_open()?;
        Ok(TenantScope { engine: self.clone(), scope: Scope::Platform })
    }

    /// A scope from its storage key (`*` is the platform).
    pub fn scope(&self, scope: Scope) -> Result<TenantScope> {
        self.ensure_open()?;
        Ok(TenantScope { engine: self.clone(), scope })
    }

    /// The configuration the engine was built with.
    pub fn config(&self) -> &EngineConfig {
        &self.inner.config
    }

    /// The engine's clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// The current engine time.
    pub fn now(&self) -> Timestamp {
        self.inner.clock.now()
    }

    /// The system of record.
    pub fn records(&self) -> Arc<dyn RecordStore> {
        self.inner.sqlite.clone()
    }

    /// The SQLite store behind the system of record (schema version, path).
    pub fn sqlite(&self) -> &SqliteStore {
        &self.inner.sqlite
    }

    /// The hot-state store.
    pub fn kv(&self) -> &Arc<dyn KvStore> {
        &self.inner.kv
    }

    /// The audit log.
    pub fn audit(&self) -> &AuditLog {
        &self.inner.audit
    }

    /// The event bus.
    pub fn events(&self) -> &EventBus {
        &self.inner.events
    }

    /// The redactor applied to audit metadata (and, process-wide, to log lines): the built-in
    /// redaction policy until the platform's policy or [`Engine::set_redactor`] replaces it.
    pub fn redactor(&self) -> Arc<dyn Redactor> {
        self.inner.redactor.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Installs the redactor for audit records and log lines.
    pub fn set_redactor(&self, redactor: Arc<dyn Redactor>) {
        crate::logging::set_log_redactor(redactor.clone());
        *self.inner.redactor.write().unwrap_or_else(|p| p.into_inner()) = redactor;
    }

    /// The background runtime (started on first use), for I/O and scheduled work.
    pub fn runtime(&self) -> Result<tokio::runtime::Handle> {
        self.ensure_open()?;
        let mut slot = self.inner.runtime.lock().map_err(|_| PlatformError::internal("runtime mutex poisoned"))?;
        if slot.is_none() {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(self.inner.config.worker_threads)
                .thread_name("shared-platform-worker")
                .enable_all()
                .build()
                .map_err(|e| PlatformError::internal(format!("cannot start runtime: {e}")))?;
            *slot = Some(runtime);
        }
        Ok(slot.as_ref().map(|rt| rt.handle().clone()).expect("runtime was just set"))
    }

    /// The engine-wide state of a module (caches, stores), created by `init` on first use and
    /// shared by every scope afterwards. Module clients fetch it once and keep the `Arc`, so hot
    /// paths do not pay for the lookup. The state must not hold an [`Engine`] clone (that would
    /// be a reference cycle).
    pub fn extension<T: Any + Send + Sync>(&self, init: impl FnOnce(&Engine) -> Result<T>) -> Result<Arc<T>> {
        self.ensure_open()?;
        let mut map = self.inner.extensions.lock().map_err(|_| PlatformError::internal("extension mutex poisoned"))?;
        if let Some(existing) = map.get(&TypeId::of::<T>()) {
            return existing.clone().downcast::<T>().map_err(|_| PlatformError::internal("extension type mismatch"));
        }
        let state = Arc::new(init(self)?);
        map.insert(TypeId::of::<T>(), state.clone());
        Ok(state)
    }

    /// Fails with `EngineClosed` once [`Engine::close`] was called.
    pub fn ensure_open(&self) -> Result<()> {
        if self.inner.closed.load(Ordering::Acquire) {
            return Err(PlatformError::new(ErrorCode::EngineClosed, "the engine is closed"));
        }
        Ok(())
    }

    /// Whether [`Engine::close`] was called.
    pub fn is_closed(&self) -> bool {
        self.inner.closed.load(Ordering::Acquire)
    }

    /// Stops background work (waiting up to 5 s) and refuses further operations with
    /// `EngineClosed`. Idempotent: closing twice is fine. Stores are released when the last clone
    /// of the engine is dropped.
    pub fn close(&self) -> Result<()> {
        if self.inner.closed.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        let runtime = self.inner.runtime.lock().map_err(|_| PlatformError::internal("runtime mutex poisoned"))?.take();
        if let Some(runtime) = runtime {
            runtime.shutdown_timeout(Duration::from_secs(5));
        }
        tracing::debug!("engine closed");
        Ok(())
    }
}

/// One engine operation: its request id and its tracing span (carrying `tenant_id`,
/// `request_id` and the operation name). Enter the span for the operation's duration.
#[derive(Debug)]
pub struct Operation {
    /// The operation's request id.
    pub request_id: RequestId,
    /// The operation's span.
    pub span: tracing::Span,
}

/// The scope (one tenant, or the platform) an operation runs in. Every module's client hangs off
/// it (`scope.ratelimit()`, `scope.authz()`…), and every key it touches is led by the scope key.
#[derive(Clone, Debug)]
pub struct TenantScope {
    engine: Engine,
    scope: Scope,
}

impl TenantScope {
    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The scope.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The tenant id, or `None` for the platform scope.
    pub fn tenant_id(&self) -> Option<&TenantId> {
        self.scope.tenant()
    }

    /// Starts an operation: a fresh request id and a span with `tenant_id` and `request_id`.
    pub fn operation(&self, name: &'static str) -> Operation {
        let request_id = RequestId::generate(self.engine.now());
        let span = tracing::info_span!("op", op = name, tenant_id = %self.scope.key(), request_id = %request_id);
        Operation { request_id, span }
    }

    /// Appends an audit record to this scope's chain (metadata redacted first).
    pub fn audit_record(&self, entry: AuditEntry, request_id: &RequestId) -> Result<AuditRecord> {
        self.engine.ensure_open()?;
        let redactor = self.engine.redactor();
        self.engine.audit().record(&self.scope, entry, self.engine.now(), request_id, redactor.as_ref())
    }

    /// Lists this scope's audit records.
    pub fn audit_list(&self, query: &AuditQuery) -> Result<Page<AuditRecord>> {
        self.engine.ensure_open()?;
        self.engine.audit().list(&self.scope, query)
    }

    /// Verifies this scope's audit chain.
    pub fn audit_verify(&self) -> Result<VerifyReport> {
        self.engine.ensure_open()?;
        self.engine.audit().verify(&self.scope)
    }

    /// Publishes an event of this scope on the engine bus (skipped when nobody listens).
    pub fn publish(&self, event_type: &str, data: impl FnOnce() -> Value) {
        let bus = self.engine.events();
        if !bus.has_subscribers() {
            return;
        }
        let now = self.engine.now();
        bus.publish(&Event {
            id: new_entity_id(now),
            event_type: event_type.to_owned(),
            tenant_id: self.scope.key().to_owned(),
            timestamp: now,
            data: data(),
        });
    }
}
