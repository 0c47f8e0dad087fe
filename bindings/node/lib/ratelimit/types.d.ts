// Rate limiting (spec 003 §4): every type of the Node API. Models are camelCase; enum values are the
// engine's snake_case strings.
import type { Page } from '../index';

export type RateLimitAlgorithm = 'sliding_window' | 'token_bucket' | 'fixed_window';
export type RateLimitScope = 'endpoint' | 'user' | 'tenant' | 'ip' | 'api_key';
export type WindowUnit = 'second' | 'minute' | 'hour' | 'day';
export type ThrottleMode = 'reject' | 'throttle' | 'penalty_box';
export type RuleTargetType = RateLimitScope | 'role';
export type ConditionField = 'plan' | 'role' | 'header' | 'ip_range' | 'country' | 'user_agent';
export type ConditionOperator = 'eq' | 'neq' | 'in' | 'not_in' | 'matches';
export type BypassType = 'api_key' | 'role' | 'ip' | 'user';
export type DistributedStoreType = 'redis' | 'redis_cluster' | 'redis_sentinel';
export type FailureMode = 'error' | 'fail_open' | 'fail_closed';
export type DecisionAction = 'allow' | 'bypass' | 'throttle' | 'reject';

/** Counts per combination of request dimensions (e.g. ['ip', 'endpoint']). */
export interface CompositeKey {
  dimensions: string[];
}

/** One limit: maxRequests per window, counted per scope. */
export interface RateLimit {
  scope: RateLimitScope;
  maxRequests: number;
  windowSeconds?: number | null;
  windowUnit?: WindowUnit | null;
  key?: CompositeKey | null;
  costBased?: boolean;
}

export interface TokenBucketConfig {
  /** Tokens added per second. */
  refillRate: number;
  bucketSize: number;
  initialTokens?: number | null;
}

export interface BurstConfig {
  maxBurst: number;
  burstWindowSeconds: number;
  cooldownSeconds: number;
}

export interface ThrottleConfig {
  mode: ThrottleMode;
  throttleDelayMs?: number | null;
  penaltyBoxLimit?: number | null;
  penaltyBoxDurationSeconds?: number | null;
}

export interface SlidingWindowConfig {
  algorithm?: 'sliding_window';
  tokenBucket?: null;
}
export interface FixedWindowConfig {
  algorithm: 'fixed_window';
  tokenBucket?: null;
}
export interface TokenBucketAlgorithmConfig {
  algorithm: 'token_bucket';
  tokenBucket: TokenBucketConfig;
}
/** The algorithm and its parameters (a discriminated union on `algorithm`). */
export type AlgorithmConfig = SlidingWindowConfig | FixedWindowConfig | TokenBucketAlgorithmConfig;

interface PolicyFields {
  name: string;
  description?: string | null;
  limits: RateLimit[];
  burst?: BurstConfig | null;
  throttle?: ThrottleConfig | null;
  isActive?: boolean;
  /** Higher is evaluated first. */
  priority?: number;
}

/** A new policy. */
export type CreatePolicyRequest = PolicyFields & AlgorithmConfig;
/** Changes to a policy (absent = unchanged). */
export type UpdatePolicyRequest = Partial<PolicyFields> & Partial<AlgorithmConfig>;

/** A stored policy. */
export interface RateLimitPolicy {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly limits: readonly Readonly<RateLimit>[];
  readonly algorithm: RateLimitAlgorithm;
  readonly tokenBucket: Readonly<TokenBucketConfig> | null;
  readonly burst: Readonly<BurstConfig> | null;
  readonly throttle: Readonly<ThrottleConfig> | null;
  readonly isActive: boolean;
  readonly priority: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a rule applies to (value null = all, '*' = any), optionally a method and a path glob. */
export interface RuleTarget {
  type: RuleTargetType;
  value?: string | null;
  method?: string | null;
  pathPattern?: string | null;
}

export interface RuleCondition {
  field: ConditionField;
  operator: ConditionOperator;
  value: unknown;
  /** The header name, for field 'header'. */
  header?: string | null;
}

export interface CreateRuleRequest {
  name: string;
  description?: string | null;
  policyId: string;
  target: RuleTarget;
  conditions?: RuleCondition[] | null;
  isActive?: boolean;
  priority?: number;
}

export type UpdateRuleRequest = Partial<Omit<CreateRuleRequest, 'isActive'>>;

export interface RateLimitRule {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly policyId: string;
  readonly target: Readonly<RuleTarget>;
  readonly conditions: readonly Readonly<RuleCondition>[] | null;
  readonly isActive: boolean;
  readonly priority: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PlanRateLimitMapping {
  readonly planId: string;
  readonly planName: string;
  readonly policyId: string;
  readonly policyName: string;
  readonly createdAt: Date;
}

export interface CreateBypassRuleRequest {
  type: BypassType;
  /** The key, role, user, or an IP / CIDR range. */
  value: string;
  reason?: string;
  createdBy?: string;
  expiresAt?: Date | string | null;
}

export interface BypassRule {
  readonly id: string;
  readonly type: BypassType;
  readonly value: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly expiresAt: Date | null;
  readonly isActive: boolean;
  readonly createdAt: Date;
}

export interface AdjustLimitRequest {
  newLimit: number;
  durationMinutes: number;
  reason?: string;
  createdBy?: string;
}

export interface LimitAdjustment {
  readonly id: string;
  readonly ruleId: string;
  readonly originalLimit: number;
  readonly adjustedLimit: number;
  readonly reason: string;
  readonly expiresAt: Date;
  readonly createdBy: string;
  readonly isActive: boolean;
  readonly createdAt: Date;
}

export interface EndpointCost {
  pathPattern: string;
  /** An HTTP method or '*'. */
  method: string;
  cost: number;
  description?: string | null;
}

export interface RateLimitCheckRequest {
  scope: RateLimitScope;
  identifier: string;
  endpoint?: string;
  method?: string;
  cost?: number;
}

export interface RateLimitStatus {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly resetAt: Date;
  readonly retryAfterSeconds: number | null;
  readonly isLimited: boolean;
  readonly policyId: string;
  readonly policyName: string;
  readonly algorithm: RateLimitAlgorithm;
  readonly scope: RateLimitScope | null;
  readonly burstRemaining: number | null;
  readonly burstTotal: number | null;
}

/** What rate-limit headers say; missing or malformed fields are null. */
export interface RateLimitInfo {
  readonly limit: number | null;
  readonly remaining: number | null;
  readonly resetAt: Date | null;
  readonly policy: string | null;
  readonly retryAfter: number | null;
}

export interface TimeRange {
  start: Date | string;
  end: Date | string;
}

export interface ScopeAnalytics {
  readonly total: number;
  readonly limited: number;
  readonly rate: number;
}

export interface PolicyAnalytics extends ScopeAnalytics {
  readonly policyId: string;
  readonly policyName: string;
}

export interface RateLimitAnalytics {
  readonly totalRequests: number;
  readonly limitedRequests: number;
  readonly limitRate: number;
  readonly byScope: Readonly<Partial<Record<RateLimitScope, ScopeAnalytics>>>;
  readonly byPolicy: Readonly<Record<string, PolicyAnalytics>>;
  readonly timeRange: { readonly start: Date; readonly end: Date };
}

export interface AnalyticsParams {
  timeRange: TimeRange;
}

export interface TopLimitedParams {
  timeRange: TimeRange;
  scope?: RateLimitScope;
  /** Top N (default 10). */
  limit?: number;
}

export interface LimitedEntity {
  readonly scope: RateLimitScope;
  readonly identifier: string;
  readonly limitedCount: number;
  readonly totalRequests: number;
  readonly limitRate: number;
  readonly primaryPolicy: string;
  readonly lastLimitedAt: Date;
}

export interface DistributedStoreConfig {
  type: DistributedStoreType;
  connectionUrl: string;
  keyPrefix?: string;
  syncIntervalMs?: number;
  failureMode?: FailureMode;
}

export interface DistributedStoreStatus {
  readonly type: string;
  readonly connected: boolean;
  readonly latencyMs: number;
  readonly keysCount: number;
  readonly memoryUsageBytes: number | null;
  readonly lastSyncAt: Date;
}

export interface ListPoliciesParams {
  isActive?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ListRulesParams extends ListPoliciesParams {
  policyId?: string;
}

/** Header shapes parseRateLimitHeaders accepts: Fetch Headers, a response with `headers`
 * (Fetch, axios, node http), a plain object or [name, value] pairs. */
export type HeadersInput =
  | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null }
  | { headers: unknown }
  | Record<string, string | string[] | number | undefined>
  | ReadonlyArray<readonly [string, string]>;

/** The context of one request. Absent fields may be omitted, `undefined` or `null`; a field of
 * another type throws a TypeError naming it. Strings cross as UTF-8, byte-exact (no normalisation). */
export interface RateLimitRequest {
  endpoint: string;
  /** Default 'GET'. */
  method?: string | null;
  user?: string | null;
  ip?: string | null;
  apiKey?: string | null;
  roles?: readonly string[] | null;
  plan?: string | null;
  country?: string | null;
  userAgent?: string | null;
  headers?: HeadersInput | null;
  /** Default: the endpoint cost map, else 1. Truncated to an integer; NaN and ±Infinity count as 0. */
  cost?: number | null;
}

/** The answer for one request (immutable). */
export declare class RateLimitDecision {
  private constructor();
  readonly allowed: boolean;
  readonly action: DecisionAction;
  /** The deciding limit (0 when no limit applies). */
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly resetAtMs: number;
  readonly resetAt: Date;
  /** Seconds to wait (refused or throttled requests). */
  readonly retryAfter: number | null;
  /** Whole seconds for Retry-After (rounded up). */
  readonly retryAfterSeconds: number | null;
  readonly scope: RateLimitScope | null;
  readonly algorithm: RateLimitAlgorithm | null;
  readonly burstRemaining: number | null;
  readonly burstTotal: number | null;
  /** Seconds to wait before proceeding (throttle mode). */
  readonly throttleDelay: number | null;
  readonly windowSeconds: number | null;
  /** The store could not decide; the failure mode did. */
  readonly degraded: boolean;
  readonly policyId: string | null;
  readonly policyName: string | null;
  /** X-RateLimit-*, IETF RateLimit / RateLimit-Policy and (when refused) Retry-After. */
  headers(): Record<string, string>;
}

/** Rate limiting for one scope (`scope.ratelimit`). Async methods run off the event loop;
 * `…Sync` forms run on it. */
export declare class RateLimitClient {
  private constructor();
  consume(request: RateLimitRequest): Promise<RateLimitDecision>;
  consumeSync(request: RateLimitRequest): RateLimitDecision;
  check(request: RateLimitRequest): Promise<RateLimitDecision>;
  checkSync(request: RateLimitRequest): RateLimitDecision;
  /** Rejects with RateLimitExceededError when refused. */
  enforce(request: RateLimitRequest): Promise<RateLimitDecision>;
  enforceSync(request: RateLimitRequest): RateLimitDecision;
  parseRateLimitHeaders(headers: HeadersInput): RateLimitInfo;

  createPolicy(request: CreatePolicyRequest): Promise<RateLimitPolicy>;
  createPolicySync(request: CreatePolicyRequest): RateLimitPolicy;
  listPolicies(params?: ListPoliciesParams): Promise<Page<RateLimitPolicy>>;
  listPoliciesSync(params?: ListPoliciesParams): Page<RateLimitPolicy>;
  getPolicy(policyId: string): Promise<RateLimitPolicy>;
  getPolicySync(policyId: string): RateLimitPolicy;
  updatePolicy(policyId: string, request: UpdatePolicyRequest): Promise<RateLimitPolicy>;
  updatePolicySync(policyId: string, request: UpdatePolicyRequest): RateLimitPolicy;
  deletePolicy(policyId: string): Promise<void>;
  deletePolicySync(policyId: string): void;

  createRule(request: CreateRuleRequest): Promise<RateLimitRule>;
  createRuleSync(request: CreateRuleRequest): RateLimitRule;
  listRules(params?: ListRulesParams): Promise<Page<RateLimitRule>>;
  listRulesSync(params?: ListRulesParams): Page<RateLimitRule>;
  getRule(ruleId: string): Promise<RateLimitRule>;
  getRuleSync(ruleId: string): RateLimitRule;
  updateRule(ruleId: string, request: UpdateRuleRequest): Promise<RateLimitRule>;
  updateRuleSync(ruleId: string, request: UpdateRuleRequest): RateLimitRule;
  deleteRule(ruleId: string): Promise<void>;
  deleteRuleSync(ruleId: string): void;
  enableRule(ruleId: string): Promise<RateLimitRule>;
  enableRuleSync(ruleId: string): RateLimitRule;
  disableRule(ruleId: string): Promise<RateLimitRule>;
  disableRuleSync(ruleId: string): RateLimitRule;

  assignPolicyToPlan(planId: string, policyId: string): Promise<PlanRateLimitMapping>;
  assignPolicyToPlanSync(planId: string, policyId: string): PlanRateLimitMapping;
  getPlanPolicy(planId: string): Promise<PlanRateLimitMapping>;
  getPlanPolicySync(planId: string): PlanRateLimitMapping;
  removePlanPolicy(planId: string): Promise<void>;
  removePlanPolicySync(planId: string): void;
  listPlanPolicies(): Promise<readonly PlanRateLimitMapping[]>;
  listPlanPoliciesSync(): readonly PlanRateLimitMapping[];

  checkRateLimit(request: RateLimitCheckRequest): Promise<RateLimitStatus>;
  checkRateLimitSync(request: RateLimitCheckRequest): RateLimitStatus;
  getRateLimitStatus(scope: RateLimitScope, identifier: string): Promise<RateLimitStatus>;
  getRateLimitStatusSync(scope: RateLimitScope, identifier: string): RateLimitStatus;

  createBypassRule(request: CreateBypassRuleRequest): Promise<BypassRule>;
  createBypassRuleSync(request: CreateBypassRuleRequest): BypassRule;
  listBypassRules(): Promise<readonly BypassRule[]>;
  listBypassRulesSync(): readonly BypassRule[];
  deleteBypassRule(bypassId: string): Promise<void>;
  deleteBypassRuleSync(bypassId: string): void;

  adjustLimit(ruleId: string, request: AdjustLimitRequest): Promise<LimitAdjustment>;
  adjustLimitSync(ruleId: string, request: AdjustLimitRequest): LimitAdjustment;
  listAdjustments(ruleId: string): Promise<readonly LimitAdjustment[]>;
  listAdjustmentsSync(ruleId: string): readonly LimitAdjustment[];
  revertAdjustment(adjustmentId: string): Promise<void>;
  revertAdjustmentSync(adjustmentId: string): void;

  setEndpointCosts(costs: EndpointCost[]): Promise<void>;
  setEndpointCostsSync(costs: EndpointCost[]): void;
  getEndpointCosts(): Promise<readonly EndpointCost[]>;
  getEndpointCostsSync(): readonly EndpointCost[];

  getRateLimitAnalytics(params: AnalyticsParams): Promise<RateLimitAnalytics>;
  getRateLimitAnalyticsSync(params: AnalyticsParams): RateLimitAnalytics;
  getTopLimitedEntities(params: TopLimitedParams): Promise<readonly LimitedEntity[]>;
  getTopLimitedEntitiesSync(params: TopLimitedParams): readonly LimitedEntity[];

  configureDistributedStore(config: DistributedStoreConfig): Promise<DistributedStoreConfig>;
  configureDistributedStoreSync(config: DistributedStoreConfig): DistributedStoreConfig;
  getDistributedStoreStatus(): Promise<DistributedStoreStatus>;
  getDistributedStoreStatusSync(): DistributedStoreStatus;
}

/** Parses rate-limit headers (system clock for relative resets); never throws on values. */
export declare function parseRateLimitHeaders(headers: HeadersInput): RateLimitInfo;

/** Minimal request/response shapes the middleware uses (Express, or node:http). */
export interface MiddlewareRequest {
  path?: string;
  url?: string;
  method?: string;
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}
export interface MiddlewareResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}
export type NextFunction = (err?: unknown) => void;

export interface RateLimitMiddlewareOptions<Req extends MiddlewareRequest = MiddlewareRequest> {
  /** Extra request fields (user, apiKey, roles, plan…) merged over path, method, ip, user agent, headers. */
  request?: (req: Req) => Partial<RateLimitRequest>;
  /** Set the rate-limit response headers (default true). */
  setHeaders?: boolean;
  /** Decide on the event loop (fastest for in-process state); default false (thread pool). */
  sync?: boolean;
  /** Replaces the 429 answer. */
  onLimited?: (req: Req, res: MiddlewareResponse, next: NextFunction, decision: RateLimitDecision) => unknown;
}

/** Express-compatible middleware: headers on every response, 429 + Retry-After when refused. */
export declare function rateLimitMiddleware<Req extends MiddlewareRequest = MiddlewareRequest>(
  client: RateLimitClient,
  options?: RateLimitMiddlewareOptions<Req>,
): (req: Req, res: MiddlewareResponse, next: NextFunction) => Promise<void>;

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Seconds before the first retry, doubled each time (default 0.5). */
  baseDelay?: number;
  /** Longest wait in seconds, also caps Retry-After (default 30). */
  maxDelay?: number;
  /** Randomize delays (default true). */
  jitter?: boolean;
}

/** Retries `fn` while it resolves to a 429 response or rejects with RateLimitExceededError. */
export declare function rateLimitAware<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  options?: RetryOptions,
): (...args: A) => Promise<R>;

/** A fetch wrapper that retries 429 responses with backoff. */
export declare class RateLimitAwareClient {
  constructor(options?: RetryOptions & { fetch?: typeof fetch });
  readonly fetch: typeof fetch;
}

/** Event names published on the engine's event bus. */
export declare const RATE_LIMIT_EVENTS: {
  readonly LIMIT_APPROACHED: 'ratelimit.limit_approached';
  readonly LIMIT_EXCEEDED: 'ratelimit.limit_exceeded';
  readonly BURST_USED: 'ratelimit.burst_used';
  readonly PENALTY_BOX_ENTERED: 'ratelimit.penalty_box_entered';
  readonly PENALTY_BOX_EXITED: 'ratelimit.penalty_box_exited';
  readonly POLICY_CREATED: 'ratelimit.policy.created';
  readonly POLICY_UPDATED: 'ratelimit.policy.updated';
  readonly POLICY_DELETED: 'ratelimit.policy.deleted';
  readonly RULE_CREATED: 'ratelimit.rule.created';
  readonly RULE_ENABLED: 'ratelimit.rule.enabled';
  readonly RULE_DISABLED: 'ratelimit.rule.disabled';
  readonly BYPASS_CREATED: 'ratelimit.bypass.created';
  readonly BYPASS_EXPIRED: 'ratelimit.bypass.expired';
  readonly ADJUSTMENT_APPLIED: 'ratelimit.adjustment.applied';
  readonly ADJUSTMENT_REVERTED: 'ratelimit.adjustment.reverted';
  readonly DISTRIBUTED_STORE_CONNECTED: 'ratelimit.distributed_store.connected';
  readonly DISTRIBUTED_STORE_DISCONNECTED: 'ratelimit.distributed_store.disconnected';
};
