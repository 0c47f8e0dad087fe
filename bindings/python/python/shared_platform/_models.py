"""Shared model helpers: pagination and timestamp parsing."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def parse_timestamp(value: str) -> datetime:
    """Parses the engine's RFC 3339 UTC text into an aware datetime (microsecond precision)."""
    text = value.replace("Z", "+00:00")
    head, _, rest = text.partition(".")
    if rest:
        digits = "".join(itertools.takewhile(str.isdigit, rest))
        zone = rest[len(digits) :]
        text = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Pagination:
    """Where a page sits in the whole listing."""

    page: int
    page_size: int
    total_items: int
    total_pages: int
    has_next: bool
    has_previous: bool


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing."""

    data: list[T]
    pagination: Pagination

    @staticmethod
    def from_json(raw: Mapping[str, Any], item: Callable[[Mapping[str, Any]], T]) -> Page[T]:
        """Builds a page from the engine's JSON."""
        return Page(data=[item(x) for x in raw["data"]], pagination=Pagination(**raw["pagination"]))


def datetime_from_ms(ms: int) -> datetime:
    """An aware UTC datetime from milliseconds since the Unix epoch."""
    return _EPOCH + timedelta(milliseconds=ms)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
