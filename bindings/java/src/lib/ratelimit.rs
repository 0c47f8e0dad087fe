//! JNI entry points of `com.platform.sdk.ratelimit.RateLimitBridge`: the typed rate-limit hot
//! path (strings in, the decision's numbers written into a caller's `long[]` in the core's
//! `CompactDecision` layout, the policy id and name returned), decision headers, and the header
//! parser. No JSON crosses here.

use jni::JNIEnv;
use jni::objects::{JClass, JLongArray, JObject, JObjectArray, JString};
use jni::sys::{jint, jlong, jobjectArray};
use shared_platform_core::ratelimit::{
    CompactDecision, OwnedRateLimitRequest, RateLimitDecision, parse_rate_limit_headers, rate_limit_headers,
};
use shared_platform_core::{Clock, ErrorCode, PlatformError, SystemClock, Timestamp, api};

use crate::{engine, guard, read_string};

/// "No cost given" from Java (`Long.MIN_VALUE`).
const NO_COST: jlong = jlong::MIN;

fn jni_err(err: jni::errors::Error) -> PlatformError {
    PlatformError::internal(format!("JNI: {err}"))
}

fn optional_string(env: &mut JNIEnv<'_>, value: &JString<'_>, name: &str) -> Result<Option<String>, PlatformError> {
    if value.is_null() { Ok(None) } else { read_string(env, value, name).map(Some) }
}

fn string_array(env: &mut JNIEnv<'_>, array: &JObjectArray<'_>, name: &str) -> Result<Vec<String>, PlatformError> {
    if array.is_null() {
        return Ok(Vec::new());
    }
    let len = env.get_array_length(array).map_err(jni_err)?;
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let element = JString::from(env.get_object_array_element(array, i).map_err(jni_err)?);
        out.push(read_string(env, &element, name)?);
        env.delete_local_ref(element).map_err(jni_err)?;
    }
    Ok(out)
}

fn pairs(flat: Vec<String>) -> Vec<(String, String)> {
    flat.chunks_exact(2).map(|p| (p[0].clone(), p[1].clone())).collect()
}

fn new_string_array<'l>(env: &mut JNIEnv<'l>, items: &[Option<&str>]) -> Result<jobjectArray, PlatformError> {
    let array = env.new_object_array(items.len() as i32, "java/lang/String", JObject::null()).map_err(jni_err)?;
    for (i, item) in items.iter().enumerate() {
        if let Some(text) = item {
            let value = env.new_string(text).map_err(jni_err)?;
            env.set_object_array_element(&array, i as i32, &value).map_err(jni_err)?;
        }
    }
    Ok(array.into_raw())
}

/// The request fields as Java passes them.
struct JavaRequest<'l> {
    endpoint: JString<'l>,
    method: JString<'l>,
    user: JString<'l>,
    ip: JString<'l>,
    api_key: JString<'l>,
    roles: JObjectArray<'l>,
    plan: JString<'l>,
    country: JString<'l>,
    user_agent: JString<'l>,
    headers: JObjectArray<'l>,
    cost: jlong,
}

impl JavaRequest<'_> {
    fn read(&self, env: &mut JNIEnv<'_>) -> Result<OwnedRateLimitRequest, PlatformError> {
        Ok(OwnedRateLimitRequest {
            endpoint: read_string(env, &self.endpoint, "endpoint")?,
            method: read_string(env, &self.method, "method")?,
            user: optional_string(env, &self.user, "user")?,
            ip: optional_string(env, &self.ip, "ip")?,
            api_key: optional_string(env, &self.api_key, "apiKey")?,
            roles: string_array(env, &self.roles, "roles")?,
            plan: optional_string(env, &self.plan, "plan")?,
            country: optional_string(env, &self.country, "country")?,
            user_agent: optional_string(env, &self.user_agent, "userAgent")?,
            headers: pairs(string_array(env, &self.headers, "headers")?).into_iter().collect(),
            cost: (self.cost != NO_COST).then_some(self.cost),
        })
    }
}

fn decide(
    engine: &shared_platform_core::Engine,
    scope: &str,
    mode: jint,
    request: &OwnedRateLimitRequest,
) -> Result<RateLimitDecision, PlatformError> {
    let limiter = api::scope_for(engine, scope)?.ratelimit()?;
    request.with_request(|r| match mode {
        0 => limiter.consume(r),
        1 => limiter.check(r),
        2 => limiter.enforce(r),
        _ => Err(PlatformError::validation("mode", "must be 0 (consume), 1 (check) or 2 (enforce)")),
    })
}

/// `static native String[] decide(long engine, String scope, int mode, String endpoint, String method,
/// String user, String ip, String apiKey, String[] roles, String plan, String country, String userAgent,
/// String[] headers, long cost, long[] out)`: writes the decision numbers into `out` and returns
/// {policyId, policyName} (elements null when no policy decided).
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_com_platform_sdk_ratelimit_RateLimitBridge_decide<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    mode: jint,
    endpoint: JString<'l>,
    method: JString<'l>,
    user: JString<'l>,
    ip: JString<'l>,
    api_key: JString<'l>,
    roles: JObjectArray<'l>,
    plan: JString<'l>,
    country: JString<'l>,
    user_agent: JString<'l>,
    headers: JObjectArray<'l>,
    cost: jlong,
    out: JLongArray<'l>,
) -> jobjectArray {
    let fields = JavaRequest { endpoint, method, user, ip, api_key, roles, plan, country, user_agent, headers, cost };
    guard(&mut env, std::ptr::null_mut(), |env| {
        if out.is_null() {
            return Err(PlatformError::invalid(ErrorCode::NullArgument, "out", "is null"));
        }
        let request = fields.read(env)?;
        let scope = read_string(env, &scope, "scope")?;
        let decision = decide(engine(handle)?, &scope, mode, &request)?;
        env.set_long_array_region(&out, 0, &CompactDecision::from_decision(&decision).0).map_err(jni_err)?;
        new_string_array(env, &[decision.policy_id(), decision.policy_name()])
    })
}

/// `static native String[] headers(long engine, long[] numbers, String policyName)`: the response
/// headers of a decision, flat {name, value, …}, relative times from the engine clock.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_ratelimit_RateLimitBridge_headers<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    numbers: JLongArray<'l>,
    policy_name: JString<'l>,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let mut fields = [0i64; CompactDecision::LEN];
        env.get_long_array_region(&numbers, 0, &mut fields).map_err(jni_err)?;
        let name = optional_string(env, &policy_name, "policyName")?;
        let decision = CompactDecision(fields).to_decision(None, name.as_deref());
        let headers = rate_limit_headers(&decision, engine(handle)?.now());
        let flat: Vec<Option<&str>> = headers.iter().flat_map(|(k, v)| [Some(*k), Some(v.as_str())]).collect();
        new_string_array(env, &flat)
    })
}

/// `static native long nowMs(long engine)`: the engine clock.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_ratelimit_RateLimitBridge_nowMs<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
) -> jlong {
    guard(&mut env, 0, |_| Ok(engine(handle)?.now().as_millis()))
}

/// `static native String[] parseHeaders(String[] flat, long nowMs)`: {limit, remaining, resetAtMs,
/// policy, retryAfter} as text, null when missing or malformed; `nowMs` = Long.MIN_VALUE uses the
/// system clock.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_ratelimit_RateLimitBridge_parseHeaders<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    flat: JObjectArray<'l>,
    now_ms: jlong,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let now = if now_ms == jlong::MIN { SystemClock.now() } else { Timestamp::from_millis(now_ms) };
        let info = parse_rate_limit_headers(pairs(string_array(env, &flat, "headers")?), now);
        let text = |v: Option<i64>| v.map(|v| v.to_string());
        let fields = [
            text(info.limit),
            text(info.remaining),
            text(info.reset_at.map(|t| t.as_millis())),
            info.policy,
            text(info.retry_after),
        ];
        let refs: Vec<Option<&str>> = fields.iter().map(Option::as_deref).collect();
        new_string_array(env, &refs)
    })
}
