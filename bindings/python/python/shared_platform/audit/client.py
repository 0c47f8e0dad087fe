"""The audit client of a scope (``scope.audit``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from .._models import Page
from .models import AuditOutcome, AuditRecord, VerifyReport

Call = Callable[[str, Mapping[str, Any] | None], Any]
AsyncCall = Callable[[str, Mapping[str, Any] | None], Awaitable[Any]]


def _text_time(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("use timezone-aware datetimes for audit time filters")
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _record_args(
    actor_id: str,
    action: str,
    resource_type: str,
    resource_id: str,
    outcome: AuditOutcome | str,
    metadata: Any,
    request_id: str | None,
) -> dict[str, Any]:
    args: dict[str, Any] = {
        "actor_id": actor_id,
        "action": action,
        "resource_type": resource_type,
        "resource_id": resource_id,
        "outcome": AuditOutcome(outcome).value,
        "metadata": metadata,
    }
    if request_id is not None:
        args["request_id"] = request_id
    return args


def _list_args(filters: Mapping[str, Any], page: int, page_size: int) -> dict[str, Any]:
    args = {k: v for k, v in filters.items() if v is not None}
    for key in ("since", "until"):
        if key in args:
            args[key] = _text_time(args[key])
    if "outcome" in args:
        args["outcome"] = AuditOutcome(args["outcome"]).value
    args["page"] = {"page": page, "page_size": page_size}
    return args


class AuditClient:
    """Appends to, lists and verifies one scope's hash-chained audit log."""

    def __init__(self, call: Call, async_call: AsyncCall) -> None:
        self._call = call
        self._async_call = async_call

    def record(
        self,
        *,
        actor_id: str,
        action: str,
        resource_type: str,
        resource_id: str,
        outcome: AuditOutcome | str = AuditOutcome.SUCCESS,
        metadata: Any = None,
        request_id: str | None = None,
    ) -> AuditRecord:
        """Appends a record (metadata is redacted before storage) and returns it."""
        args = _record_args(actor_id, action, resource_type, resource_id, outcome, metadata, request_id)
        return AuditRecord.from_json(self._call("audit.record", args))

    async def async_record(
        self,
        *,
        actor_id: str,
        action: str,
        resource_type: str,
        resource_id: str,
        outcome: AuditOutcome | str = AuditOutcome.SUCCESS,
        metadata: Any = None,
        request_id: str | None = None,
    ) -> AuditRecord:
        """:meth:`record` as a coroutine."""
        args = _record_args(actor_id, action, resource_type, resource_id, outcome, metadata, request_id)
        return AuditRecord.from_json(await self._async_call("audit.record", args))

    def list(
        self,
        *,
        actor_id: str | None = None,
        action: str | None = None,
        resource_type: str | None = None,
        resource_id: str | None = None,
        outcome: AuditOutcome | str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> Page[AuditRecord]:
        """Lists records matching every given filter, in sequence order, one page at a time."""
        filters = {
            "actor_id": actor_id,
            "action": action,
            "resource_type": resource_type,
            "resource_id": resource_id,
            "outcome": outcome,
            "since": since,
            "until": until,
        }
        return Page.from_json(self._call("audit.list", _list_args(filters, page, page_size)), AuditRecord.from_json)

    async def async_list(
        self,
        *,
        actor_id: str | None = None,
        action: str | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> Page[AuditRecord]:
        """:meth:`list` as a coroutine (actor and action filters)."""
        args = _list_args({"actor_id": actor_id, "action": action}, page, page_size)
        return Page.from_json(await self._async_call("audit.list", args), AuditRecord.from_json)

    def verify(self) -> VerifyReport:
        """Recomputes the hash chain; reports the first broken sequence number."""
        return VerifyReport.from_json(self._call("audit.verify", None))

    async def async_verify(self) -> VerifyReport:
        """:meth:`verify` as a coroutine."""
        return VerifyReport.from_json(await self._async_call("audit.verify", None))
