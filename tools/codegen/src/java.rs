//! `bindings/java/src/main/java/com/platform/sdk/errors/*.java`: one file per exception class and
//! the `Errors` factory the native side calls.

use std::fmt::Write;

use shared_platform_core::{ErrorCode, ErrorKind};

use crate::{families, specific_codes};

/// The package directory of the generated files, relative to the repository root.
pub const JAVA_ERRORS_DIR: &str = "bindings/java/src/main/java/com/platform/sdk/errors";

const HEADER: &str = "// Generated from core/src/error.rs by tools/codegen; do not edit\n\
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).\n\
package com.platform.sdk.errors;\n\n";

fn kind_of_family(family: &str) -> ErrorKind {
    ErrorKind::ALL.iter().copied().find(|kind| kind.family() == family).unwrap_or(ErrorKind::Internal)
}

fn class_file(class: &str, parent: &str, doc: &str) -> String {
    format!(
        "{HEADER}/** {doc} */\npublic class {class}Exception extends {parent} {{\n    private static final long serialVersionUID = 1L;\n\n    \
         /** Built by {{@link Errors#create}} from an engine error. */\n    public {class}Exception(ErrorInfo info) {{\n        super(info);\n    }}\n}}\n"
    )
}

/// Every generated file: (file name, content).
pub fn render_java_errors() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for family in families() {
        let kind = kind_of_family(family);
        let doc = format!("{} errors (status {}).", kind.name(), kind.status());
        files.push((format!("{family}Exception.java"), class_file(family, "PlatformException", &doc)));
    }
    for code in specific_codes() {
        let parent = format!("{}Exception", code.kind().family());
        files.push((format!("{}Exception.java", code.name()), class_file(code.name(), &parent, code.description())));
    }
    files.push(("Errors.java".into(), render_factory()));
    files
}

fn render_factory() -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "/** Maps an engine error code to its exception class. */\npublic final class Errors {\n    private Errors() {}\n\n    \
         /** The exception for an engine error (called by the native library). */\n    \
         public static PlatformException create(int code, String message, String detail, String field, long retryAfterMs) {\n        \
         ErrorInfo info = ErrorInfo.of(code, message, detail, field, retryAfterMs);\n        switch (code) {\n",
    );
    for code in ErrorCode::ALL {
        let _ = writeln!(out, "            case {}: return new {}Exception(info);", code.code(), code.name());
    }
    out.push_str("            default: return new PlatformException(info);\n        }\n    }\n\n");
    out.push_str("    /** The specification name, kind and status of a code. */\n    static String[] describe(int code) {\n        switch (code) {\n");
    for code in ErrorCode::ALL {
        let _ = writeln!(
            out,
            "            case {}: return new String[] {{\"{}\", \"{}\", \"{}\"}};",
            code.code(),
            code.name(),
            code.kind().name(),
            code.status()
        );
    }
    out.push_str(
        "            default: return new String[] {\"Internal\", \"Internal\", \"500\"};\n        }\n    }\n}\n",
    );
    out
}
