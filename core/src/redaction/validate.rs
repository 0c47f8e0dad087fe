//! Validators that reject look-alikes: checksums (Luhn, mod-97), number ranges (SSN, card
//! prefixes, country codes) and structure (JWT header). Each takes the candidate's characters
//! only; they never allocate on the failing path.

use base64::Engine as _;

/// A byte class as a function `u8 -> bool` that looks its byte up in a 256-entry table, built
/// at compile time from a constant expression of the byte (`byte_set!(b => b.is_ascii_digit())`):
/// one load instead of a chain of comparisons in the scanning loops.
macro_rules! byte_set {
    ($b:ident => $test:expr) => {{
        static SET: [bool; 256] = {
            let mut set = [false; 256];
            let mut i = 0;
            while i < 256 {
                let $b = i as u8;
                set[i] = $test;
                i += 1;
            }
            set
        };
        |b: u8| SET[usize::from(b)]
    }};
}
pub(crate) use byte_set;

/// Whether a byte can continue a word (letters, digits, `_`).
pub(crate) fn is_word(b: u8) -> bool {
    byte_set!(b => b.is_ascii_alphanumeric() || b == b'_')(b)
}

/// The Luhn check over ASCII digits.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// Whether 13–19 digits start with an issuer prefix of a card network and have its length.
pub(crate) fn card_prefix(digits: &[u8]) -> bool {
    let n = digits.len();
    let p = |k: usize| digits[..k].iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    match digits[0] {
        b'4' => matches!(n, 13 | 16 | 19),                // Visa
        b'5' => (51..=55).contains(&p(2)) && n == 16,     // Mastercard
        b'2' => (2221..=2720).contains(&p(4)) && n == 16, // Mastercard 2-series
        b'3' => {
            matches!(p(2), 34 | 37) && n == 15                                    // Amex
            || p(2) == 35 && (16..=19).contains(&n)                                     // JCB
            || matches!(p(2), 30 | 36 | 38 | 39) && (14..=19).contains(&n)
        } // Diners
        b'6' => p(4) == 6011 || p(2) == 65 || (644..=649).contains(&p(3)) || p(2) == 62, // Discover, UnionPay
        _ => false,
    }
}

/// US SSN ranges: area not 000, 666 or 900–999; group not 00; serial not 0000; not a
/// well-known sample number.
pub(crate) fn ssn(digits: &[u8]) -> bool {
    if digits.len() != 9 {
        return false;
    }
    let num = |r: std::ops::Range<usize>| digits[r].iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    let (area, group, serial) = (num(0..3), num(3..5), num(5..9));
    let all_same = digits.iter().all(|d| *d == digits[0]);
    area != 0
        && area != 666
        && area < 900
        && group != 0
        && serial != 0
        && !all_same
        && digits != b"123456789"
        && digits != b"078051120"
}

/// The IBAN length of a country (ISO 13616 registry, the countries in common use): one lookup
/// in a 26 × 26 table built from the list at compile time.
pub(crate) fn iban_expected_len(country: &[u8]) -> Option<usize> {
    const TABLE: &[(&[u8; 2], usize)] = &[
        (b"AD", 24),
        (b"AE", 23),
        (b"AL", 28),
        (b"AT", 20),
        (b"AZ", 28),
        (b"BA", 20),
        (b"BE", 16),
        (b"BG", 22),
        (b"BH", 22),
        (b"BR", 29),
        (b"CH", 21),
        (b"CR", 22),
        (b"CY", 28),
        (b"CZ", 24),
        (b"DE", 22),
        (b"DK", 18),
        (b"DO", 28),
        (b"EE", 20),
        (b"EG", 29),
        (b"ES", 24),
        (b"FI", 18),
        (b"FO", 18),
        (b"FR", 27),
        (b"GB", 22),
        (b"GE", 22),
        (b"GI", 23),
        (b"GL", 18),
        (b"GR", 27),
        (b"GT", 28),
        (b"HR", 21),
        (b"HU", 28),
        (b"IE", 22),
        (b"IL", 23),
        (b"IS", 26),
        (b"IT", 27),
        (b"JO", 30),
        (b"KW", 30),
        (b"KZ", 20),
        (b"LB", 28),
        (b"LI", 21),
        (b"LT", 20),
        (b"LU", 20),
        (b"LV", 21),
        (b"MC", 27),
        (b"MD", 24),
        (b"ME", 22),
        (b"MK", 19),
        (b"MR", 27),
        (b"MT", 31),
        (b"MU", 30),
        (b"NL", 18),
        (b"NO", 15),
        (b"PK", 24),
        (b"PL", 28),
        (b"PS", 29),
        (b"PT", 25),
        (b"QA", 29),
        (b"RO", 24),
        (b"RS", 22),
        (b"SA", 24),
        (b"SE", 24),
        (b"SI", 19),
        (b"SK", 24),
        (b"SM", 27),
        (b"TN", 24),
        (b"TR", 26),
        (b"UA", 29),
        (b"VG", 24),
        (b"XK", 20),
    ];
    static LENGTHS: [u8; 26 * 26] = {
        let mut lengths = [0; 26 * 26];
        let mut i = 0;
        while i < TABLE.len() {
            let (code, len) = TABLE[i];
            lengths[(code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize] = len as u8;
            i += 1;
        }
        lengths
    };
    let letter = |b: u8| b.is_ascii_uppercase().then(|| usize::from(b - b'A'));
    let [a, b] = country else { return None };
    let len = LENGTHS[letter(*a)? * 26 + letter(*b)?];
    (len > 0).then_some(usize::from(len))
}

/// Whether compact IBAN characters (uppercase letters and digits) have digits for check digits
/// and pass the ISO 7064 mod-97 check (country code and check digits moved to the end).
pub(crate) fn iban_valid(chars: &[u8]) -> bool {
    let mut check = Mod97::default();
    chars.len() > 4
        && chars[2..4].iter().all(u8::is_ascii_digit)
        && chars[4..].iter().chain(&chars[..4]).all(|&c| check.push(c))
        && check.is_valid()
}

/// The ISO 7064 mod-97 remainder of an IBAN's characters, fed one at a time (digits count as
/// themselves, letters as 10–35). The number grows in a `u64` and is reduced only when it nears
/// the top (about every seventh character) rather than once per character.
#[derive(Default)]
struct Mod97(u64);

impl Mod97 {
    /// Appends a character; `false` for anything but an ASCII digit or uppercase letter.
    #[inline(always)]
    fn push(&mut self, c: u8) -> bool {
        // one table lookup, no branch between digits and letters (IBANs mix them)
        static VALUES: [u8; 256] = {
            let mut values = [u8::MAX; 256];
            let mut i = 0;
            while i < 10 {
                values[b'0' as usize + i] = i as u8;
                i += 1;
            }
            while i < 36 {
                values[b'A' as usize + i - 10] = i as u8;
                i += 1;
            }
            values
        };
        let value = VALUES[usize::from(c)];
        if value == u8::MAX {
            return false;
        }
        let scale = if value < 10 { 10 } else { 100 };
        if self.0 >= 1 << 56 {
            self.0 %= 97;
        }
        self.0 = self.0 * scale + u64::from(value);
        true
    }

    /// Whether the remainder is 1 (a valid IBAN, rotated).
    fn is_valid(&self) -> bool {
        self.0 % 97 == 1
    }
}

/// The length of the country calling code at the start of `digits` (E.164), if it is assigned.
pub(crate) fn country_code_len(digits: &[u8]) -> Option<usize> {
    let d = |i: usize| digits.get(i).map(|b| b - b'0');
    let (a, b) = (d(0)?, d(1)?);
    let two = a * 10 + b;
    match a {
        1 | 7 => Some(1),
        2 => match b {
            0 | 7 => Some(2),
            _ => Some(3),
        },
        3 => match b {
            0..=4 | 6 | 9 => Some(2),
            _ => Some(3),
        },
        4 => match b {
            2 => Some(3),
            _ => Some(2),
        },
        5 => match b {
            1..=8 => Some(2),
            _ => Some(3),
        },
        6 => match b {
            0..=6 => Some(2),
            _ => Some(3),
        },
        8 => match two {
            81 | 82 | 84 | 86 => Some(2),
            _ => Some(3),
        },
        9 => match b {
            0..=5 | 8 => Some(2),
            _ => Some(3),
        },
        _ => None,
    }
}

/// Plausibility of an international number: a known country code and a national number of a
/// length the country uses (NANP numbers must be `NXX NXX XXXX`).
pub(crate) fn international_phone(digits: &[u8]) -> bool {
    let Some(cc) = country_code_len(digits) else { return false };
    let national = &digits[cc..];
    match &digits[..cc] {
        b"1" => nanp(national),
        b"44" => (9..=10).contains(&national.len()) && national[0] != b'0',
        b"49" => (6..=13).contains(&national.len()) && national[0] != b'0',
        _ => (6..=12).contains(&national.len()) && national[0] != b'0',
    }
}

/// A North American number: 10 digits, area and exchange starting 2–9.
pub(crate) fn nanp(national: &[u8]) -> bool {
    national.len() == 10 && national[0] >= b'2' && national[3] >= b'2' && !(national[1] == b'1' && national[2] == b'1')
}

/// Whether `token` is an IPv6 address as `std::net::Ipv6Addr` parses one, checked on the bytes
/// (the string conversion and `std`'s generic parser cost ~1,000 instructions an address): eight
/// `:`-separated groups of 1–4 hex digits, or fewer around one `::`, the last two groups possibly
/// a dotted IPv4 address (not before a `::`). The steps mirror `std`'s `read_ipv6_addr`.
pub(crate) fn is_ipv6(token: &[u8]) -> bool {
    let (head, head_ipv4, end) = ipv6_groups(token, 0, 8);
    if head == 8 {
        return end == token.len();
    }
    if head_ipv4 || token.get(end..end + 2) != Some(b"::") {
        return false;
    }
    // `::` stands for at least one zero group
    ipv6_groups(token, end + 2, 7 - head).2 == token.len()
}

/// Up to `limit` `:`-separated IPv6 groups from `at`, where a dotted IPv4 address counts as the
/// last two (`std`'s `read_groups`): the groups read, whether an IPv4 address ended them, and
/// their end.
fn ipv6_groups(token: &[u8], at: usize, limit: usize) -> (usize, bool, usize) {
    let mut end = at;
    for k in 0..limit {
        let from = match k {
            0 => end,
            _ if token.get(end) == Some(&b':') => end + 1,
            _ => return (k, false, end),
        };
        let mut hex = 0;
        while hex < 5 && token.get(from + hex).is_some_and(u8::is_ascii_hexdigit) {
            hex += 1;
        }
        // an IPv4 address starts with one to three digits and a `.` (most groups fail that)
        let may_be_ipv4 = k + 1 < limit && hex <= 3 && token.get(from + hex) == Some(&b'.');
        if let Some(ipv4) = may_be_ipv4.then(|| ipv4_end(token, from)).flatten() {
            return (k + 2, true, ipv4);
        }
        if !(1..=4).contains(&hex) {
            return (k, false, end);
        }
        end = from + hex;
    }
    (limit, false, end)
}

/// The end of a dotted IPv4 address starting at `at` as `std::net` reads one: four decimal
/// numbers of one to three digits, at most 255, without a leading zero, separated by `.`.
pub(crate) fn ipv4_end(token: &[u8], at: usize) -> Option<usize> {
    let mut end = at;
    for k in 0..4 {
        if k > 0 {
            if token.get(end) != Some(&b'.') {
                return None;
            }
            end += 1;
        }
        let (mut value, mut digits) = (0u32, 0);
        while let Some(d) = token.get(end + digits).filter(|b| b.is_ascii_digit()) {
            if digits == 3 {
                return None;
            }
            value = value * 10 + u32::from(d - b'0');
            digits += 1;
        }
        if digits == 0 || (digits > 1 && token[end] == b'0') || value > 255 {
            return None;
        }
        end += digits;
    }
    Some(end)
}

/// Whether a base64url segment decodes to a JSON object (a JWT header).
pub(crate) fn jwt_header(segment: &[u8]) -> bool {
    let engine = base64::engine::general_purpose::GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    match engine.decode(segment) {
        Ok(bytes) => matches!(serde_json::from_slice::<serde_json::Value>(&bytes), Ok(serde_json::Value::Object(_))),
        Err(_) => false,
    }
}

/// Whether one of `keywords` (lowercase, non-empty) occurs in the `window` bytes before `pos`,
/// ignoring ASCII case. One pass over the window: a keyword is compared only where its first
/// letter occurs (comparing every keyword at every position cost ~3,800 instructions a call).
pub(crate) fn context_before(text: &[u8], pos: usize, window: usize, keywords: &[&str]) -> bool {
    let hay = &text[pos.saturating_sub(window)..pos];
    let letter_bit = |b: u8| if b.is_ascii_lowercase() { 1u32 << (b - b'a') } else { 0 };
    let firsts = keywords.iter().fold(0, |acc, k| acc | letter_bit(k.as_bytes()[0]));
    if keywords.iter().any(|k| letter_bit(k.as_bytes()[0]) == 0) {
        // a keyword not starting with a letter: compare everywhere
        return keywords.iter().any(|k| hay.windows(k.len()).any(|w| w.eq_ignore_ascii_case(k.as_bytes())));
    }
    hay.iter().enumerate().any(|(i, b)| {
        let first = b.to_ascii_lowercase();
        letter_bit(first) & firsts != 0
            && keywords.iter().any(|k| {
                k.as_bytes()[0] == first
                    && hay.get(i..i + k.len()).is_some_and(|w| w.eq_ignore_ascii_case(k.as_bytes()))
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_agrees_with_a_reduction_per_character() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..80 {
            for _ in 0..50 {
                let chars: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(state % 36) as usize]
                    })
                    .collect();
                let reference = chars.iter().fold(0u32, |rem, &c| match c {
                    b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
                    _ => (rem * 100 + u32::from(c - b'A' + 10)) % 97,
                });
                let mut check = Mod97::default();
                assert!(chars.iter().all(|&c| check.push(c)));
                assert_eq!(check.is_valid(), reference == 1, "{chars:?}");
                assert_eq!(check.0 % 97, u64::from(reference), "{chars:?}");
            }
        }
        assert!(!Mod97::default().push(b'a') && !Mod97::default().push(b' '));
    }

    #[test]
    fn checksums() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(card_prefix(b"4111111111111111"));
        assert!(card_prefix(b"2221000000000009"));
        assert!(!card_prefix(b"9111111111111111"));
        assert!(iban_valid(b"DE89370400440532013000"));
        assert!(!iban_valid(b"DE89370400440532013001"));
        assert_eq!(iban_expected_len(b"GB"), Some(22));
        assert_eq!(iban_expected_len(b"NO"), Some(15));
        assert_eq!(iban_expected_len(b"XK"), Some(20));
        for absent in [&b"ZZ"[..], b"gb", b"G", b"GBR", b"1B"] {
            assert_eq!(iban_expected_len(absent), None);
        }
    }

    #[test]
    fn context_agrees_with_a_search_at_every_position() {
        let naive = |hay: &[u8], keywords: &[&str]| {
            keywords.iter().any(|k| hay.windows(k.len()).any(|w| w.eq_ignore_ascii_case(k.as_bytes())))
        };
        let text = b"call Me at; SSN#, Social Security no. ss# TEL: fax+whatsApp 0044 phone";
        for keywords in
            [&["phone", "tel", "call", "fax", "whatsapp"][..], &["ssn", "social security", "ss#"], &["#x", "ss#"]]
        {
            for pos in 0..=text.len() {
                for window in [0, 3, 8, 32, 40, 100] {
                    let hay = &text[pos.saturating_sub(window)..pos];
                    assert_eq!(context_before(text, pos, window, keywords), naive(hay, keywords), "{pos} {window}");
                }
            }
        }
    }

    /// IPv6-like tokens: every combination of up to five groups from a list that covers each rule
    /// of the grammar, then pseudo-random joins of longer ones.
    fn ipv6_like_tokens() -> Vec<String> {
        // the first group is empty (a leading space)
        let groups: Vec<&str> =
            " 0 1 ab fff FfFf 12345 g1 1.2.3.4 01.2.3.4 256.1.1.1 1.2.3 1.2.3.4.5 :: :".split(' ').collect();
        let mut tokens = vec![String::new()];
        for _ in 0..5 {
            let next: Vec<String> = tokens
                .iter()
                .flat_map(|t| {
                    groups.iter().map(move |g| if t.is_empty() { (*g).to_owned() } else { format!("{t}:{g}") })
                })
                .filter(|t| t.len() < 40)
                .collect();
            tokens.extend(next);
            tokens.sort();
            tokens.dedup();
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..100_000 {
            let mut token = String::new();
            for _ in 0..=state % 10 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                token += groups[(state % groups.len() as u64) as usize];
                token += [":", "::", ".", ":"][(state >> 32) as usize % 4];
            }
            tokens.push(token.trim_end_matches(['.', ':']).to_owned());
        }
        tokens
    }

    #[test]
    fn ipv6_as_std_parses_it() {
        let mut valid = 0;
        let tokens = ipv6_like_tokens();
        for token in &tokens {
            let std_ok = token.parse::<std::net::Ipv6Addr>().is_ok();
            assert_eq!(is_ipv6(token.as_bytes()), std_ok, "{token}");
            valid += usize::from(std_ok);
        }
        assert!(valid > 5_000 && tokens.len() - valid > 50_000, "{valid} of {}", tokens.len());
    }

    #[test]
    fn dotted_quads_as_std_parses_them() {
        let parts = [
            "0", "1", "9", "00", "01", "10", "99", "100", "199", "255", "256", "300", "999", "010", "0000", "1234", "",
        ];
        let mut n = 0;
        for a in parts {
            for b in parts {
                for c in ["0", "255", "01", "256", ""] {
                    for d in parts {
                        let token = format!("{a}.{b}.{c}.{d}");
                        let std_ok = token.parse::<std::net::Ipv4Addr>().is_ok();
                        assert_eq!(ipv4_end(token.as_bytes(), 0) == Some(token.len()), std_ok, "{token}");
                        n += 1;
                    }
                }
            }
        }
        assert_eq!(n, 17 * 17 * 5 * 17);
    }

    #[test]
    fn ssn_ranges() {
        assert!(ssn(b"536220987"));
        for bad in [&b"000220987"[..], b"666220987", b"936220987", b"536000987", b"536220000", b"111111111"] {
            assert!(!ssn(bad), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn phones() {
        assert!(international_phone(b"14155552671"));
        assert!(international_phone(b"442079460958"));
        assert!(international_phone(b"4930123456"));
        assert!(!international_phone(b"10123456789"));
        assert!(jwt_header(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"));
        assert!(!jwt_header(b"eyJub3QganNvbg"));
    }
}
