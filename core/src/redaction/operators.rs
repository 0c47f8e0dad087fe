//! What replaces a finding: replace, mask, partial, hash (a per-tenant HMAC pseudonym) or drop.

use std::fmt::Write as _;

use ring::hmac;
use serde::{Deserialize, Serialize};

use super::finding::entities;
use crate::error::{ErrorCode, PlatformError, Result};

/// The text used by the default operator.
pub const DEFAULT_REPLACEMENT: &str = "[REDACTED]";

/// How a finding is rewritten. Serialized as `{"type": "mask", "keep_last": 4}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operator {
    /// Replaces the value with `value`, or with `<ENTITY>` when `value` is absent.
    Replace {
        /// The replacement text (`[REDACTED]`); `None` writes `<ENTITY_NAME>`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    },
    /// Replaces every letter and digit except the last `keep_last` with `mask_char`
    /// (`4111 1111 1111 1111` → `**** **** **** 1111`); separators stay.
    Mask {
        /// How many trailing letters/digits stay visible.
        #[serde(default = "default_keep_last")]
        keep_last: usize,
        /// The masking character.
        #[serde(default = "default_mask_char")]
        mask_char: char,
    },
    /// Keeps the first `keep_first` and last `keep_last` characters around `***`; for e-mail
    /// addresses it applies to the local part and keeps the domain (`j***@example.com`).
    Partial {
        /// Leading characters kept.
        #[serde(default = "default_keep_first")]
        keep_first: usize,
        /// Trailing characters kept.
        #[serde(default)]
        keep_last: usize,
    },
    /// A stable pseudonym, `<ENTITY_0123456789abcdef>`: HMAC-SHA256 of the value under the
    /// tenant's key (same value, same pseudonym within a tenant; different across tenants).
    Hash,
    /// Removes the value.
    Drop,
}

fn default_keep_last() -> usize {
    4
}
fn default_mask_char() -> char {
    '*'
}
fn default_keep_first() -> usize {
    1
}

impl Default for Operator {
    fn default() -> Self {
        Operator::Replace { value: Some(DEFAULT_REPLACEMENT.to_owned()) }
    }
}

impl Operator {
    /// Checks the operator's settings; `field` names it in the error.
    pub(crate) fn validate(&self, field: &str) -> Result<()> {
        let bad = match self {
            Operator::Replace { value: Some(v) } if v.len() > 256 => Some("replacement longer than 256 bytes"),
            Operator::Mask { keep_last, .. } | Operator::Partial { keep_last, .. } if *keep_last > 64 => {
                Some("keep_last must be at most 64")
            }
            Operator::Partial { keep_first, .. } if *keep_first > 64 => Some("keep_first must be at most 64"),
            _ => None,
        };
        match bad {
            Some(msg) => Err(PlatformError::invalid(ErrorCode::Validation, field, msg)),
            None => Ok(()),
        }
    }

    /// Writes the replacement of `value` (a finding of `entity`) to `out`.
    pub(crate) fn apply(&self, entity: &str, value: &str, key: &hmac::Key, out: &mut String) {
        match self {
            Operator::Replace { value: Some(text) } => out.push_str(text),
            Operator::Replace { value: None } => {
                let _ = write!(out, "<{entity}>");
            }
            Operator::Mask { keep_last, mask_char } => mask(value, *keep_last, *mask_char, out),
            Operator::Partial { keep_first, keep_last } => partial(entity, value, *keep_first, *keep_last, out),
            Operator::Hash => {
                let tag = hmac::sign(key, value.as_bytes());
                let _ = write!(out, "<{entity}_{}>", hex::encode(&tag.as_ref()[..8]));
            }
            Operator::Drop => {}
        }
    }
}

fn mask(value: &str, keep_last: usize, mask_char: char, out: &mut String) {
    let total = value.chars().filter(|c| c.is_alphanumeric()).count();
    let mut seen = 0;
    for c in value.chars() {
        if c.is_alphanumeric() {
            seen += 1;
            out.push(if seen + keep_last > total { c } else { mask_char });
        } else {
            out.push(c);
        }
    }
}

fn partial(entity: &str, value: &str, keep_first: usize, keep_last: usize, out: &mut String) {
    let (part, suffix) = match value.rfind('@') {
        Some(at) if entity == entities::EMAIL_ADDRESS => (&value[..at], &value[at..]),
        _ => (value, ""),
    };
    let n = part.chars().count();
    if (keep_first + keep_last) * 2 >= n {
        // too short to show part of it safely: show none of it
        out.push_str("***");
    } else {
        out.extend(part.chars().take(keep_first));
        out.push_str("***");
        out.extend(part.chars().skip(n - keep_last));
    }
    out.push_str(suffix);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(op: &Operator, entity: &str, value: &str) -> String {
        let key = hmac::Key::new(hmac::HMAC_SHA256, b"k");
        let mut out = String::new();
        op.apply(entity, value, &key, &mut out);
        out
    }

    #[test]
    fn operators() {
        assert_eq!(run(&Operator::default(), "X", "v"), "[REDACTED]");
        assert_eq!(run(&Operator::Replace { value: None }, "US_SSN", "v"), "<US_SSN>");
        let mask = Operator::Mask { keep_last: 4, mask_char: '*' };
        assert_eq!(run(&mask, "CREDIT_CARD", "4111111111111111"), "************1111");
        assert_eq!(run(&mask, "CREDIT_CARD", "4111 1111 1111 1111"), "**** **** **** 1111");
        let partial = Operator::Partial { keep_first: 1, keep_last: 0 };
        assert_eq!(run(&partial, "EMAIL_ADDRESS", "jane@example.com"), "j***@example.com");
        assert_eq!(run(&partial, "SECRET", "ab"), "***");
        let hashed = run(&Operator::Hash, "EMAIL_ADDRESS", "jane@example.com");
        assert!(hashed.starts_with("<EMAIL_ADDRESS_") && hashed.len() == "<EMAIL_ADDRESS_>".len() + 16);
        assert_eq!(run(&Operator::Drop, "X", "v"), "");
    }

    #[test]
    fn serde_shape() {
        let op: Operator = serde_json::from_str(r#"{"type":"mask"}"#).unwrap();
        assert_eq!(op, Operator::Mask { keep_last: 4, mask_char: '*' });
        assert!(serde_json::from_str::<Operator>(r#"{"type":"shred"}"#).is_err());
    }
}
