//! Redaction policies: which entities to detect, how to rewrite each, custom patterns,
//! allow-lists, sensitive JSON field names and size limits. A tenant's policy is layered on the
//! platform's, which is layered on the built-in defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::finding::entities;
use super::operators::Operator;
use crate::error::{ErrorCode, PlatformError, Result};

/// At most this many custom patterns per policy.
pub const MAX_CUSTOM_PATTERNS: usize = 64;
/// At most this many bytes per custom pattern.
pub const MAX_PATTERN_LEN: usize = 1024;
/// Compiled size limit of one custom pattern (bytes of the regex program).
pub const MAX_PATTERN_PROGRAM: usize = 1 << 20;
/// The default (and maximum accepted) input size of one call: 32 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 << 20;
/// The default JSON nesting limit.
pub const DEFAULT_MAX_DEPTH: usize = 128;
/// At most this many allow-list entries and sensitive field patterns.
pub const MAX_LIST_ENTRIES: usize = 10_000;

/// Field names whose JSON values are redacted whole (case-insensitive globs; `-` and `_` are
/// the same character).
pub const DEFAULT_SENSITIVE_FIELDS: &[&str] = &[
    "password",
    "*password*",
    "passwd",
    "passphrase",
    "secret",
    "*secret*",
    "*token",
    "authorization",
    "proxy_authorization",
    "api_key",
    "apikey",
    "*_api_key",
    "*_apikey",
    "access_key",
    "*access_key*",
    "private_key",
    "*private_key*",
    "credentials",
    "ssn",
    "social_security_number",
    "credit_card",
    "card_number",
    "cc_number",
    "cvv",
    "cvc",
    "cookie",
    "set_cookie",
    "session_id",
];

/// A custom detector: a linear-time regular expression (Rust `regex` syntax: no look-around, no
/// back-references) reported as entity `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomPattern {
    /// The entity name the matches are reported as (`[A-Z0-9_]`, 1–64 characters).
    pub name: String,
    /// The regular expression.
    pub pattern: String,
    /// The score of its findings (default 0.8).
    #[serde(default = "default_custom_score")]
    pub score: f64,
}

fn default_custom_score() -> f64 {
    0.8
}

/// A redaction policy. Every field is optional: a tenant's policy overrides the platform's
/// scalar settings and operators, and adds to its lists.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedactionPolicy {
    /// The built-in entities to detect (`None`: all of them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<String>>,
    /// Findings scoring below this are ignored (default 0.5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_score: Option<f64>,
    /// The operator for entities without their own (default: replace with `[REDACTED]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_operator: Option<Operator>,
    /// Operators per entity name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub operators: BTreeMap<String, Operator>,
    /// Values never redacted (compared case-insensitively).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow_list: Vec<String>,
    /// Custom detectors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_patterns: Vec<CustomPattern>,
    /// Extra sensitive JSON field names (globs), added to [`DEFAULT_SENSITIVE_FIELDS`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sensitive_fields: Vec<String>,
    /// Largest accepted input in bytes (default and maximum 32 MiB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_input_bytes: Option<usize>,
    /// Deepest accepted JSON nesting (default 128, maximum 10,000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_depth: Option<usize>,
}

impl RedactionPolicy {
    /// `overlay` layered on `self`: its scalars and operators win, its lists are appended.
    pub fn merged_with(&self, overlay: &RedactionPolicy) -> RedactionPolicy {
        let mut merged = self.clone();
        merged.entities = overlay.entities.clone().or(merged.entities);
        merged.min_score = overlay.min_score.or(merged.min_score);
        merged.default_operator = overlay.default_operator.clone().or(merged.default_operator);
        merged.operators.extend(overlay.operators.iter().map(|(k, v)| (k.clone(), v.clone())));
        merged.allow_list.extend(overlay.allow_list.iter().cloned());
        merged.custom_patterns.extend(overlay.custom_patterns.iter().cloned());
        merged.sensitive_fields.extend(overlay.sensitive_fields.iter().cloned());
        merged.max_input_bytes = overlay.max_input_bytes.or(merged.max_input_bytes);
        merged.max_depth = overlay.max_depth.or(merged.max_depth);
        merged
    }

    /// Checks everything except the custom patterns' regex syntax (checked when compiling);
    /// errors name the offending field.
    pub fn validate(&self) -> Result<()> {
        if let Some(list) = &self.entities {
            for (i, name) in list.iter().enumerate() {
                if entities::index(name).is_none() {
                    return Err(invalid(format!("entities[{i}]"), format!("unknown entity {name:?}")));
                }
            }
        }
        if self.min_score.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            return Err(invalid("min_score".into(), "min_score must be between 0 and 1".into()));
        }
        if let Some(op) = &self.default_operator {
            op.validate("default_operator")?;
        }
        for (name, op) in &self.operators {
            check_entity_name(name, &format!("operators.{name}"))?;
            op.validate(&format!("operators.{name}"))?;
        }
        self.validate_lists()?;
        if self.max_input_bytes.is_some_and(|n| n == 0 || n > DEFAULT_MAX_INPUT_BYTES) {
            return Err(invalid("max_input_bytes".into(), format!("must be 1..={DEFAULT_MAX_INPUT_BYTES}")));
        }
        if self.max_depth.is_some_and(|n| n == 0 || n > 10_000) {
            return Err(invalid("max_depth".into(), "must be 1..=10000".into()));
        }
        Ok(())
    }

    fn validate_lists(&self) -> Result<()> {
        if self.custom_patterns.len() > MAX_CUSTOM_PATTERNS {
            return Err(invalid("custom_patterns".into(), format!("at most {MAX_CUSTOM_PATTERNS} patterns")));
        }
        for (i, custom) in self.custom_patterns.iter().enumerate() {
            check_entity_name(&custom.name, &format!("custom_patterns[{i}].name"))?;
            if !(0.0..=1.0).contains(&custom.score) {
                return Err(invalid(format!("custom_patterns[{i}].score"), "score must be between 0 and 1".into()));
            }
            if custom.pattern.is_empty() || custom.pattern.len() > MAX_PATTERN_LEN {
                return Err(PlatformError::invalid(
                    ErrorCode::InvalidPattern,
                    format!("custom_patterns[{i}].pattern"),
                    format!("pattern {:?} must be 1..={MAX_PATTERN_LEN} bytes", custom.name),
                ));
            }
        }
        for (field, list) in [("allow_list", &self.allow_list), ("sensitive_fields", &self.sensitive_fields)] {
            if list.len() > MAX_LIST_ENTRIES || list.iter().any(|v| v.is_empty() || v.len() > 1024) {
                return Err(invalid(field.into(), format!("at most {MAX_LIST_ENTRIES} entries of 1..=1024 bytes")));
            }
        }
        Ok(())
    }
}

fn invalid(field: String, message: String) -> PlatformError {
    PlatformError::invalid(ErrorCode::Validation, field, message)
}

fn check_entity_name(name: &str, field: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if ok { Ok(()) } else { Err(invalid(field.into(), format!("entity name {name:?} must match [A-Z0-9_]{{1,64}}"))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_overrides_scalars_and_appends_lists() {
        let base = RedactionPolicy { min_score: Some(0.5), allow_list: vec!["a".into()], ..Default::default() };
        let tenant = RedactionPolicy { min_score: Some(0.9), allow_list: vec!["b".into()], ..Default::default() };
        let merged = base.merged_with(&tenant);
        assert_eq!(merged.min_score, Some(0.9));
        assert_eq!(merged.allow_list, ["a", "b"]);
    }

    #[test]
    fn validation_names_the_field() {
        let bad = RedactionPolicy { entities: Some(vec!["NOPE".into()]), ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().field(), Some("entities[0]"));
        let bad = RedactionPolicy { min_score: Some(2.0), ..Default::default() };
        assert_eq!(bad.validate().unwrap_err().field(), Some("min_score"));
        let huge = CustomPattern { name: "X".into(), pattern: "a".repeat(2000), score: 0.5 };
        let bad = RedactionPolicy { custom_patterns: vec![huge], ..Default::default() };
        let err = bad.validate().unwrap_err();
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidPattern, Some("custom_patterns[0].pattern")));
    }
}
