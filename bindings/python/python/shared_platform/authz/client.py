"""The authorization client of a scope (``scope.authz``).

The per-request calls (:meth:`~AuthzClient.check`, ``explain``, ``has_permission``,
``require_permission`` and their ``async_`` forms) are native methods: Python strings go straight
to the engine, no JSON, the GIL released. Models, tuples, queries over many objects and roles
take and return the typed models of :mod:`.models`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._convert import from_json, to_json
from .._models import Page
from .._native import NativeAuthz
from .models import AuthorizationModel, BatchCheckItem, CheckRequest, ExpandNode, ExpandTree, TupleKey, TypeDefinition

if TYPE_CHECKING:
    from .._engine import Engine

ModelSource = str | Mapping[str, Any] | AuthorizationModel
"""A model: DSL text, OpenFGA's JSON, or an :class:`AuthorizationModel` read back."""

TupleLike = TupleKey | tuple[str, str, str]
"""A :class:`TupleKey` or a ``(user, relation, object)`` tuple."""


def _tuple_json(t: TupleLike) -> Any:
    if isinstance(t, tuple):
        user, relation, obj = t
        return {"user": user, "relation": relation, "object": obj}
    return to_json(t)


def _tuple_from_json(raw: Mapping[str, Any]) -> TupleKey:
    return from_json(TupleKey, raw)


def _model_args(model: ModelSource) -> dict[str, Any]:
    if isinstance(model, str):
        return {"dsl": model}
    if isinstance(model, AuthorizationModel):
        return {"model": model.to_json()}
    return {"model": dict(model)}


def _model_from_json(raw: Mapping[str, Any]) -> AuthorizationModel:
    types = [
        TypeDefinition(type=t["type"], relations=t.get("relations") or {}, metadata=t.get("metadata"))
        for t in raw["type_definitions"]
    ]
    return AuthorizationModel(
        id=raw["id"],
        schema_version=raw["schema_version"],
        type_definitions=types,
        conditions=raw.get("conditions") or {},
    )


def _query_args(
    context: Mapping[str, Any] | None,
    contextual_tuples: Iterable[TupleLike] | None,
    authorization_model_id: str | None,
    min_revision: int | None,
) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if context:
        args["context"] = to_json(dict(context))
    if contextual_tuples:
        args["contextual_tuples"] = [_tuple_json(t) for t in contextual_tuples]
    if authorization_model_id is not None:
        args["authorization_model_id"] = authorization_model_id
    if min_revision is not None:
        args["min_revision"] = min_revision
    return args


def _write_args(writes: Iterable[TupleLike], deletes: Iterable[TupleLike]) -> dict[str, Any]:
    return {"writes": [_tuple_json(t) for t in writes], "deletes": [_tuple_json(t) for t in deletes]}


def _read_args(user: str | None, relation: str | None, object: str | None, page: int, page_size: int) -> dict[str, Any]:
    args: dict[str, Any] = {"page": {"page": page, "page_size": page_size}}
    for name, value in (("user", user), ("relation", relation), ("object", object)):
        if value is not None:
            args[name] = value
    return args


def _expand_from_json(raw: Mapping[str, Any]) -> ExpandTree:
    tree = raw["tree"]
    return ExpandTree(name=tree["name"], root=ExpandNode.from_json(tree["tree"]))


class AuthzClient(NativeAuthz):
    """Authorization for one scope: OpenFGA-style models and relationship tuples, checks in
    microseconds, and tenant RBAC for permission strings such as ``notifications:read``.

    >>> from shared_platform import Engine
    >>> with Engine() as engine:
    ...     authz = engine.tenant("acme").authz
    ...     _ = authz.write_model('''
    ... model
    ...   schema 1.1
    ... type user
    ... type document
    ...   relations
    ...     define viewer: [user]''')
    ...     _ = authz.write_tuples([("user:anne", "viewer", "document:1")])
    ...     authz.check("user:anne", "viewer", "document:1"), authz.check("user:bob", "viewer", "document:1")
    (True, False)
    """

    can = NativeAuthz.check
    """``can(principal, action, resource)`` (spec 000 naming): the same native call as :meth:`check`."""

    def __init__(self, engine: Engine, scope: str) -> None:
        self._engine = engine
        self._scope = scope

    def _call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return self._engine.call(self._scope, "authz." + method, args)

    async def _async_call(self, method: str, args: Mapping[str, Any] | None = None) -> Any:
        return await self._engine.async_call(self._scope, "authz." + method, args)

    # Models
    def write_model(self, model: ModelSource) -> str:
        """Writes a model version (DSL text, OpenFGA JSON, or a read-back :class:`AuthorizationModel`)
        and returns its id; later queries use it. An invalid model raises
        ``InvalidAuthorizationModelError`` whose message names line and column (see
        :meth:`ModelPosition.of <shared_platform.authz.ModelPosition.of>`)."""
        return str(self._call("write_model", _model_args(model))["authorization_model_id"])

    async def async_write_model(self, model: ModelSource) -> str:
        """:meth:`write_model` as a coroutine."""
        return str((await self._async_call("write_model", _model_args(model)))["authorization_model_id"])

    def read_model(self, model_id: str | None = None) -> AuthorizationModel:
        """A model version (the latest when ``model_id`` is None); ``AuthorizationModelNotFoundError``
        when there is none."""
        return _model_from_json(self._call("read_model", {} if model_id is None else {"id": model_id}))

    def list_models(self) -> list[str]:
        """Model ids in the order they were written (the last is the latest)."""
        return list(self._call("list_models")["ids"])

    # Tuples
    def write(self, *, writes: Iterable[TupleLike] = (), deletes: Iterable[TupleLike] = ()) -> int:
        """Writes and deletes tuples in one transaction (all or nothing, at most 100) and returns
        the new revision (pass it as ``min_revision`` for at-least-as-fresh answers). Invalid
        tuples raise ``InvalidTupleError`` naming the field."""
        return int(self._call("write_tuples", _write_args(writes, deletes))["revision"])

    async def async_write(self, *, writes: Iterable[TupleLike] = (), deletes: Iterable[TupleLike] = ()) -> int:
        """:meth:`write` as a coroutine."""
        return int((await self._async_call("write_tuples", _write_args(writes, deletes)))["revision"])

    def write_tuples(self, tuples: Iterable[TupleLike]) -> int:
        """Writes tuples (see :meth:`write`); returns the new revision."""
        return self.write(writes=tuples)

    async def async_write_tuples(self, tuples: Iterable[TupleLike]) -> int:
        """:meth:`write_tuples` as a coroutine."""
        return await self.async_write(writes=tuples)

    def delete_tuples(self, tuples: Iterable[TupleLike]) -> int:
        """Deletes tuples (each must exist; see :meth:`write`); returns the new revision."""
        return self.write(deletes=tuples)

    async def async_delete_tuples(self, tuples: Iterable[TupleLike]) -> int:
        """:meth:`delete_tuples` as a coroutine."""
        return await self.async_write(deletes=tuples)

    def read_tuples(
        self,
        *,
        user: str | None = None,
        relation: str | None = None,
        object: str | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> Page[TupleKey]:
        """Stored tuples matching every filter given (``object="document:"`` = every object of a
        type), one page at a time in key order."""
        raw = self._call("read_tuples", _read_args(user, relation, object, page, page_size))
        return Page.from_json(raw, _tuple_from_json)

    # Queries
    def batch_check(self, checks: Sequence[CheckRequest]) -> list[BatchCheckItem]:
        """Several checks against one snapshot; one item per check, in order (a failing check
        gives its error in its item, the others still answer)."""
        raw = self._call("batch_check", {"checks": [to_json(c) for c in checks]})
        return [BatchCheckItem.from_json(x) for x in raw["results"]]

    async def async_batch_check(self, checks: Sequence[CheckRequest]) -> list[BatchCheckItem]:
        """:meth:`batch_check` as a coroutine."""
        raw = await self._async_call("batch_check", {"checks": [to_json(c) for c in checks]})
        return [BatchCheckItem.from_json(x) for x in raw["results"]]

    def expand(
        self, object: str, relation: str, *, authorization_model_id: str | None = None, min_revision: int | None = None
    ) -> ExpandTree:
        """The userset tree of ``object#relation`` (one level)."""
        args = {"object": object, "relation": relation, **_query_args(None, None, authorization_model_id, min_revision)}
        return _expand_from_json(self._call("expand", args))

    def list_objects(
        self,
        user: str,
        relation: str,
        type: str,
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[TupleLike] | None = None,
        authorization_model_id: str | None = None,
        min_revision: int | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> Page[str]:
        """Objects of ``type`` on which ``user`` has ``relation``: complete (never truncated), sorted,
        one page at a time."""
        args = {
            "user": user,
            "relation": relation,
            "type": type,
            "page": {"page": page, "page_size": page_size},
            **_query_args(context, contextual_tuples, authorization_model_id, min_revision),
        }
        return Page.from_json(self._call("list_objects", args), str)

    async def async_list_objects(
        self,
        user: str,
        relation: str,
        type: str,
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[TupleLike] | None = None,
        page: int = 1,
        page_size: int = 50,
    ) -> Page[str]:
        """:meth:`list_objects` as a coroutine (large graphs take milliseconds)."""
        args = {
            "user": user,
            "relation": relation,
            "type": type,
            "page": {"page": page, "page_size": page_size},
            **_query_args(context, contextual_tuples, None, None),
        }
        return Page.from_json(await self._async_call("list_objects", args), str)

    def list_users(
        self,
        object: str,
        relation: str,
        user_filters: Sequence[str],
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[TupleLike] | None = None,
        authorization_model_id: str | None = None,
        min_revision: int | None = None,
    ) -> list[str]:
        """Users of the filtered types (``"user"``, or usersets such as ``"group#member"``) that have
        ``relation`` on ``object``, sorted (``user:*`` when everyone has it)."""
        args = {
            "object": object,
            "relation": relation,
            "user_filters": list(user_filters),
            **_query_args(context, contextual_tuples, authorization_model_id, min_revision),
        }
        return list(self._call("list_users", args)["users"])

    async def async_list_users(
        self,
        object: str,
        relation: str,
        user_filters: Sequence[str],
        *,
        context: Mapping[str, Any] | None = None,
        contextual_tuples: Iterable[TupleLike] | None = None,
    ) -> list[str]:
        """:meth:`list_users` as a coroutine."""
        args = {
            "object": object,
            "relation": relation,
            "user_filters": list(user_filters),
            **_query_args(context, contextual_tuples, None, None),
        }
        return list((await self._async_call("list_users", args))["users"])

    # Roles (RBAC)
    def define_role(self, role: str, permissions: Iterable[str]) -> int:
        """Creates or replaces a role with exactly these ``resource:action`` permissions (one atomic
        write); returns the RBAC store's revision."""
        return int(self._call("define_role", {"role": role, "permissions": list(permissions)})["revision"])

    async def async_define_role(self, role: str, permissions: Iterable[str]) -> int:
        """:meth:`define_role` as a coroutine."""
        args = {"role": role, "permissions": list(permissions)}
        return int((await self._async_call("define_role", args))["revision"])

    def role_permissions(self, role: str) -> list[str]:
        """A role's permissions, sorted; ``RoleNotFoundError`` when it does not exist."""
        return list(self._call("role_permissions", {"role": role})["permissions"])

    def assign_role(self, user_id: str, role: str) -> int:
        """Gives a role to a user (``RoleNotFoundError`` for an undefined role)."""
        return int(self._call("assign_role", {"user_id": user_id, "role": role})["revision"])

    async def async_assign_role(self, user_id: str, role: str) -> int:
        """:meth:`assign_role` as a coroutine."""
        return int((await self._async_call("assign_role", {"user_id": user_id, "role": role}))["revision"])

    def revoke_role(self, user_id: str, role: str) -> int:
        """Takes a role away from a user."""
        return int(self._call("revoke_role", {"user_id": user_id, "role": role})["revision"])

    async def async_revoke_role(self, user_id: str, role: str) -> int:
        """:meth:`revoke_role` as a coroutine."""
        return int((await self._async_call("revoke_role", {"user_id": user_id, "role": role}))["revision"])

    def __repr__(self) -> str:
        return f"AuthzClient({self._scope!r})"
