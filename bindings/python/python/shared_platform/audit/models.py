"""Audit models."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from .._models import parse_timestamp


class AuditOutcome(str, Enum):
    """How an audited action ended."""

    SUCCESS = "success"
    FAILURE = "failure"
    DENIED = "denied"


@dataclass(frozen=True)
class AuditRecord:
    """A stored, hash-chained audit record."""

    seq: int
    id: str
    timestamp: datetime
    tenant_id: str
    actor_id: str
    action: str
    resource_type: str
    resource_id: str
    outcome: AuditOutcome
    request_id: str
    prev_hash: str
    hash: str
    metadata: Any = field(default=None)

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> AuditRecord:
        """Builds a record from the engine's JSON."""
        values = dict(raw)
        values["timestamp"] = parse_timestamp(values["timestamp"])
        values["outcome"] = AuditOutcome(values["outcome"])
        return AuditRecord(**values)


@dataclass(frozen=True)
class VerifyReport:
    """The result of verifying a tenant's audit chain."""

    valid: bool
    records_checked: int
    first_broken_seq: int | None = None
    reason: str | None = None

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> VerifyReport:
        """Builds a report from the engine's JSON."""
        return VerifyReport(**raw)
