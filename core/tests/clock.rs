//! Injected time.

use std::time::Duration;

use shared_platform_core::{Clock, ManualClock, SystemClock, Timestamp};

#[test]
fn manual_clock_moves_only_when_told() {
    let clock = ManualClock::new(Timestamp::from_secs(100));
    assert_eq!(clock.now(), Timestamp::from_secs(100));
    assert_eq!(clock.now(), Timestamp::from_secs(100));
    clock.advance(Duration::from_millis(250));
    assert_eq!(clock.now().as_millis(), 100_250);
    clock.set(Timestamp::from_secs(5));
    assert_eq!(clock.now().as_secs(), 5);
    clock.rewind(Duration::from_secs(10));
    assert_eq!(clock.now().as_secs(), -5);
}

#[test]
fn clones_share_the_same_time() {
    let clock = ManualClock::new(Timestamp::EPOCH);
    let other = clock.clone();
    other.advance(Duration::from_secs(7));
    assert_eq!(clock.now().as_secs(), 7);
}

#[test]
fn arithmetic_saturates_instead_of_overflowing() {
    let late = Timestamp::from_nanos(i64::MAX - 1);
    assert_eq!(late.add(Duration::from_secs(10)).as_nanos(), i64::MAX);
    assert_eq!(Timestamp::from_nanos(i64::MIN + 1).sub(Duration::from_secs(1)).as_nanos(), i64::MIN);
    assert_eq!(Timestamp::from_secs(1).since(Timestamp::from_secs(5)), Duration::ZERO);
    assert_eq!(Timestamp::from_secs(5).since(Timestamp::from_secs(1)), Duration::from_secs(4));
    let clock = ManualClock::new(Timestamp::EPOCH);
    clock.advance(Duration::MAX);
    assert_eq!(clock.now().as_nanos(), i64::MAX);
}

#[test]
fn rfc3339_round_trips() {
    let ts = Timestamp::from_millis(1_795_000_000_123);
    let text = ts.to_rfc3339();
    assert_eq!(text, "2026-11-18T11:06:40.123Z");
    assert_eq!(Timestamp::parse_rfc3339(&text).unwrap(), ts);
    assert_eq!(Timestamp::parse_rfc3339("2026-11-18T12:06:40.123+01:00").unwrap(), ts);
    assert!(Timestamp::parse_rfc3339("yesterday").is_err());
}

#[test]
fn system_clock_is_after_2025() {
    assert!(SystemClock.now() > Timestamp::parse_rfc3339("2025-01-01T00:00:00Z").unwrap());
}

#[test]
fn system_clock_follows_the_os_wall_clock_and_moves_forward() {
    let os = || {
        Timestamp::from_nanos(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as i64
        )
    };
    // Across more than one resynchronisation interval, readings stay within 10 ms of the OS
    // clock (the counter is re-anchored every 100 ms) and time moves on.
    let first = SystemClock.now();
    for _ in 0..30 {
        let (before, ours, after) = (os(), SystemClock.now(), os());
        let slack = Duration::from_millis(10);
        assert!(ours >= before.sub(slack) && ours <= after.add(slack), "{ours:?} not within {before:?}..{after:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(SystemClock.now().since(first) >= Duration::from_millis(300));
}

#[test]
fn json_form_is_rfc3339_text_and_integers_are_milliseconds() {
    let ts = Timestamp::from_nanos(1_795_000_000_123_456_789);
    let text = serde_json::to_string(&ts).unwrap();
    assert_eq!(text, "\"2026-11-18T11:06:40.123456789Z\"");
    assert_eq!(serde_json::from_str::<Timestamp>(&text).unwrap(), ts);
    assert_eq!(serde_json::from_str::<Timestamp>("1795000000123").unwrap(), Timestamp::from_millis(1_795_000_000_123));
    assert!(serde_json::from_str::<Timestamp>("\"soon\"").is_err());
}
