//! Detectors anchored on digits: cards, SSNs, phone numbers, IBANs, IP and MAC addresses.
//!
//! A block-at-a-time scan ([`super::blocks`]) finds the next ASCII digit; every detector then
//! looks only at the digits' neighbourhood with hand-written matchers (no regex), and validators
//! (Luhn, mod-97, SSN ranges, `std::net` parsing, country codes) reject look-alikes. After a
//! candidate the scan resumes behind everything it consumed, so a long number is looked at once.

use super::blocks::{BLOCK, digits_at};
use super::finding::{Hit, Hits, ids as e};
use super::validate::{
    byte_set, card_prefix, context_before, iban_expected_len, iban_valid, international_phone, ipv4_end, is_ipv6,
    is_word, luhn, nanp, ssn,
};

const SSN_CONTEXT: &[&str] = &["ssn", "social security", "ss#", "social_security", "taxpayer"];
const PHONE_CONTEXT: &[&str] = &["phone", "tel", "mobile", "cell", "call", "fax", "sms", "whatsapp", "contact"];
const MAX_GROUPS: usize = 8;
/// Digits a chain keeps (a group starts within its first 25 digits and a check reads at most 32
/// digits from a group's start, so 64 always hold them).
const CHAIN_DIGITS: usize = 64;
/// Digits a check reads at most (more are no card, SSN or phone number).
const CHECK_DIGITS: usize = 32;
/// Digits the shortest finding of the chain checks has: an E.164 phone number with its country
/// code (`+49 123456`); an SSN has 9, a card 13.
const FEWEST_DIGITS: usize = 8;
/// Digits the shortest card or SSN has (an SSN's 9).
const FEWEST_CARD_OR_SSN_DIGITS: usize = 9;

/// Appends the digit-anchored findings of `text` to `out`. Compiled twice, for the x86_64
/// baseline and for AVX2/BMI CPUs (chosen once at run time): there the block test of the digit
/// search needs fewer register moves (three-operand forms) and bit scans are single
/// instructions. The visit path (`detect_at`, `quick_reject`, `token_span`, `next_digit`) is
/// inlined into both copies (out of line, the two copies would share one baseline version).
#[multiversion::multiversion(targets("x86_64+avx2+bmi1+bmi2+lzcnt+popcnt"))]
pub(crate) fn scan(text: &[u8], out: &mut Hits) {
    let mut i = 0;
    while let Some(p) = next_digit(text, i) {
        i = detect_at(text, p, out).max(p + 1);
    }
}

/// The position of the next ASCII digit at or after `from`, a 16-byte block at a time.
#[inline(always)]
fn next_digit(text: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < text.len() {
        let digits = digits_at(text, at);
        if digits != 0 {
            return Some(at + digits.trailing_zeros() as usize);
        }
        at += BLOCK;
    }
    None
}

/// How many of the 8 bytes of `word` (first byte lowest) are ASCII digits before the first
/// other byte. Exact for every byte: `b ^ b'0'` is a digit's value, and no step carries into the
/// next byte.
fn leading_digits(word: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let y = word ^ (ONES * u64::from(b'0'));
    // high bit set where y >= 10 (y & 0x7f plus 0x76 stays below 0x100) or y >= 0x80
    let other = (((y & (ONES * 0x7f)) + ONES * 0x76) | y) & (ONES * 0x80);
    (other.trailing_zeros() / 8) as usize
}

fn run_end(text: &[u8], from: usize, class: impl Fn(u8) -> bool) -> usize {
    text[from..].iter().position(|b| !class(*b)).map_or(text.len(), |k| from + k)
}

/// [`run_end`] that stops at `limit`.
fn run_end_max(text: &[u8], from: usize, limit: usize, class: impl Fn(u8) -> bool) -> usize {
    let limit = limit.min(text.len());
    text[from..limit].iter().position(|b| !class(*b)).map_or(limit, |k| from + k)
}

fn byte_at(text: &[u8], i: usize) -> u8 {
    text.get(i).copied().unwrap_or(b' ')
}

/// Whether a number may end at `end`: no word character, and no `.`/`,`/`:` followed by a digit.
fn ends_cleanly(text: &[u8], end: usize) -> bool {
    let next = byte_at(text, end);
    !(is_word(next) || matches!(next, b'.' | b',' | b':') && byte_at(text, end + 1).is_ascii_digit())
}

/// Runs the detectors at the digit `p`; returns where the scan resumes.
#[inline(always)]
fn detect_at(text: &[u8], p: usize, out: &mut Hits) -> usize {
    if p >= 2
        && text[p - 1].is_ascii_uppercase()
        && text[p - 2].is_ascii_uppercase()
        && (p == 2 || !is_word(text[p - 3]))
    {
        if let Some(end) = iban(text, p - 2) {
            out.push(Hit::new(e::IBAN_CODE, p - 2, end, 1.0));
            return end;
        }
    }
    let shape = match quick_reject(text, p) {
        Verdict::Skip(resume) => return resume,
        Verdict::Inspect(shape) => shape,
    };
    if let Some(found) = shape.may_be_hex().then(|| hex_token(text, p)).flatten() {
        let end = found.end;
        out.push(found);
        return end;
    }
    let prev = if p == 0 { b' ' } else { text[p - 1] };
    if is_word(prev) {
        return run_end(text, p, is_word);
    }
    if matches!(prev, b'.' | b'-') && p >= 2 && text[p - 2].is_ascii_digit() {
        return run_end(text, p, |b| b.is_ascii_digit());
    }
    // a dotted quad needs three dots in the token
    let quad = (shape.dots >= 3).then(|| ipv4(text, p)).flatten();
    if let Some(end) = quad.filter(|_| !version_context(text, p)) {
        out.push(Hit::new(e::IP_ADDRESS, p, end, 0.9));
        return end;
    }
    chain_at(text, p, out)
}

/// Where the scan resumes after the digit chain at `p` (whose first group ends at `end`) when
/// its shape alone shows the phone, card and SSN checks find nothing. Both shapes end in a group
/// followed by `:` or `,` and a digit (neither separates chain groups), which is no clean end
/// for any of them: a chain of one such group (the hour and minute of `14:59:55`, the `55` of
/// `55,237`), and a date with its hour (`2026-11-04 14:59`: groups of 4, 2, 2 and 2 digits, too
/// few for a card, none an SSN's 9 or 3-2-4). After a date and hour with `:MM:SS,` and a digit
/// (Python's logging format), the scan resumes behind the seconds: the visits to the minute and
/// the second would take the one-group rule. Python's logging and syslog timestamps took ~1,500
/// instructions in those checks.
#[inline(always)]
fn chain_without_findings(text: &[u8], p: usize, end: usize) -> Option<usize> {
    let unclean_after = |i: usize| matches!(byte_at(text, i), b':' | b',') && byte_at(text, i + 1).is_ascii_digit();
    if unclean_after(end) {
        return Some(end);
    }
    let stamp: &[u8; 13] = text.get(p..p + 13)?.try_into().ok()?;
    let digits = |at: &[usize]| at.iter().all(|&i| byte_at(text, p + i).is_ascii_digit());
    let date_hour = end == p + 4 && stamp[4] == b'-' && stamp[7] == b'-' && stamp[10] == b' ';
    if !(date_hour && digits(&[5, 6, 8, 9, 11, 12]) && unclean_after(p + 13)) {
        return None;
    }
    let seconds = byte_at(text, p + 16) == b':' && byte_at(text, p + 19) == b',' && digits(&[14, 15, 17, 18, 20]);
    Some(if seconds { p + 19 } else { p + 13 })
}

/// Class bits of the token bytes `[0-9A-Fa-f.:-]` (digit, hex letter, `:`, `.`, `-`), and
/// [`OUTSIDE`] for every other byte.
static CLASS: [u8; 256] = {
    let mut table = [OUTSIDE; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'0'..=b'9' => DIGIT,
            b'a'..=b'f' | b'A'..=b'F' => LETTER,
            b':' => COLON,
            b'.' => DOT,
            b'-' => DASH,
            _ => OUTSIDE,
        };
        b += 1;
    }
    table
};
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const COLON: u8 = 4;
const DOT: u8 = 8;
const DASH: u8 = 16;
const OUTSIDE: u8 = 0x80;

fn token_class(b: u8) -> bool {
    CLASS[usize::from(b)] & OUTSIDE == 0
}

/// How many times `sep` (of class `class`) occurs in `token`, whose bytes' classes are `seen`:
/// no pass over the token when the class is absent.
fn count(token: &[u8], seen: u8, sep: u8, class: u8) -> usize {
    if seen & class == 0 { 0 } else { token.iter().filter(|b| **b == sep).count() }
}

/// Bytes of a token measured at most: longer than any address or number, so a token this long
/// is skipped whole.
const MAX_TOKEN: usize = 64;

/// The length of the token of `[0-9A-Fa-f.:-]` at `s` (at most [`MAX_TOKEN`]) and the union of
/// its bytes' classes. Four bytes per step while none of them is outside the token: four table
/// lookups OR-ed, one branch.
#[inline(always)]
fn token_span(text: &[u8], s: usize) -> (usize, u8) {
    let window = &text[s..text.len().min(s + MAX_TOKEN)];
    let class = |b: &u8| CLASS[usize::from(*b)];
    let (mut len, mut seen) = (0, 0);
    for quad in window.chunks_exact(4) {
        let union = class(&quad[0]) | class(&quad[1]) | class(&quad[2]) | class(&quad[3]);
        if union & OUTSIDE != 0 {
            break;
        }
        seen |= union;
        len += 4;
    }
    for b in &window[len..] {
        let c = class(b);
        if c & OUTSIDE != 0 {
            break;
        }
        seen |= c;
        len += 1;
    }
    (len, seen)
}

/// The length of the token at `s` when it is a run of fewer than 8 digits (most numbers in
/// logs: `status=200`), measured on one 8-byte word; `None` when it is not (or fewer than 8
/// bytes remain), for [`token_span`] to measure.
#[inline(always)]
fn digit_run(text: &[u8], s: usize) -> Option<usize> {
    let word = u64::from_le_bytes(text.get(s..s + 8)?.try_into().ok()?);
    let run = leading_digits(word);
    // the byte after the run taken from the register (indexing the bytes went through memory)
    (run < 8 && !token_class((word >> (8 * run)) as u8)).then_some(run)
}

/// What [`quick_reject`] decided about the token around a digit.
enum Verdict {
    /// No detector can use it: resume the scan here.
    Skip(usize),
    /// The detectors must look at it; its separators tell which can match.
    Inspect(Shape),
}

/// Separator counts of a token of `[0-9A-Fa-f.:-]`. Every token the hex, MAC and IPv4 matchers
/// read around the digit lies inside it, so the counts rule them out cheaply.
struct Shape {
    len: usize,
    dots: usize,
    colons: usize,
    dashes: usize,
    /// The token holds `::` (looked for only in a token of two to four `:`).
    double_colon: bool,
}

impl Shape {
    /// The separator counts of `token`, whose bytes' classes are `seen` and which holds
    /// `colons` colons. Inlined: the compiler kept it out of line, a call on most visits.
    #[inline(always)]
    fn of(token: &[u8], seen: u8, colons: usize) -> Shape {
        let double_colon = (2..5).contains(&colons) && token.windows(2).any(|pair| pair == b"::");
        let (dots, dashes) = (count(token, seen, b'.', DOT), count(token, seen, b'-', DASH));
        Shape { len: token.len(), dots, colons, dashes, double_colon }
    }

    /// An IPv6 address needs `::` or six `:` (seven, or six before a dotted IPv4 address), a
    /// MAC address five `:`, or five `-` in 17 bytes. So a time of day (`14:59:55`), a date, an
    /// SSN or a dashed card or phone number skips the hex matchers (parsing a time as IPv6 cost
    /// a Python-logging line ~850 of its ~4,000 instructions).
    fn may_be_hex(&self) -> bool {
        self.colons >= 5 || self.colons >= 2 && self.double_colon || self.dashes >= 5 && self.len >= 17
    }
}

/// Cheap rejection of digits no detector can use (most numbers in logs): hex identifiers
/// (UUIDs, hashes), numbers glued to a word, short isolated numbers. Looks at the token of
/// `[0-9A-Fa-f.:-]` around `p` once (one table lookup per byte).
#[inline(always)]
fn quick_reject(text: &[u8], p: usize) -> Verdict {
    if iso_fast_path() {
        if let Some(resume) = iso_timestamp(text, p) {
            return Verdict::Skip(resume);
        }
    }
    let s = token_start(text, p);
    let (len, seen) = match digit_run(text, s) {
        Some(run) => (run, DIGIT),
        None => token_span(text, s),
    };
    let e = s + len;
    if len == MAX_TOKEN {
        return Verdict::Skip(run_end(text, e, token_class));
    }
    let prev = if s == 0 { b' ' } else { text[s - 1] };
    if is_word(prev) {
        return Verdict::Skip(skip_glued(text, run_end(text, e, is_word)));
    }
    let token = &text[s..e];
    // separators are counted only where a decision needs them
    let colons = count(token, seen, b':', COLON);
    if colons >= 2 {
        return Verdict::Inspect(Shape::of(token, seen, colons));
    }
    if seen & LETTER != 0 {
        let mac = len == 17 && is_mac(token, b'-');
        return if mac { Verdict::Inspect(Shape::of(token, seen, colons)) } else { Verdict::Skip(e) };
    }
    let next = byte_at(text, e);
    if is_word(next) && !matches!(next, b'x' | b'X') {
        return Verdict::Skip(skip_glued(text, run_end(text, e, is_word)));
    }
    let continues = matches!(next, b' ' | b'(' | b')' | b'/') && byte_at(text, e + 1).is_ascii_digit();
    // no letters here: the rest of the token is digits
    let shape = Shape::of(token, seen, colons);
    let digits = len - shape.colons - shape.dots - shape.dashes;
    if digits < 4 && !continues && prev != b'+' && prev != b'(' { Verdict::Skip(e) } else { Verdict::Inspect(shape) }
}

/// Whether [`quick_reject`] takes the ISO timestamp shortcut: always, except in tests that
/// compare it with the general path.
#[inline(always)]
fn iso_fast_path() -> bool {
    #[cfg(test)]
    return tests::ISO_FAST_PATH.get();
    #[cfg(not(test))]
    true
}

/// Where the scan resumes after an ISO 8601 date and time starting at `p` (`2026-11-05T10:…`,
/// at the start of most log lines): what the general path gives, without its measuring. The
/// date is a token glued to the `T`, skipped with the word characters up to the `:`; the
/// time's token starts after the `T`.
#[inline(always)]
fn iso_timestamp(text: &[u8], p: usize) -> Option<usize> {
    let t: &[u8; 14] = text.get(p..p + 14)?.try_into().ok()?;
    // this runs at every digit the scan visits: one branch on the separators, then the digits
    // tested without a branch (`&`, not `&&`; early exits mispredicted on ordinary numbers)
    if !((t[4] == b'-') & (t[7] == b'-') & (t[10] == b'T')) {
        return None;
    }
    let d = |i: usize| t[i].wrapping_sub(b'0') < 10;
    let digits = d(0) & d(1) & d(2) & d(3) & d(5) & d(6) & d(8) & d(9) & d(11) & d(12);
    if !(digits & !is_word(t[13])) || (p > 0 && token_class(text[p - 1])) {
        return None;
    }
    let hour_end = p + 13;
    Some(if t[13] == b':' && byte_at(text, hour_end + 1).is_ascii_digit() {
        skip_glued_token(text, p + 11, hour_end + 1)
    } else {
        skip_glued(text, hour_end)
    })
}

/// The start of the token of `[0-9A-Fa-f.:-]` around the digit `p` (looking back at most 48
/// bytes).
#[inline(always)]
fn token_start(text: &[u8], p: usize) -> usize {
    if p == 0 || !token_class(text[p - 1]) {
        p
    } else {
        let lo = p.saturating_sub(48);
        text[lo..p].iter().rposition(|b| !token_class(*b)).map_or(lo, |k| lo + k + 1)
    }
}

/// Where the scan resumes after a token glued to a word: `r` ends the word characters after
/// it, whose first byte is no token byte. When `:`, `.` or `-` and a digit follow (the time in
/// `2026-11-05T10:00:00Z`), that digit's token reaches back into those word characters, so
/// [`quick_reject`] would skip it as glued to a word too: it is skipped here at once (without
/// another digit search), and so on along the chain.
#[inline(always)]
fn skip_glued(text: &[u8], r: usize) -> usize {
    if matches!(byte_at(text, r), b':' | b'.' | b'-') && byte_at(text, r + 1).is_ascii_digit() {
        skip_glued_token(text, token_start(text, r + 1), r + 1)
    } else {
        r
    }
}

/// [`skip_glued`] from the digit `p` after a separator, whose token starts at `s`.
#[inline(always)]
fn skip_glued_token(text: &[u8], mut s: usize, mut p: usize) -> usize {
    loop {
        let (len, _) = token_span(text, s);
        if len == MAX_TOKEN {
            return run_end(text, s + len, token_class).max(p + 1);
        }
        let r = run_end(text, s + len, is_word).max(p + 1);
        if !(matches!(byte_at(text, r), b':' | b'.' | b'-') && byte_at(text, r + 1).is_ascii_digit()) {
            return r;
        }
        p = r + 1;
        s = token_start(text, p);
    }
}

/// An IBAN starting at `s`, compact or grouped by four with single spaces; returns its end.
#[inline(never)]
fn iban(text: &[u8], s: usize) -> Option<usize> {
    let len = iban_expected_len(&text[s..s + 2])?;
    let iban_byte = byte_set!(b => b.is_ascii_uppercase() || b.is_ascii_digit());
    let mut grouped: [u8; 34];
    let (chars, end) = match text.get(s..s + len).filter(|chars| chars.iter().all(|&b| iban_byte(b))) {
        // the common compact form: checked as it stands, without per-character steps
        Some(compact) => (compact, s + len),
        None => {
            grouped = [0; 34];
            let (mut n, mut i) = (0, s);
            while n < len && i < text.len() {
                let c = text[i];
                if iban_byte(c) {
                    grouped[n] = c;
                    n += 1;
                } else if !(c == b' ' && n % 4 == 0 && byte_at(text, i + 1).is_ascii_alphanumeric()) {
                    break;
                }
                i += 1;
            }
            if n < len {
                return None;
            }
            (&grouped[..n], i)
        }
    };
    (!is_word(byte_at(text, end)) && iban_valid(chars)).then_some(end)
}

/// A MAC address or an IPv6 address around the digit `p` (tokens of hex digits and `:`, or
/// hex digits and `-` for MACs).
#[inline(never)]
fn hex_token(text: &[u8], p: usize) -> Option<Hit> {
    let hex_colon = |b: u8| b.is_ascii_hexdigit() || b == b':';
    let mut s = p;
    while s > 0 && p - s < 48 && hex_colon(text[s - 1]) {
        s -= 1;
    }
    if s > 0 && (is_word(text[s - 1]) || text[s - 1] == b'.') {
        return dash_mac(text, p);
    }
    let mut end = run_end_max(text, p, s + 64, |b| hex_colon(b) || b == b'.');
    while end > s + 1 && (text[end - 1] == b'.' || (text[end - 1] == b':' && text[end - 2] != b':')) {
        end -= 1;
    }
    if is_word(byte_at(text, end)) {
        return None;
    }
    let token = &text[s..end];
    if token.iter().filter(|b| **b == b':').count() < 2 {
        return dash_mac(text, p);
    }
    if is_mac(token, b':') {
        return Some(Hit::new(e::MAC_ADDRESS, s, end, 0.95));
    }
    if is_ipv6(token) {
        return Some(Hit::new(e::IP_ADDRESS, s, end, 0.95));
    }
    (token[0] == b':' && token.get(1) != Some(&b':') && is_ipv6(&token[1..]))
        .then(|| Hit::new(e::IP_ADDRESS, s + 1, end, 0.95))
}

fn is_mac(token: &[u8], sep: u8) -> bool {
    token.len() == 17
        && token.iter().enumerate().all(|(i, b)| if i % 3 == 2 { *b == sep } else { b.is_ascii_hexdigit() })
}

/// `aa-bb-cc-dd-ee-ff` around `p`.
fn dash_mac(text: &[u8], p: usize) -> Option<Hit> {
    let hex_dash = |b: u8| b.is_ascii_hexdigit() || b == b'-';
    let mut s = p;
    while s > 0 && p - s < 17 && hex_dash(text[s - 1]) {
        s -= 1;
    }
    let end = s + 17;
    let ok = end <= text.len()
        && (s == 0 || !is_word(text[s - 1]))
        && is_mac(&text[s..end], b'-')
        && !is_word(byte_at(text, end))
        && byte_at(text, end) != b'-';
    ok.then(|| Hit::new(e::MAC_ADDRESS, s, end, 0.95))
}

/// Whether a dotted number at `p` is a version (`rv:1.9.2.20`, `Firefox/1.2.3.4`).
fn version_context(text: &[u8], p: usize) -> bool {
    let before = &text[p.saturating_sub(3)..p];
    before.eq_ignore_ascii_case(b"rv:") || (before.len() == 3 && before[2] == b'/' && before[1].is_ascii_alphabetic())
}

/// A dotted IPv4 address starting at `p` (as `std::net` would parse it).
#[inline(never)]
fn ipv4(text: &[u8], p: usize) -> Option<usize> {
    let mut end = run_end_max(text, p, p + 16, |b| b.is_ascii_digit() || b == b'.');
    while text[end - 1] == b'.' {
        end -= 1;
    }
    let token = &text[p..end];
    let next = byte_at(text, end);
    let clean = !(is_word(next) || matches!(next, b'.' | b',') && byte_at(text, end + 1).is_ascii_digit());
    if token.iter().filter(|b| **b == b'.').count() != 3 || !clean {
        return None;
    }
    (ipv4_end(token, 0) == Some(token.len())).then_some(end)
}

/// Runs the phone, card and SSN checks on the digit groups at `p`, unless their shape shows
/// that they find nothing ([`chain_without_findings`], [`short_chain_end`]); returns where the
/// scan resumes (at least behind the first group). Out of line, like the IBAN,
/// hex and IPv4 matchers: they run on few visits, and the visit loop inlined into both
/// `scan` copies stays smaller (dense logs -0.8 %, anchor corpus -2.3 % instructions).
#[inline(never)]
fn chain_at(text: &[u8], p: usize, out: &mut Hits) -> usize {
    let end = run_end(text, p, |b| b.is_ascii_digit());
    chain_without_findings(text, p, end)
        .or_else(|| short_chain_end(text, p, end))
        .unwrap_or_else(|| checked_chain_at(text, p, out).max(end))
}

/// Where the digit group after the one ending at `end` starts, if the chain goes on: behind a
/// run of ` -./()` (at most 3 of its bytes count) comes a digit.
fn next_group(text: &[u8], end: usize) -> Option<usize> {
    let sep_end = run_end(text, end, |b| matches!(b, b' ' | b'-' | b'.' | b'(' | b')' | b'/')).min(end + 3);
    (sep_end != end && byte_at(text, sep_end).is_ascii_digit()).then_some(sep_end)
}

/// The end of the digit chain at `p` (whose first group ends at `end`) when it has one or two
/// groups and fewer than [`FEWEST_DIGITS`] digits, too few for any finding of the checks
/// (`503 13ms`, `HTTP/1.1`: building and checking the chain took ~600 instructions, half of a
/// short log line's). Longer chains are left to the checks: walking them here too cost the
/// phone numbers and SSNs of dense logs more than it saved.
fn short_chain_end(text: &[u8], p: usize, end: usize) -> Option<usize> {
    let Some(next) = next_group(text, end) else { return (end - p < FEWEST_DIGITS).then_some(end) };
    let second_end = run_end(text, next, |b| b.is_ascii_digit());
    let digits = end - p + second_end - next;
    (digits < FEWEST_DIGITS && next_group(text, second_end).is_none()).then_some(second_end)
}

/// [`chain_at`] without the shortcut: the groups read and checked.
fn checked_chain_at(text: &[u8], p: usize, out: &mut Hits) -> usize {
    let mut chain = Chain::empty_at(text, p);
    chain.read_groups(text, p);
    chain.detect(text, out)
}

/// Digit groups separated by short runs of ` -./()`: the shape of cards, SSNs and phones.
struct Chain {
    /// Where the chain starts (a leading `+` or `(` included).
    start: usize,
    plus: bool,
    groups: [(usize, usize); MAX_GROUPS],
    n: usize,
    /// The chain's digits, group after group (the first [`CHAIN_DIGITS`]), copied once while
    /// parsing: the phone, card and SSN checks read slices of them.
    digits: [u8; CHAIN_DIGITS],
    /// Where each group's digits start in `digits`.
    offsets: [usize; MAX_GROUPS],
}

impl Chain {
    /// The chain starting with the digit `p`. Built in place by the caller (returned from a
    /// parsing function, the 280-byte chain was copied with a `memcpy` call).
    #[inline(always)]
    fn empty_at(text: &[u8], p: usize) -> Chain {
        let prev = if p == 0 { b' ' } else { text[p - 1] };
        let plus = prev == b'+';
        let start = if plus || prev == b'(' { p - 1 } else { p };
        Chain { start, plus, groups: [(0, 0); MAX_GROUPS], n: 0, digits: [0; CHAIN_DIGITS], offsets: [0; MAX_GROUPS] }
    }

    /// Reads the digit groups from the digit `p` on.
    #[inline(always)]
    fn read_groups(&mut self, text: &[u8], p: usize) {
        let mut i = p;
        let mut total = 0;
        loop {
            let end = self.copy_group(text, i, total);
            self.groups[self.n] = (i, end);
            self.offsets[self.n] = total;
            self.n += 1;
            total += end - i;
            match next_group(text, end) {
                Some(next) if self.n < MAX_GROUPS && total <= 24 => i = next,
                _ => return,
            }
        }
    }

    /// Measures the digit group at `i` and copies its digits to `digits[total..]` (those that
    /// fit); returns its end. Eight bytes per step: a word is copied whole (a fixed-size copy,
    /// no `memcpy` call) and its leading digits counted exactly; the bytes copied past the
    /// group are overwritten by the next group or never read.
    #[inline(always)]
    fn copy_group(&mut self, text: &[u8], i: usize, total: usize) -> usize {
        let mut end = i;
        loop {
            let at = total + end - i;
            let (Some(word), Some(slot)) = (text.get(end..end + 8), self.digits.get_mut(at..at + 8)) else { break };
            slot.copy_from_slice(word);
            let run = leading_digits(u64::from_le_bytes(slot.try_into().unwrap_or([0; 8])));
            end += run;
            if run < 8 {
                return end;
            }
        }
        while let Some(&digit) = text.get(end).filter(|b| b.is_ascii_digit()) {
            if let Some(slot) = self.digits.get_mut(total + end - i) {
                *slot = digit;
            }
            end += 1;
        }
        end
    }

    /// How many digits groups `from..n` hold.
    fn digits_from(&self, from: usize) -> usize {
        let (last_start, last_end) = self.groups[self.n - 1];
        self.offsets[self.n - 1] + last_end - last_start - self.offsets[from]
    }

    fn gap<'t>(&self, text: &'t [u8], i: usize) -> &'t [u8] {
        // the separator between group i and group i + 1
        &text[self.groups[i].1..self.groups[i + 1].0]
    }

    /// The digits of groups `from..=to`, at most [`CHECK_DIGITS`].
    fn digits(&self, from: usize, to: usize) -> &[u8] {
        let start = self.offsets[from];
        let total = self.offsets[to] + (self.groups[to].1 - self.groups[to].0) - start;
        &self.digits[start..start + total.min(CHECK_DIGITS)]
    }

    /// Runs the phone, card and SSN checks; returns the end of everything consumed.
    fn detect(&self, text: &[u8], out: &mut Hits) -> usize {
        let chain_end = self.groups[self.n - 1].1;
        if let Some(found) = self.phone(text) {
            let end = found.end;
            out.push(found);
            return end;
        }
        let mut i = 0;
        // no card or SSN starts where fewer than 9 digits remain
        while i < self.n && self.digits_from(i) >= FEWEST_CARD_OR_SSN_DIGITS {
            let starts_here = i == 0 || self.gap(text, i - 1).contains(&b' ');
            match starts_here.then(|| self.card(text, i).or_else(|| self.ssn(text, i))).flatten() {
                Some((found, last)) => {
                    out.push(found);
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        chain_end
    }

    fn card(&self, text: &[u8], from: usize) -> Option<(Hit, usize)> {
        // the digits of groups `from..=to` are a prefix of those of `from..n` (both capped)
        let buf = self.digits(from, self.n - 1);
        let mut total = self.digits_from(from);
        for to in (from..self.n).rev() {
            let n = total.min(CHECK_DIGITS);
            total -= self.groups[to].1 - self.groups[to].0;
            if !(13..=19).contains(&n) || !ends_cleanly(text, self.groups[to].1) {
                continue;
            }
            let first = self.gap_or_none(text, from, to);
            let uniform = (from..to).all(|g| Some(self.gap(text, g)) == first && matches!(first, Some(b" " | b"-")));
            let first_len = self.groups[from].1 - self.groups[from].0;
            if (from == to || (uniform && first_len == 4)) && luhn(&buf[..n]) && card_prefix(&buf[..n]) {
                return Some((Hit::new(e::CREDIT_CARD, self.groups[from].0, self.groups[to].1, 1.0), to));
            }
        }
        None
    }

    fn gap_or_none<'t>(&self, text: &'t [u8], from: usize, to: usize) -> Option<&'t [u8]> {
        (from < to).then(|| &text[self.groups[from].1..self.groups[from + 1].0])
    }

    fn ssn(&self, text: &[u8], i: usize) -> Option<(Hit, usize)> {
        let len = |g: usize| self.groups[g].1 - self.groups[g].0;
        let start = self.groups[i].0;
        let (last, score) = if len(i) == 9 {
            (i, 0.6)
        } else if i + 2 < self.n && len(i) == 3 && len(i + 1) == 2 && len(i + 2) == 4 {
            let (g1, g2) = (self.gap(text, i), self.gap(text, i + 1));
            if g1 != g2 || !matches!(g1, b"-" | b" " | b".") {
                return None;
            }
            (i + 2, if g1 == b"-" { 0.85 } else { 0.6 })
        } else {
            return None;
        };
        let end = self.groups[last].1;
        let context_ok = score > 0.8 || context_before(text, start, 40, SSN_CONTEXT);
        (context_ok && ends_cleanly(text, end) && ssn(self.digits(i, last)))
            .then(|| (Hit::new(e::US_SSN, start, end, score), last))
    }

    /// The whole chain as a phone number (with an `x123` / `ext. 123` extension).
    fn phone(&self, text: &[u8]) -> Option<Hit> {
        let digits = self.digits(0, self.n - 1);
        let end = self.groups[self.n - 1].1;
        let ext_end = extension_end(text, end);
        if !ends_cleanly(text, ext_end.unwrap_or(end)) {
            return None;
        }
        let idd = digits.starts_with(b"00") && (self.n >= 2 || context_before(text, self.start, 32, PHONE_CONTEXT));
        let score = if self.plus || idd {
            let intl = if self.plus { digits } else { &digits[2..] };
            international(intl).then_some(0.9)?
        } else {
            self.national(text, digits)?
        };
        Some(Hit::new(e::PHONE_NUMBER, self.start, ext_end.unwrap_or(end), score))
    }

    fn national(&self, text: &[u8], digits: &[u8]) -> Option<f64> {
        let mut all_lens = [0usize; MAX_GROUPS];
        for (len, (s, e)) in all_lens.iter_mut().zip(&self.groups[..self.n]) {
            *len = e - s;
        }
        let lens = &all_lens[..self.n];
        let nanp_shape = matches!(lens, [3, 3, 4] | [1, 3, 3, 4]);
        if nanp_shape && nanp(&digits[digits.len() - 10..]) && (lens.len() == 3 || digits[0] == b'1') {
            return Some(0.75);
        }
        let trunk = digits[0] == b'0' && digits.get(1) != Some(&b'0');
        if self.n >= 2 && trunk && (9..=12).contains(&digits.len()) && (2..=6).contains(&lens[0]) && lens != [3, 2, 4] {
            return Some(0.6);
        }
        let bare = self.n == 1 && (nanp(digits) || (trunk && (10..=11).contains(&digits.len())));
        (bare && context_before(text, self.start, 32, PHONE_CONTEXT)).then_some(0.6)
    }
}

/// E.164 plausibility, also with a national trunk `0` kept after the country code (`+44 (0)20…`).
fn international(digits: &[u8]) -> bool {
    if !(8..=15).contains(&digits.len()) {
        return false;
    }
    if international_phone(digits) {
        return true;
    }
    let mut buf = [0u8; 32];
    super::validate::country_code_len(digits).is_some_and(|cc| {
        if digits.get(cc) != Some(&b'0') {
            return false;
        }
        buf[..cc].copy_from_slice(&digits[..cc]);
        buf[cc..digits.len() - 1].copy_from_slice(&digits[cc + 1..]);
        international_phone(&buf[..digits.len() - 1])
    })
}

/// The end of a phone extension right after `end` (`x123`, ` x123`, ` ext. 123`, ` ext 123`).
fn extension_end(text: &[u8], end: usize) -> Option<usize> {
    let rest = &text[end..text.len().min(end + 6)];
    let lower = |i: usize| rest.get(i).map(u8::to_ascii_lowercase);
    let skip = if lower(0) == Some(b'x') {
        1
    } else if lower(0) == Some(b' ') && lower(1) == Some(b'x') {
        2
    } else if rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(b" ext") {
        4 + usize::from(lower(4) == Some(b'.'))
            + usize::from(byte_at(text, end + 4 + usize::from(lower(4) == Some(b'.'))) == b' ')
    } else {
        return None;
    };
    let digits_from = end + skip;
    let digits_to = run_end(text, digits_from, |b| b.is_ascii_digit());
    (1..=6).contains(&(digits_to - digits_from)).then_some(digits_to)
}

#[cfg(test)]
mod tests;
