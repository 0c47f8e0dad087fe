//! Detectors anchored on keywords and fixed prefixes: cloud and SaaS tokens, JWTs, PEM blocks,
//! bearer tokens, credentials in URLs and `password=` style assignments; and e-mail addresses
//! (anchored on `@`).
//!
//! One case-insensitive Aho-Corasick pass finds every keyword; each hit runs one small matcher
//! (a hand-written prefix check, or for assignments an anchored regex on a bounded window), so
//! text without keywords costs one SIMD-accelerated pass.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use super::finding::{Finding, entities as e};
use super::validate::{is_word, jwt_header};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    AwsId,
    AwsSecret,
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

/// Keywords, whether they are case-sensitive, and their matcher.
const KEYWORDS: &[(&str, bool, Kind)] = &[
    ("AKIA", true, Kind::AwsId),
    ("ASIA", true, Kind::AwsId),
    ("ABIA", true, Kind::AwsId),
    ("ACCA", true, Kind::AwsId),
    ("aws_secret_access_key", false, Kind::AwsSecret),
    ("secret_access_key", false, Kind::AwsSecret),
    ("secretaccesskey", false, Kind::AwsSecret),
    ("ghp_", true, Kind::Github),
    ("gho_", true, Kind::Github),
    ("ghs_", true, Kind::Github),
    ("ghu_", true, Kind::Github),
    ("ghr_", true, Kind::Github),
    ("github_pat_", true, Kind::GithubPat),
    ("xox", true, Kind::Slack),
    ("hooks.slack.com/services/", false, Kind::SlackWebhook),
    ("sk_live_", true, Kind::Stripe),
    ("sk_test_", true, Kind::Stripe),
    ("rk_live_", true, Kind::Stripe),
    ("rk_test_", true, Kind::Stripe),
    ("AIza", true, Kind::Google),
    ("eyJ", true, Kind::Jwt),
    ("-----BEGIN", true, Kind::Pem),
    ("bearer", false, Kind::Bearer),
    ("://", true, Kind::Scheme),
    ("password", false, Kind::Assign),
    ("passwd", false, Kind::Assign),
    ("passphrase", false, Kind::Assign),
    ("secret", false, Kind::Assign),
    ("api_key", false, Kind::Assign),
    ("api-key", false, Kind::Assign),
    ("apikey", false, Kind::Assign),
    ("access_token", false, Kind::Assign),
    ("auth_token", false, Kind::Assign),
    ("refresh_token", false, Kind::Assign),
    ("token", false, Kind::Assign),
    ("private_key", false, Kind::Assign),
    ("authorization", false, Kind::Assign),
];

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

struct Compiled {
    keywords: AhoCorasick,
    assign: Regex,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let keywords = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(KEYWORDS.iter().map(|(k, _, _)| k))
            .unwrap_or_else(|err| unreachable!("the built-in keywords are valid: {err}"));
        let assign = RegexBuilder::new(
            r#"(?i)^(?:[_-]?(?:key|value|hash|string|secret|token))?\\?["']?\s{0,4}(?:=>|:=|=|:)\s{0,4}(?:\\"([^"\\\r\n]{1,512})\\"|"([^"\r\n]{1,512})"|'([^'\r\n]{1,512})'|(?:(?:bearer|basic|token)\s+)?([^\s"',;&<>)\]}]{1,512}))"#,
        )
        .unicode(false)
        .build()
        .unwrap_or_else(|err| unreachable!("the built-in assignment pattern is valid: {err}"));
        Compiled { keywords, assign }
    })
}

/// Compiles the built-in matchers now (they are otherwise compiled on first use).
pub(crate) fn warm_up() {
    compiled();
}

/// Appends the keyword-anchored findings of `text` to `out`.
pub(crate) fn scan(text: &[u8], out: &mut Vec<Finding>) {
    let compiled = compiled();
    for hit in compiled.keywords.find_iter(text) {
        let (keyword, case_sensitive, kind) = KEYWORDS[hit.pattern().as_usize()];
        if case_sensitive && &text[hit.start()..hit.end()] != keyword.as_bytes() {
            continue;
        }
        let s = hit.start();
        let found = match kind {
            Kind::AwsId => prefixed(text, s, 4, 16, 16, |b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .map(|end| Finding::new(e::AWS_ACCESS_KEY, s, end, 1.0)),
            Kind::AwsSecret => aws_secret(text, s).or_else(|| assignment(text, hit.end(), &compiled.assign)),
            Kind::Github => prefixed(text, s, 4, 36, 255, |b| b.is_ascii_alphanumeric())
                .map(|end| Finding::new(e::GITHUB_TOKEN, s, end, 1.0)),
            Kind::GithubPat => {
                prefixed(text, s, 11, 22, 255, is_word).map(|end| Finding::new(e::GITHUB_TOKEN, s, end, 1.0))
            }
            Kind::Slack => slack_token(text, s),
            Kind::SlackWebhook => slack_webhook(text, s),
            Kind::Stripe => prefixed(text, s, 8, 20, 255, |b| b.is_ascii_alphanumeric())
                .map(|end| Finding::new(e::STRIPE_KEY, s, end, 1.0)),
            Kind::Google => prefixed(text, s, 4, 35, 35, |b| is_word(b) || b == b'-')
                .map(|end| Finding::new(e::GOOGLE_API_KEY, s, end, 1.0)),
            Kind::Jwt => jwt(text, s),
            Kind::Pem => pem(text, s),
            Kind::Bearer => bearer(text, s),
            Kind::Scheme => url_credentials(text, s),
            Kind::Assign => assignment(text, hit.end(), &compiled.assign),
        };
        out.extend(found);
    }
}

fn byte_at(text: &[u8], i: usize) -> u8 {
    text.get(i).copied().unwrap_or(b' ')
}

fn run_end(text: &[u8], from: usize, max: usize, class: impl Fn(u8) -> bool) -> usize {
    let limit = text.len().min(from.saturating_add(max));
    text[from..limit].iter().position(|b| !class(*b)).map_or(limit, |k| from + k)
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

fn aws_secret(text: &[u8], s: usize) -> Option<Finding> {
    let key_end = run_end(text, s, 64, |b| is_word(b) || b == b'"' || b == b'\'' || b == b'\\');
    let mut i = run_end(text, key_end, 4, |b| b == b' ');
    i = run_end(text, i, 2, |b| matches!(b, b'=' | b':' | b'>'));
    i = run_end(text, i, 4, |b| matches!(b, b' ' | b'"' | b'\'' | b'\\'));
    let class = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
    let end = run_end(text, i, 41, class);
    (i > key_end && end - i == 40).then(|| Finding::new(e::AWS_SECRET_KEY, i, end, 1.0))
}

fn slack_token(text: &[u8], s: usize) -> Option<Finding> {
    let ok = matches!(byte_at(text, s + 3), b'b' | b'p' | b'a' | b'r' | b's' | b'e') && byte_at(text, s + 4) == b'-';
    let end = run_end(text, s + 5, 255, |b| b.is_ascii_alphanumeric() || b == b'-');
    (ok && starts_word(text, s) && end - (s + 5) >= 10).then(|| Finding::new(e::SLACK_TOKEN, s, end, 1.0))
}

fn slack_webhook(text: &[u8], s: usize) -> Option<Finding> {
    let start = if s >= 8 && text[s - 8..s].eq_ignore_ascii_case(b"https://") { s - 8 } else { s };
    let body = s + "hooks.slack.com/services/".len();
    let end = run_end(text, body, 128, |b| is_word(b) || b == b'/');
    (end - body >= 20).then(|| Finding::new(e::SLACK_WEBHOOK, start, end, 1.0))
}

fn jwt(text: &[u8], s: usize) -> Option<Finding> {
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
    jwt_header(&text[s..header_end]).then(|| Finding::new(e::JWT, s, end, 1.0))
}

fn pem(text: &[u8], s: usize) -> Option<Finding> {
    let label_end = run_end(text, s + 10, 48, |b| b.is_ascii_uppercase() || b == b' ');
    let header = &text[s..label_end];
    if !header.ends_with(b"PRIVATE KEY") || !text[label_end..].starts_with(b"-----") {
        return None;
    }
    let body = label_end + 5;
    let window = &text[body..text.len().min(body + 65536)];
    let end = match memchr::memmem::find(window, b"-----END") {
        Some(k) => {
            let after = body + k + 8;
            memchr::memmem::find(&text[after..text.len().min(after + 64)], b"-----").map_or(after, |j| after + j + 5)
        }
        None => run_end(text, body, 65536, |b| b.is_ascii_alphanumeric() || b"+/=\\\r\n ".contains(&b)),
    };
    Some(Finding::new(e::PRIVATE_KEY, s, end, 1.0))
}

fn bearer(text: &[u8], s: usize) -> Option<Finding> {
    if s > 0 && text[s - 1].is_ascii_alphabetic() {
        return None;
    }
    let token = run_end(text, s + 6, 8, |b| b == b' ' || b == b'\t');
    if token == s + 6 {
        return None;
    }
    let end = run_end(text, token, 4096, |b| b.is_ascii_alphanumeric() || b"._~+/=-".contains(&b));
    (end - token >= 8).then(|| Finding::new(e::BEARER_TOKEN, token, end, 0.9))
}

/// The password of `scheme://user:password@host`.
fn url_credentials(text: &[u8], s: usize) -> Option<Finding> {
    let mut scheme_start = s;
    while scheme_start > 0 && s - scheme_start < 24 && {
        let b = text[scheme_start - 1];
        b.is_ascii_alphanumeric() || b == b'+' || b == b'.' || b == b'-'
    } {
        scheme_start -= 1;
    }
    let authority = s + 3;
    let end = run_end(text, authority, 512, |b| !b.is_ascii_whitespace() && !b"/?#\"'<>\\`".contains(&b));
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
    Some(Finding::new(entity, colon + 1, at, 0.95))
}

/// The value of `password=…`, `"api_key": "…"`, `secret: …` (the keyword ends at `s`).
fn assignment(text: &[u8], s: usize, pattern: &Regex) -> Option<Finding> {
    let window = &text[s..text.len().min(s + 640)];
    let caps = pattern.captures(window)?;
    let value = (1..=4).find_map(|i| caps.get(i))?;
    let bytes = value.as_bytes();
    let min_len = if caps.get(4).is_some() { 4 } else { 1 };
    if bytes.len() < min_len || is_placeholder(bytes) {
        return None;
    }
    Some(Finding::new(e::SECRET, s + value.start(), s + value.end(), 0.8))
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
pub(crate) fn scan_emails(text: &[u8], out: &mut Vec<Finding>) {
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    for at in memchr::memchr_iter(b'@', text) {
        let mut s = at;
        while s > 0 && at - s < 64 && local(text[s - 1]) {
            s -= 1;
        }
        while s < at && text[s] == b'.' {
            s += 1;
        }
        let mut end = run_end(text, at + 1, 254, |b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        while end > at + 1 && matches!(text[end - 1], b'.' | b'-') {
            end -= 1;
        }
        if s == at || !valid_domain(&text[at + 1..end]) || inside_url(text, s) {
            continue;
        }
        out.push(Finding::new(e::EMAIL_ADDRESS, s, end, 1.0));
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
        let mut out = Vec::new();
        scan(text.as_bytes(), &mut out);
        scan_emails(text.as_bytes(), &mut out);
        let out = crate::redaction::finding::resolve(text, out);
        out.iter().map(|f| (f.entity.to_string(), &text[f.start..f.end])).collect()
    }

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
        ];
        for (text, entity, value) in cases {
            assert_eq!(found(text), vec![(entity.to_owned(), value)], "{text}");
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
