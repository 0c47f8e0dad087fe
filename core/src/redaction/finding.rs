//! What a detector reports: an entity, its span (bytes and characters) and a score; and the
//! deterministic resolution of overlapping findings.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

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

    /// [`ALL`] and, for the crate, the same entities as `EntityId`s (`ids`), from one list.
    macro_rules! built_in {
        ($($name:ident),* $(,)?) => {
            /// Every built-in detector entity, in a fixed order (their index is their bit in a
            /// policy).
            pub const ALL: &[&str] = &[$($name),*];

            /// The built-in entities as [`EntityId`](super::EntityId)s, named as above.
            pub(crate) mod ids {
                $(
                    #[doc = concat!("[`", stringify!($name), "`](super::", stringify!($name), ")")]
                    pub(crate) const $name: super::super::EntityId = super::super::EntityId::builtin(super::$name);
                )*
            }
        };
    }

    built_in!(
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
    );

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

/// An entity as a small number: a built-in is its index in [`entities::ALL`], the custom
/// patterns of a policy follow them in policy order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EntityId(pub(crate) u16);

impl EntityId {
    /// The id of the built-in entity `name` (evaluated at compile time by [`ids`]).
    const fn builtin(name: &str) -> EntityId {
        let mut i = 0;
        while i < entities::ALL.len() {
            if same_bytes(name.as_bytes(), entities::ALL[i].as_bytes()) {
                return EntityId(i as u16);
            }
            i += 1;
        }
        panic!("not a built-in entity")
    }

    /// The id of the built-in entity at `index` in [`entities::ALL`].
    pub(crate) fn builtin_index(index: usize) -> EntityId {
        EntityId(index as u16)
    }

    /// The id of the policy's custom pattern number `index`.
    pub(crate) fn custom(index: usize) -> EntityId {
        EntityId((entities::ALL.len() + index) as u16)
    }

    /// The built-in entity's name, or the custom pattern's index.
    pub(crate) fn builtin_or_custom(self) -> Result<&'static str, usize> {
        let i = usize::from(self.0);
        entities::ALL.get(i).copied().ok_or_else(|| i - entities::ALL.len())
    }
}

const fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(crate) use entities::ids;

/// A detector's finding before overlaps are resolved: the entity as an id and the byte span
/// (32 bytes, half a [`Finding`]; the character offsets and the entity's name are only made for
/// the findings `analyze` returns).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Hit {
    /// Byte offset of the first byte.
    pub(crate) start: usize,
    /// Byte offset after the last byte.
    pub(crate) end: usize,
    /// Confidence in [0, 1].
    pub(crate) score: f64,
    /// What was found.
    pub(crate) entity: EntityId,
}

impl Hit {
    /// A hit of `entity` at `start..end`.
    pub(crate) fn new(entity: EntityId, start: usize, end: usize, score: f64) -> Hit {
        Hit { start, end, score, entity }
    }
}

/// The hits of one text. A PII-dense log line has three to six: eight stay on the stack (no
/// allocation and no free per line).
pub(crate) type Hits = SmallVec<[Hit; 8]>;

/// Keeps a deterministic set of non-overlapping hits, sorted by start: among overlapping hits
/// the higher score wins, then the longer span, then the earlier start, then the entity name
/// (`name` gives it).
pub(crate) fn resolve_spans<'n>(found: &mut Hits, name: impl Fn(EntityId) -> &'n str) {
    if found.is_empty() {
        return;
    }
    if !found.is_sorted_by_key(|f| f.start) {
        found.sort_by_key(|f| f.start);
    }
    let disjoint = |found: &Hits| found.windows(2).all(|w| w[0].start < w[1].start && w[0].end <= w[1].start);
    if disjoint(found) {
        return; // every hit is kept, and the order by start (distinct starts) is the result
    }
    let priority = |a: &Hit, b: &Hit| priority(a, b, &name);
    // two detectors on one value (`api_key=sk_live_…`, `Authorization: Bearer …`) report the
    // same span: only the first in priority order can be kept (whatever overlaps one overlaps
    // the other), so the other goes now, and such a line usually needs no selection below
    found.dedup_by(|later, kept| {
        let same = later.start == kept.start && later.end == kept.end && later.start < later.end;
        if same && priority(later, kept) == Ordering::Less {
            std::mem::swap(later, kept);
        }
        same
    });
    if disjoint(found) {
        return;
    }
    if found.len() <= 32 {
        keep_few(found, priority);
    } else {
        found.sort_by(priority);
        keep_many(found);
    }
}

/// The order in which overlapping hits are chosen: higher score, longer span, earlier start,
/// entity name.
fn priority<'n>(a: &Hit, b: &Hit, name: &impl Fn(EntityId) -> &'n str) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| (b.end - b.start).cmp(&(a.end - a.start)))
        .then_with(|| a.start.cmp(&b.start))
        .then_with(|| name(a.entity).cmp(name(b.entity)))
}

/// Greedy selection in priority order for a handful of hits sorted by start: the priority order
/// is sorted as indices, and the kept hits stay in their order by start (no second sort).
fn keep_few(by_start: &mut Hits, priority: impl Fn(&Hit, &Hit) -> Ordering) {
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
    sort_equal_starts(by_start, priority);
}

/// The same selection with an interval map, for many hits (huge inputs) in priority order:
/// O(n log n). Keyed by start: no detector reports an empty hit, and non-empty kept hits have
/// distinct starts.
fn keep_many(ordered: &mut Hits) {
    let mut kept: BTreeMap<usize, Hit> = BTreeMap::new();
    for hit in ordered.drain(..) {
        let overlaps = kept.range(..hit.end).next_back().is_some_and(|(_, k)| k.end > hit.start);
        if !overlaps {
            kept.insert(hit.start, hit);
        }
    }
    ordered.extend(kept.into_values());
}

/// Orders kept hits that share a start (only empty ones can) by priority.
fn sort_equal_starts(by_start: &mut Hits, priority: impl Fn(&Hit, &Hit) -> Ordering) {
    if by_start.windows(2).any(|w| w[0].start == w[1].start) {
        by_start.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| priority(a, b)));
    }
}

/// Whether `bytes` are all ASCII: the OR of all 8-byte words (a reduction the compiler
/// vectorises; `<[u8]>::is_ascii` went about a byte per step on log lines).
fn is_ascii(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let high = words.by_ref().fold(0u64, |acc, w| acc | u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
    high & 0x8080_8080_8080_8080 == 0 && words.remainder().is_ascii()
}

/// The findings of `hits` (resolved: sorted by start, disjoint), named by `name`, with their
/// character offsets counted in one pass over the text (free for ASCII).
pub(crate) fn to_findings(text: &str, hits: &[Hit], name: impl Fn(EntityId) -> Cow<'static, str>) -> Vec<Finding> {
    let finding = |h: &Hit, char_start, char_end| Finding {
        entity: name(h.entity),
        start: h.start,
        end: h.end,
        char_start,
        char_end,
        score: h.score,
    };
    if is_ascii(text.as_bytes()) {
        return hits.iter().map(|h| finding(h, h.start, h.end)).collect();
    }
    let bytes = text.as_bytes();
    let (mut pos, mut chars) = (0usize, 0usize);
    let mut count_to = |target: usize| {
        chars += bytes[pos..target].iter().filter(|b| (**b as i8) >= -0x40).count();
        pos = target;
        chars
    };
    hits.iter()
        .map(|h| {
            let char_start = count_to(h.start);
            finding(h, char_start, count_to(h.end))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Test entities `A`, `B`, `C`, `D`… as ids 0, 1, 2, 3…
    fn letter(id: EntityId) -> &'static str {
        ["A", "B", "C", "D", "E"][usize::from(id.0)]
    }

    fn hit(entity: u16, start: usize, end: usize, score: f64) -> Hit {
        Hit::new(EntityId(entity), start, end, score)
    }

    #[test]
    fn overlap_keeps_higher_score_then_longer() {
        let mut found =
            Hits::from_slice(&[hit(0, 0, 5, 0.5), hit(1, 3, 8, 0.9), hit(2, 8, 10, 0.5), hit(3, 8, 9, 0.5)]);
        resolve_spans(&mut found, letter);
        let names: Vec<_> = found.iter().map(|f| letter(f.entity)).collect();
        assert_eq!(names, ["B", "C"]);
    }

    #[test]
    fn equal_hits_are_ordered_by_entity_name() {
        // same span and score: the name decides, whatever the ids' order
        let mut found = Hits::from_slice(&[hit(3, 2, 6, 0.8), hit(1, 2, 6, 0.8)]);
        resolve_spans(&mut found, letter);
        assert_eq!(found.as_slice(), [hit(1, 2, 6, 0.8)]);
        let reversed = |id: EntityId| letter(EntityId(4 - id.0));
        let mut found = Hits::from_slice(&[hit(3, 2, 6, 0.8), hit(1, 2, 6, 0.8)]);
        resolve_spans(&mut found, reversed);
        assert_eq!(found.as_slice(), [hit(3, 2, 6, 0.8)]);
    }

    #[test]
    fn index_selection_agrees_with_sorting_the_findings() {
        // the selection as it was: sort the findings by priority, keep greedily, sort by start
        let reference = |mut found: Vec<Hit>| {
            found.sort_by(|a, b| priority(a, b, &letter));
            let mut kept: Vec<Hit> = Vec::new();
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
        for round in 0..20_000 {
            // rounds of 40 hits go through the interval map (which, like the detectors, knows no
            // empty hits)
            let many = round % 100 == 0;
            let n = if many { 40 } else { 1 + next(12) };
            let mut found: Vec<Hit> = (0..n)
                .map(|_| {
                    let start = next(20);
                    let len = next(6) + usize::from(many);
                    hit(next(3) as u16, start, start + len, [0.6, 0.8, 0.9, 1.0][next(4)])
                })
                .collect();
            found.sort_by_key(|f| f.start);
            let expected = reference(found.clone());
            let mut resolved: Hits = found.iter().copied().collect();
            resolve_spans(&mut resolved, letter);
            assert_eq!(resolved.as_slice(), expected, "{found:?}");
        }
    }

    #[test]
    fn builtin_ids_name_their_entities() {
        assert_eq!(ids::EMAIL_ADDRESS.builtin_or_custom(), Ok(entities::EMAIL_ADDRESS));
        assert_eq!(ids::SECRET.builtin_or_custom(), Ok(entities::SECRET));
        assert_eq!(EntityId::custom(3).builtin_or_custom(), Err(3));
        for (i, name) in entities::ALL.iter().enumerate() {
            assert_eq!(EntityId::builtin(name), EntityId(i as u16));
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
        let found = to_findings(text, &[hit(1, 7, 13, 1.0), hit(0, 14, 15, 1.0)], |id| letter(id).into());
        assert_eq!((found[0].entity.as_ref(), found[0].char_start, found[0].char_end), ("B", 6, 11));
        assert_eq!((found[1].entity.as_ref(), found[1].char_start, found[1].char_end), ("A", 12, 13));
    }
}
