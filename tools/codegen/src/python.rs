//! `bindings/python/python/shared_platform/errors.py`.

use std::fmt::Write;

use shared_platform_core::{ErrorCode, ErrorKind};

use crate::{families, specific_codes};

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

fn generic_code(family: &str) -> Option<ErrorCode> {
    ErrorCode::ALL.iter().copied().find(|code| code.name() == family)
}

fn kind_of_family(family: &str) -> ErrorKind {
    ErrorKind::ALL.iter().copied().find(|kind| kind.family() == family).unwrap_or(ErrorKind::Internal)
}

fn class_attrs(out: &mut String, code: Option<ErrorCode>, kind: ErrorKind) {
    let (number, name) = code.map_or((0, kind.name()), |c| (c.code(), c.name()));
    let _ = writeln!(
        out,
        "    code = {number}\n    name = \"{name}\"\n    kind = \"{}\"\n    status = {}\n",
        kind.name(),
        kind.status()
    );
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
        class_attrs(&mut out, generic_code(family), kind);
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
        class_attrs(&mut out, Some(code), code.kind());
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
