//! The typed rate-limit hot path: `consume` / `check` / `enforce` take Python strings (borrowed,
//! no JSON) and return a native `RateLimitDecision`; async variants own their arguments. Header
//! parsing is here too, so every language runs the core's one parser.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use shared_platform_core::ratelimit::{
    OwnedRateLimitRequest, RateLimitDecision, RateLimitRequest, RateLimiter, action_name, algorithm_name,
    parse_rate_limit_headers, rate_limit_headers,
};
use shared_platform_core::{Clock, PlatformError, SystemClock, Timestamp};

use crate::engine::scope_of;
use crate::errors::to_py_err;

/// The rate limiter of one scope; `shared_platform.ratelimit.RateLimitClient` extends it.
#[pyclass(module = "shared_platform._native", subclass, frozen)]
pub struct NativeRateLimiter {
    limiter: RateLimiter,
}

/// Header pairs read from a dict or any mapping (`.items()`), or an iterable of pairs.
fn header_pairs(headers: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String)>> {
    let Some(headers) = headers.filter(|h| !h.is_none()) else { return Ok(Vec::new()) };
    let items = if headers.is_instance_of::<PyDict>() || headers.hasattr("items")? {
        headers.call_method0("items")?
    } else {
        headers.clone()
    };
    items.try_iter()?.map(|pair| pair?.extract::<(String, String)>()).collect()
}

impl NativeRateLimiter {
    fn decide(&self, py: Python<'_>, request: &RateLimitRequest<'_>, mode: Mode) -> PyResult<Decision> {
        let limiter = &self.limiter;
        let result = py.detach(|| {
            let decision = match mode {
                Mode::Consume => limiter.consume(request),
                Mode::Check => limiter.check(request),
                Mode::Enforce => limiter.enforce(request),
            }?;
            Ok::<_, PlatformError>(Decision { now: limiter.scope().engine().now(), inner: decision })
        });
        result.map_err(to_py_err)
    }

    fn decide_async<'py>(
        &self,
        py: Python<'py>,
        request: OwnedRateLimitRequest,
        mode: Mode,
    ) -> PyResult<Bound<'py, PyAny>> {
        let limiter = self.limiter.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let work = move || {
                let decision = request.with_request(|r| match mode {
                    Mode::Consume => limiter.consume(r),
                    Mode::Check => limiter.check(r),
                    Mode::Enforce => limiter.enforce(r),
                })?;
                Ok(Decision { now: limiter.scope().engine().now(), inner: decision })
            };
            let joined = tokio::task::spawn_blocking(work).await;
            let result = joined.map_err(|e| PlatformError::internal(format!("task failed: {e}")));
            result.and_then(|r| r).map_err(to_py_err)
        })
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Consume,
    Check,
    Enforce,
}

/// Expands to a sync and an async decision method with the keyword signature of a request.
macro_rules! decision_methods {
    ($($sync:ident, $async_name:ident => $mode:expr, $doc:literal;)*) => {
        #[pymethods]
        impl NativeRateLimiter {
            /// Binds the rate limiter of `scope` (a tenant id, or "*" for the platform) of `engine`
            /// (a `NativeEngine` or the `Engine` wrapping one).
            #[new]
            fn new(engine: &Bound<'_, PyAny>, scope: &str) -> PyResult<Self> {
                let limiter = scope_of(engine, scope)?.ratelimit().map_err(to_py_err)?;
                Ok(NativeRateLimiter { limiter })
            }

            /// The engine clock, in milliseconds since the epoch.
            fn _now_ms(&self) -> i64 {
                self.limiter.scope().engine().now().as_millis()
            }
            $(
            #[doc = $doc]
            #[pyo3(signature = (endpoint, method = "GET", *, user = None, ip = None, api_key = None, roles = None,
                plan = None, country = None, user_agent = None, headers = None, cost = None))]
            #[allow(clippy::too_many_arguments)]
            fn $sync(&self, py: Python<'_>, endpoint: &str, method: &str, user: Option<&str>, ip: Option<&str>,
                api_key: Option<&str>, roles: Option<Vec<String>>, plan: Option<&str>, country: Option<&str>,
                user_agent: Option<&str>, headers: Option<Bound<'_, PyAny>>, cost: Option<i64>) -> PyResult<Decision> {
                let roles = roles.unwrap_or_default();
                let role_refs: Vec<&str> = roles.iter().map(String::as_str).collect();
                let pairs = header_pairs(headers.as_ref())?;
                let header_refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let request = RateLimitRequest { endpoint, method, user, ip, api_key, roles: &role_refs, plan, country,
                    user_agent, headers: &header_refs, cost };
                self.decide(py, &request, $mode)
            }

            #[doc = $doc]
            #[doc = ""]
            #[doc = "Awaitable: the decision runs off the event loop (it may wait on Redis)."]
            #[pyo3(signature = (endpoint, method = String::from("GET"), *, user = None, ip = None, api_key = None, roles = None,
                plan = None, country = None, user_agent = None, headers = None, cost = None))]
            #[allow(clippy::too_many_arguments)]
            fn $async_name<'py>(&self, py: Python<'py>, endpoint: String, method: String, user: Option<String>,
                ip: Option<String>, api_key: Option<String>, roles: Option<Vec<String>>, plan: Option<String>,
                country: Option<String>, user_agent: Option<String>, headers: Option<Bound<'_, PyAny>>,
                cost: Option<i64>) -> PyResult<Bound<'py, PyAny>> {
                let headers = header_pairs(headers.as_ref())?.into_iter().collect();
                let request = OwnedRateLimitRequest { endpoint, method, user, ip, api_key, roles: roles.unwrap_or_default(),
                    plan, country, user_agent, headers, cost };
                self.decide_async(py, request, $mode)
            }
            )*
        }
    };
}

decision_methods! {
    consume, async_consume => Mode::Consume,
        "Counts the request against every matching limit and returns the decision.";
    check, async_check => Mode::Check,
        "The decision the request would get, without counting it (read-only).";
    enforce, async_enforce => Mode::Enforce,
        "Like consume, but a refusal raises RateLimitExceededError (with retry_after).";
}

static DATETIME_FROM_MS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `datetime` (aware, UTC) from epoch milliseconds, through the Python helper in `_models`.
fn datetime_from_ms(py: Python<'_>, ms: i64) -> PyResult<Bound<'_, PyAny>> {
    let function = DATETIME_FROM_MS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("shared_platform._models")?.getattr("datetime_from_ms")?.unbind())
    })?;
    function.bind(py).call1((ms,))
}

/// The answer for one request (immutable).
#[pyclass(module = "shared_platform._native", name = "RateLimitDecision", frozen)]
pub struct Decision {
    inner: RateLimitDecision,
    now: Timestamp,
}

#[pymethods]
impl Decision {
    /// Whether the request may proceed now.
    #[getter]
    fn allowed(&self) -> bool {
        self.inner.allowed
    }

    /// What to do: "allow", "bypass", "throttle" or "reject".
    #[getter]
    fn action(&self) -> &'static str {
        action_name(self.inner.action)
    }

    /// The deciding limit (0 when no limit applies).
    #[getter]
    fn limit(&self) -> i64 {
        self.inner.limit
    }

    /// Units left in the deciding limit.
    #[getter]
    fn remaining(&self) -> i64 {
        self.inner.remaining
    }

    /// Units used in the deciding limit.
    #[getter]
    fn used(&self) -> i64 {
        self.inner.used
    }

    /// When the deciding limit resets (aware UTC datetime).
    #[getter]
    fn reset_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        datetime_from_ms(py, self.inner.reset_at.as_millis())
    }

    /// Seconds to wait before retrying (refused or throttled requests), else None.
    #[getter]
    fn retry_after(&self) -> Option<f64> {
        self.inner.retry_after.map(|d| d.as_secs_f64())
    }

    /// Whole seconds for a Retry-After header (rounded up), else None.
    #[getter]
    fn retry_after_seconds(&self) -> Option<i64> {
        self.inner.retry_after_seconds()
    }

    /// The deciding policy's id.
    #[getter]
    fn policy_id(&self) -> Option<&str> {
        self.inner.policy_id()
    }

    /// The deciding policy's name.
    #[getter]
    fn policy_name(&self) -> Option<&str> {
        self.inner.policy_name()
    }

    /// The deciding limit's scope ("endpoint", "user", "tenant", "ip", "api_key").
    #[getter]
    fn scope(&self) -> Option<&'static str> {
        self.inner.scope.map(|s| s.as_str())
    }

    /// The deciding limit's algorithm.
    #[getter]
    fn algorithm(&self) -> Option<&'static str> {
        self.inner.algorithm.map(algorithm_name)
    }

    /// Burst units left, when the policy has a burst allowance.
    #[getter]
    fn burst_remaining(&self) -> Option<i64> {
        self.inner.burst_remaining
    }

    /// The burst allowance.
    #[getter]
    fn burst_total(&self) -> Option<i64> {
        self.inner.burst_total
    }

    /// Seconds to wait before proceeding (throttle mode), else None.
    #[getter]
    fn throttle_delay(&self) -> Option<f64> {
        self.inner.throttle_delay.map(|d| d.as_secs_f64())
    }

    /// The deciding limit's window in seconds.
    #[getter]
    fn window_seconds(&self) -> Option<i64> {
        self.inner.window_seconds
    }

    /// True when the state store could not decide and the configured failure mode did.
    #[getter]
    fn degraded(&self) -> bool {
        self.inner.degraded
    }

    /// The response headers: X-RateLimit-Limit/Remaining/Reset/Policy, the IETF RateLimit and
    /// RateLimit-Policy fields, and Retry-After for refused or throttled requests.
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in rate_limit_headers(&self.inner, self.now) {
            dict.set_item(PyString::intern(py, name), value)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let scope = self.inner.scope.map_or("-", |s| s.as_str());
        format!(
            "RateLimitDecision(allowed={}, action='{}', limit={}, remaining={}, scope='{scope}', policy={:?})",
            if self.inner.allowed { "True" } else { "False" },
            self.action(),
            self.inner.limit,
            self.inner.remaining,
            self.inner.policy_name().unwrap_or("-"),
        )
    }
}

/// Parses rate-limit response headers (legacy X-RateLimit-*, Retry-After, IETF RateLimit /
/// RateLimit-Policy; names case-insensitive). Returns (limit, remaining, reset_at_ms, policy,
/// retry_after); missing or malformed fields are None. Relative resets use `now_ms`, or the
/// system clock when None.
#[pyfunction]
#[pyo3(signature = (headers, now_ms = None))]
#[allow(clippy::type_complexity)]
pub fn parse_rate_limit_headers_raw(
    headers: &Bound<'_, PyAny>,
    now_ms: Option<i64>,
) -> PyResult<(Option<i64>, Option<i64>, Option<i64>, Option<String>, Option<i64>)> {
    let now = now_ms.map_or_else(|| SystemClock.now(), Timestamp::from_millis);
    let info = parse_rate_limit_headers(header_pairs(Some(headers))?, now);
    Ok((info.limit, info.remaining, info.reset_at.map(|t| t.as_millis()), info.policy, info.retry_after))
}
