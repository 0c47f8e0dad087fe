//! The keyword pass: finds every keyword and fixed token prefix of the secret detectors in one
//! SIMD search, and notes on the way whether the text holds any digit or `@` (so the digit and
//! e-mail detectors can skip text without them).
//!
//! The text is lower-cased window by window into a stack buffer (one vectorised pass that also
//! tests for digits, `@`, `x` and `J`), between zero bytes that keep Teddy's first and last
//! steps free of false candidates ([`LEAD`]), and searched for the lower-case forms of the
//! keywords: 28 patterns of four bytes or more, few enough for the packed "Slim Teddy" searcher
//! with four-byte fingerprints (32 bytes per step; case variants of every keyword would need 53
//! patterns and the half-speed "Fat Teddy"). A hit counts only when the original bytes are one
//! of the keyword's accepted spellings (`AKIA` exactly; `password`, `PASSWORD` or `Password`;
//! `apiKey`…); otherwise the search resumes one byte later. No keyword is a prefix of another,
//! so at most one matches at a position and the hits are exactly those of a case-sensitive
//! leftmost search over every accepted spelling.

use std::sync::OnceLock;

use aho_corasick::packed::{Config, MatchKind as PackedKind, Searcher};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

/// What a keyword anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    AwsId,
    Github,
    GithubPat,
    Slack,
    SlackWebhook,
    Stripe,
    Google,
    Jwt,
    Pem,
    Bearer,
    Scheme,
    Assign,
}

/// The keywords searched by Teddy: lower-case form, kind, accepted spellings. The order is
/// chosen for Teddy's 8 buckets (bucket = 7 - index mod 8, unless a keyword shares its first
/// four low nibbles with an earlier one): keywords grouped so that few English or log 4-grams
/// fit a bucket's fingerprint (measured on docs/, generated logs and prose: 0–0.3 % of
/// positions are candidates, against 1–2.7 % for the natural order).
const KEYWORDS: &[(&str, Kind, &[&str])] = &[
    ("aiza", Kind::Google, &["AIza"]),
    ("passphrase", Kind::Assign, &["passphrase", "PASSPHRASE", "Passphrase"]),
    ("authorization", Kind::Assign, &["authorization", "AUTHORIZATION", "Authorization"]),
    ("ghr_", Kind::Github, &["ghr_"]),
    ("private_key", Kind::Assign, &["private_key", "PRIVATE_KEY", "Private_key"]),
    ("abia", Kind::AwsId, &["ABIA"]),
    ("-----begin", Kind::Pem, &["-----BEGIN"]),
    ("hooks.slack.com/services/", Kind::SlackWebhook, &["hooks.slack.com/services/"]),
    ("apikey", Kind::Assign, &["apikey", "APIKEY", "Apikey", "apiKey", "ApiKey"]),
    ("sk_test_", Kind::Stripe, &["sk_test_"]),
    ("acca", Kind::AwsId, &["ACCA"]),
    ("ghs_", Kind::Github, &["ghs_"]),
    ("api-key", Kind::Assign, &["api-key", "API-KEY", "Api-key"]),
    ("passw", Kind::Assign, &["passw", "PASSW", "Passw"]),
    ("ghu_", Kind::Github, &["ghu_"]),
    ("token", Kind::Assign, &["token", "TOKEN", "Token"]),
    ("asia", Kind::AwsId, &["ASIA"]),
    ("rk_live_", Kind::Stripe, &["rk_live_"]),
    ("akia", Kind::AwsId, &["AKIA"]),
    ("ghp_", Kind::Github, &["ghp_"]),
    ("privatekey", Kind::Assign, &["privateKey"]),
    ("secret", Kind::Assign, &["secret", "SECRET", "Secret"]),
    ("sk_live_", Kind::Stripe, &["sk_live_"]),
    ("gho_", Kind::Github, &["gho_"]),
    ("api_key", Kind::Assign, &["api_key", "API_KEY", "Api_key"]),
    ("rk_test_", Kind::Stripe, &["rk_test_"]),
    ("github_pat_", Kind::GithubPat, &["github_pat_"]),
    ("bearer", Kind::Bearer, &["bearer", "BEARER", "Bearer"]),
];

/// Three-byte prefixes searched apart (Teddy compares four bytes when every keyword has at
/// least four), each only when the text holds its rarest byte, through `memchr` on its anchor
/// byte (at the given offset in the prefix). None of them overlaps another keyword in a way that
/// changes a finding: a `eyJ` starting inside `apikey` or `passphrase` follows a word character,
/// which the JWT matcher rejects anyway.
const SHORT_PREFIXES: &[(&[u8; 3], usize, Kind)] =
    &[(b"xox", 0, Kind::Slack), (b"eyJ", 2, Kind::Jwt), (b"://", 1, Kind::Scheme)];

/// Bytes of lower-cased text searched per window; longer texts are searched window by window.
const WINDOW: usize = 4096;
/// Texts up to this length use a small buffer (little to clear for a typical log line).
const SHORT: usize = 192;
/// Texts up to this length use a buffer of this size (clearing a whole window cost ~300
/// instructions per line of a few hundred bytes).
const MEDIUM: usize = 1024;
/// Zero bytes ahead of the lower-cased text in the search buffer. Teddy loads no byte before
/// the start of a search: it tests the first three positions only by the byte at the fourth
/// and those after it, and the first three positions of its last, overlapping 32-byte step
/// likewise. On a log line that made false candidates at both ends (~15 pattern checks for a
/// 70-byte line without any keyword). A zero byte matches no keyword byte, so a search started
/// in the zeros and ended in zeros at a whole number of steps has no such candidates (see
/// [`Keywords::searched_len`]). This costs Teddy one more step for a window length of 0–3
/// mod 32, and removed 28 % of the instructions on clean prose.
const LEAD: usize = 4;
/// Bytes of Teddy's step (AVX2; 16 bytes without AVX2, which divides it).
const STEP: usize = 32;
/// Zero bytes after the text: room to round the searched length up to whole steps.
const TAIL: usize = STEP;
/// Bytes lower-cased per step (two SSE2 vectors).
const CHUNK: usize = 32;

/// What the lower-casing pass saw besides keywords.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Presence {
    /// The text holds an ASCII digit.
    pub digit: bool,
    /// The text holds an `@`.
    pub at: bool,
    /// The text holds an `x` or a `J` (for `xox` and `eyJ`).
    xj: bool,
}

impl Presence {
    fn or(self, other: Presence) -> Presence {
        Presence { digit: self.digit | other.digit, at: self.at | other.at, xj: self.xj | other.xj }
    }
}

enum Finder {
    /// Teddy, where the CPU has it (x86_64 SSSE3/AVX2, aarch64 NEON).
    Packed(Searcher),
    /// Elsewhere: the same patterns in an Aho-Corasick automaton.
    Automaton(AhoCorasick),
}

struct Keywords {
    finder: Finder,
    longest: usize,
}

impl Finder {
    /// The leftmost keyword starting at or after `from`: (pattern, start, end).
    fn find(&self, hay: &[u8], from: usize) -> Option<(usize, usize, usize)> {
        match self {
            Finder::Packed(searcher) => searcher
                .find_in(hay, aho_corasick::Span::from(from..hay.len()))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
            Finder::Automaton(automaton) => automaton
                .find(Input::new(hay).span(from..hay.len()))
                .map(|m| (m.pattern().as_usize(), m.start(), m.end())),
        }
    }
}

fn build(force_automaton: bool) -> Keywords {
    let lower = || KEYWORDS.iter().map(|(lower, _, _)| lower);
    let longest = lower().map(|l| l.len()).max().unwrap_or(0);
    let mut packed = Config::new().match_kind(PackedKind::LeftmostFirst).builder();
    packed.extend(lower());
    let finder = match packed.build().filter(|_| !force_automaton) {
        Some(searcher) => Finder::Packed(searcher),
        None => Finder::Automaton(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .build(lower())
                .unwrap_or_else(|err| unreachable!("the built-in keywords are valid: {err}")),
        ),
    };
    Keywords { finder, longest }
}

fn keywords() -> &'static Keywords {
    static KEYWORDS: OnceLock<Keywords> = OnceLock::new();
    KEYWORDS.get_or_init(|| build(false))
}

/// Compiles the searcher now (it is otherwise compiled on first use).
pub(super) fn warm_up() {
    keywords();
}

/// Calls `hit(kind, start, end)` for every keyword of `text` (the Teddy keywords left to right
/// and non-overlapping, then the three-byte prefixes); returns whether the text holds digits or
/// `@`.
pub(super) fn search(text: &[u8], hit: impl FnMut(Kind, usize, usize)) -> Presence {
    let keywords = keywords();
    let (mut short, mut medium, mut window);
    let buf: &mut [u8] = if text.len() <= SHORT {
        short = [0; LEAD + SHORT + TAIL];
        &mut short
    } else if text.len() <= MEDIUM {
        medium = [0; LEAD + MEDIUM + TAIL];
        &mut medium
    } else {
        window = [0; LEAD + WINDOW + TAIL];
        &mut window
    };
    keywords.search(text, buf, hit)
}

impl Keywords {
    /// How much of `buf` the searches of a window of `n` bytes (at [`LEAD`]) cover: the zeros
    /// ahead of it, the window and zeros up to a whole number of steps. The first search starts
    /// at the buffer's start, later ones after a hit.
    fn searched_len(n: usize) -> usize {
        3 + (LEAD + n - 3).div_ceil(STEP) * STEP
    }

    /// Searches `text` window by window in `buf` (windows of `buf.len() - LEAD - TAIL` bytes;
    /// `buf` holds zeros).
    fn search(&self, text: &[u8], buf: &mut [u8], mut hit: impl FnMut(Kind, usize, usize)) -> Presence {
        let window = buf.len() - LEAD - TAIL;
        let mut presence = Presence::default();
        let (mut base, mut pos) = (0, 0);
        loop {
            let end = text.len().min(base + window);
            let n = end - base;
            presence = presence.or(lower_into(&text[base..end], &mut buf[LEAD..LEAD + n]));
            let searched = Self::searched_len(n);
            if base > 0 {
                // the previous window's bytes after this one's end
                buf[LEAD + n..searched].fill(0);
            }
            // a keyword starting before `limit` lies wholly inside this window
            let limit = if end == text.len() { end } else { end + 1 - self.longest };
            let mut from = if pos == base { 0 } else { LEAD + pos - base };
            while let Some((id, s, e)) = self.finder.find(&buf[..searched], from) {
                let (s, e) = (base + s - LEAD, base + e - LEAD);
                if s >= limit {
                    break;
                }
                let (_, kind, spellings) = KEYWORDS[id];
                if spellings.iter().any(|spelling| spelling.as_bytes() == &text[s..e]) {
                    hit(kind, s, e);
                    pos = e;
                } else {
                    pos = s + 1;
                }
                from = LEAD + pos - base;
            }
            if end == text.len() {
                break;
            }
            base = pos.max(limit);
            pos = base;
        }
        if presence.xj || presence.at {
            find_short(text, [presence.xj, presence.xj, presence.at], &mut |kind, s| hit(kind, s, s + 3));
        }
        presence
    }
}

/// Calls `hit(kind, start)` for the non-overlapping occurrences of each `wanted` prefix of
/// [`SHORT_PREFIXES`] in `text` (per prefix left to right, as `memmem`'s iterator), found through
/// the occurrences of their anchor bytes in one `memchr` pass (one search for `x`, `J` and `/`
/// costs about what one of them did).
fn find_short(text: &[u8], wanted: [bool; 3], hit: &mut dyn FnMut(Kind, usize)) {
    let anchor_byte = |k: usize| SHORT_PREFIXES[k].0[SHORT_PREFIXES[k].1];
    let mut next = [0; 3];
    let mut check = |i: usize| {
        let Some(k) = (0..SHORT_PREFIXES.len()).find(|&k| anchor_byte(k) == text[i]) else { return };
        let (needle, anchor, kind) = SHORT_PREFIXES[k];
        let Some(s) = i.checked_sub(anchor) else { return };
        if s >= next[k] && text.get(s..s + needle.len()) == Some(needle.as_slice()) {
            hit(kind, s);
            next[k] = s + needle.len();
        }
    };
    let (mut anchors, mut n) = ([0; 3], 0);
    for k in (0..SHORT_PREFIXES.len()).filter(|&k| wanted[k]) {
        anchors[n] = anchor_byte(k);
        n += 1;
    }
    match n {
        0 => {}
        1 => memchr::memchr_iter(anchors[0], text).for_each(&mut check),
        2 => memchr::memchr2_iter(anchors[0], anchors[1], text).for_each(&mut check),
        _ => memchr::memchr3_iter(anchors[0], anchors[1], anchors[2], text).for_each(&mut check),
    }
}

/// Copies `src` into `dst` (as long) with ASCII letters lower-cased; notes digits, `@`, `x`
/// and `J`. Works on whole 32-byte chunks with per-lane minimum accumulators (branch-free
/// `[u8; 32]` code that the compiler turns into SIMD). Compiled twice: for the x86_64 baseline
/// (SSE2, 16 bytes a vector, about 43 instructions per chunk) and for AVX2 CPUs (one 32-byte
/// vector, about 22), chosen once at run time (`multiversion`: CPU detection, no `unsafe` here).
#[multiversion::multiversion(targets("x86_64+avx2+bmi1+bmi2+lzcnt+popcnt"))]
fn lower_into(src: &[u8], dst: &mut [u8]) -> Presence {
    let mut lanes = Lanes { digit: [u8::MAX; CHUNK], at: [u8::MAX; CHUNK], xj: [u8::MAX; CHUNK] };
    for (s, d) in src.chunks_exact(CHUNK).zip(dst.chunks_exact_mut(CHUNK)) {
        lanes.lower_slices(s, d);
    }
    let (len, rest) = (src.len(), src.len() % CHUNK);
    if rest > 0 && len >= CHUNK {
        // the last whole chunk again, overlapping the ones done (same bytes, same flags)
        lanes.lower_slices(&src[len - CHUNK..], &mut dst[len - CHUNK..len]);
    } else if rest > 0 {
        // a short text goes through a zero-padded chunk (a zero byte is none of the bytes noted)
        let (mut tail, mut lowered) = ([0; CHUNK], [0; CHUNK]);
        tail[..rest].copy_from_slice(src);
        lanes.lower(&tail, &mut lowered);
        dst[..rest].copy_from_slice(&lowered[..rest]);
    }
    let min = |lanes: &[u8; CHUNK]| lanes.iter().copied().min().unwrap_or(u8::MAX);
    Presence { digit: min(&lanes.digit) < 10, at: min(&lanes.at) == 0, xj: min(&lanes.xj) == 0 }
}

/// Per-lane minimums: of `byte - b'0'` (below 10 for a digit), of `byte ^ b'@'` (0 for `@`)
/// and of `byte ^ b'x'`, `byte ^ b'J'` (0 for either).
struct Lanes {
    digit: [u8; CHUNK],
    at: [u8; CHUNK],
    xj: [u8; CHUNK],
}

impl Lanes {
    /// [`Lanes::lower`] on slices of exactly [`CHUNK`] bytes.
    #[inline(always)]
    fn lower_slices(&mut self, src: &[u8], dst: &mut [u8]) {
        if let (Ok(src), Ok(dst)) = (<&[u8; CHUNK]>::try_from(src), <&mut [u8; CHUNK]>::try_from(dst)) {
            self.lower(src, dst);
        }
    }

    #[inline(always)]
    fn lower(&mut self, src: &[u8; CHUNK], dst: &mut [u8; CHUNK]) {
        for k in 0..CHUNK {
            let b = src[k];
            dst[k] = b | (u8::from(b.wrapping_sub(b'A') < 26) << 5);
            self.digit[k] = self.digit[k].min(b.wrapping_sub(b'0'));
            self.at[k] = self.at[k].min(b ^ b'@');
            self.xj[k] = self.xj[k].min((b ^ b'x').min(b ^ b'J'));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(keywords: &Keywords, text: &str, window: usize) -> Vec<(Kind, usize, usize)> {
        let mut out = Vec::new();
        keywords.search(text.as_bytes(), &mut vec![0; LEAD + window + TAIL], |kind, s, e| out.push((kind, s, e)));
        out
    }

    #[test]
    fn table_is_consistent() {
        for (lower, kind, spellings) in KEYWORDS {
            assert!(lower.len() >= 4 && spellings.iter().all(|s| s.to_ascii_lowercase() == *lower), "{lower}");
            // `secrets::aws_secret` looks for `access` after an assignment keyword only: no such
            // keyword holds it or ends with a prefix of it
            let access_inside = lower.contains("access") || (1..6).any(|n| lower.ends_with(&"access"[..n]));
            assert!(*kind != Kind::Assign || !access_inside, "{lower}");
            // at most one keyword can match at a position
            assert!(KEYWORDS.iter().all(|(other, _, _)| other == lower || !other.starts_with(lower)), "{lower}");
        }
    }

    #[test]
    fn finds_accepted_spellings_only() {
        let keywords = keywords();
        let text = "Asia AKIA akia PASSWORD Password pAssword apiKey APIKEY privatekey privateKey eyJ EYJ";
        let found: Vec<_> = hits(keywords, text, SHORT).into_iter().map(|(_, s, e)| &text[s..e]).collect();
        assert_eq!(found, ["AKIA", "PASSW", "Passw", "apiKey", "APIKEY", "privateKey", "eyJ"]);
    }

    #[test]
    fn a_rejected_spelling_does_not_hide_the_next_keyword() {
        // "Asia" is no AWS prefix, but "AKIA" overlapping its last letter is
        let text = "xAsiAKIAQX7B3K9Z2M4N8P1R";
        let found: Vec<_> = hits(keywords(), text, SHORT).into_iter().map(|(_, s, _)| s).collect();
        assert_eq!(found, [4]);
    }

    #[test]
    fn windows_and_automaton_agree_with_one_search() {
        let line = "token=abc Bearer xyz AKIAQX7B3K9Z2M4N8P1R hooks.slack.com/services/T0 -----BEGIN secret ";
        let text = line.repeat(97);
        let packed = keywords();
        let automaton = build(true);
        let whole = hits(packed, &text, text.len());
        assert_eq!(whole.len(), 97 * 6);
        assert_eq!(hits(packed, &text, WINDOW), whole);
        assert_eq!(hits(packed, &text, 100), whole);
        assert_eq!(hits(&automaton, &text, 100), whole);
    }

    #[test]
    fn short_texts_agree_with_the_automaton() {
        // the tail after a keyword is shorter than Teddy's minimum span for a while (the
        // packed searcher's Rabin-Karp fallback takes it), and the first search spans from one
        // to three Teddy steps
        let (packed, automaton) = (keywords(), build(true));
        for (_, _, spellings) in KEYWORDS {
            for before in (0..48).step_by(5) {
                for after in 0..72 {
                    let text = format!("{}{}.{}", "q".repeat(before), spellings[0], "z".repeat(after));
                    let found = hits(packed, &text, SHORT);
                    assert_eq!(found, hits(&automaton, &text, SHORT), "{text}");
                    assert_eq!(found.len(), 1, "{text}");
                }
            }
        }
    }

    #[test]
    fn a_window_never_matches_past_the_text() {
        // the last window (76..150) is shorter than the first, whose lowered bytes 74..76 ("en")
        // would follow the "tok" at the text's end in the buffer if they were not cleared
        let mut text = "x".repeat(150);
        text.replace_range(74..76, "en");
        text.replace_range(147..150, "tok");
        assert_eq!(hits(keywords(), &text, 100), []);
    }

    #[test]
    fn searches_cover_the_window_in_whole_steps() {
        for n in 0..=WINDOW {
            let searched = Keywords::searched_len(n);
            assert_eq!((searched - 3) % STEP, 0, "{n}");
            assert!(searched >= LEAD + n && searched <= LEAD + n + TAIL, "{n}");
        }
    }

    #[test]
    fn short_prefixes_as_memmem() {
        for text in ["xoxoxox xox", "eyJeyJ.eyJ", "a://b:///c", "xo", "", "ox xxoxx://eyJ", "xox://eyJxoxeyJ/"] {
            for wanted in [[true, true, true], [true, true, false], [false, false, true], [false, true, false]] {
                let mut found = Vec::new();
                find_short(text.as_bytes(), wanted, &mut |kind, s| found.push((kind, s)));
                for (k, &(needle, _, kind)) in SHORT_PREFIXES.iter().enumerate() {
                    let of_kind: Vec<_> = found.iter().filter(|(f, _)| *f == kind).map(|(_, s)| *s).collect();
                    let expected: Vec<_> = match wanted[k] {
                        true => memchr::memmem::find_iter(text.as_bytes(), needle).collect(),
                        false => Vec::new(),
                    };
                    assert_eq!(of_kind, expected, "{text} {wanted:?}");
                }
            }
        }
    }

    #[test]
    fn lowers_every_length() {
        let text = b"Hello World, ABC-xyz Q@Z 09 jJ \xc3\xa9 padding to cover two chunks and a tail";
        for len in 0..text.len() {
            let mut out = vec![0; len];
            let seen = lower_into(&text[..len], &mut out);
            assert_eq!(out, text[..len].to_ascii_lowercase(), "{len}");
            assert_eq!(seen.digit, text[..len].iter().any(u8::is_ascii_digit), "{len}");
            assert_eq!(seen.at, text[..len].contains(&b'@'), "{len}");
            assert_eq!(seen.xj, text[..len].iter().any(|b| matches!(b, b'x' | b'J')), "{len}");
        }
    }

    #[test]
    fn notes_digits_and_at() {
        let p = search(b"no digits here", |_, _, _| {});
        assert!(!p.digit && !p.at);
        let p = search("a@b 7".repeat(100).as_bytes(), |_, _, _| {});
        assert!(p.digit && p.at);
    }
}
