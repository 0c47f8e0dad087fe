//! `shared_platform._native`: the PyO3 module under the `shared_platform` package. It converts
//! arguments and results and maps errors; every rule lives in the core.

mod authz;
mod engine;
mod errors;
mod ratelimit;
mod redaction;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<engine::NativeEngine>()?;
    redaction::register(module)?;
    module.add_class::<ratelimit::NativeRateLimiter>()?;
    authz::register(module)?;
    module.add_class::<ratelimit::Decision>()?;
    module.add_function(wrap_pyfunction!(ratelimit::parse_rate_limit_headers_raw, module)?)?;
    Ok(())
}
