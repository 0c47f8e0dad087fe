//! The typed rate-limit hot path for Node: the request arrives encoded in one byte buffer,
//! registered once per JS thread (see request_buffer.rs); the decision's numbers (the core's
//! `CompactDecision` layout) go back into the same buffer, and the deciding policy as a small
//! integer into a table the JavaScript side caches, so a decision converts no strings and
//! creates no JS objects here.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use napi::bindgen_prelude::{AsyncTask, Buffer, BufferSlice, Result};
use napi::{Env, Task};
use napi_derive::napi;
use shared_platform_core::ratelimit::{
    CompactDecision, PolicyLabel, RateLimitDecision, RateLimitRequest, RateLimiter, parse_rate_limit_headers,
    rate_limit_headers,
};
use shared_platform_core::{Clock, ErrorCode, PlatformError, SystemClock, Timestamp, api};

use crate::registry::Registry;
use crate::request_buffer::{self, Decoded};
use crate::{NativeEngine, to_js_error};

/// Interned (policy id, policy name) pairs; decisions carry the index. Looked up by the address
/// of the decision's [`PolicyLabel`] (the compiled policy hands out labels of one address on
/// every decision), which is a cheap integer hash; the entries keep clones, so an address is
/// never reused for another label while it is in the table.
/// The last answer is checked first (a hot path usually sees one policy), before the map.
#[derive(Default)]
struct PolicyTable {
    index: HashMap<usize, u32>,
    entries: Vec<PolicyLabel>,
    last: Option<(usize, u32)>,
}

impl PolicyTable {
    /// The slot of the decision's policy, or -1 when no policy decided.
    fn slot(&mut self, decision: &RateLimitDecision) -> i64 {
        let Some(label) = &decision.policy else { return -1 };
        let key = label.address();
        if let Some((last_key, slot)) = self.last
            && last_key == key
        {
            return i64::from(slot);
        }
        let slot = match self.index.get(&key) {
            Some(slot) => *slot,
            None => {
                let slot = self.entries.len() as u32;
                self.entries.push(label.clone());
                self.index.insert(key, slot);
                slot
            }
        };
        self.last = Some((key, slot));
        i64::from(slot)
    }
}

/// How a decision call counts.
#[derive(Clone, Copy)]
enum Mode {
    Consume,
    Check,
    Enforce,
}

impl Mode {
    fn from_code(code: u32) -> std::result::Result<Mode, PlatformError> {
        match code {
            0 => Ok(Mode::Consume),
            1 => Ok(Mode::Check),
            2 => Ok(Mode::Enforce),
            _ => Err(PlatformError::validation("mode", "must be 0 (consume), 1 (check) or 2 (enforce)")),
        }
    }

    fn run(
        self,
        limiter: &RateLimiter,
        request: &RateLimitRequest<'_>,
    ) -> shared_platform_core::Result<RateLimitDecision> {
        match self {
            Mode::Consume => limiter.consume(request),
            Mode::Check => limiter.check(request),
            Mode::Enforce => limiter.enforce(request),
        }
    }
}

/// A scope's limiter and its policy table.
struct Limiter {
    limiter: RateLimiter,
    policies: Mutex<PolicyTable>,
}

impl Limiter {
    /// Decides on a decoded request (see request_buffer.rs): the compact numbers and the policy slot.
    fn decide(&self, request: &Decoded<'_>) -> Result<(CompactDecision, i64)> {
        let mode = Mode::from_code(request.mode).map_err(to_js_error)?;
        let decision = request.with_request(|r| mode.run(&self.limiter, r)).map_err(to_js_error)?;
        let slot = self.policies.lock().unwrap_or_else(PoisonError::into_inner).slot(&decision);
        Ok((CompactDecision::from_decision(&decision), slot))
    }
}

/// Live limiters by id (see registry.rs for why the hot path takes an id).
static LIMITERS: Registry<Limiter> = Registry::new("rate limiter");

thread_local! {
    /// The limiter this thread used last, with the registry generation it was looked up in: a
    /// hot loop on one client skips the registry's lock, hash and reference count.
    static LAST_LIMITER: RefCell<Option<(u32, u64, Arc<Limiter>)>> = const { RefCell::new(None) };
}

/// Runs `f` with the limiter `id`, from this thread's one-entry cache when it is still current
/// (any removal from the registry bumps its generation, so a dropped limiter is never reused).
fn with_limiter<R>(id: u32, f: impl FnOnce(&Limiter) -> Result<R>) -> Result<R> {
    let generation = LIMITERS.generation();
    LAST_LIMITER.with(|cell| {
        if let Ok(last) = cell.try_borrow()
            && let Some((last_id, last_generation, limiter)) = last.as_ref()
            && *last_id == id
            && *last_generation == generation
        {
            return f(limiter);
        }
        let limiter = LIMITERS.get(id)?;
        if let Ok(mut last) = cell.try_borrow_mut() {
            *last = Some((id, generation, limiter.clone()));
        }
        f(&limiter)
    })
}

/// Empties this thread's cache if it holds `id` (so the limiter is freed with its JS object).
fn forget_limiter(id: u32) {
    LAST_LIMITER.with(|cell| {
        if let Ok(mut last) = cell.try_borrow_mut()
            && last.as_ref().is_some_and(|(last_id, _, _)| *last_id == id)
        {
            *last = None;
        }
    });
}

/// The rate limiter of one scope; `RateLimitClient` in lib/ratelimit/client.js wraps it. Its
/// registry entry lives as long as this object.
#[napi]
pub struct NativeRateLimiter {
    id: u32,
    inner: Arc<Limiter>,
}

impl Drop for NativeRateLimiter {
    fn drop(&mut self) {
        LIMITERS.remove(self.id);
        forget_limiter(self.id);
    }
}

#[napi]
impl NativeRateLimiter {
    /// Binds the rate limiter of `scope` (a tenant id, or "*" for the platform).
    #[napi(constructor)]
    pub fn new(engine: &NativeEngine, scope: String) -> Result<NativeRateLimiter> {
        let limiter = api::scope_for(engine.engine(), &scope).and_then(|s| s.ratelimit()).map_err(to_js_error)?;
        let inner = Arc::new(Limiter { limiter, policies: Mutex::default() });
        let id = LIMITERS.insert(inner.clone());
        Ok(NativeRateLimiter { id, inner })
    }

    /// The id the hot-path functions take.
    #[napi(getter)]
    pub fn id(&self) -> u32 {
        self.id
    }

    /// Decides on the libuv thread pool (it may wait on Redis) on a copy of the encoded request
    /// `buffer` (request_buffer.rs; its mode word counts, this limiter decides whatever its id
    /// word says); resolves to the numbers followed by the policy slot.
    #[napi(ts_return_type = "Promise<number[]>")]
    pub fn decide_async(&self, buffer: BufferSlice<'_>) -> AsyncTask<DecideTask> {
        AsyncTask::new(DecideTask { limiter: self.inner.clone(), buffer: buffer.to_vec() })
    }

    /// The policy table from slot `from` on, as flat [id, name, id, name…].
    #[napi]
    pub fn policies(&self, from: u32) -> Vec<String> {
        let table = self.inner.policies.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = table.entries.iter().skip(from as usize);
        entries.flat_map(|label| [label.id().to_owned(), label.name().to_owned()]).collect()
    }

    /// The response headers of a decision given as its numbers and policy name, flat
    /// [name, value…], with relative times measured from the engine clock.
    #[napi]
    pub fn headers(&self, numbers: Vec<f64>, policy_name: Option<String>) -> Result<Vec<String>> {
        let compact = compact_from(&numbers).map_err(to_js_error)?;
        let decision = compact.to_decision(None, policy_name.as_deref());
        let now = self.inner.limiter.scope().engine().now();
        Ok(rate_limit_headers(&decision, now).into_iter().flat_map(|(k, v)| [k.to_owned(), v]).collect())
    }

    /// The engine clock (ms since the epoch).
    #[napi]
    pub fn now_ms(&self) -> f64 {
        self.inner.limiter.scope().engine().now().as_millis() as f64
    }
}

/// Decides synchronously on the request encoded in `buffer` (layout in request_buffer.rs: its
/// words name the limiter and the mode, 0 consume, 1 check, 2 enforce); writes the decision's
/// numbers and then the policy slot into the buffer's first 15 number slots.
#[napi]
pub fn rate_limit_decide(mut buffer: BufferSlice<'_>) -> Result<()> {
    decide_in(&mut buffer)
}

thread_local! {
    /// This JavaScript thread's registered request buffer (see [`rate_limit_register_buffer`]).
    static THREAD_BUFFER: RefCell<Option<Buffer>> = const { RefCell::new(None) };
}

/// Makes `buffer` this JavaScript thread's request buffer for [`rate_limit_decide_registered`]
/// (napi holds a reference, so it stays alive and in place). Only the first registration on a
/// thread wins; later ones get false and keep passing their buffer to [`rate_limit_decide`].
#[napi]
pub fn rate_limit_register_buffer(buffer: Buffer) -> bool {
    THREAD_BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) if slot.is_none() => {
            *slot = Some(buffer);
            true
        }
        _ => false,
    })
}

/// [`rate_limit_decide`] on this thread's registered buffer. Taking no argument, the call skips
/// napi's argument conversion and per-call borrow scope (~15 % of a hot-key decision).
#[napi]
pub fn rate_limit_decide_registered() -> Result<()> {
    THREAD_BUFFER.with(|cell| {
        let mut slot = cell.try_borrow_mut().map_err(|_| to_js_error(no_buffer()))?;
        decide_in(slot.as_mut().ok_or_else(|| to_js_error(no_buffer()))?)
    })
}

fn no_buffer() -> PlatformError {
    PlatformError::validation("buffer", "no request buffer registered on this thread")
}

/// Decides on the request encoded in `buffer` and writes the answer back into it.
fn decide_in(buffer: &mut [u8]) -> Result<()> {
    let (numbers, input) = request_buffer::split(buffer).map_err(to_js_error)?;
    let request = request_buffer::decode(numbers, input).map_err(to_js_error)?;
    let (compact, slot) = with_limiter(request.id, |limiter| limiter.decide(&request))?;
    request_buffer::write_numbers(numbers, &compact, slot);
    Ok(())
}

fn compact_from(numbers: &[f64]) -> std::result::Result<CompactDecision, PlatformError> {
    let mut fields = [0i64; CompactDecision::LEN];
    if numbers.len() < CompactDecision::LEN {
        return Err(PlatformError::new(ErrorCode::Validation, "a decision has 14 numbers"));
    }
    for (target, value) in fields.iter_mut().zip(numbers) {
        *target = *value as i64;
    }
    Ok(CompactDecision(fields))
}

/// A decision run off the event loop.
pub struct DecideTask {
    limiter: Arc<Limiter>,
    buffer: Vec<u8>,
}

impl Task for DecideTask {
    type Output = Vec<f64>;
    type JsValue = Vec<f64>;

    fn compute(&mut self) -> Result<Vec<f64>> {
        let (numbers, input) = request_buffer::split(&mut self.buffer).map_err(to_js_error)?;
        let request = request_buffer::decode(numbers, input).map_err(to_js_error)?;
        let (compact, slot) = self.limiter.decide(&request)?;
        let mut numbers: Vec<f64> = compact.0.iter().map(|v| *v as f64).collect();
        numbers.push(slot as f64);
        Ok(numbers)
    }

    fn resolve(&mut self, _env: Env, output: Vec<f64>) -> Result<Vec<f64>> {
        Ok(output)
    }
}

/// What rate-limit headers say; absent fields are null.
#[napi(object)]
pub struct ParsedRateLimitHeaders {
    /// The limit.
    pub limit: Option<i64>,
    /// Units left.
    pub remaining: Option<i64>,
    /// Reset time, ms since the epoch.
    pub reset_at_ms: Option<i64>,
    /// The policy name.
    pub policy: Option<String>,
    /// Seconds to wait.
    pub retry_after: Option<i64>,
}

/// Parses flat [name, value…] header pairs with the core's parser (never fails); relative
/// resets use `now_ms`, else the system clock.
#[napi]
pub fn parse_rate_limit_headers_flat(pairs: Vec<String>, now_ms: Option<f64>) -> ParsedRateLimitHeaders {
    let now = now_ms.map_or_else(|| SystemClock.now(), |ms| Timestamp::from_millis(ms as i64));
    let info = parse_rate_limit_headers(pairs.chunks_exact(2).map(|p| (p[0].as_str(), p[1].as_str())), now);
    ParsedRateLimitHeaders {
        limit: info.limit,
        remaining: info.remaining,
        reset_at_ms: info.reset_at.map(|t| t.as_millis()),
        policy: info.policy,
        retry_after: info.retry_after,
    }
}
