//! The one conversion from engine errors to the Python exception classes of
//! `shared_platform.errors` (generated from the core's error table).

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use shared_platform_core::PlatformError;

static ERRORS_BY_CODE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

fn class_for(py: Python<'_>, code: u32) -> PyResult<Bound<'_, PyType>> {
    let table = ERRORS_BY_CODE.get_or_try_init(py, || -> PyResult<Py<PyDict>> {
        let module = py.import("shared_platform.errors")?;
        Ok(module.getattr("ERRORS_BY_CODE")?.cast_into::<PyDict>()?.unbind())
    })?;
    let table = table.bind(py);
    match table.get_item(code)? {
        Some(class) => Ok(class.cast_into::<PyType>()?),
        None => Ok(py.import("shared_platform.errors")?.getattr("PlatformError")?.cast_into::<PyType>()?),
    }
}

fn build(py: Python<'_>, err: &PlatformError) -> PyResult<PyErr> {
    let class = class_for(py, err.code().code())?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("detail", err.detail())?;
    kwargs.set_item("field", err.field())?;
    kwargs.set_item("retry_after", err.retry_after().map(|d| d.as_secs_f64()))?;
    kwargs.set_item("code", err.code().code())?;
    let instance = class.call((err.user_message(),), Some(&kwargs))?;
    Ok(PyErr::from_value(instance))
}

/// Converts an engine error into the matching `shared_platform.errors` exception.
pub(crate) fn to_py_err(err: PlatformError) -> PyErr {
    Python::attach(|py| {
        build(py, &err).unwrap_or_else(|cause| {
            PyRuntimeError::new_err(format!("{err} (and the error class could not be built: {cause})"))
        })
    })
}
