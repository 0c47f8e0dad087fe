//! The typed rate-limit hot path for Node: strings in, the decision's numbers written into a
//! caller-owned `Float64Array` (the core's `CompactDecision` layout), and the deciding policy as a
//! small integer into a table the JavaScript side caches, so a decision creates no JS objects here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use napi::bindgen_prelude::{AsyncTask, Float64ArraySlice, Result};
use napi::{Env, Task};
use napi_derive::napi;
use shared_platform_core::ratelimit::{
    CompactDecision, OwnedRateLimitRequest, RateLimitDecision, RateLimitRequest, RateLimiter, parse_rate_limit_headers,
    rate_limit_headers,
};
use shared_platform_core::{Clock, ErrorCode, PlatformError, SystemClock, Timestamp, api};

use crate::registry::Registry;
use crate::{NativeEngine, to_js_error};

/// Interned (policy id, policy name) pairs; decisions carry the index. Looked up by the
/// addresses of the decision's shared `Arc<str>`s (the compiled policy hands out the same ones on
/// every decision), which is a cheap integer hash; the entries keep those `Arc`s alive, so an
/// address is never reused for another string while it is in the table.
#[derive(Default)]
struct PolicyTable {
    index: HashMap<(usize, usize), u32>,
    entries: Vec<(Arc<str>, Arc<str>)>,
}

impl PolicyTable {
    /// The slot of the decision's policy, or -1 when no policy decided.
    fn slot(&mut self, decision: &RateLimitDecision) -> i64 {
        let (Some(id), Some(name)) = (&decision.policy_id, &decision.policy_name) else { return -1 };
        let key = (Arc::as_ptr(id) as *const u8 as usize, Arc::as_ptr(name) as *const u8 as usize);
        if let Some(slot) = self.index.get(&key) {
            return i64::from(*slot);
        }
        let slot = self.entries.len() as u32;
        self.entries.push((id.clone(), name.clone()));
        self.index.insert(key, slot);
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

/// Builds the owned request from the positional arguments the JavaScript side passes.
#[allow(clippy::too_many_arguments)]
fn owned_request(
    endpoint: String,
    method: String,
    user: Option<String>,
    ip: Option<String>,
    api_key: Option<String>,
    roles: Option<Vec<String>>,
    plan: Option<String>,
    country: Option<String>,
    user_agent: Option<String>,
    headers: Option<Vec<String>>,
    cost: Option<i64>,
) -> OwnedRateLimitRequest {
    let flat = headers.unwrap_or_default();
    let headers = flat.chunks_exact(2).map(|pair| (pair[0].clone(), pair[1].clone())).collect();
    let roles = roles.unwrap_or_default();
    OwnedRateLimitRequest { endpoint, method, user, ip, api_key, roles, plan, country, user_agent, headers, cost }
}

fn write_numbers(out: &mut Float64ArraySlice<'_>, decision: &RateLimitDecision, slot: i64) -> Result<()> {
    // SAFETY: JavaScript is single-threaded and blocked in this call; the slice is only written here.
    let out = unsafe { out.as_mut() };
    if out.len() < CompactDecision::LEN + 1 {
        return Err(to_js_error(PlatformError::validation("out", "needs room for the decision fields")));
    }
    for (target, value) in out.iter_mut().zip(CompactDecision::from_decision(decision).0) {
        *target = value as f64;
    }
    out[CompactDecision::LEN] = slot as f64;
    Ok(())
}

/// A scope's limiter and its policy table.
struct Limiter {
    limiter: RateLimiter,
    policies: Mutex<PolicyTable>,
}

impl Limiter {
    fn decide(&self, mode: Mode, request: &OwnedRateLimitRequest) -> Result<(RateLimitDecision, i64)> {
        let decision = request.with_request(|r| mode.run(&self.limiter, r)).map_err(to_js_error)?;
        let slot = self.policies.lock().unwrap_or_else(PoisonError::into_inner).slot(&decision);
        Ok((decision, slot))
    }
}

/// Live limiters by id (see registry.rs for why the hot path takes an id).
static LIMITERS: Registry<Limiter> = Registry::new("rate limiter");

fn limiter_by_id(id: u32) -> Result<Arc<Limiter>> {
    LIMITERS.get(id)
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

    /// Decides on the libuv thread pool (it may wait on Redis); resolves to the numbers followed
    /// by the policy slot.
    #[napi(ts_return_type = "Promise<number[]>")]
    #[allow(clippy::too_many_arguments)]
    pub fn decide_async(
        &self,
        mode: u32,
        endpoint: String,
        method: String,
        user: Option<String>,
        ip: Option<String>,
        api_key: Option<String>,
        roles: Option<Vec<String>>,
        plan: Option<String>,
        country: Option<String>,
        user_agent: Option<String>,
        headers: Option<Vec<String>>,
        cost: Option<i64>,
    ) -> Result<AsyncTask<DecideTask>> {
        let mode = Mode::from_code(mode).map_err(to_js_error)?;
        let request =
            owned_request(endpoint, method, user, ip, api_key, roles, plan, country, user_agent, headers, cost);
        Ok(AsyncTask::new(DecideTask { limiter: self.inner.clone(), request, mode }))
    }

    /// The policy table from slot `from` on, as flat [id, name, id, name…].
    #[napi]
    pub fn policies(&self, from: u32) -> Vec<String> {
        let table = self.inner.policies.lock().unwrap_or_else(PoisonError::into_inner);
        let entries = table.entries.iter().skip(from as usize);
        entries.flat_map(|(id, name)| [id.to_string(), name.to_string()]).collect()
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

/// Decides synchronously with the limiter `id` (`mode`: 0 consume, 1 check, 2 enforce); writes the decision's
/// numbers and then the policy slot into `out` (at least 15 elements).
#[napi]
#[allow(clippy::too_many_arguments)]
pub fn rate_limit_decide(
    id: u32,
    mode: u32,
    mut out: Float64ArraySlice<'_>,
    endpoint: String,
    method: String,
    user: Option<String>,
    ip: Option<String>,
    api_key: Option<String>,
    roles: Option<Vec<String>>,
    plan: Option<String>,
    country: Option<String>,
    user_agent: Option<String>,
    headers: Option<Vec<String>>,
    cost: Option<i64>,
) -> Result<()> {
    let mode = Mode::from_code(mode).map_err(to_js_error)?;
    let request = owned_request(endpoint, method, user, ip, api_key, roles, plan, country, user_agent, headers, cost);
    let (decision, slot) = limiter_by_id(id)?.decide(mode, &request)?;
    write_numbers(&mut out, &decision, slot)
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
    request: OwnedRateLimitRequest,
    mode: Mode,
}

impl Task for DecideTask {
    type Output = Vec<f64>;
    type JsValue = Vec<f64>;

    fn compute(&mut self) -> Result<Vec<f64>> {
        let (decision, slot) = self.limiter.decide(self.mode, &self.request)?;
        let mut numbers: Vec<f64> = CompactDecision::from_decision(&decision).0.iter().map(|v| *v as f64).collect();
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
