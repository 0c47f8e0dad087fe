"""The redaction exceptions (re-exported from :mod:`shared_platform.errors`)."""

from ..errors import InputTooLargeError, InvalidPatternError, NestingTooDeepError, RedactionPolicyNotFoundError

__all__ = ["InputTooLargeError", "InvalidPatternError", "NestingTooDeepError", "RedactionPolicyNotFoundError"]
