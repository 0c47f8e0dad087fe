//! What a detector reports: an entity, its span (bytes and characters) and a score; and the
//! deterministic resolution of overlapping findings.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The built-in entity names. Names shared with Presidio are spelled as Presidio spells them.
pub mod entities {
    /// An e-mail address (Presidio `EMAIL_ADDRESS`).
    pub const EMAIL_ADDRESS: &str = "EMAIL_ADDRESS";
    /// A phone number, E.164 or a common national format (Presidio `PHONE_NUMBER`).
    pub const PHONE_NUMBER: &str = "PHONE_NUMBER";
    /// A payment card number passing the Luhn check (Presidio `CREDIT_CARD`).
    pub const CREDIT_CARD: &str = "CREDIT_CARD";
    /// A US social security number with valid area, group and serial (Presidio `US_SSN`).
    pub const US_SSN: &str = "US_SSN";
    /// An IBAN passing the mod-97 check (Presidio `IBAN_CODE`).
    pub const IBAN_CODE: &str = "IBAN_CODE";
    /// An IPv4 or IPv6 address (Presidio `IP_ADDRESS`).
    pub const IP_ADDRESS: &str = "IP_ADDRESS";
    /// A MAC address (Presidio `MAC_ADDRESS`).
    pub const MAC_ADDRESS: &str = "MAC_ADDRESS";
    /// The password of a URL's `user:password@` part.
    pub const URL_CREDENTIALS: &str = "URL_CREDENTIALS";
    /// The password of a database connection string (`postgres://user:password@host`).
    pub const CONNECTION_STRING: &str = "CONNECTION_STRING";
    /// An AWS access key id (`AKIA…`, `ASIA…`).
    pub const AWS_ACCESS_KEY: &str = "AWS_ACCESS_KEY";
    /// An AWS secret access key (40 characters after an `aws_secret_access_key` name).
    pub const AWS_SECRET_KEY: &str = "AWS_SECRET_KEY";
    /// A GitHub token (`ghp_`, `gho_`, `ghs_`, `ghu_`, `ghr_`, `github_pat_`).
    pub const GITHUB_TOKEN: &str = "GITHUB_TOKEN";
    /// A Slack token (`xoxb-`, `xoxp-`…).
    pub const SLACK_TOKEN: &str = "SLACK_TOKEN";
    /// A Slack incoming-webhook URL.
    pub const SLACK_WEBHOOK: &str = "SLACK_WEBHOOK";
    /// A Stripe secret or restricted key (`sk_live_`, `rk_test_`…).
    pub const STRIPE_KEY: &str = "STRIPE_KEY";
    /// A Google API key (`AIza…`).
    pub const GOOGLE_API_KEY: &str = "GOOGLE_API_KEY";
    /// A JSON Web Token whose header decodes to a JSON object.
    pub const JWT: &str = "JWT";
    /// A PEM private key block.
    pub const PRIVATE_KEY: &str = "PRIVATE_KEY";
    /// The token of an `Authorization: Bearer` header.
    pub const BEARER_TOKEN: &str = "BEARER_TOKEN";
    /// The value of a `password=`, `api_key:`, `secret` … assignment.
    pub const SECRET: &str = "SECRET";
    /// A JSON value redacted because of its field name.
    pub const SENSITIVE_FIELD: &str = "SENSITIVE_FIELD";

    /// Every built-in detector entity, in a fixed order (their index is their bit in a policy).
    pub const ALL: &[&str] = &[
        EMAIL_ADDRESS,
        PHONE_NUMBER,
        CREDIT_CARD,
        US_SSN,
        IBAN_CODE,
        IP_ADDRESS,
        MAC_ADDRESS,
        URL_CREDENTIALS,
        CONNECTION_STRING,
        AWS_ACCESS_KEY,
        AWS_SECRET_KEY,
        GITHUB_TOKEN,
        SLACK_TOKEN,
        SLACK_WEBHOOK,
        STRIPE_KEY,
        GOOGLE_API_KEY,
        JWT,
        PRIVATE_KEY,
        BEARER_TOKEN,
        SECRET,
    ];

    /// Whether an entity is a secret (credentials, keys, tokens) rather than personal data.
    pub fn is_secret(entity: &str) -> bool {
        ALL.iter().position(|e| *e == entity).is_some_and(|i| i >= 7)
    }

    /// The index of a built-in entity in [`ALL`].
    pub fn index(entity: &str) -> Option<usize> {
        ALL.iter().position(|e| *e == entity)
    }
}

/// One detected value. Offsets are half-open; `start`/`end` count UTF-8 bytes, `char_start`/
/// `char_end` count Unicode scalar values (Python `str` and Java code-point offsets).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The entity name (`EMAIL_ADDRESS`, a custom pattern's name…).
    pub entity: Cow<'static, str>,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset after the last byte.
    pub end: usize,
    /// Character offset of the first character.
    pub char_start: usize,
    /// Character offset after the last character.
    pub char_end: usize,
    /// Confidence in [0, 1].
    pub score: f64,
}

impl Finding {
    /// A finding with byte offsets only (character offsets are filled by [`resolve`]).
    pub(crate) fn new(entity: &'static str, start: usize, end: usize, score: f64) -> Finding {
        Finding { entity: Cow::Borrowed(entity), start, end, char_start: start, char_end: end, score }
    }
}

/// Room a text's findings vector makes at its first finding: a PII-dense log line has three to
/// six, and growing a vector of these 64-byte findings from four to eight (a `realloc` and a
/// copy) cost ~700 instructions, more than a line's whole overlap resolution.
const FIRST_CAPACITY: usize = 8;

/// Appends `finding` to `out`, making room for [`FIRST_CAPACITY`] findings at the first one (a
/// text without findings allocates nothing).
#[inline]
pub(crate) fn push(out: &mut Vec<Finding>, finding: Finding) {
    if out.capacity() == 0 {
        *out = Vec::with_capacity(FIRST_CAPACITY);
    }
    out.push(finding);
}

/// Keeps a deterministic set of non-overlapping findings, sorted by start: among overlapping
/// findings the higher score wins, then the longer span, then the earlier start, then the entity
/// name. Fills the character offsets.
pub(crate) fn resolve(text: &str, found: Vec<Finding>) -> Vec<Finding> {
    let mut found = resolve_spans(found);
    fill_char_offsets(text, &mut found);
    found
}

/// [`resolve`] without the character offsets (for callers that only rewrite the text).
pub(crate) fn resolve_spans(mut found: Vec<Finding>) -> Vec<Finding> {
    if found.is_empty() {
        return found;
    }
    if !found.is_sorted_by_key(|f| f.start) {
        found.sort_by_key(|f| f.start);
    }
    let disjoint = found.windows(2).all(|w| w[0].start < w[1].start && w[0].end <= w[1].start);
    if !disjoint {
        // some overlap: choose in priority order (when none overlaps, every finding is kept
        // and the order by start, with distinct starts, is the result)
        found = if found.len() <= 32 {
            keep_few(found)
        } else {
            found.sort_by(priority);
            keep_many(found)
        };
    }
    found
}

/// The order in which overlapping findings are chosen: higher score, longer span, earlier
/// start, entity name.
fn priority(a: &Finding, b: &Finding) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| (b.end - b.start).cmp(&(a.end - a.start)))
        .then_with(|| a.start.cmp(&b.start))
        .then_with(|| a.entity.cmp(&b.entity))
}

/// Greedy selection in priority order for a handful of findings sorted by start: the priority
/// order is sorted as indices (not 64-byte findings), and the kept findings stay in their
/// order by start (no allocation, no second sort).
fn keep_few(mut by_start: Vec<Finding>) -> Vec<Finding> {
    let mut order = [0u8; 32];
    for (i, slot) in order.iter_mut().enumerate() {
        *slot = i as u8;
    }
    let order = &mut order[..by_start.len()];
    order.sort_by(|&a, &b| priority(&by_start[usize::from(a)], &by_start[usize::from(b)]));
    let mut kept = 0u32;
    for &i in order.iter() {
        let (start, end) = (by_start[usize::from(i)].start, by_start[usize::from(i)].end);
        let overlaps =
            (0..by_start.len()).any(|k| kept & (1 << k) != 0 && by_start[k].start < end && start < by_start[k].end);
        if !overlaps {
            kept |= 1 << i;
        }
    }
    let mut i = 0;
    by_start.retain(|_| {
        i += 1;
        kept & (1 << (i - 1)) != 0
    });
    // kept findings share a start only when empty; among them the priority order decides
    if by_start.windows(2).any(|w| w[0].start == w[1].start) {
        by_start.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| priority(a, b)));
    }
    by_start
}

/// The same selection with an interval map, for many findings (huge inputs): O(n log n).
fn keep_many(ordered: Vec<Finding>) -> Vec<Finding> {
    let mut kept: BTreeMap<usize, Finding> = BTreeMap::new();
    for finding in ordered {
        let overlaps = kept.range(..finding.end).next_back().is_some_and(|(_, k)| k.end > finding.start);
        if !overlaps {
            kept.insert(finding.start, finding);
        }
    }
    kept.into_values().collect()
}

/// Whether `bytes` are all ASCII: the OR of all 8-byte words (a reduction the compiler
/// vectorises; `<[u8]>::is_ascii` went about a byte per step on log lines).
fn is_ascii(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let high = words.by_ref().fold(0u64, |acc, w| acc | u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
    high & 0x8080_8080_8080_8080 == 0 && words.remainder().is_ascii()
}

/// Converts byte offsets to character offsets in one pass over the text (free for ASCII).
fn fill_char_offsets(text: &str, found: &mut [Finding]) {
    if found.is_empty() || is_ascii(text.as_bytes()) {
        for f in found.iter_mut() {
            f.char_start = f.start;
            f.char_end = f.end;
        }
        return;
    }
    let bytes = text.as_bytes();
    let (mut pos, mut chars) = (0usize, 0usize);
    let mut count_to = |target: usize| {
        chars += bytes[pos..target].iter().filter(|b| (**b as i8) >= -0x40).count();
        pos = target;
        chars
    };
    for f in found.iter_mut() {
        f.char_start = count_to(f.start);
        f.char_end = count_to(f.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_keeps_higher_score_then_longer() {
        let text = "abcdefghij";
        let found = vec![
            Finding::new("A", 0, 5, 0.5),
            Finding::new("B", 3, 8, 0.9),
            Finding::new("C", 8, 10, 0.5),
            Finding::new("D", 8, 9, 0.5),
        ];
        let kept = resolve(text, found);
        let names: Vec<_> = kept.iter().map(|f| f.entity.as_ref()).collect();
        assert_eq!(names, ["B", "C"]);
    }

    #[test]
    fn index_selection_agrees_with_sorting_the_findings() {
        // the selection as it was: sort the findings by priority, keep greedily, sort by start
        let reference = |mut found: Vec<Finding>| {
            found.sort_by(priority);
            let mut kept: Vec<Finding> = Vec::new();
            for f in found {
                if !kept.iter().any(|k| k.start < f.end && f.start < k.end) {
                    kept.push(f);
                }
            }
            kept.sort_by_key(|f| f.start);
            kept
        };
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below) as usize
        };
        for _ in 0..20_000 {
            let n = 1 + next(12);
            let mut found: Vec<Finding> = (0..n)
                .map(|_| {
                    let start = next(20);
                    let entity = ["A", "B", "C"][next(3)];
                    Finding::new(entity, start, start + next(6), [0.6, 0.8, 0.9, 1.0][next(4)])
                })
                .collect();
            found.sort_by_key(|f| f.start);
            let expected = reference(found.clone());
            assert_eq!(keep_few(found.clone()), expected, "{found:?}");
        }
    }

    #[test]
    fn ascii_test_agrees_with_std() {
        let text = "plain ascii text of some length, then é and more ascii after it".as_bytes();
        for from in 0..text.len() {
            for to in from..=text.len() {
                assert_eq!(is_ascii(&text[from..to]), text[from..to].is_ascii(), "{from}..{to}");
            }
        }
    }

    #[test]
    fn char_offsets_count_scalars() {
        let text = "héllo wörld x";
        let kept = resolve(text, vec![Finding::new("X", 14, 15, 1.0), Finding::new("W", 7, 13, 1.0)]);
        assert_eq!((kept[0].char_start, kept[0].char_end), (6, 11));
        assert_eq!((kept[1].char_start, kept[1].char_end), (12, 13));
    }
}
