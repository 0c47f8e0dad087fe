//! Injected time. No module reads the wall clock directly: the engine holds one [`Clock`] and
//! tests (and the conformance vectors) drive a [`ManualClock`] by hand.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A point in time: nanoseconds since the Unix epoch (UTC). Arithmetic saturates, so a clock
/// that steps backwards can never make a duration negative or overflow.
///
/// In JSON (bindings, vectors, stored records) a timestamp is an RFC 3339 string in UTC with
/// full precision (`"2026-11-23T04:00:00.5Z"`); an integer is read as milliseconds since the epoch
/// (what JavaScript's `Date.now()` gives), since nanoseconds do not fit a JSON double.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(i64);

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match jiff::Timestamp::from_nanosecond(i128::from(self.0)) {
            Ok(ts) => serializer.collect_str(&ts),
            Err(_) => serializer.serialize_i64(self.as_millis()),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Millis(i64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Millis(ms) => Ok(Timestamp::from_millis(ms)),
            Raw::Text(text) => Timestamp::parse_rfc3339(&text).map_err(|e| serde::de::Error::custom(e.user_message())),
        }
    }
}

impl Timestamp {
    /// The Unix epoch.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// From nanoseconds since the epoch.
    pub const fn from_nanos(nanos: i64) -> Timestamp {
        Timestamp(nanos)
    }

    /// From milliseconds since the epoch.
    pub const fn from_millis(millis: i64) -> Timestamp {
        Timestamp(millis.saturating_mul(1_000_000))
    }

    /// From whole seconds since the epoch.
    pub const fn from_secs(secs: i64) -> Timestamp {
        Timestamp(secs.saturating_mul(1_000_000_000))
    }

    /// Nanoseconds since the epoch.
    pub const fn as_nanos(self) -> i64 {
        self.0
    }

    /// Milliseconds since the epoch (floored).
    pub const fn as_millis(self) -> i64 {
        self.0.div_euclid(1_000_000)
    }

    /// Whole seconds since the epoch (floored).
    pub const fn as_secs(self) -> i64 {
        self.0.div_euclid(1_000_000_000)
    }

    /// This time plus a duration (saturating).
    #[allow(clippy::should_implement_trait)] // also `+`; the method reads better in chains
    pub fn add(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_add(duration_nanos(d)))
    }

    /// This time minus a duration (saturating).
    #[allow(clippy::should_implement_trait)] // also `-`
    pub fn sub(self, d: Duration) -> Timestamp {
        Timestamp(self.0.saturating_sub(duration_nanos(d)))
    }

    /// The time elapsed from `earlier` to `self`; zero when `earlier` is later.
    pub fn since(self, earlier: Timestamp) -> Duration {
        Duration::from_nanos(self.0.saturating_sub(earlier.0).max(0) as u64)
    }

    /// RFC 3339 text in UTC with millisecond precision (`2026-11-23T04:00:00.000Z`).
    pub fn to_rfc3339(self) -> String {
        match jiff::Timestamp::from_nanosecond(i128::from(self.0)) {
            Ok(ts) => format!("{ts:.3}"),
            Err(_) => format!("@{}ns", self.0),
        }
    }

    /// Parses RFC 3339 text (`2026-11-23T04:00:00Z`, offsets allowed).
    pub fn parse_rfc3339(text: &str) -> crate::Result<Timestamp> {
        let ts: jiff::Timestamp =
            text.parse().map_err(|e| crate::PlatformError::validation("timestamp", format!("not RFC 3339: {e}")))?;
        Ok(Timestamp(ts.as_nanosecond() as i64))
    }
}

impl std::ops::Add<Duration> for Timestamp {
    type Output = Timestamp;
    fn add(self, d: Duration) -> Timestamp {
        Timestamp::add(self, d)
    }
}

impl std::ops::Sub<Duration> for Timestamp {
    type Output = Timestamp;
    fn sub(self, d: Duration) -> Timestamp {
        Timestamp::sub(self, d)
    }
}

fn duration_nanos(d: Duration) -> i64 {
    i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.to_rfc3339())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// A source of time.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> Timestamp;

    /// This clock as a [`ManualClock`], when it is one (lets tests and vectors drive time).
    fn as_manual(&self) -> Option<&ManualClock> {
        None
    }
}

/// The real wall clock (UTC), cheap enough for every rate-limit decision.
///
/// It is read through the CPU's time-stamp counter ([`quanta`], as the `governor` crate does:
/// a few nanoseconds instead of a `clock_gettime` call) and re-synchronised with the operating
/// system's wall clock every [`WALL_RESYNC`], so it follows NTP adjustments and steps within
/// that interval. Where the counter is unusable `quanta` falls back to the OS monotonic clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

/// How often [`SystemClock`] re-reads the operating system's wall clock.
pub const WALL_RESYNC: Duration = Duration::from_millis(100);

/// The counter-based wall clock behind [`SystemClock`]: wall time = `offset` + nanoseconds
/// counted since `start`. Threads race benignly on a resync (each stores a valid offset).
#[derive(Debug)]
struct CounterWall {
    counter: quanta::Clock,
    start: u64,
    offset: AtomicI64,
    next_resync: AtomicI64,
}

impl CounterWall {
    fn get() -> &'static CounterWall {
        static WALL: std::sync::OnceLock<CounterWall> = std::sync::OnceLock::new();
        WALL.get_or_init(|| {
            let counter = quanta::Clock::new();
            let start = counter.raw();
            let wall = CounterWall { counter, start, offset: AtomicI64::new(0), next_resync: AtomicI64::new(0) };
            wall.resync(0);
            wall
        })
    }

    #[inline]
    fn counted(&self) -> i64 {
        i64::try_from(self.counter.delta_as_nanos(self.start, self.counter.raw())).unwrap_or(i64::MAX)
    }

    #[inline]
    fn now(&self) -> Timestamp {
        let counted = self.counted();
        if counted >= self.next_resync.load(Ordering::Relaxed) {
            self.resync(counted);
        }
        Timestamp(self.offset.load(Ordering::Relaxed).saturating_add(counted))
    }

    #[cold]
    fn resync(&self, counted: i64) {
        self.offset.store(os_wall_clock().0.saturating_sub(counted), Ordering::Relaxed);
        self.next_resync.store(counted.saturating_add(duration_nanos(WALL_RESYNC)), Ordering::Relaxed);
    }
}

/// The operating system's wall clock.
fn os_wall_clock() -> Timestamp {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => Timestamp(duration_nanos(d)),
        Err(before) => Timestamp(-duration_nanos(before.duration())),
    }
}

impl Clock for SystemClock {
    #[inline]
    fn now(&self) -> Timestamp {
        CounterWall::get().now()
    }
}

/// A clock that moves only when told to. Clones share the same time.
///
/// ```
/// use std::time::Duration;
/// use shared_platform_core::{Clock, ManualClock, Timestamp};
/// let clock = ManualClock::new(Timestamp::from_secs(1_000));
/// clock.advance(Duration::from_millis(1_500));
/// assert_eq!(clock.now().as_millis(), 1_001_500);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ManualClock {
    nanos: Arc<AtomicI64>,
}

impl ManualClock {
    /// A manual clock starting at `start`.
    pub fn new(start: Timestamp) -> ManualClock {
        ManualClock { nanos: Arc::new(AtomicI64::new(start.0)) }
    }

    /// Sets the time (it may go backwards, as real clocks sometimes do).
    pub fn set(&self, to: Timestamp) {
        self.nanos.store(to.0, Ordering::SeqCst);
    }

    /// Moves the time forward.
    pub fn advance(&self, by: Duration) {
        let by = duration_nanos(by);
        let _ = self.nanos.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n.saturating_add(by)));
    }

    /// Moves the time backward (to simulate a clock step).
    pub fn rewind(&self, by: Duration) {
        let by = duration_nanos(by);
        let _ = self.nanos.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n.saturating_sub(by)));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.nanos.load(Ordering::SeqCst))
    }

    fn as_manual(&self) -> Option<&ManualClock> {
        Some(self)
    }
}
