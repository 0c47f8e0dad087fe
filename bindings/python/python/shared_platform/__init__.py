"""Shared Platform Core for Python: rate limiting, redaction, authorization, notifications and
analytics from one embedded Rust engine.

>>> from shared_platform import Engine
>>> with Engine() as engine:
...     engine.tenant("acme").audit.verify().valid
True
"""

from . import authz, errors, ratelimit, redaction
from ._engine import PLATFORM_SCOPE, Engine, TenantScope
from ._models import Page, Pagination
from ._native import __version__
from .audit import AuditOutcome, AuditRecord, VerifyReport
from .errors import *
from .errors import __all__ as _error_names

__all__ = [
    "PLATFORM_SCOPE",
    "AuditOutcome",
    "AuditRecord",
    "Engine",
    "Page",
    "Pagination",
    "TenantScope",
    "VerifyReport",
    "__version__",
    "authz",
    "errors",
    "ratelimit",
    "redaction",
]
__all__ += _error_names  # noqa: PLE0605 (the generated exception names)
