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

/// The family class name of a kind, without language suffix (`NotFound`, `Server`).
pub fn family_base(kind: ErrorKind) -> &'static str {
    kind.family()
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
