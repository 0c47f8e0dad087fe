//! Renders the files each binding keeps in sync with the core's tables, so no binding writes
//! the error hierarchy by hand. `tests/fresh.rs` fails when a committed file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` rewrites them.

#![forbid(unsafe_code)]

mod java;
mod node;
mod python;

pub use java::{JAVA_ERRORS_DIR, render_java_errors};
pub use node::{render_node_errors_dts, render_node_errors_js};
pub use python::render_python_errors;

use shared_platform_core::{ErrorCode, ErrorKind};

/// The kind whose family class is `family`.
pub fn kind_of_family(family: &str) -> ErrorKind {
    ErrorKind::ALL.iter().copied().find(|kind| kind.family() == family).unwrap_or(ErrorKind::Internal)
}

/// The generic code named like a family (`NotFound`), if any.
pub fn generic_code(family: &str) -> Option<ErrorCode> {
    ErrorCode::ALL.iter().copied().find(|code| code.name() == family)
}

/// The families in declaration order (each once).
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in ErrorKind::ALL {
        if !out.contains(&kind.family()) {
            out.push(kind.family());
        }
    }
    out
}

/// The codes whose class is not a family class (`PolicyNotFound`, `InvalidTenant`…).
pub fn specific_codes() -> Vec<ErrorCode> {
    ErrorCode::ALL.iter().copied().filter(|code| !families().contains(&code.name())).collect()
}
