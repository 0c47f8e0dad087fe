//! Property tests: on any input (arbitrary Unicode, or text built from the detectors' anchors)
//! analysis never fails or panics, and findings are sorted, non-overlapping, on character
//! boundaries, with character offsets that match the byte offsets; redaction removes every
//! found value.

use proptest::prelude::*;
use shared_platform_core::redaction::CompiledPolicy;

const PIECES: &[&str] = &[
    "0",
    "7",
    "4111",
    " ",
    "-",
    ".",
    ":",
    "@",
    "a",
    "Z",
    "é",
    "://",
    "token=",
    "\"",
    "eyJhbGciOiJIUzI1NiJ9",
    "ghp_",
    "AKIA",
    "+1",
    "(",
    ")",
    "x",
    "DE89",
    "ssn ",
    "phone ",
    "-----BEGIN RSA PRIVATE KEY-----",
    "Bearer ",
    "\n",
    "😀",
    "example.com",
    "user:pw@",
    "password: ",
];

fn anchored_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|parts| parts.concat())
}

fn check(policy: &CompiledPolicy, text: &str) {
    let found = policy.analyze(text).unwrap();
    let mut last_end = 0;
    for f in &found {
        assert!(f.start < f.end && f.start >= last_end, "sorted, non-empty, non-overlapping: {found:?}");
        assert!(text.get(f.start..f.end).is_some(), "on char boundaries");
        assert_eq!(f.char_start, text[..f.start].chars().count());
        assert_eq!(f.char_end, text[..f.end].chars().count());
        assert!((0.0..=1.0).contains(&f.score));
        last_end = f.end;
    }
    let redacted = policy.redact(text).unwrap();
    assert_eq!(redacted.findings, found);
    if !found.is_empty() {
        assert_ne!(redacted.text, text);
    }
}

proptest! {
    #[test]
    fn any_unicode_text(text in any::<String>()) {
        check(&CompiledPolicy::builtin(), &text);
    }

    #[test]
    fn text_made_of_anchors(text in anchored_text()) {
        check(&CompiledPolicy::builtin(), &text);
    }
}
