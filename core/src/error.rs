//! One error taxonomy for every module and every language.
//!
//! [`PlatformError`] carries a stable numeric [`ErrorCode`], the code's [`ErrorKind`] (which fixes
//! the HTTP-equivalent status), a user-safe message, an internal detail, the offending field for
//! validation errors and an optional `retry_after`. The code table below is the single source of
//! truth: `docs/errors.md` is generated from it and a test fails when the document is stale.

use std::fmt;
use std::time::Duration;

/// The family of an error; it fixes the HTTP-equivalent status and the parent exception class in
/// every binding (`NotFound` → `NotFoundError` / `NotFoundException`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Bad input (400).
    Validation,
    /// Missing or bad credentials (401).
    Authentication,
    /// The caller may not do this (403).
    Authorization,
    /// The named thing does not exist (404).
    NotFound,
    /// The operation took too long (408).
    Timeout,
    /// The state does not allow the change (409).
    Conflict,
    /// The thing existed but is gone for good (410).
    Gone,
    /// Well-formed but cannot be processed (422).
    Unprocessable,
    /// Too many requests (429).
    RateLimited,
    /// A bug or an unexpected failure inside the engine (500).
    Internal,
    /// A dependency (store, network, closed engine) is not available (503).
    Unavailable,
}

impl ErrorKind {
    /// Every kind, in status order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::Validation,
        ErrorKind::Authentication,
        ErrorKind::Authorization,
        ErrorKind::NotFound,
        ErrorKind::Timeout,
        ErrorKind::Conflict,
        ErrorKind::Gone,
        ErrorKind::Unprocessable,
        ErrorKind::RateLimited,
        ErrorKind::Internal,
        ErrorKind::Unavailable,
    ];

    /// The HTTP-equivalent status.
    pub fn status(self) -> u16 {
        match self {
            ErrorKind::Validation => 400,
            ErrorKind::Authentication => 401,
            ErrorKind::Authorization => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Timeout => 408,
            ErrorKind::Conflict => 409,
            ErrorKind::Gone => 410,
            ErrorKind::Unprocessable => 422,
            ErrorKind::RateLimited => 429,
            ErrorKind::Internal => 500,
            ErrorKind::Unavailable => 503,
        }
    }

    /// The stable name of the kind (`"NotFound"`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "Validation",
            ErrorKind::Authentication => "Authentication",
            ErrorKind::Authorization => "Authorization",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::Gone => "Gone",
            ErrorKind::Unprocessable => "Unprocessable",
            ErrorKind::RateLimited => "RateLimited",
            ErrorKind::Internal => "Internal",
            ErrorKind::Unavailable => "Unavailable",
        }
    }

    /// The family exception name in the bindings, without the language suffix
    /// (`"NotFound"` → Python `NotFoundError`, Java `NotFoundException`).
    pub fn family(self) -> &'static str {
        match self {
            ErrorKind::RateLimited => "RateLimit",
            ErrorKind::Internal | ErrorKind::Unavailable => "Server",
            other => other.name(),
        }
    }
}

macro_rules! error_codes {
    ($( $module:literal { $( $variant:ident = $code:literal, $kind:ident, $doc:literal; )* } )*) => {
        /// A stable error code. The numeric value, the name and the kind of a code never change
        /// once released; new codes are added at the end of their module's range.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $( $( #[doc = $doc] $variant, )* )*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[$( $( ErrorCode::$variant, )* )*];

            /// The stable numeric code.
            pub fn code(self) -> u32 {
                match self { $( $( ErrorCode::$variant => $code, )* )* }
            }

            /// The kind (family) of the code.
            pub fn kind(self) -> ErrorKind {
                match self { $( $( ErrorCode::$variant => ErrorKind::$kind, )* )* }
            }

            /// The specification's error name (`"PolicyNotFound"`); bindings add `Error` or
            /// `Exception`.
            pub fn name(self) -> &'static str {
                match self { $( $( ErrorCode::$variant => stringify!($variant), )* )* }
            }

            /// The module that raises the code (`"ratelimit"`).
            pub fn module(self) -> &'static str {
                match self { $( $( ErrorCode::$variant => $module, )* )* }
            }

            /// When the code is raised.
            pub fn description(self) -> &'static str {
                match self { $( $( ErrorCode::$variant => $doc, )* )* }
            }
        }
    };
}

error_codes! {
    "core" {
        Validation = 1000, Validation, "Invalid input (the generic validation error; `field` names the input).";
        Authentication = 1001, Authentication, "Missing or invalid credentials.";
        Authorization = 1002, Authorization, "Insufficient permissions for the operation.";
        NotFound = 1003, NotFound, "The requested object does not exist.";
        Timeout = 1004, Timeout, "The operation did not finish in time.";
        Conflict = 1005, Conflict, "The current state does not allow the change.";
        Gone = 1006, Gone, "The object existed but is no longer available.";
        Unprocessable = 1007, Unprocessable, "Well-formed input that cannot be processed.";
        RateLimit = 1008, RateLimited, "A platform rate limit was exceeded.";
        Internal = 1009, Internal, "An unexpected failure inside the engine (a bug: please report it).";
        Unavailable = 1010, Unavailable, "A required dependency is not available.";
        Upstream = 1011, Unavailable, "An upstream service failed.";
        Connection = 1012, Unavailable, "A network connection failed (e.g. the real-time connection).";
        InvalidTenant = 1100, Validation, "The tenant id is empty, too long or has characters outside `[A-Za-z0-9._:-]`.";
        InvalidConfig = 1101, Validation, "An engine setting is invalid; `field` names the setting.";
        EngineClosed = 1102, Unavailable, "The engine was closed; create a new one.";
        Storage = 1103, Internal, "The system-of-record store failed.";
        HotStateFull = 1104, Unavailable, "The in-memory hot-state store reached its configured key cap.";
        InvalidUtf8 = 1105, Validation, "A string argument is not valid UTF-8.";
        NullArgument = 1106, Validation, "A required pointer argument was null (C ABI).";
        PayloadTooLarge = 1107, Validation, "An input exceeds its documented size limit.";
    }
    "ratelimit" {
        RateLimitExceeded = 2001, RateLimited, "The request exceeds a rate limit; `retry_after` says when to retry.";
        PolicyNotFound = 2002, NotFound, "No rate-limit policy with that id.";
        RuleNotFound = 2003, NotFound, "No rate-limit rule with that id.";
        BypassNotFound = 2004, NotFound, "No bypass rule with that id.";
        InvalidAlgorithmConfig = 2005, Validation, "The algorithm configuration is invalid (window, refill, bucket size…).";
        InvalidPathPattern = 2006, Validation, "The endpoint path glob is invalid.";
        PolicyInUse = 2007, Conflict, "The policy is still referenced by a rule or plan and cannot be deleted.";
        RuleConflict = 2008, Conflict, "Another active rule has the same target and priority.";
        StoreUnavailable = 2009, Unavailable, "The distributed rate-limit store is unreachable.";
        InvalidCompositeKey = 2010, Validation, "The composite key dimensions are invalid.";
        PlanNotFound = 2011, NotFound, "No plan mapping with that plan id.";
        AdjustmentActive = 2012, Conflict, "A temporary limit adjustment is already active for that target.";
        AdjustmentNotFound = 2013, NotFound, "No limit adjustment with that id.";
        CostExceedsCapacity = 2014, Unprocessable, "The request cost exceeds the limit's capacity: it can never be allowed.";
    }
    "notifications" {
        NotificationNotFound = 3001, NotFound, "No notification with that id.";
        TemplateNotFound = 3002, NotFound, "No template with that id or key.";
        TopicNotFound = 3003, NotFound, "No topic with that key.";
        WorkflowNotFound = 3004, NotFound, "No workflow with that id.";
        TemplateRender = 3005, Validation, "The template variables are invalid or the template failed to render.";
        MissingVariable = 3006, Validation, "A required template variable is missing.";
        RecipientNotFound = 3007, NotFound, "No recipient with that id.";
        NoDeliveryChannel = 3008, Unprocessable, "No valid delivery channel for the recipient.";
        ProviderNotConfigured = 3009, Unprocessable, "The push or SMS provider is not configured.";
        ProviderConfig = 3010, Validation, "The provider credentials are invalid.";
        DuplicateNotification = 3011, Conflict, "The idempotency key was already used within the deduplication window.";
        MandatoryCategory = 3012, Authorization, "The category is mandatory and cannot be disabled.";
    }
    "analytics" {
        InvalidTimeRange = 4001, Validation, "The time range is invalid (end before start, too long, malformed).";
        InvalidMetric = 4002, Validation, "The metric name is not supported.";
        QueryTimeout = 4003, Timeout, "The query was too broad and timed out.";
        ReportNotFound = 4004, NotFound, "No report with that id.";
        ReportGeneration = 4005, Internal, "Report generation failed.";
        ReportExpired = 4006, Gone, "The report download has expired.";
        FunnelNotFound = 4007, NotFound, "No funnel with that id.";
        AlertRuleNotFound = 4008, NotFound, "No alert rule with that id.";
        ScheduleConflict = 4009, Conflict, "The schedule conflicts with an existing one.";
        InvalidSchedule = 4010, Validation, "The cron expression is invalid.";
        UnsupportedFormat = 4011, Validation, "The export format is not supported.";
        EventSchema = 4012, Validation, "The custom event does not match its schema.";
    }
    "authz" {
        AuthorizationModelNotFound = 5001, NotFound, "No authorization model with that id (or none written yet).";
        InvalidAuthorizationModel = 5002, Validation, "The authorization model is invalid; the detail gives line and column.";
        TypeNotFound = 5003, Validation, "The type is not defined in the model.";
        RelationNotFound = 5004, Validation, "The relation is not defined on the type.";
        InvalidTuple = 5005, Validation, "The relationship tuple is invalid for the model.";
        ResolutionTooComplex = 5006, Unprocessable, "The query exceeded the resolution depth or fan-out limit.";
        RoleNotFound = 5007, NotFound, "No role with that name.";
        ConditionEvaluation = 5008, Validation, "A condition could not be evaluated (missing or mistyped context).";
    }
    "redaction" {
        InvalidPattern = 6001, Validation, "A custom redaction pattern is invalid, too large or not linear-time.";
        RedactionPolicyNotFound = 6002, NotFound, "No redaction policy for that id.";
        InputTooLarge = 6003, Validation, "The input exceeds the redaction size limit.";
        NestingTooDeep = 6004, Validation, "The JSON input is nested deeper than the limit.";
    }
}

impl ErrorCode {
    /// Looks a code up by its number.
    pub fn from_code(code: u32) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.code() == code)
    }

    /// The HTTP-equivalent status of the code (that of its kind).
    pub fn status(self) -> u16 {
        self.kind().status()
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.code())
    }
}

/// The engine's one error type. Cheap to build, safe to show (`user_message`), with an internal
/// `detail` for logs (never shown to end users, already redacted of secrets by the caller).
///
/// One pointer wide: every `Result` of the engine stays small on the hot paths (a refusal of a
/// rate limit is a decision, not an error, so the allocation is only paid when failing).
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformError(Box<ErrorParts>);

#[derive(Debug, Clone, PartialEq)]
struct ErrorParts {
    code: ErrorCode,
    user_message: String,
    detail: Option<String>,
    field: Option<String>,
    retry_after: Option<Duration>,
}

/// The result type of every fallible engine call.
pub type Result<T, E = PlatformError> = std::result::Result<T, E>;

impl PlatformError {
    /// An error with a code and a user-safe message.
    pub fn new(code: ErrorCode, user_message: impl Into<String>) -> Self {
        PlatformError(Box::new(ErrorParts {
            code,
            user_message: user_message.into(),
            detail: None,
            field: None,
            retry_after: None,
        }))
    }

    /// A validation error naming the offending input.
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let message = format!("{}: {}", field, message.into());
        PlatformError::new(ErrorCode::Validation, message).with_field(field)
    }

    /// A validation-kind error with a specific code, naming the offending input.
    pub fn invalid(code: ErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        let field = field.into();
        let message = format!("{}: {}", field, message.into());
        PlatformError::new(code, message).with_field(field)
    }

    /// The same failure reported under another code, about another field: the message keeps
    /// its text without the old field's prefix (so it never reads `user: user: …`).
    pub fn reframed(self, code: ErrorCode, field: impl Into<String>) -> Self {
        let message = match self.field() {
            Some(old) => self.user_message().strip_prefix(old).and_then(|m| m.strip_prefix(": ")),
            None => None,
        }
        .unwrap_or(self.user_message());
        let reframed = PlatformError::invalid(code, field, message);
        match self.0.detail {
            Some(detail) => reframed.with_detail(detail),
            None => reframed,
        }
    }

    /// A not-found error: `"<what> '<id>' not found"`.
    pub fn not_found(code: ErrorCode, what: &str, id: &str) -> Self {
        PlatformError::new(code, format!("{what} '{id}' not found"))
    }

    /// An internal error; the user sees a generic message, the detail keeps the cause.
    pub fn internal(detail: impl Into<String>) -> Self {
        PlatformError::new(ErrorCode::Internal, "internal error").with_detail(detail)
    }

    /// A storage failure with its internal cause.
    pub fn storage(detail: impl fmt::Display) -> Self {
        PlatformError::new(ErrorCode::Storage, "storage failure").with_detail(detail.to_string())
    }

    /// Adds an internal detail.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.0.detail = Some(detail.into());
        self
    }

    /// Names the offending input field or setting.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.0.field = Some(field.into());
        self
    }

    /// Says when a retry may succeed.
    pub fn with_retry_after(mut self, retry_after: Duration) -> Self {
        self.0.retry_after = Some(retry_after);
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }

    /// The kind (family) of the error.
    pub fn kind(&self) -> ErrorKind {
        self.0.code.kind()
    }

    /// The HTTP-equivalent status.
    pub fn status(&self) -> u16 {
        self.0.code.status()
    }

    /// The message that is safe to show to end users.
    pub fn user_message(&self) -> &str {
        &self.0.user_message
    }

    /// The internal detail, for logs and operators.
    pub fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }

    /// The input field or setting the error is about.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// When a retry may succeed.
    pub fn retry_after(&self) -> Option<Duration> {
        self.0.retry_after
    }
}

impl fmt::Display for PlatformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.code, self.0.user_message)
    }
}

impl std::error::Error for PlatformError {}

impl From<rusqlite::Error> for PlatformError {
    fn from(err: rusqlite::Error) -> Self {
        PlatformError::storage(err)
    }
}

impl From<serde_json::Error> for PlatformError {
    fn from(err: serde_json::Error) -> Self {
        PlatformError::new(ErrorCode::Validation, "invalid JSON").with_detail(err.to_string())
    }
}

/// Renders the code table as Markdown (the content of `docs/errors.md`).
pub fn render_error_table() -> String {
    let mut out = String::from(
        "# Error codes\n\nGenerated from `core/src/error.rs` (`cargo test` fails when this file is stale; \
         `UPDATE_DOCS=1 cargo test -p shared-platform-core --test errors` rewrites it).\n\n\
         Every error carries `code`, `kind`, `status`, `name`, a user-safe `message`, an internal \
         `detail`, the offending `field` (validation) and `retry_after` (rate limits). Bindings raise \
         `<Name>Error` (Python, TypeScript) or `<Name>Exception` (Java), a subclass of the family \
         class, itself a subclass of `PlatformError` / `PlatformException`.\n\n\
         ## Kinds\n\n| kind | status | family class |\n|---|---:|---|\n",
    );
    for kind in ErrorKind::ALL {
        out.push_str(&format!("| {} | {} | `{}Error` |\n", kind.name(), kind.status(), kind.family()));
    }
    out.push_str("\n## Codes\n\n| code | name | module | kind | status | when |\n|---:|---|---|---|---:|---|\n");
    for code in ErrorCode::ALL {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            code.code(),
            code.name(),
            code.module(),
            code.kind().name(),
            code.status(),
            code.description()
        ));
    }
    out
}
