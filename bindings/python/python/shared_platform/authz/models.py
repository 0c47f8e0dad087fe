"""Authorization models: immutable dataclasses with OpenFGA's snake_case names.

Requests (:class:`TupleKey`, :class:`CheckRequest`) are what you build; the others come back
from the engine. The answer of :meth:`~shared_platform.authz.AuthzClient.explain`,
:class:`CheckResult`, is a native object (no JSON on the hot path).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .._native import CheckResult
from ..errors import ERRORS_BY_CODE, PlatformError

__all__ = [
    "AuthorizationModel",
    "BatchCheckItem",
    "CheckRequest",
    "CheckResult",
    "ExpandNode",
    "ExpandTree",
    "ModelPosition",
    "TupleCondition",
    "TupleKey",
    "TypeDefinition",
]


@dataclass(frozen=True)
class TupleCondition:
    """The condition attached to a tuple: the model condition's ``name`` and parameter values
    stored with the tuple (merged with the request context; the tuple's values win)."""

    name: str
    context: dict[str, Any] | None = None


@dataclass(frozen=True)
class TupleKey:
    """A relationship tuple: ``user`` has ``relation`` on ``object``.

    ``user`` is ``type:id``, ``type:*`` (everyone of a type) or ``type:id#relation`` (a userset);
    ``object`` is ``type:id``. Past ``expires_at`` (an aware datetime) the tuple grants nothing.

    >>> TupleKey("user:anne", "viewer", "document:1")
    TupleKey(user='user:anne', relation='viewer', object='document:1', condition=None, expires_at=None)
    """

    user: str
    relation: str
    object: str
    condition: TupleCondition | None = field(default=None, kw_only=True)
    expires_at: datetime | None = field(default=None, kw_only=True)


@dataclass(frozen=True, kw_only=True)
class CheckRequest:
    """One check of a :meth:`~shared_platform.authz.AuthzClient.batch_check`."""

    user: str
    relation: str
    object: str
    context: dict[str, Any] | None = None
    contextual_tuples: list[TupleKey] | None = None
    explain: bool = False
    authorization_model_id: str | None = None
    min_revision: int | None = None


@dataclass(frozen=True, kw_only=True)
class BatchCheckItem:
    """The answer to one check of a batch: ``allowed`` (and the granting path when asked), or
    the ``error`` that check raised (the other checks still answer)."""

    allowed: bool = False
    explanation: list[str] | None = None
    error: PlatformError | None = None

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> BatchCheckItem:
        """Builds an item from the engine's JSON (an error becomes its exception instance)."""
        error = raw.get("error")
        if error is None:
            return BatchCheckItem(allowed=raw["allowed"], explanation=raw.get("explanation"))
        cls = ERRORS_BY_CODE.get(error["code"], PlatformError)
        return BatchCheckItem(error=cls(error["message"], field=error.get("field"), code=error["code"]))


@dataclass(frozen=True, kw_only=True)
class TypeDefinition:
    """One type of a model: its relations' rewrites and direct type restrictions, in OpenFGA's
    JSON form."""

    type: str
    relations: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True, kw_only=True)
class AuthorizationModel:
    """A model version as OpenFGA's JSON (``to_json()`` gives what ``write_model`` accepts)."""

    id: str
    schema_version: str
    type_definitions: list[TypeDefinition]
    conditions: dict[str, Any] = field(default_factory=dict)

    def type_names(self) -> list[str]:
        """The model's type names, in definition order."""
        return [t.type for t in self.type_definitions]

    def to_json(self) -> dict[str, Any]:
        """The OpenFGA JSON form (without the id)."""
        types = [
            {"type": t.type, "relations": t.relations, **({"metadata": t.metadata} if t.metadata else {})}
            for t in self.type_definitions
        ]
        return {"schema_version": self.schema_version, "type_definitions": types, "conditions": self.conditions}


@dataclass(frozen=True, kw_only=True)
class ModelPosition:
    """Where an invalid DSL model went wrong (1-based), read from the error's detail."""

    line: int
    column: int

    @staticmethod
    def of(error: PlatformError) -> ModelPosition | None:
        """The position carried by an ``InvalidAuthorizationModelError``, if any.

        >>> from shared_platform.errors import InvalidAuthorizationModelError
        >>> ModelPosition.of(InvalidAuthorizationModelError("bad", detail='{"line":3,"column":5}'))
        ModelPosition(line=3, column=5)
        """
        try:
            raw = json.loads(error.detail or "")
        except ValueError:
            return None
        if isinstance(raw, dict) and isinstance(raw.get("line"), int) and isinstance(raw.get("column"), int):
            return ModelPosition(line=raw["line"], column=raw["column"])
        return None


@dataclass(frozen=True, kw_only=True)
class ExpandNode:
    """One node of an expansion: exactly one of the fields is set.

    A leaf holds direct ``users``, a ``computed`` userset (``document:1#owner``), or a
    tuple-to-userset (``tupleset`` plus the ``computed`` usersets it points at); inner nodes
    combine children (``union``, ``intersection``, ``difference`` = ``base`` minus ``subtract``).
    """

    users: list[str] | None = None
    computed: list[str] | None = None
    tupleset: str | None = None
    union: list[ExpandNode] | None = None
    intersection: list[ExpandNode] | None = None
    base: ExpandNode | None = None
    subtract: ExpandNode | None = None

    @staticmethod
    def from_json(raw: Mapping[str, Any]) -> ExpandNode:
        """Builds a node from the engine's JSON."""
        if "leaf" in raw:
            leaf = raw["leaf"]
            if "users" in leaf:
                return ExpandNode(users=list(leaf["users"]))
            if "computed" in leaf:
                return ExpandNode(computed=[leaf["computed"]])
            ttu = leaf["tupleToUserset"]
            return ExpandNode(tupleset=ttu["tupleset"], computed=list(ttu["computed"]))
        if "union" in raw:
            return ExpandNode(union=[ExpandNode.from_json(x) for x in raw["union"]])
        if "intersection" in raw:
            return ExpandNode(intersection=[ExpandNode.from_json(x) for x in raw["intersection"]])
        diff = raw["difference"]
        return ExpandNode(base=ExpandNode.from_json(diff["base"]), subtract=ExpandNode.from_json(diff["subtract"]))


@dataclass(frozen=True, kw_only=True)
class ExpandTree:
    """The userset tree of ``object#relation`` (one level, as OpenFGA's expand)."""

    name: str
    root: ExpandNode
