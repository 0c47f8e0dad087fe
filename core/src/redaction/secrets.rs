//! Detectors anchored on keywords and fixed prefixes: cloud and SaaS tokens, JWTs, PEM blocks,
//! bearer tokens, credentials in URLs and `password=` style assignments; and e-mail addresses
//! (anchored on `@`).
//!
//! One SIMD keyword search ([`super::keywords`]) finds every keyword; each hit runs one small
//! hand-written matcher on a bounded window, so text without keywords costs one pass.

use super::finding::{Hit, Hits, ids as e};
use super::keywords::{self, Kind, Presence};
use super::validate::{byte_set, is_word, jwt_header};

/// URL schemes whose credentials are reported as `CONNECTION_STRING`.
const DB_SCHEMES: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongodb",
    "mongodb+srv",
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "mssql",
    "sqlserver",
    "oracle",
    "cassandra",
    "clickhouse",
    "couchdb",
    "neo4j",
    "memcached",
];

/// Appends the keyword-anchored findings of `text` to `out`; returns whether the text holds
/// digits or `@` (noted by the same pass).
pub(crate) fn scan(text: &[u8], out: &mut Hits) -> Presence {
    let mut matchers = Matchers { text, out, pem_end: None, assigned_until: 0 };
    keywords::search(text, |kind, s, keyword_end| matchers.hit(kind, s, keyword_end))
}

/// The matchers of one text and what they remember between its keyword hits.
struct Matchers<'a> {
    text: &'a [u8],
    out: &'a mut Hits,
    /// The next `-----END` position, once looked for (see [`pem`]).
    pem_end: Option<Option<usize>>,
    /// The end of the last assignment value (keywords inside it are no new assignments).
    assigned_until: usize,
}

impl Matchers<'_> {
    /// Runs the matcher of the keyword `kind` found at `s..keyword_end`. Out of line on purpose:
    /// the keyword search calls it from two loops, and one copy keeps the matchers inlined in it
    /// (when the compiler split them out instead, dense logs ran ~1.5 % more instructions).
    #[inline(never)]
    fn hit(&mut self, kind: Kind, s: usize, keyword_end: usize) {
        let text = self.text;
        if kind == Kind::Assign && s < self.assigned_until {
            return; // inside the value of the previous assignment
        }
        let found = match kind {
            Kind::AwsId => prefixed(text, s, 4, 16, 16, |b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .map(|end| Hit::new(e::AWS_ACCESS_KEY, s, end, 1.0)),
            Kind::Github => prefixed(text, s, 4, 36, 255, |b| b.is_ascii_alphanumeric())
                .map(|end| Hit::new(e::GITHUB_TOKEN, s, end, 1.0)),
            Kind::GithubPat => {
                prefixed(text, s, 11, 22, 255, is_word).map(|end| Hit::new(e::GITHUB_TOKEN, s, end, 1.0))
            }
            Kind::Slack => slack_token(text, s),
            Kind::SlackWebhook => slack_webhook(text, s),
            Kind::Stripe => prefixed(text, s, 8, 20, 255, |b| b.is_ascii_alphanumeric())
                .map(|end| Hit::new(e::STRIPE_KEY, s, end, 1.0)),
            Kind::Google => prefixed(text, s, 4, 35, 35, |b| is_word(b) || b == b'-')
                .map(|end| Hit::new(e::GOOGLE_API_KEY, s, end, 1.0)),
            Kind::Jwt => jwt(text, s),
            Kind::Pem => pem(text, s, &mut self.pem_end),
            Kind::Bearer => bearer(text, s),
            Kind::Scheme => url_credentials(text, s),
            Kind::Assign => {
                let found = aws_secret(text, s, keyword_end).or_else(|| assignment(text, keyword_end));
                self.assigned_until = found.as_ref().map_or(self.assigned_until, |f| f.end);
                found
            }
        };
        if let Some(found) = found {
            self.out.push(found);
        }
    }
}

fn byte_at(text: &[u8], i: usize) -> u8 {
    text.get(i).copied().unwrap_or(b' ')
}

/// The end of the run of `class` bytes at `from` (at most `max` bytes). Four bytes per step
/// while all four belong (one branch per step; values and tokens are tens of bytes long).
fn run_end(text: &[u8], from: usize, max: usize, class: impl Fn(u8) -> bool) -> usize {
    let limit = text.len().min(from.saturating_add(max));
    let mut i = from;
    while let Some(q) = text.get(i..i + 4).filter(|_| i + 4 <= limit) {
        if !(class(q[0]) & class(q[1]) & class(q[2]) & class(q[3])) {
            break;
        }
        i += 4;
    }
    while i < limit && class(text[i]) {
        i += 1;
    }
    i
}

fn starts_word(text: &[u8], s: usize) -> bool {
    s == 0 || !is_word(text[s - 1])
}

/// A token made of a fixed prefix (`prefix_len` bytes) and `min..=max` bytes of `class`, standing
/// alone (no word character before or after); returns its end.
fn prefixed(
    text: &[u8],
    s: usize,
    prefix_len: usize,
    min: usize,
    max: usize,
    class: impl Fn(u8) -> bool,
) -> Option<usize> {
    let body = s + prefix_len;
    let end = run_end(text, body, max + 1, &class);
    let len = end - body;
    (starts_word(text, s) && (min..=max).contains(&len) && !class(byte_at(text, end)) && !is_word(byte_at(text, end)))
        .then_some(end)
}

/// The 40-character value after `…secret_access_key` / `SecretAccessKey` (the keyword found at
/// `s..keyword_end`). No assignment keyword holds `access` or ends with a prefix of it, so
/// `access` follows the keyword: a name that stops at the keyword (`password=`, `api_key:`) is
/// rejected without a search.
fn aws_secret(text: &[u8], s: usize, keyword_end: usize) -> Option<Hit> {
    if !is_word(byte_at(text, keyword_end)) {
        return None;
    }
    let key_end = run_end(text, s, 64, is_word);
    if key_end < keyword_end + 6 || !text[keyword_end..key_end].windows(6).any(|w| w.eq_ignore_ascii_case(b"access")) {
        return None;
    }
    let key_end = run_end(text, key_end, 2, |b| b == b'"' || b == b'\'' || b == b'\\');
    let mut i = run_end(text, key_end, 4, |b| b == b' ');
    i = run_end(text, i, 2, |b| matches!(b, b'=' | b':' | b'>'));
    i = run_end(text, i, 4, |b| matches!(b, b' ' | b'"' | b'\'' | b'\\'));
    let class = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
    let end = run_end(text, i, 41, class);
    (i > key_end && end - i == 40).then(|| Hit::new(e::AWS_SECRET_KEY, i, end, 1.0))
}

fn slack_token(text: &[u8], s: usize) -> Option<Hit> {
    // checked first: `xox` at the end of the text has no body to measure
    let ok = matches!(byte_at(text, s + 3), b'b' | b'p' | b'a' | b'r' | b's' | b'e') && byte_at(text, s + 4) == b'-';
    if !ok {
        return None;
    }
    let end = run_end(text, s + 5, 255, |b| b.is_ascii_alphanumeric() || b == b'-');
    (starts_word(text, s) && end - (s + 5) >= 10).then(|| Hit::new(e::SLACK_TOKEN, s, end, 1.0))
}

fn slack_webhook(text: &[u8], s: usize) -> Option<Hit> {
    let start = if s >= 8 && text[s - 8..s].eq_ignore_ascii_case(b"https://") { s - 8 } else { s };
    let body = s + "hooks.slack.com/services/".len();
    let end = run_end(text, body, 128, |b| is_word(b) || b == b'/');
    (end - body >= 20).then(|| Hit::new(e::SLACK_WEBHOOK, start, end, 1.0))
}

fn jwt(text: &[u8], s: usize) -> Option<Hit> {
    if !starts_word(text, s) || (s > 0 && text[s - 1] == b'.') {
        return None;
    }
    let b64 = |b: u8| is_word(b) || b == b'-';
    let header_end = run_end(text, s, 2048, b64);
    if byte_at(text, header_end) != b'.' {
        return None;
    }
    let payload_end = run_end(text, header_end + 1, 16384, b64);
    if payload_end - header_end < 3 || byte_at(text, payload_end) != b'.' {
        return None;
    }
    let end = run_end(text, payload_end + 1, 2048, b64);
    jwt_header(&text[s..header_end]).then(|| Hit::new(e::JWT, s, end, 1.0))
}

/// A PEM private key block from `-----BEGIN … PRIVATE KEY-----` to its `-----END …-----` line
/// (or to the end of the base64 body when the END line is missing). `next_end` caches the next
/// `-----END` position across calls so repeated BEGIN lines cost linear time.
fn pem(text: &[u8], s: usize, next_end: &mut Option<Option<usize>>) -> Option<Hit> {
    let label_end = run_end(text, s + 10, 48, |b| b.is_ascii_uppercase() || b == b' ');
    let header = &text[s..label_end];
    if !header.ends_with(b"PRIVATE KEY") || !text[label_end..].starts_with(b"-----") {
        return None;
    }
    let body = label_end + 5;
    if next_end.is_none_or(|cached| cached.is_some_and(|at| at < body)) {
        *next_end = Some(memchr::memmem::find(&text[body..], b"-----END").map(|k| body + k));
    }
    let end = match next_end.flatten().filter(|at| at - body <= 65536) {
        Some(at) => {
            let after = at + 8;
            memchr::memmem::find(&text[after..text.len().min(after + 64)], b"-----").map_or(after, |j| after + j + 5)
        }
        None => run_end(text, body, 65536, |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'\\' | b'\r' | b'\n' | b' ')
        }),
    };
    Some(Hit::new(e::PRIVATE_KEY, s, end, 1.0))
}

fn bearer(text: &[u8], s: usize) -> Option<Hit> {
    if s > 0 && text[s - 1].is_ascii_alphabetic() {
        return None;
    }
    let token = run_end(text, s + 6, 8, |b| b == b' ' || b == b'\t');
    if token == s + 6 {
        return None;
    }
    let token_byte =
        byte_set!(b => b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'+' | b'/' | b'=' | b'-'));
    let end = run_end(text, token, 4096, token_byte);
    (end - token >= 8).then(|| Hit::new(e::BEARER_TOKEN, token, end, 0.9))
}

/// The password of `scheme://user:password@host`.
fn url_credentials(text: &[u8], s: usize) -> Option<Hit> {
    let mut scheme_start = s;
    while scheme_start > 0 && s - scheme_start < 24 && {
        let b = text[scheme_start - 1];
        b.is_ascii_alphanumeric() || b == b'+' || b == b'.' || b == b'-'
    } {
        scheme_start -= 1;
    }
    let authority = s + 3;
    let authority_byte =
        byte_set!(b => !b.is_ascii_whitespace() && !matches!(b, b'/' | b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`'));
    let end = run_end(text, authority, 512, authority_byte);
    let at = memchr::memrchr(b'@', &text[authority..end])? + authority;
    let colon = memchr::memchr(b':', &text[authority..at])? + authority;
    let password = &text[colon + 1..at];
    if password.is_empty() || is_placeholder(password) {
        return None;
    }
    let scheme = &text[scheme_start..s];
    let entity = if DB_SCHEMES.iter().any(|d| d.as_bytes().eq_ignore_ascii_case(scheme)) {
        e::CONNECTION_STRING
    } else {
        e::URL_CREDENTIALS
    };
    Some(Hit::new(entity, colon + 1, at, 0.95))
}

/// The value of `password=…`, `"api_key": "…"`, `secret: …`, `Authorization: Basic …` (the
/// keyword ends at `s`): an optional key suffix (`_key`, `_hash`…), an optional closing quote,
/// `=`, `:`, `=>` or `:=`, then a quoted value (1–512 bytes) or a bare one (4–512 bytes).
fn assignment(text: &[u8], s: usize) -> Option<Hit> {
    let mut i = skip_key_suffix(text, s);
    i += usize::from(byte_at(text, i) == b'\\');
    i += usize::from(matches!(byte_at(text, i), b'"' | b'\''));
    i = run_end(text, i, 4, |b| b == b' ' || b == b'\t');
    let rest = &text[i..];
    i += if rest.starts_with(b"=>") || rest.starts_with(b":=") {
        2
    } else if matches!(rest.first(), Some(b'=' | b':')) {
        1
    } else {
        return None;
    };
    i = run_end(text, i, 4, |b| b == b' ' || b == b'\t');
    let (start, end) = if text[i..].starts_with(b"\\\"") {
        quoted(text, i + 2, b"\\\"")?
    } else if let Some(&quote) = text.get(i).filter(|b| matches!(b, b'"' | b'\'')) {
        quoted(text, i + 1, &[quote])?
    } else {
        let start = skip_auth_scheme(text, i);
        let value_byte = byte_set!(b => !b.is_ascii_whitespace()
            && !matches!(b, b'"' | b'\'' | b',' | b';' | b'&' | b'<' | b'>' | b')' | b']' | b'}'));
        let end = run_end(text, start, 512, value_byte);
        if end - start < 4 {
            return None;
        }
        (start, end)
    };
    (!is_placeholder(&text[start..end])).then(|| Hit::new(e::SECRET, start, end, 0.8))
}

fn skip_key_suffix(text: &[u8], s: usize) -> usize {
    const SUFFIXES: &[&[u8]] = &[b"key", b"value", b"hash", b"string", b"secret", b"token", b"ord", b"d"];
    let mut i = s;
    for round in 0..2 {
        let sep = usize::from(matches!(byte_at(text, i), b'_' | b'-'));
        let rest = &text[(i + sep).min(text.len())..];
        let found = SUFFIXES
            .iter()
            .filter(|suffix| round == 0 && sep == 0 || suffix.len() > 1 && **suffix != b"ord")
            .find(|suffix| rest.len() >= suffix.len() && rest[..suffix.len()].eq_ignore_ascii_case(suffix));
        match found {
            Some(suffix) => i += sep + suffix.len(),
            None => break,
        }
    }
    i
}

fn skip_auth_scheme(text: &[u8], i: usize) -> usize {
    for scheme in [&b"bearer"[..], b"basic", b"token"] {
        let end = i + scheme.len();
        if text.len() > end && text[i..end].eq_ignore_ascii_case(scheme) && text[end].is_ascii_whitespace() {
            return run_end(text, end, 8, |b| b.is_ascii_whitespace());
        }
    }
    i
}

/// A value from `start` up to `close` (1–512 bytes, no line break); returns its span.
fn quoted(text: &[u8], start: usize, close: &[u8]) -> Option<(usize, usize)> {
    let window = &text[start..text.len().min(start + 513 + close.len())];
    let k = memchr::memmem::find(window, close)?;
    let value = &window[..k];
    ((1..=512).contains(&k) && !value.contains(&b'\n') && !value.contains(&b'\r')).then_some((start, start + k))
}

/// Values that are already redacted or are not secrets (`null`, `true`, `***`, `${VAR}`).
fn is_placeholder(value: &[u8]) -> bool {
    const WORDS: &[&[u8]] = &[b"null", b"none", b"nil", b"true", b"false", b"undefined", b"redacted"];
    matches!(value.first(), Some(b'[' | b'<' | b'*' | b'$' | b'{' | b'%'))
        || WORDS.iter().any(|w| w.eq_ignore_ascii_case(value))
        || value.iter().all(|b| *b == b'*' || *b == b'x' || *b == b'X')
}

/// Appends the e-mail addresses of `text` (anchored on `@`, domain with a letters-only TLD) to
/// `out`; the `user:password@host` of a URL is not an address.
pub(crate) fn scan_emails(text: &[u8], out: &mut Hits) {
    // bytes >= 0x80 are the non-ASCII letters of internationalised addresses (RFC 6531)
    let local = byte_set!(b => b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-'));
    let domain = byte_set!(b => b.is_ascii_alphanumeric() || b >= 0x80 || b == b'.' || b == b'-');
    for at in memchr::memchr_iter(b'@', text) {
        let mut s = at;
        while s > 0 && at - s < 64 && local(text[s - 1]) {
            s -= 1;
        }
        while s < at && (text[s] == b'.' || text[s] & 0xC0 == 0x80) {
            s += 1;
        }
        let mut end = run_end(text, at + 1, 254, domain);
        while end > at + 1 && (matches!(text[end - 1], b'.' | b'-') || text.get(end).is_some_and(|b| b & 0xC0 == 0x80))
        {
            end -= 1;
        }
        if s == at || !valid_domain(&text[at + 1..end]) || inside_url(text, s) {
            continue;
        }
        out.push(Hit::new(e::EMAIL_ADDRESS, s, end, 1.0));
    }
}

fn valid_domain(domain: &[u8]) -> bool {
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.split(|b| *b == b'.') {
        if label.is_empty() || label.len() > 63 || label[0] == b'-' || label[label.len() - 1] == b'-' {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && last.len() >= 2 && last.iter().all(u8::is_ascii_alphabetic)
}

fn inside_url(text: &[u8], s: usize) -> bool {
    if s == 0 || !matches!(text[s - 1], b':' | b'/') {
        return false;
    }
    let from = s.saturating_sub(256);
    let token_start = text[from..s].iter().rposition(u8::is_ascii_whitespace).map_or(from, |k| from + k);
    memchr::memmem::find(&text[token_start..s], b"://").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &str)> {
        let mut out = Hits::new();
        scan(text.as_bytes(), &mut out);
        scan_emails(text.as_bytes(), &mut out);
        let name = |id: crate::redaction::finding::EntityId| crate::redaction::entities::ALL[usize::from(id.0)];
        crate::redaction::finding::resolve_spans(&mut out, name);
        out.iter().map(|f| (name(f.entity).to_owned(), &text[f.start..f.end])).collect()
    }

    const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn finds_secrets() {
        let cases = [
            ("key AKIAQX7B3K9Z2M4N8P1R used", "AWS_ACCESS_KEY", "AKIAQX7B3K9Z2M4N8P1R"),
            (
                "tok=ghp_Zq3xYw8Tn2Lk5Vb7Mc9Rd1Hs4Jf6Pg0Ae2Bt ok",
                "GITHUB_TOKEN",
                "ghp_Zq3xYw8Tn2Lk5Vb7Mc9Rd1Hs4Jf6Pg0Ae2Bt",
            ),
            ("conn postgres://app:s3cr3t-pw@db.internal:5432/app", "CONNECTION_STRING", "s3cr3t-pw"),
            ("mail jane.doe@example.co.uk.", "EMAIL_ADDRESS", "jane.doe@example.co.uk"),
            ("Authorization: Bearer abcdefgh12345678", "BEARER_TOKEN", "abcdefgh12345678"),
            (r#"{"password": "hunter2 two"}"#, "SECRET", "hunter2 two"),
            ("DB_PASSWORD=Tr0ub4dor&3", "SECRET", "Tr0ub4dor"),
            ("password_hash: 'abc$def'", "SECRET", "abc$def"),
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_SECRET_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ),
            (r#"{\"passwd\":\"pa ss\"}"#, "SECRET", "pa ss"),
            ("SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_KEY", SECRET_KEY),
            ("password_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_KEY", SECRET_KEY),
            ("token=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SECRET", SECRET_KEY),
        ];
        for (text, entity, value) in cases {
            assert_eq!(found(text), vec![(entity.to_owned(), value)], "{text}");
        }
    }

    #[test]
    fn anchors_at_the_end_of_the_text_find_nothing() {
        // `xox` used to measure its token body past the end of the text (a panic)
        for anchor in
            ["xox", "xoxb", "xoxb-", "eyJ", "://", "AKIA", "ghp_", "sk_live_", "Bearer", "-----BEGIN", "password"]
        {
            for text in [anchor.to_owned(), format!("end {anchor}")] {
                assert_eq!(found(&text), vec![], "{text}");
            }
        }
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "password reset sent to the user",
            "password=******** token=null",
            "see https://example.com/a@b path",
            "max_tokens=4096 passwordless=true",
            "AKIA is a prefix",
            "eyJnotajwt.abc.def",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }
}
