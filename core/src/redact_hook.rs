//! The one hook through which everything the engine logs or audits is redacted.
//!
//! The redaction engine implements [`Redactor`]; until one is installed, [`PassThrough`] leaves
//! text unchanged. The engine's audit log calls the redactor on every record's metadata, and the
//! logging writer ([`crate::logging`]) on every formatted log line.

use std::borrow::Cow;

use serde_json::Value;

/// Removes secrets and personal data from text and JSON before they are logged or stored.
pub trait Redactor: Send + Sync + std::fmt::Debug {
    /// Redacts a text; returns it borrowed when nothing changed.
    fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str>;

    /// Redacts every string inside a JSON value, in place.
    fn redact_value(&self, value: &mut Value) {
        redact_strings(self, value);
    }
}

/// Applies `redactor` to every string of a JSON value (keys are left as they are).
pub fn redact_strings<R: Redactor + ?Sized>(redactor: &R, value: &mut Value) {
    let mut pending = vec![value];
    while let Some(node) = pending.pop() {
        match node {
            Value::String(text) => {
                if let Cow::Owned(redacted) = redactor.redact_text(text) {
                    *text = redacted;
                }
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            Value::Object(map) => pending.extend(map.values_mut()),
            _ => {}
        }
    }
}

/// A redactor that changes nothing (the default until the redaction engine is installed).
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThrough;

impl Redactor for PassThrough {
    fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(text)
    }
}
