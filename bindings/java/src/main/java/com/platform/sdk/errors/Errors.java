// Generated from core/src/error.rs by tools/codegen; do not edit
// (`UPDATE_BINDINGS=1 cargo test -p shared-platform-codegen` regenerates it).
package com.platform.sdk.errors;

/** Maps an engine error code to its exception class. */
public final class Errors {
    private Errors() {}

    /** The exception for an engine error (called by the native library). */
    public static PlatformException create(int code, String message, String detail, String field, long retryAfterMs) {
        ErrorInfo info = ErrorInfo.of(code, message, detail, field, retryAfterMs);
        switch (code) {
            case 1000: return new ValidationException(info);
            case 1001: return new AuthenticationException(info);
            case 1002: return new AuthorizationException(info);
            case 1003: return new NotFoundException(info);
            case 1004: return new TimeoutException(info);
            case 1005: return new ConflictException(info);
            case 1006: return new GoneException(info);
            case 1007: return new UnprocessableException(info);
            case 1008: return new RateLimitException(info);
            case 1009: return new InternalException(info);
            case 1010: return new UnavailableException(info);
            case 1011: return new UpstreamException(info);
            case 1012: return new ConnectionException(info);
            case 1100: return new InvalidTenantException(info);
            case 1101: return new InvalidConfigException(info);
            case 1102: return new EngineClosedException(info);
            case 1103: return new StorageException(info);
            case 1104: return new HotStateFullException(info);
            case 1105: return new InvalidUtf8Exception(info);
            case 1106: return new NullArgumentException(info);
            case 1107: return new PayloadTooLargeException(info);
            case 2001: return new RateLimitExceededException(info);
            case 2002: return new PolicyNotFoundException(info);
            case 2003: return new RuleNotFoundException(info);
            case 2004: return new BypassNotFoundException(info);
            case 2005: return new InvalidAlgorithmConfigException(info);
            case 2006: return new InvalidPathPatternException(info);
            case 2007: return new PolicyInUseException(info);
            case 2008: return new RuleConflictException(info);
            case 2009: return new StoreUnavailableException(info);
            case 2010: return new InvalidCompositeKeyException(info);
            case 2011: return new PlanNotFoundException(info);
            case 2012: return new AdjustmentActiveException(info);
            case 2013: return new AdjustmentNotFoundException(info);
            case 2014: return new CostExceedsCapacityException(info);
            case 3001: return new NotificationNotFoundException(info);
            case 3002: return new TemplateNotFoundException(info);
            case 3003: return new TopicNotFoundException(info);
            case 3004: return new WorkflowNotFoundException(info);
            case 3005: return new TemplateRenderException(info);
            case 3006: return new MissingVariableException(info);
            case 3007: return new RecipientNotFoundException(info);
            case 3008: return new NoDeliveryChannelException(info);
            case 3009: return new ProviderNotConfiguredException(info);
            case 3010: return new ProviderConfigException(info);
            case 3011: return new DuplicateNotificationException(info);
            case 3012: return new MandatoryCategoryException(info);
            case 4001: return new InvalidTimeRangeException(info);
            case 4002: return new InvalidMetricException(info);
            case 4003: return new QueryTimeoutException(info);
            case 4004: return new ReportNotFoundException(info);
            case 4005: return new ReportGenerationException(info);
            case 4006: return new ReportExpiredException(info);
            case 4007: return new FunnelNotFoundException(info);
            case 4008: return new AlertRuleNotFoundException(info);
            case 4009: return new ScheduleConflictException(info);
            case 4010: return new InvalidScheduleException(info);
            case 4011: return new UnsupportedFormatException(info);
            case 4012: return new EventSchemaException(info);
            case 5001: return new AuthorizationModelNotFoundException(info);
            case 5002: return new InvalidAuthorizationModelException(info);
            case 5003: return new TypeNotFoundException(info);
            case 5004: return new RelationNotFoundException(info);
            case 5005: return new InvalidTupleException(info);
            case 5006: return new ResolutionTooComplexException(info);
            case 5007: return new RoleNotFoundException(info);
            case 5008: return new ConditionEvaluationException(info);
            case 6001: return new InvalidPatternException(info);
            case 6002: return new RedactionPolicyNotFoundException(info);
            case 6003: return new InputTooLargeException(info);
            case 6004: return new NestingTooDeepException(info);
            default: return new PlatformException(info);
        }
    }

    /** The specification name, kind and status of a code. */
    static String[] describe(int code) {
        switch (code) {
            case 1000: return new String[] {"Validation", "Validation", "400"};
            case 1001: return new String[] {"Authentication", "Authentication", "401"};
            case 1002: return new String[] {"Authorization", "Authorization", "403"};
            case 1003: return new String[] {"NotFound", "NotFound", "404"};
            case 1004: return new String[] {"Timeout", "Timeout", "408"};
            case 1005: return new String[] {"Conflict", "Conflict", "409"};
            case 1006: return new String[] {"Gone", "Gone", "410"};
            case 1007: return new String[] {"Unprocessable", "Unprocessable", "422"};
            case 1008: return new String[] {"RateLimit", "RateLimited", "429"};
            case 1009: return new String[] {"Internal", "Internal", "500"};
            case 1010: return new String[] {"Unavailable", "Unavailable", "503"};
            case 1011: return new String[] {"Upstream", "Unavailable", "503"};
            case 1012: return new String[] {"Connection", "Unavailable", "503"};
            case 1100: return new String[] {"InvalidTenant", "Validation", "400"};
            case 1101: return new String[] {"InvalidConfig", "Validation", "400"};
            case 1102: return new String[] {"EngineClosed", "Unavailable", "503"};
            case 1103: return new String[] {"Storage", "Internal", "500"};
            case 1104: return new String[] {"HotStateFull", "Unavailable", "503"};
            case 1105: return new String[] {"InvalidUtf8", "Validation", "400"};
            case 1106: return new String[] {"NullArgument", "Validation", "400"};
            case 1107: return new String[] {"PayloadTooLarge", "Validation", "400"};
            case 2001: return new String[] {"RateLimitExceeded", "RateLimited", "429"};
            case 2002: return new String[] {"PolicyNotFound", "NotFound", "404"};
            case 2003: return new String[] {"RuleNotFound", "NotFound", "404"};
            case 2004: return new String[] {"BypassNotFound", "NotFound", "404"};
            case 2005: return new String[] {"InvalidAlgorithmConfig", "Validation", "400"};
            case 2006: return new String[] {"InvalidPathPattern", "Validation", "400"};
            case 2007: return new String[] {"PolicyInUse", "Conflict", "409"};
            case 2008: return new String[] {"RuleConflict", "Conflict", "409"};
            case 2009: return new String[] {"StoreUnavailable", "Unavailable", "503"};
            case 2010: return new String[] {"InvalidCompositeKey", "Validation", "400"};
            case 2011: return new String[] {"PlanNotFound", "NotFound", "404"};
            case 2012: return new String[] {"AdjustmentActive", "Conflict", "409"};
            case 2013: return new String[] {"AdjustmentNotFound", "NotFound", "404"};
            case 2014: return new String[] {"CostExceedsCapacity", "Unprocessable", "422"};
            case 3001: return new String[] {"NotificationNotFound", "NotFound", "404"};
            case 3002: return new String[] {"TemplateNotFound", "NotFound", "404"};
            case 3003: return new String[] {"TopicNotFound", "NotFound", "404"};
            case 3004: return new String[] {"WorkflowNotFound", "NotFound", "404"};
            case 3005: return new String[] {"TemplateRender", "Validation", "400"};
            case 3006: return new String[] {"MissingVariable", "Validation", "400"};
            case 3007: return new String[] {"RecipientNotFound", "NotFound", "404"};
            case 3008: return new String[] {"NoDeliveryChannel", "Unprocessable", "422"};
            case 3009: return new String[] {"ProviderNotConfigured", "Unprocessable", "422"};
            case 3010: return new String[] {"ProviderConfig", "Validation", "400"};
            case 3011: return new String[] {"DuplicateNotification", "Conflict", "409"};
            case 3012: return new String[] {"MandatoryCategory", "Authorization", "403"};
            case 4001: return new String[] {"InvalidTimeRange", "Validation", "400"};
            case 4002: return new String[] {"InvalidMetric", "Validation", "400"};
            case 4003: return new String[] {"QueryTimeout", "Timeout", "408"};
            case 4004: return new String[] {"ReportNotFound", "NotFound", "404"};
            case 4005: return new String[] {"ReportGeneration", "Internal", "500"};
            case 4006: return new String[] {"ReportExpired", "Gone", "410"};
            case 4007: return new String[] {"FunnelNotFound", "NotFound", "404"};
            case 4008: return new String[] {"AlertRuleNotFound", "NotFound", "404"};
            case 4009: return new String[] {"ScheduleConflict", "Conflict", "409"};
            case 4010: return new String[] {"InvalidSchedule", "Validation", "400"};
            case 4011: return new String[] {"UnsupportedFormat", "Validation", "400"};
            case 4012: return new String[] {"EventSchema", "Validation", "400"};
            case 5001: return new String[] {"AuthorizationModelNotFound", "NotFound", "404"};
            case 5002: return new String[] {"InvalidAuthorizationModel", "Validation", "400"};
            case 5003: return new String[] {"TypeNotFound", "Validation", "400"};
            case 5004: return new String[] {"RelationNotFound", "Validation", "400"};
            case 5005: return new String[] {"InvalidTuple", "Validation", "400"};
            case 5006: return new String[] {"ResolutionTooComplex", "Unprocessable", "422"};
            case 5007: return new String[] {"RoleNotFound", "NotFound", "404"};
            case 5008: return new String[] {"ConditionEvaluation", "Validation", "400"};
            case 6001: return new String[] {"InvalidPattern", "Validation", "400"};
            case 6002: return new String[] {"RedactionPolicyNotFound", "NotFound", "404"};
            case 6003: return new String[] {"InputTooLarge", "Validation", "400"};
            case 6004: return new String[] {"NestingTooDeep", "Validation", "400"};
            default: return new String[] {"Internal", "Internal", "500"};
        }
    }
}
