// Shared Platform Core for Node.js: types of the public API.
export * from './errors';
export * from './ratelimit/types';
export * from './authz/types';
import type { RateLimitClient } from './ratelimit/types';
import type { AuthzClient } from './authz/types';
export * from './redaction/types';
import type { RedactionClient } from './redaction/types';

/** Engine options; every field is optional (zero-config: SQLite and hot state in memory). */
export interface EngineOptions {
  /** ':memory:' (default) or a SQLite file path. */
  database?: string;
  /** Durable hot state in this redb file. */
  redbPath?: string;
  kvShards?: number;
  kvMaxKeys?: number;
  /** Shared state in Redis (redis://host:port/db). */
  redisUrl?: string;
  workerThreads?: number;
  /** Start a manual clock at this time instead of the system clock (tests). */
  manualClock?: Date | string;
}

/** Where a page sits in the whole listing. */
export interface Pagination {
  readonly page: number;
  readonly pageSize: number;
  readonly totalItems: number;
  readonly totalPages: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
}

/** One page of a listing. */
export interface Page<T> {
  readonly data: readonly T[];
  readonly pagination: Pagination;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What a caller records. */
export interface AuditEntryInput {
  actorId: string;
  action: string;
  resourceType: string;
  resourceId: string;
  outcome?: AuditOutcome;
  metadata?: unknown;
  /** Your own request id (else the engine makes one). */
  requestId?: string;
}

/** A stored, hash-chained audit record. */
export interface AuditRecord {
  readonly seq: number;
  readonly id: string;
  readonly timestamp: Date;
  readonly tenantId: string;
  readonly actorId: string;
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly outcome: AuditOutcome;
  readonly requestId: string;
  readonly metadata: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** Filters of an audit listing (combined with AND) and the page. */
export interface AuditQuery {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: AuditOutcome;
  since?: Date | string;
  until?: Date | string;
  page?: number;
  pageSize?: number;
}

/** The result of verifying an audit chain. */
export interface VerifyReport {
  readonly valid: boolean;
  readonly recordsChecked: number;
  readonly firstBrokenSeq: number | null;
  readonly reason: string | null;
}

/** Appends to, lists and verifies one scope's hash-chained audit log. */
export declare class AuditClient {
  private constructor();
  record(entry: AuditEntryInput): Promise<AuditRecord>;
  recordSync(entry: AuditEntryInput): AuditRecord;
  list(query?: AuditQuery): Promise<Page<AuditRecord>>;
  listSync(query?: AuditQuery): Page<AuditRecord>;
  verify(): Promise<VerifyReport>;
  verifySync(): VerifyReport;
}

/** One tenant (or the platform); every module client hangs off it. */
export declare class TenantScope {
  private constructor();
  /** The tenant id, or null for the platform scope. */
  readonly tenantId: string | null;
  readonly audit: AuditClient;
  /** Rate limiting in this scope. */
  readonly ratelimit: RateLimitClient;
  /** Authorization in this scope. */
  readonly authz: AuthzClient;
  /** PII and secret redaction in this scope. */
  readonly redaction: RedactionClient;
}

/** The Shared Platform Core engine, embedded in this process. */
export declare class Engine {
  constructor(options?: EngineOptions);
  /** An engine from snake_case options as a config file holds them (`redb_path`, `manual_clock`…). */
  static fromOptions(options: Record<string, unknown>): Engine;
  /** The scope of one tenant; throws InvalidTenantError for a bad id. */
  tenant(tenantId: string): TenantScope;
  /** The explicit platform-wide scope. */
  platform(): TenantScope;
  /** Low-level management call (snake_case JSON in and out). */
  call(scope: string, method: string, args?: Record<string, unknown>): unknown;
  callAsync(scope: string, method: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Moves a manual clock forward; returns the new time. */
  advanceClock(step: { seconds?: number; ms?: number }): Date;
  /** Stops background work; later calls throw EngineClosedError. Idempotent. */
  close(): void;
  readonly closed: boolean;
  [Symbol.dispose](): void;
}

/** The scope key of the platform. */
export declare const PLATFORM_SCOPE: '*';
/** The library version. */
export declare function version(): string;
