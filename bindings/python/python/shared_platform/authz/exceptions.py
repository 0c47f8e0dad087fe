"""The authorization exceptions (re-exported from :mod:`shared_platform.errors`)."""

from ..errors import (
    AuthorizationError,
    AuthorizationModelNotFoundError,
    ConditionEvaluationError,
    InvalidAuthorizationModelError,
    InvalidTupleError,
    RelationNotFoundError,
    ResolutionTooComplexError,
    RoleNotFoundError,
    TypeNotFoundError,
)

__all__ = [
    "AuthorizationError",
    "AuthorizationModelNotFoundError",
    "ConditionEvaluationError",
    "InvalidAuthorizationModelError",
    "InvalidTupleError",
    "RelationNotFoundError",
    "ResolutionTooComplexError",
    "RoleNotFoundError",
    "TypeNotFoundError",
]
