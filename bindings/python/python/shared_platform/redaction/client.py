"""The redaction client of a scope (``scope.redaction``).

:meth:`~RedactionClient.redact_text`, :meth:`~RedactionClient.redact` and
:meth:`~RedactionClient.analyze` are native methods: the Python ``str`` goes straight to the
engine, no JSON (the GIL is released for long texts). JSON documents and policy management go
through the engine's JSON calls and take and return the typed models of :mod:`.models`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._native import NativeRedactor
from .models import RedactedJson, RedactionPolicy

if TYPE_CHECKING:
    from .._engine import Engine


class RedactionClient(NativeRedactor):
    """PII and secret redaction for one scope, with the scope's policy.

    >>> from shared_platform import Engine
    >>> with Engine() as engine:
    ...     redaction = engine.tenant("acme").redaction
    ...     redaction.redact_text("card 4111 1111 1111 1111 for jane@example.com")
    'card [REDACTED] for [REDACTED]'
    """

    def __init__(self, engine: Engine, scope: str) -> None:
        self._engine = engine
        self._scope = scope

    def _call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return self._engine.call(self._scope, "redaction." + method, args)

    async def _async_call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return await self._engine.async_call(self._scope, "redaction." + method, args)

    def redact_lines(self, lines: Iterable[str], *, json: bool = False) -> Iterator[str]:
        """Redacts a stream of log lines lazily (``json``: each line is a JSON value, redacted by
        field name and content; lines that are not JSON are redacted as text). A line that cannot
        be redacted (over the input limit) becomes a marker, never the original."""
        for line in lines:
            yield self.redact_line(line, json)

    # JSON documents
    def redact_json(self, value: Any) -> RedactedJson:
        """Redacts a JSON-compatible value: values under sensitive field names (``password``,
        ``*token``, ``authorization``… plus the policy's ``sensitive_fields``) are replaced whole,
        every other string is scanned. ``NestingTooDeepError`` past the policy's ``max_depth``."""
        return RedactedJson.from_json(self._call("redact_json", {"value": value}))

    async def async_redact_json(self, value: Any) -> RedactedJson:
        """:meth:`redact_json` as a coroutine (runs off the event loop)."""
        return RedactedJson.from_json(await self._async_call("redact_json", {"value": value}))

    # Policy
    def get_policy(self) -> RedactionPolicy:
        """The scope's own policy; ``RedactionPolicyNotFoundError`` when it has none."""
        return RedactionPolicy.from_json(self._call("get_policy"))

    async def async_get_policy(self) -> RedactionPolicy:
        """:meth:`get_policy` as a coroutine."""
        return RedactionPolicy.from_json(await self._async_call("get_policy"))

    def put_policy(self, policy: RedactionPolicy) -> RedactionPolicy:
        """Creates or replaces the scope's policy; it applies to the next call. A bad custom
        pattern raises ``InvalidPatternError`` whose ``field`` is ``custom_patterns[i].pattern``;
        other mistakes raise ``ValidationError`` naming the field."""
        return RedactionPolicy.from_json(self._call("put_policy", policy.to_json()))

    async def async_put_policy(self, policy: RedactionPolicy) -> RedactionPolicy:
        """:meth:`put_policy` as a coroutine."""
        return RedactionPolicy.from_json(await self._async_call("put_policy", policy.to_json()))

    def delete_policy(self) -> None:
        """Deletes the scope's policy; ``RedactionPolicyNotFoundError`` when it has none."""
        self._call("delete_policy")

    async def async_delete_policy(self) -> None:
        """:meth:`delete_policy` as a coroutine."""
        await self._async_call("delete_policy")

    def effective_policy(self) -> RedactionPolicy:
        """The merged policy in force: built-in defaults, then the platform's, then the scope's."""
        return RedactionPolicy.from_json(self._call("effective_policy"))

    async def async_effective_policy(self) -> RedactionPolicy:
        """:meth:`effective_policy` as a coroutine."""
        return RedactionPolicy.from_json(await self._async_call("effective_policy"))
