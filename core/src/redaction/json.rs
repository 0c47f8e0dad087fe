//! JSON redaction: values under sensitive field names are rewritten whole, every other string is
//! scanned with the detectors. Iterative (an explicit stack), with a depth limit checked before
//! anything is changed, so hostile nesting is an error, never a stack overflow.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::compiled::CompiledPolicy;
use super::finding::{Finding, entities};
use super::policy::DEFAULT_SENSITIVE_FIELDS;
use crate::error::{ErrorCode, PlatformError, Result};

/// One finding inside a JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonFinding {
    /// JSON Pointer (RFC 6901) of the string or field that held it.
    pub path: String,
    /// The finding; for a sensitive field it is `SENSITIVE_FIELD` over the whole value.
    pub finding: Finding,
}

/// The result of [`CompiledPolicy::redact_json`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedactedJson {
    /// The redacted document.
    pub value: Value,
    /// What was found, by path.
    pub findings: Vec<JsonFinding>,
}

/// Case-insensitive glob matching (`*`, `?`) of field names; `-` and `_` are the same.
#[derive(Debug, Clone)]
pub(crate) struct FieldMatcher {
    patterns: Vec<Vec<u8>>,
}

fn normalize(name: &str) -> Vec<u8> {
    name.bytes().map(|b| if b == b'-' { b'_' } else { b.to_ascii_lowercase() }).collect()
}

impl FieldMatcher {
    /// The default field names plus `extra`.
    pub(crate) fn new(extra: &[String]) -> FieldMatcher {
        let defaults = DEFAULT_SENSITIVE_FIELDS.iter().map(|s| normalize(s));
        FieldMatcher { patterns: defaults.chain(extra.iter().map(|s| normalize(s))).collect() }
    }

    /// Whether a field name is sensitive.
    pub(crate) fn matches(&self, name: &str) -> bool {
        if name.len() > 256 {
            return false;
        }
        let name = normalize(name);
        self.patterns.iter().any(|p| glob(p, &name))
    }
}

/// Linear-time wildcard matching (`*` any run, `?` any byte).
fn glob(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, n));
            p += 1;
        } else if let Some((sp, sn)) = star {
            p = sp + 1;
            n = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|b| *b == b'*')
}

/// Whether more than `limit` arrays and objects are nested in one another (scalars add no level,
/// as in serde_json's recursion limit: `[[1]]` and `[[]]` are both 2 deep), counted
/// iteratively; stops as soon as `limit` is exceeded.
fn depth_exceeds(value: &Value, limit: usize) -> bool {
    let mut stack = vec![(value, 1usize)];
    while let Some((node, depth)) = stack.pop() {
        let is_container = node.is_array() || node.is_object();
        if is_container && depth > limit {
            return true;
        }
        match node {
            Value::Array(items) => stack.extend(items.iter().map(|v| (v, depth + 1))),
            Value::Object(map) => stack.extend(map.values().map(|v| (v, depth + 1))),
            _ => {}
        }
    }
    false
}

fn pointer(segments: &[(usize, String)], mut at: usize) -> String {
    let mut parts = Vec::new();
    while at != 0 {
        let (parent, ref seg) = segments[at];
        parts.push(seg.replace('~', "~0").replace('/', "~1"));
        at = parent;
    }
    parts.iter().rev().fold(String::new(), |acc, p| acc + "/" + p)
}

impl CompiledPolicy {
    /// Redacts a JSON document: values of sensitive fields whole, other strings by detection.
    /// Fails with `NestingTooDeep` (before changing anything) past the policy's depth limit.
    pub fn redact_json(&self, mut value: Value) -> Result<RedactedJson> {
        let findings = self.redact_json_in_place(&mut value)?;
        Ok(RedactedJson { value, findings })
    }

    /// [`CompiledPolicy::redact_json`] on a value in place.
    pub fn redact_json_in_place(&self, value: &mut Value) -> Result<Vec<JsonFinding>> {
        if depth_exceeds(value, self.max_depth) {
            return Err(PlatformError::invalid(
                ErrorCode::NestingTooDeep,
                "value",
                format!("JSON nesting exceeds the limit of {}", self.max_depth),
            ));
        }
        // segments[i] = (parent index, key or array index); 0 is the root
        let mut segments: Vec<(usize, String)> = vec![(0, String::new())];
        let mut findings = Vec::new();
        let mut stack: Vec<(&mut Value, usize)> = vec![(value, 0)];
        while let Some((node, at)) = stack.pop() {
            match node {
                Value::String(text) => self.redact_string(text, || pointer(&segments, at), &mut findings)?,
                Value::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        segments.push((at, i.to_string()));
                        stack.push((item, segments.len() - 1));
                    }
                }
                Value::Object(map) => {
                    for (key, item) in map.iter_mut() {
                        segments.push((at, key.clone()));
                        let here = segments.len() - 1;
                        if self.fields.matches(key) && !item.is_null() {
                            self.redact_field(item, pointer(&segments, here), &mut findings);
                        } else {
                            stack.push((item, here));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(findings)
    }

    fn redact_string(&self, text: &mut String, path: impl Fn() -> String, out: &mut Vec<JsonFinding>) -> Result<()> {
        let found = self.analyze(text)?;
        if found.is_empty() {
            return Ok(());
        }
        let redacted = self.rewrite(text, &found).into_owned();
        let path = path();
        out.extend(found.into_iter().map(|finding| JsonFinding { path: path.clone(), finding }));
        *text = redacted;
        Ok(())
    }

    fn redact_field(&self, item: &mut Value, path: String, out: &mut Vec<JsonFinding>) {
        let original = match &mut *item {
            Value::String(s) => std::mem::take(s),
            other => other.to_string(),
        };
        let chars = original.chars().count();
        let entity = entities::SENSITIVE_FIELD;
        let mut finding = Finding::new(entity, 0, original.len(), 1.0);
        finding.char_end = chars;
        out.push(JsonFinding { path, finding });
        *item = match self.operator(entity) {
            super::operators::Operator::Drop => Value::Null,
            _ => Value::String(self.apply(entity, &original)),
        };
    }

    /// Parses a JSON text, redacts it and serializes it back (`InvalidInput`-style validation
    /// error when it is not JSON; `NestingTooDeep` past the parser's or the policy's limit).
    pub fn redact_json_str(&self, json: &str) -> Result<String> {
        self.check_size(json.len())?;
        let value: Value = serde_json::from_str(json).map_err(|err| {
            let code = if err.to_string().contains("recursion limit") {
                ErrorCode::NestingTooDeep
            } else {
                ErrorCode::Validation
            };
            PlatformError::invalid(code, "json", "the input is not valid JSON or is nested too deeply")
                .with_detail(err.to_string())
        })?;
        let redacted = self.redact_json(value)?;
        serde_json::to_string(&redacted.value).map_err(|err| PlatformError::internal(err.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"*password*", b"db_password_hash"));
        assert!(glob(b"*token", b"csrf_token"));
        assert!(!glob(b"*token", b"token_count"));
        assert!(glob(b"a?c", b"abc"));
        assert!(!glob(b"a?c", b"abbc"));
        let fields = FieldMatcher::new(&["X-Custom-*".to_owned()]);
        assert!(fields.matches("Api-Key"));
        assert!(fields.matches("x_custom_thing"));
        assert!(!fields.matches("username"));
    }

    #[test]
    fn depth_counts_containers_only() {
        let two_deep = [json!({"a": {"b": 1}}), json!([[]]), json!([["x"]]), json!({"a": [], "b": 1})];
        for value in &two_deep {
            assert!(!depth_exceeds(value, 2), "{value} is 2 deep");
            assert!(depth_exceeds(value, 1), "{value} is more than 1 deep");
        }
        assert!(!depth_exceeds(&json!("scalar"), 1));
        assert!(depth_exceeds(&json!({"a": {"b": {"c": 1}}}), 2));
    }
}
