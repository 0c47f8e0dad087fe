"""Redaction models: immutable dataclasses with the engine's snake_case names.

:class:`RedactionPolicy` (with :class:`CustomPattern` and the operator classes) is what you put;
:class:`Finding` and :class:`RedactedText` are native objects (no JSON on the hot path).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal, TypeAlias

from .._convert import from_json, to_json
from .._native import Finding, RedactedText

__all__ = [
    "CustomPattern",
    "DropOperator",
    "Entity",
    "Finding",
    "HashOperator",
    "JsonFinding",
    "MaskOperator",
    "Operator",
    "OperatorLike",
    "OperatorName",
    "PartialOperator",
    "RedactedJson",
    "RedactedText",
    "RedactionPolicy",
    "ReplaceOperator",
]


class Entity(StrEnum):
    """The built-in entity names (Presidio's where one exists). Custom patterns add their own."""

    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    PHONE_NUMBER = "PHONE_NUMBER"
    CREDIT_CARD = "CREDIT_CARD"
    US_SSN = "US_SSN"
    IBAN_CODE = "IBAN_CODE"
    IP_ADDRESS = "IP_ADDRESS"
    MAC_ADDRESS = "MAC_ADDRESS"
    URL_CREDENTIALS = "URL_CREDENTIALS"
    CONNECTION_STRING = "CONNECTION_STRING"
    AWS_ACCESS_KEY = "AWS_ACCESS_KEY"
    AWS_SECRET_KEY = "AWS_SECRET_KEY"
    GITHUB_TOKEN = "GITHUB_TOKEN"
    SLACK_TOKEN = "SLACK_TOKEN"
    SLACK_WEBHOOK = "SLACK_WEBHOOK"
    STRIPE_KEY = "STRIPE_KEY"
    GOOGLE_API_KEY = "GOOGLE_API_KEY"
    JWT = "JWT"
    PRIVATE_KEY = "PRIVATE_KEY"
    BEARER_TOKEN = "BEARER_TOKEN"
    SECRET = "SECRET"
    SENSITIVE_FIELD = "SENSITIVE_FIELD"
    """A JSON value redacted whole because of its field name (``redact_json`` only)."""


@dataclass(frozen=True, kw_only=True)
class ReplaceOperator:
    """Replaces the value with ``value``; ``value=None`` writes ``<ENTITY_NAME>``."""

    type: ClassVar[str] = "replace"
    value: str | None = "[REDACTED]"


@dataclass(frozen=True, kw_only=True)
class MaskOperator:
    """Masks every letter and digit but the last ``keep_last`` (``**** **** **** 1111``)."""

    type: ClassVar[str] = "mask"
    keep_last: int = 4
    mask_char: str = "*"


@dataclass(frozen=True, kw_only=True)
class PartialOperator:
    """Keeps ``keep_first`` and ``keep_last`` characters around ``***`` (``j***@example.com``)."""

    type: ClassVar[str] = "partial"
    keep_first: int = 1
    keep_last: int = 0


@dataclass(frozen=True, kw_only=True)
class HashOperator:
    """A stable pseudonym ``<ENTITY_0123456789abcdef>`` (HMAC-SHA256 under the tenant's key)."""

    type: ClassVar[str] = "hash"


@dataclass(frozen=True, kw_only=True)
class DropOperator:
    """Removes the value."""

    type: ClassVar[str] = "drop"


Operator: TypeAlias = ReplaceOperator | MaskOperator | PartialOperator | HashOperator | DropOperator
OperatorName = Literal["replace", "mask", "partial", "hash", "drop"]
OperatorLike: TypeAlias = Operator | OperatorName
"""An operator, or its name for the operator with its defaults (``"replace"`` is ``[REDACTED]``)."""

_OPERATORS: dict[str, type[Operator]] = {
    cls.type: cls for cls in (ReplaceOperator, MaskOperator, PartialOperator, HashOperator, DropOperator)
}


def _operator_to_json(op: OperatorLike) -> dict[str, Any]:
    if isinstance(op, str):
        if op not in _OPERATORS:
            raise ValueError(f"unknown operator {op!r} (one of {', '.join(_OPERATORS)})")
        op = _OPERATORS[op]()
    return {"type": op.type, **to_json(op)}


def _operator_from_json(raw: dict[str, Any]) -> Operator:
    cls = _OPERATORS[raw["type"]]
    if cls is ReplaceOperator:
        return ReplaceOperator(value=raw.get("value"))
    return from_json(cls, raw)


@dataclass(frozen=True, kw_only=True)
class CustomPattern:
    """A custom detector: a linear-time regular expression (Rust ``regex`` syntax: no
    look-around, no back-references) reported as entity ``name`` (``[A-Z0-9_]``, 1–64)."""

    name: str
    pattern: str
    score: float = 0.8


@dataclass(frozen=True, kw_only=True)
class RedactionPolicy:
    """A scope's redaction policy; every field is optional. A tenant's policy is layered on the
    platform's, which is layered on the built-in defaults: scalars and operators override, lists
    are appended."""

    entities: list[Entity | str] | None = None
    """The built-in entities to detect (``None``: all of them)."""
    min_score: float | None = None
    """Findings scoring below this are ignored (default 0.5)."""
    default_operator: OperatorLike | None = None
    """The operator of entities without their own (default: replace with ``[REDACTED]``)."""
    operators: dict[str, OperatorLike] = field(default_factory=dict)
    """Operators by entity name."""
    allow_list: list[str] = field(default_factory=list)
    """Values never redacted (compared case-insensitively)."""
    custom_patterns: list[CustomPattern] = field(default_factory=list)
    """Custom detectors."""
    sensitive_fields: list[str] = field(default_factory=list)
    """Extra JSON field names (case-insensitive globs) whose values are redacted whole."""
    max_input_bytes: int | None = None
    """Largest accepted input in bytes (default and maximum 32 MiB)."""
    max_depth: int | None = None
    """Deepest accepted JSON nesting (default 128, maximum 10,000)."""

    def to_json(self) -> dict[str, Any]:
        """The engine's JSON form (absent fields dropped)."""
        plain = dataclasses.replace(self, default_operator=None, operators={})
        raw: dict[str, Any] = to_json(plain)
        if self.default_operator is not None:
            raw["default_operator"] = _operator_to_json(self.default_operator)
        raw["operators"] = {str(name): _operator_to_json(op) for name, op in self.operators.items()}
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> RedactionPolicy:
        """The policy from the engine's JSON form."""
        rest = {k: v for k, v in raw.items() if k not in ("default_operator", "operators")}
        default = raw.get("default_operator")
        return dataclasses.replace(
            from_json(cls, rest),
            default_operator=None if default is None else _operator_from_json(default),
            operators={name: _operator_from_json(op) for name, op in (raw.get("operators") or {}).items()},
        )


@dataclass(frozen=True, kw_only=True)
class JsonFinding:
    """One finding inside a JSON document."""

    path: str
    """JSON Pointer (RFC 6901) of the string or field that held it."""
    finding: Finding
    """The finding (``SENSITIVE_FIELD`` over the whole value for a sensitive field name)."""


@dataclass(frozen=True, kw_only=True)
class RedactedJson:
    """The result of ``redact_json``: the redacted document and what was found, by path."""

    value: Any
    findings: list[JsonFinding]

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> RedactedJson:
        """The result from the engine's JSON form."""
        findings = [JsonFinding(path=f["path"], finding=Finding(**f["finding"])) for f in raw["findings"]]
        return cls(value=raw["value"], findings=findings)
