"""Typed conversion between the engine's snake_case JSON and the frozen dataclass models.

One generic converter, driven by the dataclasses' type hints, so every module's models are
plain declarations: ``from_json(RateLimitPolicy, raw)`` and ``to_json(request)``.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import UTC, datetime
from typing import Any, TypeVar

from ._models import parse_timestamp

T = TypeVar("T")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _convert(hint: Any, raw: Any) -> Any:
    if raw is None or hint is Any:
        return raw
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        # `Enum | Literal[...]` and `X | None`: the first class option decides (Literals stay raw).
        classes = [a for a in typing.get_args(hint) if isinstance(a, type) and a is not type(None)]
        return _convert(classes[0], raw) if classes else raw
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, x) for x in raw]
    if origin is dict:
        key, value = typing.get_args(hint)
        return {_convert(key, k): _convert(value, v) for k, v in raw.items()}
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_json(hint, raw)
        if issubclass(hint, enum.Enum):
            return hint(raw)
        if hint is datetime:
            return parse_timestamp(raw)
        if hint is float:
            return float(raw)
    return raw


def from_json(cls: type[T], raw: Any) -> T:
    """Builds the dataclass ``cls`` from the engine's JSON object (unknown keys are ignored, so a
    newer engine field never breaks an older binding)."""
    hints = _hints(cls)
    fields = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {name: _convert(hints[name], raw[name]) for name in fields if name in raw}
    return cls(**values)


def to_json(value: Any) -> Any:
    """The engine's JSON form of a model, enum, datetime or container (``None`` fields dropped)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("use timezone-aware datetimes (e.g. tzinfo=timezone.utc)")
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, list | tuple):
        return [to_json(x) for x in value]
    if isinstance(value, dict):
        return {str(to_json(k)): to_json(v) for k, v in value.items()}
    return value
