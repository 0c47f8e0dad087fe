//! The rate-limit algorithms as pure arithmetic: a decision is a function of (limit, previous
//! state, now, cost). Nothing here knows where the state lives; stores only make [`apply`]
//! atomic (the Redis store runs the same integer arithmetic in Lua, `redis_step.lua`).
//!
//! Time is in whole milliseconds and every quantity is an integer below 2^53, so the Lua mirror
//! (which computes with doubles) takes exactly the same decisions.
//!
//! A clock that steps backwards is handled by never letting a key's time go back: the effective
//! time of a step is `max(now, state.t)`, so a late reading is decided as if it arrived at the
//! last time seen (never a spurious denial, never a panic).

use super::divisor::Divisor;
use crate::error::{ErrorCode, PlatformError, Result};

/// Fixed-point scale of the sliding-window weight of the previous window (2^20).
pub const WEIGHT_SCALE: i64 = 1 << 20;
/// Milli-tokens per token (token bucket state is kept in milli-tokens).
pub const TOKEN_SCALE: i64 = 1000;
/// Largest capacity (requests, cost units, tokens) of one limit.
pub const MAX_CAPACITY: i64 = 1_000_000_000;
/// Longest window (30 days, in milliseconds).
pub const MAX_WINDOW_MS: i64 = 30 * 86_400_000;

/// The kind of a limit: the three public algorithms plus the two helper states of burst
/// allowances and penalty boxes. The discriminant is the kind number the Lua script reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Counter per aligned window.
    FixedWindow = 1,
    /// Cloudflare's window counter: the current window plus the previous one weighted by the
    /// part of it still inside the sliding window.
    SlidingWindow = 2,
    /// Tokens refilled continuously up to the bucket size.
    TokenBucket = 3,
    /// Burst allowance: `capacity` extra units within `period` of the first use, then a
    /// cooldown of `extra` ms before it refills.
    Burst = 4,
    /// Penalty-box marker: a step with a cost sets "inside until now + period".
    Marker = 5,
}

/// One limit's parameters (validated: every field positive and within bounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LimitSpec {
    kind: Kind,
    capacity: i64,
    /// The window (ms) or refill rate, with its multiplier for division.
    period: Divisor,
    extra: i64,
}

fn check_range(field: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    if value < min || value > max {
        return Err(PlatformError::invalid(
            ErrorCode::InvalidAlgorithmConfig,
            field,
            format!("must be between {min} and {max}, got {value}"),
        ));
    }
    Ok(value)
}

impl LimitSpec {
    /// `max_requests` per aligned window of `window_ms`.
    pub fn fixed_window(max_requests: i64, window_ms: i64) -> Result<LimitSpec> {
        LimitSpec::windowed(Kind::FixedWindow, max_requests, window_ms)
    }

    /// `max_requests` per sliding window of `window_ms` (window counter approximation).
    pub fn sliding_window(max_requests: i64, window_ms: i64) -> Result<LimitSpec> {
        LimitSpec::windowed(Kind::SlidingWindow, max_requests, window_ms)
    }

    fn windowed(kind: Kind, max_requests: i64, window_ms: i64) -> Result<LimitSpec> {
        Ok(LimitSpec {
            kind,
            capacity: check_range("max_requests", max_requests, 1, MAX_CAPACITY)?,
            period: Divisor::new(check_range("window_seconds", window_ms, 1, MAX_WINDOW_MS)?),
            extra: 0,
        })
    }

    /// A bucket of `bucket_size` tokens refilled by `refill_rate` tokens per second, starting
    /// with `initial_tokens` (default: full).
    pub fn token_bucket(refill_rate: i64, bucket_size: i64, initial_tokens: Option<i64>) -> Result<LimitSpec> {
        let capacity = check_range("bucket_size", bucket_size, 1, MAX_CAPACITY)?;
        let initial = match initial_tokens {
            Some(initial) => check_range("initial_tokens", initial, 0, capacity)?,
            None => capacity,
        };
        Ok(LimitSpec {
            kind: Kind::TokenBucket,
            capacity,
            period: Divisor::new(check_range("refill_rate", refill_rate, 1, MAX_CAPACITY)?),
            extra: initial,
        })
    }

    /// A burst allowance of `max_burst` units usable within `window_ms` of its first use, then
    /// unavailable for `cooldown_ms`.
    pub fn burst(max_burst: i64, window_ms: i64, cooldown_ms: i64) -> Result<LimitSpec> {
        Ok(LimitSpec {
            kind: Kind::Burst,
            capacity: check_range("burst.max_burst", max_burst, 1, MAX_CAPACITY)?,
            period: Divisor::new(check_range("burst.burst_window_seconds", window_ms, 1, MAX_WINDOW_MS)?),
            extra: check_range("burst.cooldown_seconds", cooldown_ms, 0, MAX_WINDOW_MS)?,
        })
    }

    /// A penalty-box marker lasting `duration_ms` from its last setting.
    pub fn marker(duration_ms: i64) -> Result<LimitSpec> {
        Ok(LimitSpec {
            kind: Kind::Marker,
            capacity: 1,
            period: Divisor::new(check_range("throttle.penalty_box_duration_seconds", duration_ms, 1, MAX_WINDOW_MS)?),
            extra: 0,
        })
    }

    /// The kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The same spec, its kind restated as `kind` (which it is): code following a `match` on
    /// the kind sees a constant and drops the other algorithms' branches.
    #[inline(always)]
    pub(crate) fn known_as(self, kind: Kind) -> LimitSpec {
        debug_assert_eq!(self.kind, kind);
        LimitSpec { kind, ..self }
    }

    /// Requests (or cost units, or tokens) allowed.
    pub fn capacity(&self) -> i64 {
        self.capacity
    }

    /// The window (ms), or the refill rate (tokens per second) of a token bucket.
    pub fn period(&self) -> i64 {
        self.period.value()
    }

    /// Initial tokens (token bucket) or cooldown ms (burst).
    pub fn extra(&self) -> i64 {
        self.extra
    }

    /// The same limit with another capacity (runtime adjustments, penalty boxes).
    pub fn with_capacity(self, capacity: i64) -> Result<LimitSpec> {
        let capacity = check_range("max_requests", capacity, 1, MAX_CAPACITY)?;
        let extra = if self.kind == Kind::TokenBucket { self.extra.min(capacity) } else { self.extra };
        Ok(LimitSpec { capacity, extra, ..self })
    }

    /// Refuses a cost that could never be allowed (instead of an endless `retry_after`).
    #[inline(always)]
    pub fn check_cost(&self, cost: i64) -> Result<()> {
        if (0..=self.capacity).contains(&cost) {
            return Ok(());
        }
        Err(self.cost_refusal(cost))
    }

    /// Why `cost` (outside `0..=capacity`) is refused.
    #[cold]
    fn cost_refusal(&self, cost: i64) -> PlatformError {
        if cost < 0 {
            return PlatformError::invalid(ErrorCode::Validation, "cost", "must not be negative");
        }
        PlatformError::new(
            ErrorCode::CostExceedsCapacity,
            format!("cost {cost} exceeds the limit's capacity {}: it can never be allowed", self.capacity),
        )
        .with_field("cost")
    }
}

/// The state of one key: three integers whose meaning depends on the kind (`t` is always the
/// last time seen, in ms). 24 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct State {
    /// Previous-window count (sliding), count (fixed), milli-tokens (bucket), used (burst),
    /// inside-until (marker).
    pub a: i64,
    /// Current-window count (sliding), episode start (burst).
    pub b: i64,
    /// Last time seen (ms since the epoch); never goes back.
    pub t: i64,
}

impl State {
    /// The 24-byte encoding used by byte-oriented stores.
    pub fn to_bytes(self) -> [u8; 24] {
        let mut out = [0u8; 24];
        out[..8].copy_from_slice(&self.a.to_le_bytes());
        out[8..16].copy_from_slice(&self.b.to_le_bytes());
        out[16..].copy_from_slice(&self.t.to_le_bytes());
        out
    }

    /// Decodes [`State::to_bytes`]; anything else reads as no state.
    pub fn from_bytes(raw: &[u8]) -> Option<State> {
        let field = |i: usize| raw.get(i * 8..i * 8 + 8).and_then(|b| b.try_into().ok()).map(i64::from_le_bytes);
        if raw.len() != 24 {
            return None;
        }
        Some(State { a: field(0)?, b: field(1)?, t: field(2)? })
    }
}

/// One decision to take on one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The limit.
    pub spec: LimitSpec,
    /// Units the request costs (0 reads the state).
    pub cost: i64,
    /// The engine time, ms since the epoch.
    pub now_ms: i64,
    /// Whether an allowed request is recorded (`false`: a read-only check).
    pub commit: bool,
}

/// What a step decided: whether the cost fits, and the key's state after the step (the state a
/// read-only step would have left, when it does not write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the cost fits (marker: whether the key is inside the penalty box).
    pub allowed: bool,
    /// The state after the step.
    pub state: State,
}

/// Applies a step to the previous state. Returns the outcome and the state to write (`None`:
/// nothing to write).
#[inline(always)]
pub fn apply(step: &Step, previous: Option<State>) -> (Outcome, Option<State>) {
    let spec = &step.spec;
    let eff = previous.map_or(step.now_ms, |s| s.t.max(step.now_ms));
    let (allowed, mut state) = match spec.kind {
        Kind::FixedWindow => fixed(spec, previous, eff, step.cost),
        Kind::SlidingWindow => sliding(spec, previous, eff, step.cost),
        Kind::TokenBucket => bucket(spec, previous, eff, step.cost),
        Kind::Burst => burst(spec, previous, eff, step.cost),
        Kind::Marker => marker(spec, previous, eff, step.cost),
    };
    if spec.kind == Kind::Marker {
        // b: 1 inside, 0 outside; 2 is returned (never stored) by the step that closes the box.
        let write = step.commit && (step.cost > 0 || state.b == MARKER_CLOSED);
        let stored = State { b: if state.b == MARKER_CLOSED { 0 } else { state.b }, ..state };
        return (Outcome { allowed, state }, write.then_some(stored));
    }
    // A counted step is written even when refused, so the key's time never goes back.
    let write = step.commit && step.cost > 0;
    if write && allowed {
        match spec.kind {
            Kind::FixedWindow | Kind::Burst => state.a += step.cost,
            Kind::SlidingWindow => state.b += step.cost,
            Kind::TokenBucket => state.a -= step.cost * TOKEN_SCALE,
            Kind::Marker => {}
        }
    }
    (Outcome { allowed, state }, write.then_some(state))
}

/// The marker flag a step returns when it saw the penalty box close.
pub const MARKER_CLOSED: i64 = 2;

fn marker(spec: &LimitSpec, previous: Option<State>, eff: i64, cost: i64) -> (bool, State) {
    let prev = previous.unwrap_or_default();
    let (mut until, mut flag) = (prev.a, prev.b);
    if cost > 0 {
        if eff >= until {
            until = eff + spec.period();
        }
        flag = 1;
    } else if flag == 1 && eff >= until {
        flag = MARKER_CLOSED;
    }
    (eff < until, State { a: until, b: flag, t: eff })
}

#[inline(always)]
fn fixed(spec: &LimitSpec, previous: Option<State>, eff: i64, cost: i64) -> (bool, State) {
    let prev = previous.unwrap_or_default();
    let start = spec.period.floor(eff) * spec.period();
    let count = if prev.t >= start { prev.a } else { 0 };
    (count + cost <= spec.capacity, State { a: count, b: 0, t: eff })
}

/// The weight (scaled by [`WEIGHT_SCALE`]) of the previous window at `elapsed` ms into the
/// current one (`0 <= elapsed <= window_ms`).
pub fn previous_weight(window_ms: i64, elapsed: i64) -> i64 {
    weight(&Divisor::new(window_ms), elapsed)
}

/// [`previous_weight`] with the window's precomputed divisor.
#[inline(always)]
fn weight(window: &Divisor, elapsed: i64) -> i64 {
    window.floor((window.value() - elapsed) * WEIGHT_SCALE)
}

#[inline(always)]
fn sliding(spec: &LimitSpec, previous: Option<State>, eff: i64, cost: i64) -> (bool, State) {
    let w = spec.period();
    let prev = previous.unwrap_or_default();
    let start = spec.period.floor(eff) * w;
    // `prev.t <= eff`: the previous time is in the current window, the one before, or older.
    let (before, current) = if prev.t >= start {
        (prev.a, prev.b)
    } else if prev.t >= start - w {
        (prev.b, 0)
    } else {
        (0, 0)
    };
    let used = before * weight(&spec.period, eff - start) + current * WEIGHT_SCALE;
    (used + cost * WEIGHT_SCALE <= spec.capacity * WEIGHT_SCALE, State { a: before, b: current, t: eff })
}

#[inline(always)]
fn bucket(spec: &LimitSpec, previous: Option<State>, eff: i64, cost: i64) -> (bool, State) {
    let full = spec.capacity * TOKEN_SCALE;
    let tokens = match previous {
        None => spec.extra * TOKEN_SCALE,
        Some(prev) => {
            let missing = full - prev.a;
            let elapsed = eff - prev.t;
            if missing <= 0 || elapsed >= spec.period.ceil(missing) { full } else { prev.a + elapsed * spec.period() }
        }
    };
    (tokens >= cost * TOKEN_SCALE, State { a: tokens, b: 0, t: eff })
}

fn burst(spec: &LimitSpec, previous: Option<State>, eff: i64, cost: i64) -> (bool, State) {
    let fresh = State { a: 0, b: eff, t: eff };
    let state = match previous {
        Some(prev) if eff < prev.b + spec.period() + spec.extra => State { t: eff, ..prev },
        _ => fresh,
    };
    let open = eff < state.b + spec.period();
    (open && state.a + cost <= spec.capacity, state)
}

/// The figures reported for one key after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// The capacity.
    pub limit: i64,
    /// Units still available now.
    pub remaining: i64,
    /// Units counted in the current window (or taken from the bucket).
    pub used: i64,
    /// When the limit fully resets (ms since the epoch).
    pub reset_at_ms: i64,
    /// When the denied cost would fit (ms from now), for denied steps.
    pub retry_after_ms: Option<i64>,
}

/// Reports the figures of a key from its state after a step at `now_ms` for `cost`.
#[inline(always)]
pub fn report(spec: &LimitSpec, outcome: &Outcome, cost: i64) -> Report {
    let s = outcome.state;
    let (cap, eff) = (spec.capacity, s.t);
    let (remaining, reset_at_ms, wait) = match spec.kind {
        Kind::FixedWindow => {
            let end = (spec.period.floor(eff) + 1) * spec.period();
            (cap - s.a, end, end - eff)
        }
        Kind::SlidingWindow => sliding_report(spec, s, cost, outcome.allowed),
        Kind::TokenBucket => {
            let to_full = (cap * TOKEN_SCALE - s.a).max(0);
            let short = (cost * TOKEN_SCALE - s.a).max(0);
            (s.a / TOKEN_SCALE, eff + spec.period.ceil(to_full), spec.period.ceil(short))
        }
        Kind::Burst => {
            let window_end = s.b + spec.period();
            if eff < window_end {
                (cap - s.a, window_end, 0)
            } else {
                let refill = window_end + spec.extra;
                (0, refill, refill - eff)
            }
        }
        Kind::Marker => (i64::from(eff >= s.a), s.a, (s.a - eff).max(0)),
    };
    let remaining = remaining.max(0).min(cap);
    let retry_after_ms = (!outcome.allowed).then_some(wait.max(1));
    Report { limit: cap, remaining, used: cap - remaining, reset_at_ms, retry_after_ms }
}

#[inline(always)]
fn sliding_report(spec: &LimitSpec, s: State, cost: i64, allowed: bool) -> (i64, i64, i64) {
    let w = spec.period();
    let (idx, cap) = (spec.period.floor(s.t), spec.capacity);
    let elapsed = s.t - idx * w;
    let used = s.a * weight(&spec.period, elapsed) + s.b * WEIGHT_SCALE;
    let remaining = (cap * WEIGHT_SCALE - used).div_euclid(WEIGHT_SCALE);
    let end = (idx + 1) * w;
    // The wait is only reported for refusals: skip its search on the allowed hot path.
    let wait = if allowed {
        0
    } else if s.b + cost <= cap {
        first_fit(s.a, s.b + cost, cap, &spec.period, elapsed) - elapsed
    } else {
        end - s.t + first_fit(s.b, cost, cap, &spec.period, 0)
    };
    (remaining, end, wait)
}

/// The first elapsed time in `[from, w]` at which `before` weighted plus `current` fits `cap`.
fn first_fit(before: i64, current: i64, cap: i64, w: &Divisor, from: i64) -> i64 {
    let fits = |e: i64| before * weight(w, e) + current * WEIGHT_SCALE <= cap * WEIGHT_SCALE;
    let (mut lo, mut hi) = (from, w.value());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) { hi = mid } else { lo = mid + 1 }
    }
    lo
}

/// When the state of a key becomes equivalent to no state (ms since the epoch): stores may
/// forget the key from then on.
#[inline(always)]
pub fn forget_at(spec: &LimitSpec, state: &State) -> i64 {
    let w = spec.period();
    match spec.kind {
        Kind::FixedWindow => (spec.period.floor(state.t) + 1) * w,
        Kind::SlidingWindow => (spec.period.floor(state.t) + 2) * w,
        Kind::TokenBucket => {
            let missing = (spec.capacity * TOKEN_SCALE - state.a).max(0);
            state.t + spec.period.ceil(missing)
        }
        Kind::Burst => state.b + w + spec.extra,
        Kind::Marker => state.a + w,
    }
}
