'use strict';
// Error classes of Shared Platform Core. Generated from core/src/error.rs by tools/codegen;
// do not edit (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).

/** Base class of every error raised by Shared Platform Core. */
class PlatformError extends Error {
  /**
   * @param {string} message user-safe message
   * @param {{code?: number, detail?: string|null, field?: string|null, retryAfter?: number|null}} [options]
   */
  constructor(message, options = {}) {
    super(message);
    Object.defineProperty(this, 'name', { value: new.target.name, enumerable: false, configurable: true });
    this.code = options.code ?? new.target.code;
    this.errorName = new.target.errorName;
    this.kind = new.target.kind;
    this.status = new.target.status;
    this.detail = options.detail ?? null;
    this.field = options.field ?? null;
    this.retryAfter = options.retryAfter ?? null;
  }
}

function defineDefaults(cls, code, errorName, kind, status) {
  Object.assign(cls, { code, errorName, kind, status });
}
defineDefaults(PlatformError, 1009, 'Internal', 'Internal', 500);

/** Validation errors (status 400). */
class ValidationError extends PlatformError {}
defineDefaults(ValidationError, 1000, 'Validation', 'Validation', 400);

/** Authentication errors (status 401). */
class AuthenticationError extends PlatformError {}
defineDefaults(AuthenticationError, 1001, 'Authentication', 'Authentication', 401);

/** Authorization errors (status 403). */
class AuthorizationError extends PlatformError {}
defineDefaults(AuthorizationError, 1002, 'Authorization', 'Authorization', 403);

/** NotFound errors (status 404). */
class NotFoundError extends PlatformError {}
defineDefaults(NotFoundError, 1003, 'NotFound', 'NotFound', 404);

/** Timeout errors (status 408). */
class TimeoutError extends PlatformError {}
defineDefaults(TimeoutError, 1004, 'Timeout', 'Timeout', 408);

/** Conflict errors (status 409). */
class ConflictError extends PlatformError {}
defineDefaults(ConflictError, 1005, 'Conflict', 'Conflict', 409);

/** Gone errors (status 410). */
class GoneError extends PlatformError {}
defineDefaults(GoneError, 1006, 'Gone', 'Gone', 410);

/** Unprocessable errors (status 422). */
class UnprocessableError extends PlatformError {}
defineDefaults(UnprocessableError, 1007, 'Unprocessable', 'Unprocessable', 422);

/** RateLimited errors (status 429). */
class RateLimitError extends PlatformError {}
defineDefaults(RateLimitError, 1008, 'RateLimit', 'RateLimited', 429);

/** Internal errors (status 500). */
class ServerError extends PlatformError {}
defineDefaults(ServerError, 0, 'Internal', 'Internal', 500);

/** An unexpected failure inside the engine (a bug: please report it). */
class InternalError extends ServerError {}
defineDefaults(InternalError, 1009, 'Internal', 'Internal', 500);

/** A required dependency is not available. */
class UnavailableError extends ServerError {}
defineDefaults(UnavailableError, 1010, 'Unavailable', 'Unavailable', 503);

/** An upstream service failed. */
class UpstreamError extends ServerError {}
defineDefaults(UpstreamError, 1011, 'Upstream', 'Unavailable', 503);

/** A network connection failed (e.g. the real-time connection). */
class ConnectionError extends ServerError {}
defineDefaults(ConnectionError, 1012, 'Connection', 'Unavailable', 503);

/** The tenant id is empty, too long or has characters outside `[A-Za-z0-9._:-]`. */
class InvalidTenantError extends ValidationError {}
defineDefaults(InvalidTenantError, 1100, 'InvalidTenant', 'Validation', 400);

/** An engine setting is invalid; `field` names the setting. */
class InvalidConfigError extends ValidationError {}
defineDefaults(InvalidConfigError, 1101, 'InvalidConfig', 'Validation', 400);

/** The engine was closed; create a new one. */
class EngineClosedError extends ServerError {}
defineDefaults(EngineClosedError, 1102, 'EngineClosed', 'Unavailable', 503);

/** The system-of-record store failed. */
class StorageError extends ServerError {}
defineDefaults(StorageError, 1103, 'Storage', 'Internal', 500);

/** The in-memory hot-state store reached its configured key cap. */
class HotStateFullError extends ServerError {}
defineDefaults(HotStateFullError, 1104, 'HotStateFull', 'Unavailable', 503);

/** A string argument is not valid UTF-8. */
class InvalidUtf8Error extends ValidationError {}
defineDefaults(InvalidUtf8Error, 1105, 'InvalidUtf8', 'Validation', 400);

/** A required pointer argument was null (C ABI). */
class NullArgumentError extends ValidationError {}
defineDefaults(NullArgumentError, 1106, 'NullArgument', 'Validation', 400);

/** An input exceeds its documented size limit. */
class PayloadTooLargeError extends ValidationError {}
defineDefaults(PayloadTooLargeError, 1107, 'PayloadTooLarge', 'Validation', 400);

/** The request exceeds a rate limit; `retry_after` says when to retry. */
class RateLimitExceededError extends RateLimitError {}
defineDefaults(RateLimitExceededError, 2001, 'RateLimitExceeded', 'RateLimited', 429);

/** No rate-limit policy with that id. */
class PolicyNotFoundError extends NotFoundError {}
defineDefaults(PolicyNotFoundError, 2002, 'PolicyNotFound', 'NotFound', 404);

/** No rate-limit rule with that id. */
class RuleNotFoundError extends NotFoundError {}
defineDefaults(RuleNotFoundError, 2003, 'RuleNotFound', 'NotFound', 404);

/** No bypass rule with that id. */
class BypassNotFoundError extends NotFoundError {}
defineDefaults(BypassNotFoundError, 2004, 'BypassNotFound', 'NotFound', 404);

/** The algorithm configuration is invalid (window, refill, bucket size…). */
class InvalidAlgorithmConfigError extends ValidationError {}
defineDefaults(InvalidAlgorithmConfigError, 2005, 'InvalidAlgorithmConfig', 'Validation', 400);

/** The endpoint path glob is invalid. */
class InvalidPathPatternError extends ValidationError {}
defineDefaults(InvalidPathPatternError, 2006, 'InvalidPathPattern', 'Validation', 400);

/** The policy is still referenced by a rule or plan and cannot be deleted. */
class PolicyInUseError extends ConflictError {}
defineDefaults(PolicyInUseError, 2007, 'PolicyInUse', 'Conflict', 409);

/** Another active rule has the same target and priority. */
class RuleConflictError extends ConflictError {}
defineDefaults(RuleConflictError, 2008, 'RuleConflict', 'Conflict', 409);

/** The distributed rate-limit store is unreachable. */
class StoreUnavailableError extends ServerError {}
defineDefaults(StoreUnavailableError, 2009, 'StoreUnavailable', 'Unavailable', 503);

/** The composite key dimensions are invalid. */
class InvalidCompositeKeyError extends ValidationError {}
defineDefaults(InvalidCompositeKeyError, 2010, 'InvalidCompositeKey', 'Validation', 400);

/** No plan mapping with that plan id. */
class PlanNotFoundError extends NotFoundError {}
defineDefaults(PlanNotFoundError, 2011, 'PlanNotFound', 'NotFound', 404);

/** A temporary limit adjustment is already active for that target. */
class AdjustmentActiveError extends ConflictError {}
defineDefaults(AdjustmentActiveError, 2012, 'AdjustmentActive', 'Conflict', 409);

/** No limit adjustment with that id. */
class AdjustmentNotFoundError extends NotFoundError {}
defineDefaults(AdjustmentNotFoundError, 2013, 'AdjustmentNotFound', 'NotFound', 404);

/** The request cost exceeds the limit's capacity: it can never be allowed. */
class CostExceedsCapacityError extends UnprocessableError {}
defineDefaults(CostExceedsCapacityError, 2014, 'CostExceedsCapacity', 'Unprocessable', 422);

/** No notification with that id. */
class NotificationNotFoundError extends NotFoundError {}
defineDefaults(NotificationNotFoundError, 3001, 'NotificationNotFound', 'NotFound', 404);

/** No template with that id or key. */
class TemplateNotFoundError extends NotFoundError {}
defineDefaults(TemplateNotFoundError, 3002, 'TemplateNotFound', 'NotFound', 404);

/** No topic with that key. */
class TopicNotFoundError extends NotFoundError {}
defineDefaults(TopicNotFoundError, 3003, 'TopicNotFound', 'NotFound', 404);

/** No workflow with that id. */
class WorkflowNotFoundError extends NotFoundError {}
defineDefaults(WorkflowNotFoundError, 3004, 'WorkflowNotFound', 'NotFound', 404);

/** The template variables are invalid or the template failed to render. */
class TemplateRenderError extends ValidationError {}
defineDefaults(TemplateRenderError, 3005, 'TemplateRender', 'Validation', 400);

/** A required template variable is missing. */
class MissingVariableError extends ValidationError {}
defineDefaults(MissingVariableError, 3006, 'MissingVariable', 'Validation', 400);

/** No recipient with that id. */
class RecipientNotFoundError extends NotFoundError {}
defineDefaults(RecipientNotFoundError, 3007, 'RecipientNotFound', 'NotFound', 404);

/** No valid delivery channel for the recipient. */
class NoDeliveryChannelError extends UnprocessableError {}
defineDefaults(NoDeliveryChannelError, 3008, 'NoDeliveryChannel', 'Unprocessable', 422);

/** The push or SMS provider is not configured. */
class ProviderNotConfiguredError extends UnprocessableError {}
defineDefaults(ProviderNotConfiguredError, 3009, 'ProviderNotConfigured', 'Unprocessable', 422);

/** The provider credentials are invalid. */
class ProviderConfigError extends ValidationError {}
defineDefaults(ProviderConfigError, 3010, 'ProviderConfig', 'Validation', 400);

/** The idempotency key was already used within the deduplication window. */
class DuplicateNotificationError extends ConflictError {}
defineDefaults(DuplicateNotificationError, 3011, 'DuplicateNotification', 'Conflict', 409);

/** The category is mandatory and cannot be disabled. */
class MandatoryCategoryError extends AuthorizationError {}
defineDefaults(MandatoryCategoryError, 3012, 'MandatoryCategory', 'Authorization', 403);

/** The time range is invalid (end before start, too long, malformed). */
class InvalidTimeRangeError extends ValidationError {}
defineDefaults(InvalidTimeRangeError, 4001, 'InvalidTimeRange', 'Validation', 400);

/** The metric name is not supported. */
class InvalidMetricError extends ValidationError {}
defineDefaults(InvalidMetricError, 4002, 'InvalidMetric', 'Validation', 400);

/** The query was too broad and timed out. */
class QueryTimeoutError extends TimeoutError {}
defineDefaults(QueryTimeoutError, 4003, 'QueryTimeout', 'Timeout', 408);

/** No report with that id. */
class ReportNotFoundError extends NotFoundError {}
defineDefaults(ReportNotFoundError, 4004, 'ReportNotFound', 'NotFound', 404);

/** Report generation failed. */
class ReportGenerationError extends ServerError {}
defineDefaults(ReportGenerationError, 4005, 'ReportGeneration', 'Internal', 500);

/** The report download has expired. */
class ReportExpiredError extends GoneError {}
defineDefaults(ReportExpiredError, 4006, 'ReportExpired', 'Gone', 410);

/** No funnel with that id. */
class FunnelNotFoundError extends NotFoundError {}
defineDefaults(FunnelNotFoundError, 4007, 'FunnelNotFound', 'NotFound', 404);

/** No alert rule with that id. */
class AlertRuleNotFoundError extends NotFoundError {}
defineDefaults(AlertRuleNotFoundError, 4008, 'AlertRuleNotFound', 'NotFound', 404);

/** The schedule conflicts with an existing one. */
class ScheduleConflictError extends ConflictError {}
defineDefaults(ScheduleConflictError, 4009, 'ScheduleConflict', 'Conflict', 409);

/** The cron expression is invalid. */
class InvalidScheduleError extends ValidationError {}
defineDefaults(InvalidScheduleError, 4010, 'InvalidSchedule', 'Validation', 400);

/** The export format is not supported. */
class UnsupportedFormatError extends ValidationError {}
defineDefaults(UnsupportedFormatError, 4011, 'UnsupportedFormat', 'Validation', 400);

/** The custom event does not match its schema. */
class EventSchemaError extends ValidationError {}
defineDefaults(EventSchemaError, 4012, 'EventSchema', 'Validation', 400);

/** No authorization model with that id (or none written yet). */
class AuthorizationModelNotFoundError extends NotFoundError {}
defineDefaults(AuthorizationModelNotFoundError, 5001, 'AuthorizationModelNotFound', 'NotFound', 404);

/** The authorization model is invalid; the detail gives line and column. */
class InvalidAuthorizationModelError extends ValidationError {}
defineDefaults(InvalidAuthorizationModelError, 5002, 'InvalidAuthorizationModel', 'Validation', 400);

/** The type is not defined in the model. */
class TypeNotFoundError extends ValidationError {}
defineDefaults(TypeNotFoundError, 5003, 'TypeNotFound', 'Validation', 400);

/** The relation is not defined on the type. */
class RelationNotFoundError extends ValidationError {}
defineDefaults(RelationNotFoundError, 5004, 'RelationNotFound', 'Validation', 400);

/** The relationship tuple is invalid for the model. */
class InvalidTupleError extends ValidationError {}
defineDefaults(InvalidTupleError, 5005, 'InvalidTuple', 'Validation', 400);

/** The query exceeded the resolution depth or fan-out limit. */
class ResolutionTooComplexError extends UnprocessableError {}
defineDefaults(ResolutionTooComplexError, 5006, 'ResolutionTooComplex', 'Unprocessable', 422);

/** No role with that name. */
class RoleNotFoundError extends NotFoundError {}
defineDefaults(RoleNotFoundError, 5007, 'RoleNotFound', 'NotFound', 404);

/** A condition could not be evaluated (missing or mistyped context). */
class ConditionEvaluationError extends ValidationError {}
defineDefaults(ConditionEvaluationError, 5008, 'ConditionEvaluation', 'Validation', 400);

/** A custom redaction pattern is invalid, too large or not linear-time. */
class InvalidPatternError extends ValidationError {}
defineDefaults(InvalidPatternError, 6001, 'InvalidPattern', 'Validation', 400);

/** No redaction policy for that id. */
class RedactionPolicyNotFoundError extends NotFoundError {}
defineDefaults(RedactionPolicyNotFoundError, 6002, 'RedactionPolicyNotFound', 'NotFound', 404);

/** The input exceeds the redaction size limit. */
class InputTooLargeError extends ValidationError {}
defineDefaults(InputTooLargeError, 6003, 'InputTooLarge', 'Validation', 400);

/** The JSON input is nested deeper than the limit. */
class NestingTooDeepError extends ValidationError {}
defineDefaults(NestingTooDeepError, 6004, 'NestingTooDeep', 'Validation', 400);

const ERRORS_BY_CODE = Object.freeze({
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
});

module.exports = {
  PlatformError,
  ERRORS_BY_CODE,
  ValidationError,
  AuthenticationError,
  AuthorizationError,
  NotFoundError,
  TimeoutError,
  ConflictError,
  GoneError,
  UnprocessableError,
  RateLimitError,
  ServerError,
  InternalError,
  UnavailableError,
  UpstreamError,
  ConnectionError,
  InvalidTenantError,
  InvalidConfigError,
  EngineClosedError,
  StorageError,
  HotStateFullError,
  InvalidUtf8Error,
  NullArgumentError,
  PayloadTooLargeError,
  RateLimitExceededError,
  PolicyNotFoundError,
  RuleNotFoundError,
  BypassNotFoundError,
  InvalidAlgorithmConfigError,
  InvalidPathPatternError,
  PolicyInUseError,
  RuleConflictError,
  StoreUnavailableError,
  InvalidCompositeKeyError,
  PlanNotFoundError,
  AdjustmentActiveError,
  AdjustmentNotFoundError,
  CostExceedsCapacityError,
  NotificationNotFoundError,
  TemplateNotFoundError,
  TopicNotFoundError,
  WorkflowNotFoundError,
  TemplateRenderError,
  MissingVariableError,
  RecipientNotFoundError,
  NoDeliveryChannelError,
  ProviderNotConfiguredError,
  ProviderConfigError,
  DuplicateNotificationError,
  MandatoryCategoryError,
  InvalidTimeRangeError,
  InvalidMetricError,
  QueryTimeoutError,
  ReportNotFoundError,
  ReportGenerationError,
  ReportExpiredError,
  FunnelNotFoundError,
  AlertRuleNotFoundError,
  ScheduleConflictError,
  InvalidScheduleError,
  UnsupportedFormatError,
  EventSchemaError,
  AuthorizationModelNotFoundError,
  InvalidAuthorizationModelError,
  TypeNotFoundError,
  RelationNotFoundError,
  InvalidTupleError,
  ResolutionTooComplexError,
  RoleNotFoundError,
  ConditionEvaluationError,
  InvalidPatternError,
  RedactionPolicyNotFoundError,
  InputTooLargeError,
  NestingTooDeepError,
};
