"""``RedactingFilter``: a :class:`logging.Filter` that redacts every record before any handler
formats it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import PlatformError
from .client import RedactionClient

if TYPE_CHECKING:
    from .._engine import Engine, TenantScope

UNREDACTABLE = "[REDACTED: the log message could not be redacted]"
"""What replaces a message the engine refuses (over the policy's input limit): never the original."""

# Attributes every LogRecord has; the others came from ``extra=``.
_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", logging.INFO, "", 0, "", (), None).__dict__.keys() | {"message", "asctime", "taskName"}
)


class RedactingFilter(logging.Filter):
    """Redacts the fully formatted message of every record (``record.getMessage()``, so the
    ``%`` arguments are included; then ``msg`` is the redacted text and ``args`` is empty), the
    string attributes given with ``extra=`` and the exception and stack text.

    Attach it to a logger or a handler; it never drops a record. A message the engine cannot
    redact (over the policy's input limit) is replaced by :data:`UNREDACTABLE`.

    >>> import logging, io
    >>> from shared_platform import Engine
    >>> with Engine() as engine:
    ...     stream = io.StringIO()
    ...     handler = logging.StreamHandler(stream)
    ...     handler.addFilter(RedactingFilter(engine.tenant("acme")))
    ...     log = logging.getLogger("doctest.redaction")
    ...     log.addHandler(handler)
    ...     log.warning("login for %s", "jane@example.com")
    ...     stream.getvalue()
    'login for [REDACTED]\\n'
    """

    def __init__(
        self, redaction: RedactionClient | TenantScope | Engine, name: str = "", *, redact_extra: bool = True
    ) -> None:
        """``redaction``: a scope's client, a scope (its ``redaction``) or an engine (the platform
        scope's); ``name`` as for :class:`logging.Filter`; ``redact_extra``: also redact the
        string attributes passed with ``extra=``."""
        super().__init__(name)
        from .._engine import Engine  # here: _engine imports this package

        if isinstance(redaction, Engine):
            redaction = redaction.platform()
        if not isinstance(redaction, RedactionClient):
            redaction = redaction.redaction
        self._redact = redaction.redact_text
        self._redact_extra = redact_extra

    def _text(self, text: str) -> str:
        try:
            return self._redact(text)
        except PlatformError:
            return UNREDACTABLE

    def filter(self, record: logging.LogRecord) -> bool:
        """Redacts ``record`` in place; always keeps it."""
        if not super().filter(record):
            return False
        record.msg = self._text(record.getMessage())
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._text(record.exc_text)
        if record.stack_info:
            record.stack_info = self._text(record.stack_info)
        if self._redact_extra:
            for key, value in record.__dict__.items():
                if isinstance(value, str) and key not in _STANDARD_ATTRIBUTES:
                    record.__dict__[key] = self._text(value)
        return True
