//! The typed redaction hot path: `redact_text` / `redact` / `analyze` take a Python `str`
//! (borrowed, no JSON) and return a `str`, a native `RedactedText` or native `Finding`s. A text
//! with nothing to redact comes back as the same `str` object.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use shared_platform_core::PlatformError;
use shared_platform_core::redaction::{self, RedactionClient};

use crate::engine::scope_of;
use crate::errors::to_py_err;

/// Texts longer than this are scanned with the GIL released (shorter ones cost less than the
/// release itself).
const DETACH_BYTES: usize = 4096;

/// Runs `work` on `text`, releasing the GIL when the text is long.
fn scan<T: Send>(
    py: Python<'_>,
    text: &str,
    work: impl FnOnce(&str) -> Result<T, PlatformError> + Send,
) -> PyResult<T> {
    let result = if text.len() > DETACH_BYTES { py.detach(|| work(text)) } else { work(text) };
    result.map_err(to_py_err)
}

/// The redaction client of one scope; `shared_platform.redaction.RedactionClient` extends it.
#[pyclass(module = "shared_platform._native", subclass, frozen)]
pub struct NativeRedactor {
    client: RedactionClient,
}

#[pymethods]
impl NativeRedactor {
    /// Binds the redaction client of `scope` (a tenant id, or "*" for the platform) of `engine`
    /// (a `NativeEngine` or the `Engine` wrapping one).
    #[new]
    fn new(engine: &Bound<'_, PyAny>, scope: &str) -> PyResult<Self> {
        let client = scope_of(engine, scope)?.redaction().map_err(to_py_err)?;
        Ok(NativeRedactor { client })
    }

    /// The redacted text alone (the logging hot path); the same object when nothing was found.
    fn redact_text<'py>(&self, py: Python<'py>, text: Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let redacted = scan(py, text.to_str()?, |t| match self.client.redact_text(t)? {
            Cow::Borrowed(_) => Ok(None),
            Cow::Owned(changed) => Ok(Some(changed)),
        })?;
        Ok(match redacted {
            Some(changed) => PyString::new(py, &changed),
            None => text,
        })
    }

    /// One log line redacted as the line redactor does (`json`: the line is a JSON value); the
    /// line terminator is kept, and a line that cannot be redacted becomes a marker.
    #[pyo3(signature = (line, json = false))]
    fn redact_line(&self, py: Python<'_>, line: &str, json: bool) -> PyResult<String> {
        scan(py, line, |l| self.client.redact_line(l, json))
    }

    /// The redacted text and the findings (offsets into the input).
    fn redact<'py>(&self, py: Python<'py>, text: &str) -> PyResult<RedactedText> {
        let out = scan(py, text, |t| self.client.redact(t))?;
        let findings = PyList::new(py, out.findings.into_iter().map(Finding::from))?;
        Ok(RedactedText { text: PyString::new(py, &out.text).unbind(), findings: findings.unbind() })
    }

    /// The findings in `text`, which is not changed.
    fn analyze<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
        let findings = scan(py, text, |t| self.client.analyze(t))?;
        PyList::new(py, findings.into_iter().map(Finding::from))
    }
}

/// One detected value: its entity, byte offsets (`start`, `end`, UTF-8) and character offsets
/// (`char_start`, `char_end`, what `str` slicing uses) into the input, and its score.
#[pyclass(module = "shared_platform._native", frozen, eq, get_all)]
#[derive(Clone, PartialEq)]
pub struct Finding {
    /// The entity name (`EMAIL_ADDRESS`, `CREDIT_CARD`, a custom pattern's name…).
    entity: String,
    /// Byte offset of the start (UTF-8).
    start: usize,
    /// Byte offset of the end (exclusive).
    end: usize,
    /// Character offset of the start.
    char_start: usize,
    /// Character offset of the end (exclusive).
    char_end: usize,
    /// Confidence, 0 to 1.
    score: f64,
}

impl From<redaction::Finding> for Finding {
    fn from(f: redaction::Finding) -> Finding {
        Finding {
            entity: f.entity.into_owned(),
            start: f.start,
            end: f.end,
            char_start: f.char_start,
            char_end: f.char_end,
            score: f.score,
        }
    }
}

#[pymethods]
impl Finding {
    /// A finding (the engine makes them; the constructor serves the JSON forms).
    #[new]
    #[pyo3(signature = (*, entity, start, end, char_start, char_end, score))]
    fn new(entity: String, start: usize, end: usize, char_start: usize, char_end: usize, score: f64) -> Finding {
        Finding { entity, start, end, char_start, char_end, score }
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(entity={:?}, start={}, end={}, char_start={}, char_end={}, score={})",
            self.entity, self.start, self.end, self.char_start, self.char_end, self.score
        )
    }
}

/// The result of `redact`: the redacted text and the findings in the input.
#[pyclass(module = "shared_platform._native", frozen)]
pub struct RedactedText {
    text: Py<PyString>,
    findings: Py<PyList>,
}

#[pymethods]
impl RedactedText {
    /// The redacted text.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// The findings, with offsets into the input text.
    #[getter]
    fn findings(&self, py: Python<'_>) -> Py<PyList> {
        self.findings.clone_ref(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = self.text.bind(py).repr()?;
        Ok(format!("RedactedText(text={text}, findings={})", self.findings.bind(py).len()))
    }
}

/// Adds the redaction classes to the native module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<NativeRedactor>()?;
    module.add_class::<Finding>()?;
    module.add_class::<RedactedText>()?;
    Ok(())
}
