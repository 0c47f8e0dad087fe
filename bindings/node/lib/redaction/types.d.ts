// Redaction: every type of the Node API. Models are camelCase; entity names are the engine's.

/** The built-in entity names (Presidio's where one exists); custom patterns add their own. */
export type BuiltinEntity =
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'CREDIT_CARD'
  | 'US_SSN'
  | 'IBAN_CODE'
  | 'IP_ADDRESS'
  | 'MAC_ADDRESS'
  | 'URL_CREDENTIALS'
  | 'CONNECTION_STRING'
  | 'AWS_ACCESS_KEY'
  | 'AWS_SECRET_KEY'
  | 'GITHUB_TOKEN'
  | 'SLACK_TOKEN'
  | 'SLACK_WEBHOOK'
  | 'STRIPE_KEY'
  | 'GOOGLE_API_KEY'
  | 'JWT'
  | 'PRIVATE_KEY'
  | 'BEARER_TOKEN'
  | 'SECRET';

/** One detected value. Offsets into the input: UTF-8 bytes (`start`, `end`) and Unicode code
 * points (`charStart`, `charEnd`: indexes into `[...text]`, equal to string indexes when the text
 * has no characters outside the Basic Multilingual Plane). */
export interface Finding {
  /** A built-in entity, `SENSITIVE_FIELD` (JSON) or a custom pattern's name. */
  readonly entity: BuiltinEntity | 'SENSITIVE_FIELD' | (string & {});
  readonly start: number;
  readonly end: number;
  readonly charStart: number;
  readonly charEnd: number;
  /** Confidence, 0 to 1. */
  readonly score: number;
}

/** The redacted text and what was found in the input. */
export interface RedactedText {
  readonly text: string;
  readonly findings: readonly Finding[];
}

/** One finding inside a JSON document. */
export interface JsonFinding {
  /** JSON Pointer (RFC 6901) of the string or field that held it. */
  readonly path: string;
  readonly finding: Finding;
}

/** The redacted document and what was found, by path. */
export interface RedactedJson {
  readonly value: unknown;
  readonly findings: readonly JsonFinding[];
}

/** Replaces the value with `value` (default `[REDACTED]`); `value: null` writes `<ENTITY_NAME>`. */
export interface ReplaceOperator {
  type: 'replace';
  value?: string | null;
}
/** Masks every letter and digit but the last `keepLast` (default 4): `**** **** **** 1111`. */
export interface MaskOperator {
  type: 'mask';
  keepLast?: number;
  maskChar?: string;
}
/** Keeps `keepFirst` (default 1) and `keepLast` (default 0) characters: `j***@example.com`. */
export interface PartialOperator {
  type: 'partial';
  keepFirst?: number;
  keepLast?: number;
}
/** A stable pseudonym `<ENTITY_0123456789abcdef>` (HMAC-SHA256 under the tenant's key). */
export interface HashOperator {
  type: 'hash';
}
/** Removes the value. */
export interface DropOperator {
  type: 'drop';
}
/** How a finding is rewritten. */
export type Operator = ReplaceOperator | MaskOperator | PartialOperator | HashOperator | DropOperator;
/** An operator, or its type for the operator with its defaults. */
export type OperatorLike = Operator | Operator['type'];

/** A custom detector: a linear-time regex (Rust `regex` syntax) reported as entity `name`
 * (`[A-Z0-9_]`, 1–64 characters). */
export interface CustomPattern {
  name: string;
  pattern: string;
  /** Default 0.8. */
  score?: number;
}

/** A scope's redaction policy; every field is optional. Layered: built-in defaults, then the
 * platform's policy, then the tenant's (scalars and operators override, lists are appended). */
export interface RedactionPolicyInput {
  /** The built-in entities to detect (absent: all). */
  entities?: BuiltinEntity[] | null;
  /** Findings scoring below this are ignored (default 0.5). */
  minScore?: number | null;
  /** The operator of entities without their own (default: replace with `[REDACTED]`). */
  defaultOperator?: OperatorLike | null;
  /** Operators by entity name. */
  operators?: Partial<Record<BuiltinEntity, OperatorLike>> & Record<string, OperatorLike>;
  /** Values never redacted (case-insensitive). */
  allowList?: string[];
  customPatterns?: CustomPattern[];
  /** Extra JSON field names (case-insensitive globs) redacted whole. */
  sensitiveFields?: string[];
  /** Largest accepted input in bytes (default and maximum 32 MiB). */
  maxInputBytes?: number | null;
  /** Deepest accepted JSON nesting (default 128, maximum 10,000). */
  maxDepth?: number | null;
}

/** A stored or effective policy as the engine returns it (absent fields are unset). */
export interface RedactionPolicy {
  readonly entities?: readonly BuiltinEntity[];
  readonly minScore?: number;
  readonly defaultOperator?: Readonly<Operator>;
  readonly operators: Readonly<Record<string, Readonly<Operator>>>;
  readonly allowList?: readonly string[];
  readonly customPatterns?: readonly Readonly<Required<CustomPattern>>[];
  readonly sensitiveFields?: readonly string[];
  readonly maxInputBytes?: number;
  readonly maxDepth?: number;
}

/** PII and secret redaction for one scope (`scope.redaction`). Text calls are plain native
 * functions; `…Sync` forms run on the calling thread, the others on the thread pool. Invalid
 * policies throw InvalidPatternError / ValidationError naming the field; inputs over the limits
 * InputTooLargeError / NestingTooDeepError. */
export declare class RedactionClient {
  private constructor();
  /** The redacted text alone (the logging hot path); the same string when nothing was found. */
  redactTextSync(text: string): string;
  redactText(text: string): Promise<string>;
  /** The redacted text and the findings. */
  redactSync(text: string): RedactedText;
  redact(text: string): Promise<RedactedText>;
  /** The findings; the text is not changed. */
  analyzeSync(text: string): readonly Finding[];
  analyze(text: string): Promise<readonly Finding[]>;
  /** Redacts a JSON-compatible value (sensitive field names replaced whole, strings scanned). */
  redactJsonSync(value: unknown): RedactedJson;
  redactJson(value: unknown): Promise<RedactedJson>;
  /** The scope's own policy; RedactionPolicyNotFoundError when it has none. */
  getPolicySync(): RedactionPolicy;
  getPolicy(): Promise<RedactionPolicy>;
  /** Creates or replaces the scope's policy. */
  putPolicySync(policy: RedactionPolicyInput): RedactionPolicy;
  putPolicy(policy: RedactionPolicyInput): Promise<RedactionPolicy>;
  /** Deletes the scope's policy; RedactionPolicyNotFoundError when it has none. */
  deletePolicySync(): void;
  deletePolicy(): Promise<void>;
  /** The merged policy in force (defaults, platform, scope). */
  effectivePolicySync(): RedactionPolicy;
  effectivePolicy(): Promise<RedactionPolicy>;
}

/** What replaces a log entry the engine refuses to redact (never the original). */
export declare const UNREDACTABLE: string;

/** pino `formatters` (use as `formatters: redactionFormatters(scope.redaction)`): `log` redacts
 * the object logged with a message. */
export declare function redactionFormatters(client: RedactionClient): {
  log(object: Record<string, unknown>): Record<string, unknown>;
};

/** pino `hooks`: `logMethod` redacts the message and string arguments, `streamWrite` the finished
 * JSON line. */
export declare function redactionHooks(client: RedactionClient): {
  logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void, level: number): void;
  streamWrite(line: string): string;
};

/** pino options redacting every line: `pino({ ...pinoRedaction(scope.redaction) })`. */
export declare function pinoRedaction(client: RedactionClient): {
  formatters: ReturnType<typeof redactionFormatters>;
  hooks: ReturnType<typeof redactionHooks>;
};

/** A winston transform: `winston.format(winstonRedaction(scope.redaction))()`. */
export declare function winstonRedaction(
  client: RedactionClient,
): <T extends { level: string; message?: unknown; [key: string | symbol]: unknown }>(info: T) => T;
