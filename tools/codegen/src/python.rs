//! `bindings/python/python/shared_platform/errors.py`.

use std::fmt::Write;

use shared_platform_core::{ErrorCode, ErrorKind};

use crate::{families, generic_code, kind_of_family, specific_codes};

/// Python builtins a family also derives from, so `except ValueError` keeps working.
fn python_builtin(family: &str) -> Option<&'static str> {
    match family {
        "Validation" => Some("ValueError"),
        "Authorization" => Some("PermissionError"),
        "NotFound" => Some("LookupError"),
        "Timeout" => Some("builtins.TimeoutError"),
        _ => None,
    }
}

/// The `code` and `name` class attributes, then `extra` lines and a blank line.
fn class_attrs(out: &mut String, number: impl std::fmt::Display, name: &str, extra: &str) {
    let _ = writeln!(out, "    code = {number}\n    name = \"{name}\"\n{extra}");
}

/// The `kind` and `status` class attributes (a specific code inherits its family's when equal).
fn kind_attrs(kind: ErrorKind) -> String {
    format!("    kind = \"{}\"\n    status = {}\n", kind.name(), kind.status())
}

/// Renders the Python exception hierarchy.
pub fn render_python_errors() -> String {
    let mut out = String::from(HEADER);
    for family in families() {
        let kind = kind_of_family(family);
        let bases = python_builtin(family).map_or("PlatformError".to_owned(), |b| format!("PlatformError, {b}"));
        let _ = writeln!(
            out,
            "\nclass {family}Error({bases}):\n    \"\"\"{} errors (status {}).\"\"\"\n",
            kind.name(),
            kind.status()
        );
        let (number, name) = generic_code(family).map_or((0, kind.name()), |c| (c.code(), c.name()));
        class_attrs(&mut out, number, name, &kind_attrs(kind));
    }
    for code in specific_codes() {
        let extra = if code.name() == "Connection" { ", builtins.ConnectionError" } else { "" };
        let _ = writeln!(
            out,
            "\nclass {}Error({}Error{extra}):\n    \"\"\"{}\"\"\"\n",
            code.name(),
            code.kind().family(),
            code.description()
        );
        // Inherited from the family unless the code's kind differs (Unavailable codes of ServerError).
        let own_kind = kind_of_family(code.kind().family()) != code.kind();
        let extra = if own_kind { kind_attrs(code.kind()) } else { String::new() };
        class_attrs(&mut out, code.code(), code.name(), &extra);
    }
    out.push_str("\nERRORS_BY_CODE: dict[int, type[PlatformError]] = {\n");
    for code in ErrorCode::ALL {
        let _ = writeln!(out, "    {}: {}Error,", code.code(), code.name());
    }
    out.push_str("}\n\n__all__ = [\n    \"PlatformError\",\n    \"ERRORS_BY_CODE\",\n");
    for family in families() {
        let _ = writeln!(out, "    \"{family}Error\",");
    }
    for code in specific_codes() {
        let _ = writeln!(out, "    \"{}Error\",", code.name());
    }
    out.push_str("]\n");
    out
}

const HEADER: &str = r#""""Exceptions of Shared Platform Core.

Generated from core/src/error.rs by tools/codegen; do not edit
(`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

Every error is a :class:`PlatformError` carrying ``code``, ``name``, ``kind``, ``status``,
``message``, ``detail``, ``field`` and ``retry_after`` (seconds). Each specific error subclasses
its family (``PolicyNotFoundError`` -> ``NotFoundError`` -> ``PlatformError``); validation errors
are also ``ValueError``s, authorization errors ``PermissionError``s, not-found errors
``LookupError``s.
"""

from __future__ import annotations

import builtins
from typing import Optional


class PlatformError(Exception):
    """Base class of every error raised by Shared Platform Core."""

    code: int = 1009
    name: str = "Internal"
    kind: str = "Internal"
    status: int = 500

    def __init__(
        self,
        message: str,
        *,
        detail: Optional[str] = None,
        field: Optional[str] = None,
        retry_after: Optional[float] = None,
        code: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.field = field
        self.retry_after = retry_after
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.name} ({self.code}): {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, message={self.message!r}, field={self.field!r})"

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild, (type(self), self.message, self.detail, self.field, self.retry_after, self.code))


def _rebuild(cls, message, detail, field, retry_after, code):  # type: ignore[no-untyped-def]
    return cls(message, detail=detail, field=field, retry_after=retry_after, code=code)

"#;
