"""``@rate_limit_aware``: retry a call that hit a rate limit, with exponential backoff."""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar, cast, overload

from ..errors import RateLimitExceededError
from .headers import HasHeaders, parse_rate_limit_headers

P = ParamSpec("P")
R = TypeVar("R")

TOO_MANY_REQUESTS = 429


def _wait_hint(outcome: Any) -> float | None:
    """Seconds the server or engine asked us to wait, if it said."""
    if isinstance(outcome, RateLimitExceededError):
        return None if outcome.retry_after is None else float(outcome.retry_after)
    if isinstance(outcome, HasHeaders):
        return parse_rate_limit_headers(outcome).retry_after
    return None


def _limited(outcome: Any) -> bool:
    return getattr(outcome, "status_code", None) == TOO_MANY_REQUESTS


class _Backoff:
    """Delays: ``base_delay * 2**attempt`` (capped, with jitter), or the server's Retry-After."""

    def __init__(self, max_retries: int, base_delay: float, max_delay: float, jitter: bool) -> None:
        if max_retries < 0 or base_delay < 0 or max_delay < 0:
            raise ValueError("max_retries, base_delay and max_delay must not be negative")
        self.max_retries, self.base_delay, self.max_delay, self.jitter = max_retries, base_delay, max_delay, jitter

    def delay(self, attempt: int, outcome: Any) -> float:
        hint = _wait_hint(outcome)
        if hint is not None:
            return min(float(hint), self.max_delay)
        delay = min(self.base_delay * 2.0**attempt, self.max_delay)
        return delay * random.uniform(0.5, 1.0) if self.jitter else delay


@overload
def rate_limit_aware(func: Callable[P, R], /) -> Callable[P, R]: ...


@overload
def rate_limit_aware(
    *, max_retries: int = 3, base_delay: float = 0.5, max_delay: float = 30.0, jitter: bool = True
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def rate_limit_aware(
    func: Callable[P, R] | None = None,
    /,
    *,
    max_retries: int = 3,
    base_delay: float = 0.5,
    max_delay: float = 30.0,
    jitter: bool = True,
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Retries the decorated function (sync or ``async``) while it is rate limited: it returned a
    response with ``status_code == 429`` (``httpx``, ``requests``…) or raised
    :class:`~shared_platform.errors.RateLimitExceededError`. Waits the ``Retry-After`` the server
    or engine gave (capped at ``max_delay``), else ``base_delay * 2**attempt`` with jitter. After
    ``max_retries`` retries the last 429 response is returned (or the error re-raised).

    >>> calls = []
    >>> @rate_limit_aware(base_delay=0)
    ... def fetch():
    ...     calls.append(1)
    ...     if len(calls) < 3:
    ...         raise RateLimitExceededError("slow down", retry_after=0)
    ...     return "ok"
    >>> fetch(), len(calls)
    ('ok', 3)
    """
    backoff = _Backoff(max_retries, base_delay, max_delay, jitter)

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        if inspect.iscoroutinefunction(fn):
            return cast(Callable[P, R], _wrap_async(cast(Callable[P, Awaitable[Any]], fn), backoff))
        return _wrap_sync(fn, backoff)

    return decorate if func is None else decorate(func)


def _wrap_sync(fn: Callable[P, R], backoff: _Backoff) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        attempt = 0
        while True:
            try:
                result = fn(*args, **kwargs)
            except RateLimitExceededError as err:
                if attempt >= backoff.max_retries:
                    raise
                time.sleep(backoff.delay(attempt, err))
            else:
                if not _limited(result) or attempt >= backoff.max_retries:
                    return result
                time.sleep(backoff.delay(attempt, result))
            attempt += 1

    return wrapper


def _wrap_async(fn: Callable[P, Awaitable[Any]], backoff: _Backoff) -> Callable[P, Awaitable[Any]]:
    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
        attempt = 0
        while True:
            try:
                result = await fn(*args, **kwargs)
            except RateLimitExceededError as err:
                if attempt >= backoff.max_retries:
                    raise
                await asyncio.sleep(backoff.delay(attempt, err))
            else:
                if not _limited(result) or attempt >= backoff.max_retries:
                    return result
                await asyncio.sleep(backoff.delay(attempt, result))
            attempt += 1

    return wrapper
