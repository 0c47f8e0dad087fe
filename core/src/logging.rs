//! Structured logging with `tracing`: text or JSON lines, every line passed through the
//! installed [`Redactor`] before it is written.
//!
//! Every engine operation runs inside a span carrying `tenant_id` and `request_id` (see
//! [`crate::TenantScope::operation`]), so every event logged inside it carries both.

use std::io::{self, Write};
use std::sync::{Arc, OnceLock, RwLock};

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::error::{ErrorCode, PlatformError, Result};
use crate::redact_hook::{PassThrough, Redactor};

/// The output format of log lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (span fields included).
    Json,
}

impl std::str::FromStr for LogFormat {
    type Err = PlatformError;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "text" | "pretty" => Ok(LogFormat::Text),
            "json" => Ok(LogFormat::Json),
            other => Err(PlatformError::invalid(
                ErrorCode::InvalidConfig,
                "log_format",
                format!("unknown log format {other:?} (use text or json)"),
            )),
        }
    }
}

fn log_redactor() -> &'static RwLock<Arc<dyn Redactor>> {
    static REDACTOR: OnceLock<RwLock<Arc<dyn Redactor>>> = OnceLock::new();
    REDACTOR.get_or_init(|| RwLock::new(Arc::new(PassThrough)))
}

/// Installs the redactor applied to every log line of the process (the tracing subscriber is
/// process-wide, so this hook is too).
pub fn set_log_redactor(redactor: Arc<dyn Redactor>) {
    *log_redactor().write().unwrap_or_else(|p| p.into_inner()) = redactor;
}

/// A writer that buffers one formatted line and writes it redacted on flush/drop.
pub struct RedactingWriter<W: Write> {
    inner: W,
    buffer: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&self.buffer).into_owned();
        self.buffer.clear();
        let redactor = log_redactor().read().unwrap_or_else(|p| p.into_inner()).clone();
        self.inner.write_all(redactor.redact_text(&line).as_bytes())?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Wraps any `MakeWriter` (stderr, a file, a test buffer) so each line is redacted.
#[derive(Debug, Clone, Copy, Default)]
pub struct Redacting<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacting<M> {
    type Writer = RedactingWriter<M::Writer>;
    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter { inner: self.0.make_writer(), buffer: Vec::with_capacity(256) }
    }
}

/// Installs the process-wide subscriber: `filter` uses `RUST_LOG` syntax (`info`,
/// `shared_platform_core=debug`). Returns an error when a subscriber is already installed.
pub fn init_logging(format: LogFormat, filter: &str) -> Result<()> {
    let filter = EnvFilter::try_new(filter)
        .map_err(|e| PlatformError::invalid(ErrorCode::InvalidConfig, "log_level", format!("invalid filter: {e}")))?;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(Redacting(io::stderr));
    let installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(true).try_init(),
    };
    installed.map_err(|e| {
        PlatformError::new(ErrorCode::InvalidConfig, "logging already initialised").with_detail(e.to_string())
    })
}
