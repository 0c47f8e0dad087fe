"""``parse_rate_limit_headers``: what a server's rate-limit headers say, from any header shape."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

from .._models import datetime_from_ms
from .._native import parse_rate_limit_headers_raw
from .models import RateLimitInfo


@runtime_checkable
class HasHeaders(Protocol):
    """Anything with a ``headers`` mapping: ``httpx.Response``, ``requests.Response``…"""

    @property
    def headers(self) -> Any: ...


HeadersLike = Mapping[str, str] | HasHeaders | Iterable[tuple[str, str]]


def _pairs(headers: HeadersLike) -> Any:
    if isinstance(headers, Mapping):
        return headers
    if isinstance(headers, HasHeaders):
        return headers.headers
    return list(headers)


def parse_rate_limit_headers(headers: HeadersLike, *, now_ms: int | None = None) -> RateLimitInfo:
    """Reads ``X-RateLimit-Limit/Remaining/Reset/Policy``, ``Retry-After`` and the IETF
    ``RateLimit`` / ``RateLimit-Policy`` fields (names case-insensitive) from a dict, any
    ``Mapping``, an ``httpx.Response`` (or anything with ``.headers``) or ``(name, value)`` pairs.
    Missing or malformed fields come back ``None``; this never raises on header values.
    Relative resets are resolved against ``now_ms`` (default: the system clock).

    >>> parse_rate_limit_headers({"x-ratelimit-limit": "100", "X-RateLimit-Remaining": "oops"})
    RateLimitInfo(limit=100, remaining=None, reset_at=None, policy=None, retry_after=None)
    """
    limit, remaining, reset_ms, policy, retry_after = parse_rate_limit_headers_raw(_pairs(headers), now_ms)
    reset_at = None if reset_ms is None else datetime_from_ms(reset_ms)
    return RateLimitInfo(limit=limit, remaining=remaining, reset_at=reset_at, policy=policy, retry_after=retry_after)
