//! `bindings/node/lib/errors.js` and `errors.d.ts`.

use std::fmt::Write;

use shared_platform_core::{ErrorCode, ErrorKind};

use crate::{families, specific_codes};

fn kind_of_family(family: &str) -> ErrorKind {
    ErrorKind::ALL.iter().copied().find(|kind| kind.family() == family).unwrap_or(ErrorKind::Internal)
}

fn generic_code(family: &str) -> Option<ErrorCode> {
    ErrorCode::ALL.iter().copied().find(|code| code.name() == family)
}

fn js_class(out: &mut String, class: &str, parent: &str, code: Option<ErrorCode>, kind: ErrorKind, doc: &str) {
    let (number, name) = code.map_or((0, kind.name()), |c| (c.code(), c.name()));
    let _ = writeln!(
        out,
        "/** {doc} */\nclass {class}Error extends {parent} {{}}\ndefineDefaults({class}Error, {number}, '{name}', '{}', {});\n",
        kind.name(),
        kind.status()
    );
}

/// Renders the JavaScript error classes (CommonJS).
pub fn render_node_errors_js() -> String {
    let mut out = String::from(JS_HEADER);
    for family in families() {
        let kind = kind_of_family(family);
        let doc = format!("{} errors (status {}).", kind.name(), kind.status());
        js_class(&mut out, family, "PlatformError", generic_code(family), kind, &doc);
    }
    for code in specific_codes() {
        let parent = format!("{}Error", code.kind().family());
        js_class(&mut out, code.name(), &parent, Some(code), code.kind(), code.description());
    }
    out.push_str("const ERRORS_BY_CODE = Object.freeze({\n");
    for code in ErrorCode::ALL {
        let _ = writeln!(out, "  {}: {}Error,", code.code(), code.name());
    }
    out.push_str("});\n\nmodule.exports = {\n  PlatformError,\n  ERRORS_BY_CODE,\n");
    for family in families() {
        let _ = writeln!(out, "  {family}Error,");
    }
    for code in specific_codes() {
        let _ = writeln!(out, "  {}Error,", code.name());
    }
    out.push_str("};\n");
    out
}

/// Renders the TypeScript declarations of the error classes.
pub fn render_node_errors_dts() -> String {
    let mut out = String::from(DTS_HEADER);
    for family in families() {
        let _ = writeln!(out, "export declare class {family}Error extends PlatformError {{}}");
    }
    for code in specific_codes() {
        let _ = writeln!(
            out,
            "/** {} */\nexport declare class {}Error extends {}Error {{}}",
            code.description(),
            code.name(),
            code.kind().family()
        );
    }
    out.push_str("export declare const ERRORS_BY_CODE: Readonly<Record<number, typeof PlatformError>>;\n");
    out
}

const JS_HEADER: &str = r#"'use strict';
// Error classes of Shared Platform Core. Generated from core/src/error.rs by tools/codegen;
// do not edit (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

/** Base class of every error raised by Shared Platform Core. */
class PlatformError extends Error {
  /**
   * @param {string} message user-safe message
   * @param {{code?: number, detail?: string|null, field?: string|null, retryAfter?: number|null}} [options]
   */
  constructor(message, options = {}) {
    super(message);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
    this.code = options.code ?? new.target.code;
    this.errorName = new.target.errorName;
    this.kind = new.target.kind;
    this.status = new.target.status;
    this.detail = options.detail ?? null;
    this.field = options.field ?? null;
    this.retryAfter = options.retryAfter ?? null;
  }
}

function defineDefaults(cls, code, errorName, kind, status) {
  Object.assign(cls, { code, errorName, kind, status });
}
defineDefaults(PlatformError, 1009, 'Internal', 'Internal', 500);

"#;

const DTS_HEADER: &str = r#"// Error classes of Shared Platform Core. Generated from core/src/error.rs by tools/codegen;
// do not edit (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

/** The family of an error; it fixes the HTTP-equivalent status. */
export type ErrorKind =
  | 'Validation' | 'Authentication' | 'Authorization' | 'NotFound' | 'Timeout' | 'Conflict'
  | 'Gone' | 'Unprocessable' | 'RateLimited' | 'Internal' | 'Unavailable';

/** Options of an error constructor. */
export interface PlatformErrorOptions {
  code?: number;
  detail?: string | null;
  field?: string | null;
  /** Seconds until a retry may succeed. */
  retryAfter?: number | null;
}

/** Base class of every error raised by Shared Platform Core. */
export declare class PlatformError extends Error {
  constructor(message: string, options?: PlatformErrorOptions);
  /** Stable numeric code (docs/errors.md). */
  readonly code: number;
  /** The specification's error name, e.g. 'PolicyNotFound'. */
  readonly errorName: string;
  readonly kind: ErrorKind;
  /** HTTP-equivalent status. */
  readonly status: number;
  /** Internal detail (for logs). */
  readonly detail: string | null;
  /** The offending input field or setting. */
  readonly field: string | null;
  /** Seconds until a retry may succeed. */
  readonly retryAfter: number | null;
  static readonly code: number;
  static readonly errorName: string;
  static readonly kind: ErrorKind;
  static readonly status: number;
}
"#;
