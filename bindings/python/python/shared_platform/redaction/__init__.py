"""PII and secret redaction: ``scope.redaction`` is a :class:`RedactionClient`, and
:class:`RedactingFilter` redacts :mod:`logging` records.

>>> from shared_platform import Engine
>>> with Engine() as engine:
...     out = engine.tenant("acme").redaction.redact("mail jane@example.com")
...     out.text, [f.entity for f in out.findings]
('mail [REDACTED]', ['EMAIL_ADDRESS'])
"""

from .client import RedactionClient
from .exceptions import *
from .exceptions import __all__ as _exception_names
from .log_filter import UNREDACTABLE, RedactingFilter
from .models import *
from .models import __all__ as _model_names

__all__ = ["UNREDACTABLE", "RedactingFilter", "RedactionClient"]
__all__ += _model_names  # noqa: PLE0605
__all__ += _exception_names  # noqa: PLE0605
