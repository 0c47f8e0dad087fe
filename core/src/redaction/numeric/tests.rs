//! Tests of the digit-anchored detectors (a file of their own: `numeric.rs` stays short).

use super::*;

thread_local! {
    /// See [`iso_fast_path`].
    pub(super) static ISO_FAST_PATH: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

fn found(text: &str) -> Vec<(String, &str)> {
    let mut out = Hits::new();
    scan(text.as_bytes(), &mut out);
    out.iter()
        .map(|f| (crate::redaction::entities::ALL[usize::from(f.entity.0)].to_owned(), &text[f.start..f.end]))
        .collect()
}

#[test]
fn finds_numbers() {
    let cases = [
        ("card=4111 1111 1111 1111 ok", "CREDIT_CARD", "4111 1111 1111 1111"),
        ("amex 3499-901459-11394.", "CREDIT_CARD", "3499-901459-11394"),
        ("ssn=408-98-3129", "US_SSN", "408-98-3129"),
        ("ssn 389215021 x", "US_SSN", "389215021"),
        ("from (629)752-2429x3267 about", "PHONE_NUMBER", "(629)752-2429x3267"),
        ("phone=+44(0)116 4960931 plan", "PHONE_NUMBER", "+44(0)116 4960931"),
        ("tel +49(0) 622925879", "PHONE_NUMBER", "+49(0) 622925879"),
        ("phone=9083999845 plan", "PHONE_NUMBER", "9083999845"),
        ("call 06181 62636 now", "PHONE_NUMBER", "06181 62636"),
        ("to +1-252-639-9098x064 from", "PHONE_NUMBER", "+1-252-639-9098x064"),
        ("iban=NL04 WFSG 6842 6851 79 amount", "IBAN_CODE", "NL04 WFSG 6842 6851 79"),
        ("iban=GB20NEGP94912191172495 x", "IBAN_CODE", "GB20NEGP94912191172495"),
        ("ip=fc9e:c068:234:6d8:1bec:6ad7:27be:5d0e mfa", "IP_ADDRESS", "fc9e:c068:234:6d8:1bec:6ad7:27be:5d0e"),
        ("from 192.168.87.82:8080", "IP_ADDRESS", "192.168.87.82"),
        ("mac 00:1a:2B:3c:4d:5e up", "MAC_ADDRESS", "00:1a:2B:3c:4d:5e"),
        ("mac aa-1b-2c-3d-4e-5f up", "MAC_ADDRESS", "aa-1b-2c-3d-4e-5f"),
    ];
    for (text, entity, value) in cases {
        assert_eq!(found(text), vec![(entity.to_owned(), value)], "{text}");
    }
}

#[test]
fn leading_digits_agree_with_a_byte_count() {
    for a in 0..=255u8 {
        for b in [b'0', b'9', b'/', b':', 0, 0x80, 0xb9, 0xff, b'5'] {
            for at in 0..8 {
                let mut bytes = [b'7'; 8];
                bytes[at] = a;
                bytes[(at + 3) % 8] = b;
                let expected = bytes.iter().take_while(|c| c.is_ascii_digit()).count();
                assert_eq!(leading_digits(u64::from_le_bytes(bytes)), expected, "{bytes:?}");
            }
        }
    }
}

#[test]
fn digit_runs_agree_with_the_token_measure() {
    let bytes = b"0123456789aF:.-zZ x/=";
    let mut checked = 0;
    for seed in 0..20_000u32 {
        // pseudo-random texts of token bytes and others, each tried at every token start
        let text: Vec<u8> = (0..14u32)
            .map(|i| bytes[(seed.wrapping_mul(2_654_435_761).rotate_left(i * 5) as usize + i as usize) % bytes.len()])
            .collect();
        for s in (0..text.len()).filter(|&s| token_class(text[s])) {
            if let Some(run) = digit_run(&text, s) {
                assert_eq!(token_span(&text, s), (run, DIGIT), "{:?} {s}", String::from_utf8_lossy(&text));
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn next_digit_agrees_with_a_byte_search() {
    let text: Vec<u8> = (0..=255u8).chain(b"ab/:9x0".iter().copied()).chain((0..=255u8).rev()).collect();
    for from in 0..=text.len() {
        let naive = text[from..].iter().position(u8::is_ascii_digit).map(|k| from + k);
        assert_eq!(next_digit(&text, from), naive, "{from}");
    }
}

#[test]
fn glued_chains_are_skipped_as_one() {
    let text = "2026-11-05T10:00:00.123Z host v1.2:3-4x5 from 10.0.0.1 card 4111 1111 1111 1111";
    assert_eq!(
        found(text),
        vec![("IP_ADDRESS".to_owned(), "10.0.0.1"), ("CREDIT_CARD".to_owned(), "4111 1111 1111 1111")]
    );
    // a chain ends where the next token is not glued: `Z` then a space
    assert_eq!(skip_glued(b"T10:00:00.123Z 7", 3), 14);
    assert_eq!(skip_glued(b"T10 7", 3), 3);
}

#[test]
fn iso_timestamps_resume_where_the_general_path_does() {
    let before = ["", " ", "[", "\"", "=", "x", "_", "T", "a", "-", ":", "7"];
    let after = [
        "",
        "Z",
        ".123Z",
        "+05:30",
        "-0800",
        ".5",
        "z1",
        ":",
        ".",
        "-4111 1111 1111 1111",
        ".192.168.1.1",
        ":4111111111111111",
        "-408-98-3129",
        "Tx9",
        " 10",
        ":00",
        ":00:00Z rest",
        ":00:00.123456789+01:00 x",
        ":00:00.1234567890123456789012345678901234567890123456789012345678901234 x",
    ];
    let mut fast = 0;
    for (head, time) in before.iter().flat_map(|b| ["2026-11-05T10", "0000-00-00T00", "2026-11-05T1"].map(|t| (b, t))) {
        for tail in after {
            let text = format!("{head}{time}{tail}");
            let p = head.len();
            ISO_FAST_PATH.set(false);
            let general = match quick_reject(text.as_bytes(), p) {
                Verdict::Skip(resume) => Some(resume),
                Verdict::Inspect(_) => None,
            };
            ISO_FAST_PATH.set(true);
            if let Some(resume) = iso_timestamp(text.as_bytes(), p) {
                assert_eq!(Some(resume), general, "{text}");
                fast += 1;
            }
        }
    }
    assert!(fast > 100, "{fast}");
}

#[test]
fn rejects_look_alikes() {
    for text in [
        "order 4111111111111112 shipped",
        "version 1.2.3.4.5",
        "id 550e8400-e29b-41d4-a716-446655440000",
        "sha 3f786850e387550fdab836ed7e6dc881de23001b",
        "2026-10-24T12:00:00.123Z took 250ms",
        "[24/Oct/2026:12:00:00 +0000] 200 5123",
        "ssn=666-12-3456 and 000-12-3456",
        "order 1234567 total 12.50",
        "at 12:30:45 the build 20261024 ran",
    ] {
        assert_eq!(found(text), vec![], "{text}");
    }
}

#[test]
fn chains_of_few_digits_have_no_findings() {
    let groups = ["1", "00", "49", "123", "4111", "12345", "1234567"];
    let (mut chains, mut phones) = (0, 0);
    for before in ["", "+", "(", "ssn ", "phone ", "tel 00"] {
        for a in groups {
            for b in groups {
                for (sep, c) in
                    [(" ", ""), ("-", ""), (".", ""), (") ", ""), ("/", ""), ("  -  ", ""), (" ", " 5"), ("-", "-12")]
                {
                    let text = format!("{before}{a}{sep}{b}{c} x");
                    let bytes = text.as_bytes();
                    let p = bytes.iter().position(u8::is_ascii_digit).unwrap_or_default();
                    let mut chain = Chain::empty_at(bytes, p);
                    chain.read_groups(bytes, p);
                    let found = chain.phone(bytes).is_some()
                        || (0..chain.n).any(|i| chain.card(bytes, i).is_some() || chain.ssn(bytes, i).is_some());
                    let (last_start, last_end) = chain.groups[chain.n - 1];
                    let digits = chain.offsets[chain.n - 1] + last_end - last_start;
                    let first_end = run_end(bytes, p, |b| b.is_ascii_digit());
                    let short = short_chain_end(bytes, p, first_end);
                    assert_eq!(short, (digits < FEWEST_DIGITS && chain.n <= 2).then_some(last_end), "{text}");
                    if short.is_some() {
                        assert!(!found, "{text}");
                        chains += 1;
                    } else {
                        phones += usize::from(found);
                    }
                }
            }
        }
    }
    // at most 3 separator bytes join groups
    assert_eq!(short_chain_end(b"12 - 34", 0, 2), Some(7));
    assert_eq!(short_chain_end(b"12 - 34 5", 0, 2), None);
    assert_eq!(short_chain_end(b"12  -  34", 0, 2), Some(2));
    // the bound is tight: an 8-digit E.164 number is found
    assert_eq!(found("call +49 123456 now"), [("PHONE_NUMBER".to_owned(), "+49 123456")]);
    assert!(chains > 500 && phones > 0, "{chains} {phones}");
}

#[test]
fn chains_without_findings_agree_with_the_checks() {
    let shapes = [
        "2026-11-04 14:59:55,237",
        "2026-11-04 14,5",
        "2026-11-04 14:",
        "2026-11-04 1:59",
        "2026-11-4 14:59",
        "2026-11-04 14:59",
        "20261-11-04 14:59",
        "2026-11-04  14:59",
        "14:59:55",
        "55,237",
        "4111111111111111:1",
        "408983129:5",
        "4111111111111111,1",
        "408-98-3129:5",
        "9083999845:1",
        "1:2",
        "12345:",
        "7,",
    ];
    let (mut shortcuts, mut checked) = (0, 0);
    for shape in shapes {
        for before in ["", " ", "+", "(", "ssn ", "phone ", "x", "-"] {
            for after in ["", " ", "x", "0", " ext 12", ".5"] {
                let text = format!("{before}{shape}{after}");
                let bytes = text.as_bytes();
                for p in (0..bytes.len()).filter(|&p| bytes[p].is_ascii_digit()) {
                    let end = run_end(bytes, p, |b| b.is_ascii_digit());
                    checked += 1;
                    let Some(resume) = chain_without_findings(bytes, p, end) else { continue };
                    shortcuts += 1;
                    // the full checks, then the scan's visits up to the shortcut's resume
                    let mut hits = Hits::new();
                    let mut at = checked_chain_at(bytes, p, &mut hits).max(end);
                    while let Some(q) = next_digit(bytes, at).filter(|&q| q < resume) {
                        at = detect_at(bytes, q, &mut hits).max(q + 1);
                    }
                    assert_eq!(at, resume, "{text} at {p}");
                    assert!(hits.is_empty(), "{text} at {p}");
                }
            }
        }
    }
    assert!(shortcuts > 500 && checked > shortcuts, "{shortcuts} of {checked}");
}
