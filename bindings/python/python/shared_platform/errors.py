"""Exceptions of Shared Platform Core.

Generated from core/src/error.rs by tools/codegen; do not edit
(`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

Every error is a :class:`PlatformError` carrying ``code``, ``name``, ``kind``, ``status``,
``message``, ``detail``, ``field`` and ``retry_after`` (seconds). Each specific error subclasses
its family (``PolicyNotFoundError`` -> ``NotFoundError`` -> ``PlatformError``); validation errors
are also ``ValueError``s, authorization errors ``PermissionError``s, not-found errors
``LookupError``s.
"""

from __future__ import annotations

import builtins
from typing import Optional


class PlatformError(Exception):
    """Base class of every error raised by Shared Platform Core."""

    code: int = 1009
    name: str = "Internal"
    kind: str = "Internal"
    status: int = 500

    def __init__(
        self,
        message: str,
        *,
        detail: Optional[str] = None,
        field: Optional[str] = None,
        retry_after: Optional[float] = None,
        code: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.field = field
        self.retry_after = retry_after
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.name} ({self.code}): {self.message}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, message={self.message!r}, field={self.field!r})"

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild, (type(self), self.message, self.detail, self.field, self.retry_after, self.code))


def _rebuild(cls, message, detail, field, retry_after, code):  # type: ignore[no-untyped-def]
    return cls(message, detail=detail, field=field, retry_after=retry_after, code=code)


class ValidationError(PlatformError, ValueError):
    """Validation errors (status 400)."""

    code = 1000
    name = "Validation"
    kind = "Validation"
    status = 400


class AuthenticationError(PlatformError):
    """Authentication errors (status 401)."""

    code = 1001
    name = "Authentication"
    kind = "Authentication"
    status = 401


class AuthorizationError(PlatformError, PermissionError):
    """Authorization errors (status 403)."""

    code = 1002
    name = "Authorization"
    kind = "Authorization"
    status = 403


class NotFoundError(PlatformError, LookupError):
    """NotFound errors (status 404)."""

    code = 1003
    name = "NotFound"
    kind = "NotFound"
    status = 404


class TimeoutError(PlatformError, builtins.TimeoutError):
    """Timeout errors (status 408)."""

    code = 1004
    name = "Timeout"
    kind = "Timeout"
    status = 408


class ConflictError(PlatformError):
    """Conflict errors (status 409)."""

    code = 1005
    name = "Conflict"
    kind = "Conflict"
    status = 409


class GoneError(PlatformError):
    """Gone errors (status 410)."""

    code = 1006
    name = "Gone"
    kind = "Gone"
    status = 410


class UnprocessableError(PlatformError):
    """Unprocessable errors (status 422)."""

    code = 1007
    name = "Unprocessable"
    kind = "Unprocessable"
    status = 422


class RateLimitError(PlatformError):
    """RateLimited errors (status 429)."""

    code = 1008
    name = "RateLimit"
    kind = "RateLimited"
    status = 429


class ServerError(PlatformError):
    """Internal errors (status 500)."""

    code = 0
    name = "Internal"
    kind = "Internal"
    status = 500


class InternalError(ServerError):
    """An unexpected failure inside the engine (a bug: please report it)."""

    code = 1009
    name = "Internal"


class UnavailableError(ServerError):
    """A required dependency is not available."""

    code = 1010
    name = "Unavailable"
    kind = "Unavailable"
    status = 503


class UpstreamError(ServerError):
    """An upstream service failed."""

    code = 1011
    name = "Upstream"
    kind = "Unavailable"
    status = 503


class ConnectionError(ServerError, builtins.ConnectionError):
    """A network connection failed (e.g. the real-time connection)."""

    code = 1012
    name = "Connection"
    kind = "Unavailable"
    status = 503


class InvalidTenantError(ValidationError):
    """The tenant id is empty, too long or has characters outside `[A-Za-z0-9._:-]`."""

    code = 1100
    name = "InvalidTenant"


class InvalidConfigError(ValidationError):
    """An engine setting is invalid; `field` names the setting."""

    code = 1101
    name = "InvalidConfig"


class EngineClosedError(ServerError):
    """The engine was closed; create a new one."""

    code = 1102
    name = "EngineClosed"
    kind = "Unavailable"
    status = 503


class StorageError(ServerError):
    """The system-of-record store failed."""

    code = 1103
    name = "Storage"


class HotStateFullError(ServerError):
    """The in-memory hot-state store reached its configured key cap."""

    code = 1104
    name = "HotStateFull"
    kind = "Unavailable"
    status = 503


class InvalidUtf8Error(ValidationError):
    """A string argument is not valid UTF-8."""

    code = 1105
    name = "InvalidUtf8"


class NullArgumentError(ValidationError):
    """A required pointer argument was null (C ABI)."""

    code = 1106
    name = "NullArgument"


class PayloadTooLargeError(ValidationError):
    """An input exceeds its documented size limit."""

    code = 1107
    name = "PayloadTooLarge"


class RateLimitExceededError(RateLimitError):
    """The request exceeds a rate limit; `retry_after` says when to retry."""

    code = 2001
    name = "RateLimitExceeded"


class PolicyNotFoundError(NotFoundError):
    """No rate-limit policy with that id."""

    code = 2002
    name = "PolicyNotFound"


class RuleNotFoundError(NotFoundError):
    """No rate-limit rule with that id."""

    code = 2003
    name = "RuleNotFound"


class BypassNotFoundError(NotFoundError):
    """No bypass rule with that id."""

    code = 2004
    name = "BypassNotFound"


class InvalidAlgorithmConfigError(ValidationError):
    """The algorithm configuration is invalid (window, refill, bucket size…)."""

    code = 2005
    name = "InvalidAlgorithmConfig"


class InvalidPathPatternError(ValidationError):
    """The endpoint path glob is invalid."""

    code = 2006
    name = "InvalidPathPattern"


class PolicyInUseError(ConflictError):
    """The policy is still referenced by a rule or plan and cannot be deleted."""

    code = 2007
    name = "PolicyInUse"


class RuleConflictError(ConflictError):
    """Another active rule has the same target and priority."""

    code = 2008
    name = "RuleConflict"


class StoreUnavailableError(ServerError):
    """The distributed rate-limit store is unreachable."""

    code = 2009
    name = "StoreUnavailable"
    kind = "Unavailable"
    status = 503


class InvalidCompositeKeyError(ValidationError):
    """The composite key dimensions are invalid."""

    code = 2010
    name = "InvalidCompositeKey"


class PlanNotFoundError(NotFoundError):
    """No plan mapping with that plan id."""

    code = 2011
    name = "PlanNotFound"


class AdjustmentActiveError(ConflictError):
    """A temporary limit adjustment is already active for that target."""

    code = 2012
    name = "AdjustmentActive"


class AdjustmentNotFoundError(NotFoundError):
    """No limit adjustment with that id."""

    code = 2013
    name = "AdjustmentNotFound"


class CostExceedsCapacityError(UnprocessableError):
    """The request cost exceeds the limit's capacity: it can never be allowed."""

    code = 2014
    name = "CostExceedsCapacity"


class NotificationNotFoundError(NotFoundError):
    """No notification with that id."""

    code = 3001
    name = "NotificationNotFound"


class TemplateNotFoundError(NotFoundError):
    """No template with that id or key."""

    code = 3002
    name = "TemplateNotFound"


class TopicNotFoundError(NotFoundError):
    """No topic with that key."""

    code = 3003
    name = "TopicNotFound"


class WorkflowNotFoundError(NotFoundError):
    """No workflow with that id."""

    code = 3004
    name = "WorkflowNotFound"


class TemplateRenderError(ValidationError):
    """The template variables are invalid or the template failed to render."""

    code = 3005
    name = "TemplateRender"


class MissingVariableError(ValidationError):
    """A required template variable is missing."""

    code = 3006
    name = "MissingVariable"


class RecipientNotFoundError(NotFoundError):
    """No recipient with that id."""

    code = 3007
    name = "RecipientNotFound"


class NoDeliveryChannelError(UnprocessableError):
    """No valid delivery channel for the recipient."""

    code = 3008
    name = "NoDeliveryChannel"


class ProviderNotConfiguredError(UnprocessableError):
    """The push or SMS provider is not configured."""

    code = 3009
    name = "ProviderNotConfigured"


class ProviderConfigError(ValidationError):
    """The provider credentials are invalid."""

    code = 3010
    name = "ProviderConfig"


class DuplicateNotificationError(ConflictError):
    """The idempotency key was already used within the deduplication window."""

    code = 3011
    name = "DuplicateNotification"


class MandatoryCategoryError(AuthorizationError):
    """The category is mandatory and cannot be disabled."""

    code = 3012
    name = "MandatoryCategory"


class InvalidTimeRangeError(ValidationError):
    """The time range is invalid (end before start, too long, malformed)."""

    code = 4001
    name = "InvalidTimeRange"


class InvalidMetricError(ValidationError):
    """The metric name is not supported."""

    code = 4002
    name = "InvalidMetric"


class QueryTimeoutError(TimeoutError):
    """The query was too broad and timed out."""

    code = 4003
    name = "QueryTimeout"


class ReportNotFoundError(NotFoundError):
    """No report with that id."""

    code = 4004
    name = "ReportNotFound"


class ReportGenerationError(ServerError):
    """Report generation failed."""

    code = 4005
    name = "ReportGeneration"


class ReportExpiredError(GoneError):
    """The report download has expired."""

    code = 4006
    name = "ReportExpired"


class FunnelNotFoundError(NotFoundError):
    """No funnel with that id."""

    code = 4007
    name = "FunnelNotFound"


class AlertRuleNotFoundError(NotFoundError):
    """No alert rule with that id."""

    code = 4008
    name = "AlertRuleNotFound"


class ScheduleConflictError(ConflictError):
    """The schedule conflicts with an existing one."""

    code = 4009
    name = "ScheduleConflict"


class InvalidScheduleError(ValidationError):
    """The cron expression is invalid."""

    code = 4010
    name = "InvalidSchedule"


class UnsupportedFormatError(ValidationError):
    """The export format is not supported."""

    code = 4011
    name = "UnsupportedFormat"


class EventSchemaError(ValidationError):
    """The custom event does not match its schema."""

    code = 4012
    name = "EventSchema"


class AuthorizationModelNotFoundError(NotFoundError):
    """No authorization model with that id (or none written yet)."""

    code = 5001
    name = "AuthorizationModelNotFound"


class InvalidAuthorizationModelError(ValidationError):
    """The authorization model is invalid; the detail gives line and column."""

    code = 5002
    name = "InvalidAuthorizationModel"


class TypeNotFoundError(ValidationError):
    """The type is not defined in the model."""

    code = 5003
    name = "TypeNotFound"


class RelationNotFoundError(ValidationError):
    """The relation is not defined on the type."""

    code = 5004
    name = "RelationNotFound"


class InvalidTupleError(ValidationError):
    """The relationship tuple is invalid for the model."""

    code = 5005
    name = "InvalidTuple"


class ResolutionTooComplexError(UnprocessableError):
    """The query exceeded the resolution depth or fan-out limit."""

    code = 5006
    name = "ResolutionTooComplex"


class RoleNotFoundError(NotFoundError):
    """No role with that name."""

    code = 5007
    name = "RoleNotFound"


class ConditionEvaluationError(ValidationError):
    """A condition could not be evaluated (missing or mistyped context)."""

    code = 5008
    name = "ConditionEvaluation"


class InvalidPatternError(ValidationError):
    """A custom redaction pattern is invalid, too large or not linear-time."""

    code = 6001
    name = "InvalidPattern"


class RedactionPolicyNotFoundError(NotFoundError):
    """No redaction policy for that id."""

    code = 6002
    name = "RedactionPolicyNotFound"


class InputTooLargeError(ValidationError):
    """The input exceeds the redaction size limit."""

    code = 6003
    name = "InputTooLarge"


class NestingTooDeepError(ValidationError):
    """The JSON input is nested deeper than the limit."""

    code = 6004
    name = "NestingTooDeep"


ERRORS_BY_CODE: dict[int, type[PlatformError]] = {
    1000: ValidationError,
    1001: AuthenticationError,
    1002: AuthorizationError,
    1003: NotFoundError,
    1004: TimeoutError,
    1005: ConflictError,
    1006: GoneError,
    1007: UnprocessableError,
    1008: RateLimitError,
    1009: InternalError,
    1010: UnavailableError,
    1011: UpstreamError,
    1012: ConnectionError,
    1100: InvalidTenantError,
    1101: InvalidConfigError,
    1102: EngineClosedError,
    1103: StorageError,
    1104: HotStateFullError,
    1105: InvalidUtf8Error,
    1106: NullArgumentError,
    1107: PayloadTooLargeError,
    2001: RateLimitExceededError,
    2002: PolicyNotFoundError,
    2003: RuleNotFoundError,
    2004: BypassNotFoundError,
    2005: InvalidAlgorithmConfigError,
    2006: InvalidPathPatternError,
    2007: PolicyInUseError,
    2008: RuleConflictError,
    2009: StoreUnavailableError,
    2010: InvalidCompositeKeyError,
    2011: PlanNotFoundError,
    2012: AdjustmentActiveError,
    2013: AdjustmentNotFoundError,
    2014: CostExceedsCapacityError,
    3001: NotificationNotFoundError,
    3002: TemplateNotFoundError,
    3003: TopicNotFoundError,
    3004: WorkflowNotFoundError,
    3005: TemplateRenderError,
    3006: MissingVariableError,
    3007: RecipientNotFoundError,
    3008: NoDeliveryChannelError,
    3009: ProviderNotConfiguredError,
    3010: ProviderConfigError,
    3011: DuplicateNotificationError,
    3012: MandatoryCategoryError,
    4001: InvalidTimeRangeError,
    4002: InvalidMetricError,
    4003: QueryTimeoutError,
    4004: ReportNotFoundError,
    4005: ReportGenerationError,
    4006: ReportExpiredError,
    4007: FunnelNotFoundError,
    4008: AlertRuleNotFoundError,
    4009: ScheduleConflictError,
    4010: InvalidScheduleError,
    4011: UnsupportedFormatError,
    4012: EventSchemaError,
    5001: AuthorizationModelNotFoundError,
    5002: InvalidAuthorizationModelError,
    5003: TypeNotFoundError,
    5004: RelationNotFoundError,
    5005: InvalidTupleError,
    5006: ResolutionTooComplexError,
    5007: RoleNotFoundError,
    5008: ConditionEvaluationError,
    6001: InvalidPatternError,
    6002: RedactionPolicyNotFoundError,
    6003: InputTooLargeError,
    6004: NestingTooDeepError,
}

__all__ = [
    "PlatformError",
    "ERRORS_BY_CODE",
    "ValidationError",
    "AuthenticationError",
    "AuthorizationError",
    "NotFoundError",
    "TimeoutError",
    "ConflictError",
    "GoneError",
    "UnprocessableError",
    "RateLimitError",
    "ServerError",
    "InternalError",
    "UnavailableError",
    "UpstreamError",
    "ConnectionError",
    "InvalidTenantError",
    "InvalidConfigError",
    "EngineClosedError",
    "StorageError",
    "HotStateFullError",
    "InvalidUtf8Error",
    "NullArgumentError",
    "PayloadTooLargeError",
    "RateLimitExceededError",
    "PolicyNotFoundError",
    "RuleNotFoundError",
    "BypassNotFoundError",
    "InvalidAlgorithmConfigError",
    "InvalidPathPatternError",
    "PolicyInUseError",
    "RuleConflictError",
    "StoreUnavailableError",
    "InvalidCompositeKeyError",
    "PlanNotFoundError",
    "AdjustmentActiveError",
    "AdjustmentNotFoundError",
    "CostExceedsCapacityError",
    "NotificationNotFoundError",
    "TemplateNotFoundError",
    "TopicNotFoundError",
    "WorkflowNotFoundError",
    "TemplateRenderError",
    "MissingVariableError",
    "RecipientNotFoundError",
    "NoDeliveryChannelError",
    "ProviderNotConfiguredError",
    "ProviderConfigError",
    "DuplicateNotificationError",
    "MandatoryCategoryError",
    "InvalidTimeRangeError",
    "InvalidMetricError",
    "QueryTimeoutError",
    "ReportNotFoundError",
    "ReportGenerationError",
    "ReportExpiredError",
    "FunnelNotFoundError",
    "AlertRuleNotFoundError",
    "ScheduleConflictError",
    "InvalidScheduleError",
    "UnsupportedFormatError",
    "EventSchemaError",
    "AuthorizationModelNotFoundError",
    "InvalidAuthorizationModelError",
    "TypeNotFoundError",
    "RelationNotFoundError",
    "InvalidTupleError",
    "ResolutionTooComplexError",
    "RoleNotFoundError",
    "ConditionEvaluationError",
    "InvalidPatternError",
    "RedactionPolicyNotFoundError",
    "InputTooLargeError",
    "NestingTooDeepError",
]
