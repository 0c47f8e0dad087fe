//! PII and secret redaction for text, JSON and log streams.
//!
//! Detection is built for the logging hot path: one SIMD keyword pass over a lower-cased copy
//! (keywords and fixed prefixes: `AKIA`, `ghp_`, `eyJ`, `-----BEGIN`, `password`…) that also
//! notes whether digits or `@` occur; only then a `memchr` pass over `@` for e-mail addresses
//! and a block-at-a-time pass over digits for cards, SSNs, phones, IBANs and IP/MAC addresses. Only around those anchors do hand-written matchers or
//! small anchored regexes run, and validators (Luhn, mod-97, SSN ranges, `std::net` parsing,
//! JWT header decoding) reject look-alikes. Entity names follow Presidio's where one exists.
//!
//! ```
//! use shared_platform_core::Engine;
//! let engine = Engine::in_memory()?;
//! let redaction = engine.tenant("acme")?.redaction()?;
//! let out = redaction.redact("card 4111 1111 1111 1111 for jane@example.com")?;
//! assert_eq!(out.text, "card [REDACTED] for [REDACTED]");
//! assert_eq!(out.findings[0].entity, "CREDIT_CARD");
//! # Ok::<(), shared_platform_core::PlatformError>(())
//! ```

mod blocks;
pub mod calls;
mod client;
mod compiled;
mod finding;
mod json;
mod keywords;
mod lines;
mod numeric;
mod operators;
mod policy;
mod secrets;
mod validate;

pub use client::{PolicyRedactor, RedactionClient};
pub use compiled::{CompiledPolicy, Redacted};
pub use finding::{Finding, entities};
pub use json::{JsonFinding, RedactedJson};
pub use lines::{LineStats, OVERSIZED_LINE};
pub use operators::{DEFAULT_REPLACEMENT, Operator};
pub use policy::{
    CustomPattern, DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES, DEFAULT_SENSITIVE_FIELDS, MAX_CUSTOM_PATTERNS,
    MAX_PATTERN_LEN, RedactionPolicy,
};
