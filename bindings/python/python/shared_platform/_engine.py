"""The engine and its scopes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from ._native import NativeEngine
from .audit.client import AuditClient
from .authz.client import AuthzClient
from .ratelimit.client import RateLimitClient
from .redaction.client import RedactionClient

PLATFORM_SCOPE = "*"

JsonArgs = Mapping[str, Any] | None


def _rfc3339(value: datetime | str) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        raise ValueError("manual_clock: use a timezone-aware datetime (e.g. tzinfo=timezone.utc)")
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Engine:
    """The Shared Platform Core engine, embedded in this process.

    With no arguments it keeps records in an in-memory SQLite database and hot state in memory.
    Every operation runs in a scope: :meth:`tenant` for one tenant, :meth:`platform` for
    platform-wide objects. Use it as a context manager, or call :meth:`close`.

    >>> with Engine() as engine:
    ...     acme = engine.tenant("acme")
    ...     _ = acme.audit.record(actor_id="alice", action="doc.read", resource_type="doc", resource_id="d1")
    ...     acme.audit.verify().valid
    True
    """

    def __init__(
        self,
        *,
        database: str | None = None,
        redb_path: str | None = None,
        kv_shards: int | None = None,
        kv_max_keys: int | None = None,
        redis_url: str | None = None,
        worker_threads: int | None = None,
        manual_clock: datetime | str | None = None,
    ) -> None:
        options: dict[str, Any] = {
            "database": database,
            "redb_path": redb_path,
            "kv_shards": kv_shards,
            "kv_max_keys": kv_max_keys,
            "redis_url": redis_url,
            "worker_threads": worker_threads,
            "manual_clock": None if manual_clock is None else _rfc3339(manual_clock),
        }
        self._native = NativeEngine(json.dumps({k: v for k, v in options.items() if v is not None}))

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Engine:
        """An engine from a mapping of engine options as a config file holds them
        (``database``, ``redb_path``, ``kv_shards``, ``kv_max_keys``, ``redis_url``,
        ``worker_threads``, ``manual_clock``); unknown keys raise ``ValidationError``."""
        engine = cls.__new__(cls)
        engine._native = NativeEngine(json.dumps(dict(options)))
        return engine

    def tenant(self, tenant_id: str) -> TenantScope:
        """The scope of one tenant. Raises ``InvalidTenantError`` (a ``ValueError``) when the id
        is empty, longer than 128 characters or uses characters outside ``[A-Za-z0-9._:-]``."""
        if not isinstance(tenant_id, str):
            raise TypeError(f"tenant_id must be a str, not {type(tenant_id).__name__}")
        self._native.check_tenant(tenant_id)
        return TenantScope(self, tenant_id)

    def platform(self) -> TenantScope:
        """The explicit platform-wide scope."""
        return TenantScope(self, PLATFORM_SCOPE)

    def call(self, scope: str, method: str, args: JsonArgs = None) -> Any:
        """Low-level management call: ``method`` (e.g. ``"audit.list"``) in ``scope`` (a tenant
        id or ``"*"``), JSON-compatible arguments in, decoded JSON out."""
        return json.loads(self._native.call(scope, method, json.dumps(dict(args or {}))))

    async def async_call(self, scope: str, method: str, args: JsonArgs = None) -> Any:
        """:meth:`call` as a coroutine; the work runs off the event loop."""
        text = await self._native.call_async(scope, method, json.dumps(dict(args or {})))
        return json.loads(text)

    def advance_clock(self, *, seconds: float = 0, ms: int = 0) -> datetime:
        """Moves a manual clock (engines built with ``manual_clock=``) forward; returns the new time."""
        total_ms = int(seconds * 1000) + ms
        result = self.call(PLATFORM_SCOPE, "clock.advance", {"ms": total_ms})
        return datetime.fromisoformat(str(result["now"]))

    def close(self) -> None:
        """Stops background work; later calls raise ``EngineClosedError``. Idempotent."""
        self._native.close()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._native.closed

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Engine(closed={self.closed})"


class TenantScope:
    """One tenant (or the platform). Every module client hangs off it: ``scope.audit``,
    ``scope.ratelimit``…"""

    def __init__(self, engine: Engine, scope_key: str) -> None:
        self._engine = engine
        self._scope = scope_key
        self.audit = AuditClient(self._call, self._async_call)
        self._ratelimit: RateLimitClient | None = None
        self._authz: AuthzClient | None = None
        self._redaction: RedactionClient | None = None

    @property
    def ratelimit(self) -> RateLimitClient:
        """Rate limiting in this scope: per-request decisions and the policy/rule management API."""
        if self._ratelimit is None:
            self._ratelimit = RateLimitClient(self._engine, self._scope)
        return self._ratelimit

    @property
    def authz(self) -> AuthzClient:
        """Authorization in this scope: checks, models, tuples, queries and RBAC roles."""
        if self._authz is None:
            self._authz = AuthzClient(self._engine, self._scope)
        return self._authz

    @property
    def redaction(self) -> RedactionClient:
        """PII and secret redaction in this scope: text, JSON, log records and the scope's policy."""
        if self._redaction is None:
            self._redaction = RedactionClient(self._engine, self._scope)
        return self._redaction

    @property
    def tenant_id(self) -> str | None:
        """The tenant id, or ``None`` for the platform scope."""
        return None if self._scope == PLATFORM_SCOPE else self._scope

    @property
    def engine(self) -> Engine:
        """The engine."""
        return self._engine

    def _call(self, method: str, args: JsonArgs = None) -> Any:
        return self._engine.call(self._scope, method, args)

    async def _async_call(self, method: str, args: JsonArgs = None) -> Any:
        return await self._engine.async_call(self._scope, method, args)

    def __repr__(self) -> str:
        return f"TenantScope({self._scope!r})"
