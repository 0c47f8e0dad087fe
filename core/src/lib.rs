//! # Shared Platform Core
//!
//! One engine for the cross-cutting work of multi-tenant SaaS backends: rate limiting, PII and
//! secret redaction, authorization, notifications and analytics. Python, Node, Java and C bind
//! to this crate, so every language gets the same answers.
//!
//! Everything runs inside a scope: `engine.tenant("acme")?` for one tenant, `engine.platform()?`
//! for platform-wide objects. Errors are [`PlatformError`]s with stable [`ErrorCode`]s. Time comes
//! from the engine's [`Clock`] (a [`ManualClock`] in tests).
//!
//! ```
//! use shared_platform_core::{AuditEntry, Engine};
//! let engine = Engine::in_memory()?;
//! let acme = engine.tenant("acme")?;
//! let op = acme.operation("example");
//! acme.audit_record(AuditEntry::new("alice", "doc.read", "doc", "d1"), &op.request_id)?;
//! assert!(acme.audit_verify()?.valid);
//! # Ok::<(), shared_platform_core::PlatformError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod audit;
pub mod authz;
mod clock;
mod config;
mod engine;
mod error;
pub mod events;
mod ids;
pub mod kv;
pub mod logging;
mod page;
pub mod ratelimit;
pub mod redact_hook;
pub mod redaction;
pub mod store;
mod tenant;

pub use audit::{AuditEntry, AuditOutcome, AuditQuery, AuditRecord, VerifyReport};
pub use clock::{Clock, ManualClock, SystemClock, Timestamp};
pub use config::{DatabaseConfig, EngineConfig, EngineConfigBuilder, EngineOptions, HotStateConfig};
pub use engine::{Engine, Operation, TenantScope};
pub use error::{ErrorCode, ErrorKind, PlatformError, Result, render_error_table};
pub use events::{Event, EventBus, SubscriptionId};
pub use ids::{RequestId, new_entity_id, new_uuid_v7};
pub use logging::LogFormat;
pub use page::{MAX_PAGE_SIZE, Page, PageRequest, Pagination};
pub use redact_hook::{PassThrough, Redactor};
pub use tenant::{MAX_TENANT_ID_LEN, PLATFORM_SCOPE_KEY, Scope, TenantId};
