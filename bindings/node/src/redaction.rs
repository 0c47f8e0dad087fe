//! The typed redaction hot path for Node: plain functions on a redactor id (a napi class method
//! costs several hundred nanoseconds more per call), strings in; `redaction_redact_text` returns
//! `null` when nothing changed so the JavaScript side hands back the caller's own string.

use std::borrow::Cow;
use std::sync::Arc;

use napi::bindgen_prelude::{AsyncTask, Result, ToNapiValue, TypeName};
use napi::{Env, Task};
use napi_derive::napi;
use shared_platform_core::redaction::{self, RedactionClient};
use shared_platform_core::{PlatformError, api};

use crate::registry::Registry;
use crate::{NativeEngine, to_js_error};

/// Live redactors by id.
static REDACTORS: Registry<RedactionClient> = Registry::new("redactor");

fn redactor_by_id(id: u32) -> Result<Arc<RedactionClient>> {
    REDACTORS.get(id)
}

/// One detected value; offsets into the input in UTF-8 bytes (`start`, `end`) and in Unicode
/// code points (`charStart`, `charEnd`).
#[napi(object)]
pub struct NativeFinding {
    /// The entity name.
    pub entity: String,
    /// Byte offset of the start.
    pub start: u32,
    /// Byte offset of the end (exclusive).
    pub end: u32,
    /// Code point offset of the start.
    pub char_start: u32,
    /// Code point offset of the end (exclusive).
    pub char_end: u32,
    /// Confidence, 0 to 1.
    pub score: f64,
}

impl From<redaction::Finding> for NativeFinding {
    fn from(f: redaction::Finding) -> NativeFinding {
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        NativeFinding {
            entity: f.entity.into_owned(),
            start: offset(f.start),
            end: offset(f.end),
            char_start: offset(f.char_start),
            char_end: offset(f.char_end),
            score: f.score,
        }
    }
}

/// The redacted text (`null` when unchanged) and the findings.
#[napi(object)]
pub struct NativeRedacted {
    /// The redacted text, or null when nothing was redacted.
    pub text: Option<String>,
    /// The findings, offsets into the input.
    pub findings: Vec<NativeFinding>,
}

type Outcome<T> = std::result::Result<T, PlatformError>;

/// The redacted text, `None` when there was nothing to redact.
fn redacted_text(client: &RedactionClient, text: &str) -> Outcome<Option<String>> {
    Ok(match client.redact_text(text)? {
        Cow::Borrowed(_) => None,
        Cow::Owned(changed) => Some(changed),
    })
}

/// The redacted text (`None` when unchanged) and the findings.
fn redacted(client: &RedactionClient, text: &str) -> Outcome<NativeRedacted> {
    let out = client.redact(text)?;
    let findings: Vec<NativeFinding> = out.findings.into_iter().map(NativeFinding::from).collect();
    Ok(NativeRedacted { text: if findings.is_empty() { None } else { Some(out.text) }, findings })
}

/// The findings.
fn analyzed(client: &RedactionClient, text: &str) -> Outcome<Vec<NativeFinding>> {
    Ok(client.analyze(text)?.into_iter().map(NativeFinding::from).collect())
}

/// The redaction client of one scope; `RedactionClient` in lib/redaction/client.js wraps it. Its
/// registry entry lives as long as this object.
#[napi]
pub struct NativeRedactor {
    id: u32,
    inner: Arc<RedactionClient>,
}

impl Drop for NativeRedactor {
    fn drop(&mut self) {
        REDACTORS.remove(self.id);
    }
}

#[napi]
impl NativeRedactor {
    /// Binds the redaction client of `scope` (a tenant id, or "*" for the platform).
    #[napi(constructor)]
    pub fn new(engine: &NativeEngine, scope: String) -> Result<NativeRedactor> {
        let client = api::scope_for(engine.engine(), &scope).and_then(|s| s.redaction()).map_err(to_js_error)?;
        let inner = Arc::new(client);
        let id = REDACTORS.insert(inner.clone());
        Ok(NativeRedactor { id, inner })
    }

    /// The id the hot-path functions take.
    #[napi(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// `redactionRedactText` on the libuv thread pool.
    #[napi(ts_return_type = "Promise<string | null>")]
    pub fn redact_text_async(&self, text: String) -> AsyncTask<ScanTask<Option<String>>> {
        AsyncTask::new(ScanTask { client: self.inner.clone(), text, run: redacted_text })
    }

    /// `redactionRedact` on the libuv thread pool.
    #[napi(ts_return_type = "Promise<NativeRedacted>")]
    pub fn redact_async(&self, text: String) -> AsyncTask<ScanTask<NativeRedacted>> {
        AsyncTask::new(ScanTask { client: self.inner.clone(), text, run: redacted })
    }

    /// `redactionAnalyze` on the libuv thread pool.
    #[napi(ts_return_type = "Promise<NativeFinding[]>")]
    pub fn analyze_async(&self, text: String) -> AsyncTask<ScanTask<Vec<NativeFinding>>> {
        AsyncTask::new(ScanTask { client: self.inner.clone(), text, run: analyzed })
    }
}

/// The redacted text with the redactor `id`, or `null` when there was nothing to redact.
#[napi]
pub fn redaction_redact_text(id: u32, text: String) -> Result<Option<String>> {
    redacted_text(&*redactor_by_id(id)?, &text).map_err(to_js_error)
}

/// The redacted text (`null` when unchanged) and the findings, with the redactor `id`.
#[napi]
pub fn redaction_redact(id: u32, text: String) -> Result<NativeRedacted> {
    redacted(&*redactor_by_id(id)?, &text).map_err(to_js_error)
}

/// The findings in `text`, with the redactor `id`.
#[napi]
pub fn redaction_analyze(id: u32, text: String) -> Result<Vec<NativeFinding>> {
    analyzed(&*redactor_by_id(id)?, &text).map_err(to_js_error)
}

/// One log line redacted with the redactor `id` (`json`: the line is a JSON value, e.g. a pino
/// line); the line terminator is kept and a line that cannot be redacted becomes a marker.
#[napi]
pub fn redaction_redact_line(id: u32, line: String, json: bool) -> Result<String> {
    redactor_by_id(id)?.redact_line(&line, json).map_err(to_js_error)
}

/// A text call run off the event loop.
pub struct ScanTask<T> {
    client: Arc<RedactionClient>,
    text: String,
    run: fn(&RedactionClient, &str) -> Outcome<T>,
}

impl<T: ToNapiValue + TypeName + Send + 'static> Task for ScanTask<T> {
    type Output = T;
    type JsValue = T;

    fn compute(&mut self) -> Result<T> {
        (self.run)(&self.client, &self.text).map_err(to_js_error)
    }

    fn resolve(&mut self, _env: Env, output: T) -> Result<T> {
        Ok(output)
    }
}
