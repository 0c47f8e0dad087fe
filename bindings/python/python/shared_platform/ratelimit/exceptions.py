"""The rate-limiting exceptions (re-exported from :mod:`shared_platform.errors`)."""

from ..errors import (
    AdjustmentActiveError,
    BypassNotFoundError,
    CostExceedsCapacityError,
    InvalidAlgorithmConfigError,
    InvalidCompositeKeyError,
    InvalidPathPatternError,
    PlanNotFoundError,
    PolicyInUseError,
    PolicyNotFoundError,
    RateLimitError,
    RateLimitExceededError,
    RuleConflictError,
    RuleNotFoundError,
    StoreUnavailableError,
)

__all__ = [
    "AdjustmentActiveError",
    "BypassNotFoundError",
    "CostExceedsCapacityError",
    "InvalidAlgorithmConfigError",
    "InvalidCompositeKeyError",
    "InvalidPathPatternError",
    "PlanNotFoundError",
    "PolicyInUseError",
    "PolicyNotFoundError",
    "RateLimitError",
    "RateLimitExceededError",
    "RuleConflictError",
    "RuleNotFoundError",
    "StoreUnavailableError",
]
