// Error classes of Shared Platform Core. Generated from core/src/error.rs by tools/codegen;
// do not edit (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

/** The family of an error; it fixes the HTTP-equivalent status. */
export type ErrorKind =
  | 'Validation' | 'Authentication' | 'Authorization' | 'NotFound' | 'Timeout' | 'Conflict'
  | 'Gone' | 'Unprocessable' | 'RateLimited' | 'Internal' | 'Unavailable';

/** Options of an error constructor. */
export interface PlatformErrorOptions {
  code?: number;
  detail?: string | null;
  field?: string | null;
  /** Seconds until a retry may succeed. */
  retryAfter?: number | null;
}

/** Base class of every error raised by Shared Platform Core. */
export declare class PlatformError extends Error {
  constructor(message: string, options?: PlatformErrorOptions);
  /** Stable numeric code (docs/errors.md). */
  readonly code: number;
  /** The specification's error name, e.g. 'PolicyNotFound'. */
  readonly errorName: string;
  readonly kind: ErrorKind;
  /** HTTP-equivalent status. */
  readonly status: number;
  /** Internal detail (for logs). */
  readonly detail: string | null;
  /** The offending input field or setting. */
  readonly field: string | null;
  /** Seconds until a retry may succeed. */
  readonly retryAfter: number | null;
  static readonly code: number;
  static readonly errorName: string;
  static readonly kind: ErrorKind;
  static readonly status: number;
}
export declare class ValidationError extends PlatformError {}
export declare class AuthenticationError extends PlatformError {}
export declare class AuthorizationError extends PlatformError {}
export declare class NotFoundError extends PlatformError {}
export declare class TimeoutError extends PlatformError {}
export declare class ConflictError extends PlatformError {}
export declare class GoneError extends PlatformError {}
export declare class UnprocessableError extends PlatformError {}
export declare class RateLimitError extends PlatformError {}
export declare class ServerError extends PlatformError {}
/** An unexpected failure inside the engine (a bug: please report it). */
export declare class InternalError extends ServerError {}
/** A required dependency is not available. */
export declare class UnavailableError extends ServerError {}
/** An upstream service failed. */
export declare class UpstreamError extends ServerError {}
/** A network connection failed (e.g. the real-time connection). */
export declare class ConnectionError extends ServerError {}
/** The tenant id is empty, too long or has characters outside `[A-Za-z0-9._:-]`. */
export declare class InvalidTenantError extends ValidationError {}
/** An engine setting is invalid; `field` names the setting. */
export declare class InvalidConfigError extends ValidationError {}
/** The engine was closed; create a new one. */
export declare class EngineClosedError extends ServerError {}
/** The system-of-record store failed. */
export declare class StorageError extends ServerError {}
/** The in-memory hot-state store reached its configured key cap. */
export declare class HotStateFullError extends ServerError {}
/** A string argument is not valid UTF-8. */
export declare class InvalidUtf8Error extends ValidationError {}
/** A required pointer argument was null (C ABI). */
export declare class NullArgumentError extends ValidationError {}
/** An input exceeds its documented size limit. */
export declare class PayloadTooLargeError extends ValidationError {}
/** The request exceeds a rate limit; `retry_after` says when to retry. */
export declare class RateLimitExceededError extends RateLimitError {}
/** No rate-limit policy with that id. */
export declare class PolicyNotFoundError extends NotFoundError {}
/** No rate-limit rule with that id. */
export declare class RuleNotFoundError extends NotFoundError {}
/** No bypass rule with that id. */
export declare class BypassNotFoundError extends NotFoundError {}
/** The algorithm configuration is invalid (window, refill, bucket size…). */
export declare class InvalidAlgorithmConfigError extends ValidationError {}
/** The endpoint path glob is invalid. */
export declare class InvalidPathPatternError extends ValidationError {}
/** The policy is still referenced by a rule or plan and cannot be deleted. */
export declare class PolicyInUseError extends ConflictError {}
/** Another active rule has the same target and priority. */
export declare class RuleConflictError extends ConflictError {}
/** The distributed rate-limit store is unreachable. */
export declare class StoreUnavailableError extends ServerError {}
/** The composite key dimensions are invalid. */
export declare class InvalidCompositeKeyError extends ValidationError {}
/** No plan mapping with that plan id. */
export declare class PlanNotFoundError extends NotFoundError {}
/** A temporary limit adjustment is already active for that target. */
export declare class AdjustmentActiveError extends ConflictError {}
/** No limit adjustment with that id. */
export declare class AdjustmentNotFoundError extends NotFoundError {}
/** The request cost exceeds the limit's capacity: it can never be allowed. */
export declare class CostExceedsCapacityError extends UnprocessableError {}
/** No notification with that id. */
export declare class NotificationNotFoundError extends NotFoundError {}
/** No template with that id or key. */
export declare class TemplateNotFoundError extends NotFoundError {}
/** No topic with that key. */
export declare class TopicNotFoundError extends NotFoundError {}
/** No workflow with that id. */
export declare class WorkflowNotFoundError extends NotFoundError {}
/** The template variables are invalid or the template failed to render. */
export declare class TemplateRenderError extends ValidationError {}
/** A required template variable is missing. */
export declare class MissingVariableError extends ValidationError {}
/** No recipient with that id. */
export declare class RecipientNotFoundError extends NotFoundError {}
/** No valid delivery channel for the recipient. */
export declare class NoDeliveryChannelError extends UnprocessableError {}
/** The push or SMS provider is not configured. */
export declare class ProviderNotConfiguredError extends UnprocessableError {}
/** The provider credentials are invalid. */
export declare class ProviderConfigError extends ValidationError {}
/** The idempotency key was already used within the deduplication window. */
export declare class DuplicateNotificationError extends ConflictError {}
/** The category is mandatory and cannot be disabled. */
export declare class MandatoryCategoryError extends AuthorizationError {}
/** The time range is invalid (end before start, too long, malformed). */
export declare class InvalidTimeRangeError extends ValidationError {}
/** The metric name is not supported. */
export declare class InvalidMetricError extends ValidationError {}
/** The query was too broad and timed out. */
export declare class QueryTimeoutError extends TimeoutError {}
/** No report with that id. */
export declare class ReportNotFoundError extends NotFoundError {}
/** Report generation failed. */
export declare class ReportGenerationError extends ServerError {}
/** The report download has expired. */
export declare class ReportExpiredError extends GoneError {}
/** No funnel with that id. */
export declare class FunnelNotFoundError extends NotFoundError {}
/** No alert rule with that id. */
export declare class AlertRuleNotFoundError extends NotFoundError {}
/** The schedule conflicts with an existing one. */
export declare class ScheduleConflictError extends ConflictError {}
/** The cron expression is invalid. */
export declare class InvalidScheduleError extends ValidationError {}
/** The export format is not supported. */
export declare class UnsupportedFormatError extends ValidationError {}
/** The custom event does not match its schema. */
export declare class EventSchemaError extends ValidationError {}
/** No authorization model with that id (or none written yet). */
export declare class AuthorizationModelNotFoundError extends NotFoundError {}
/** The authorization model is invalid; the detail gives line and column. */
export declare class InvalidAuthorizationModelError extends ValidationError {}
/** The type is not defined in the model. */
export declare class TypeNotFoundError extends ValidationError {}
/** The relation is not defined on the type. */
export declare class RelationNotFoundError extends ValidationError {}
/** The relationship tuple is invalid for the model. */
export declare class InvalidTupleError extends ValidationError {}
/** The query exceeded the resolution depth or fan-out limit. */
export declare class ResolutionTooComplexError extends UnprocessableError {}
/** No role with that name. */
export declare class RoleNotFoundError extends NotFoundError {}
/** A condition could not be evaluated (missing or mistyped context). */
export declare class ConditionEvaluationError extends ValidationError {}
/** A custom redaction pattern is invalid, too large or not linear-time. */
export declare class InvalidPatternError extends ValidationError {}
/** No redaction policy for that id. */
export declare class RedactionPolicyNotFoundError extends NotFoundError {}
/** The input exceeds the redaction size limit. */
export declare class InputTooLargeError extends ValidationError {}
/** The JSON input is nested deeper than the limit. */
export declare class NestingTooDeepError extends ValidationError {}
export declare const ERRORS_BY_CODE: Readonly<Record<number, typeof PlatformError>>;
