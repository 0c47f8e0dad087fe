// Authorization (issue 6; spec 000 `authorization`): every type of the Node API. Requests are
// camelCase; model JSON keeps OpenFGA's keys (relation names are yours, never renamed).
import type { Page } from '../index';
import type { PlatformError } from '../errors';

/** A JSON value (condition parameters; Dates are sent as RFC 3339 text). */
export type JsonValue = string | number | boolean | null | Date | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** Condition parameters by name. */
export type ConditionContext = { readonly [parameter: string]: JsonValue };

/** The condition attached to a tuple: the model condition's name and values stored with it. */
export interface TupleCondition {
  readonly name: string;
  /** Merged with the request context (the tuple's values win). */
  readonly context?: ConditionContext | null;
}

/** A relationship tuple: `user` has `relation` on `object`. */
export interface TupleKey {
  /** `type:id`, `type:*` (everyone of the type) or `type:id#relation` (a userset). */
  readonly user: string;
  readonly relation: string;
  /** `type:id`. */
  readonly object: string;
  readonly condition?: TupleCondition | null;
  /** Past this time the tuple grants nothing. */
  readonly expiresAt?: Date | null;
}

/** A tuple given as an object or as `[user, relation, object]`. */
export type TupleLike = TupleKey | readonly [user: string, relation: string, object: string];

/** Which model a query uses and how fresh the tuples must be. */
export interface Consistency {
  /** The model version (the latest when absent). */
  authorizationModelId?: string;
  /** Answer only once the store is at least at this revision (from a write). */
  minRevision?: number;
}

/** Condition parameters and tuples that hold for one query only. */
export interface QueryContext extends Consistency {
  context?: ConditionContext;
  contextualTuples?: readonly TupleLike[];
}

/** `check(user, relation, object)`. */
export interface CheckRequest extends QueryContext {
  user: string;
  relation: string;
  object: string;
  /** Return the granting path (batchCheck; explain() always does). */
  explain?: boolean;
}

/** A check's answer with the path that granted it (innermost step first), else null. */
export interface CheckResult {
  readonly allowed: boolean;
  readonly explanation: readonly string[] | null;
}

/** One answer of a batch: the check's result, or the error that one check raised. */
export interface BatchCheckItem extends CheckResult {
  readonly error?: PlatformError;
}

/** Writes and deletes applied in one transaction (all or nothing, at most 100 tuples). */
export interface WriteRequest {
  writes?: readonly TupleLike[];
  deletes?: readonly TupleLike[];
}

/** Filters of readTuples (all optional; `object: 'document:'` = every object of a type) and the page. */
export interface ReadTuplesParams {
  user?: string;
  relation?: string;
  object?: string;
  page?: number;
  pageSize?: number;
}

/** `listObjects(user, relation, type)`: complete and sorted, one page at a time. */
export interface ListObjectsRequest extends QueryContext {
  user: string;
  relation: string;
  type: string;
  page?: number;
  pageSize?: number;
}

/** `listUsers(object, relation, userFilters)`. */
export interface ListUsersRequest extends QueryContext {
  object: string;
  relation: string;
  /** User types to return: `user`, or usersets such as `group#member`. */
  userFilters: readonly string[];
}

/** One type of a model in OpenFGA's JSON (relations and metadata as OpenFGA writes them). */
export interface TypeDefinition {
  readonly type: string;
  readonly relations: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>> | null;
}

/** A model version read back (pass it to writeModel to write it again). */
export interface AuthorizationModel {
  readonly id: string;
  readonly schemaVersion: string;
  readonly typeDefinitions: readonly TypeDefinition[];
  readonly conditions: Readonly<Record<string, unknown>>;
}

/** OpenFGA's authorization-model JSON (`schema_version`, `type_definitions`, `conditions`). */
export type AuthorizationModelJson = Readonly<Record<string, unknown>>;

/** A model: DSL text, OpenFGA's JSON, or a model read back. */
export type ModelSource = string | AuthorizationModel | AuthorizationModelJson;

/** One node of an expansion (exactly one shape). */
export type ExpandNode =
  | { readonly users: readonly string[] }
  | { readonly computed: readonly string[] }
  | { readonly tupleset: string; readonly computed: readonly string[] }
  | { readonly union: readonly ExpandNode[] }
  | { readonly intersection: readonly ExpandNode[] }
  | { readonly base: ExpandNode; readonly subtract: ExpandNode };

/** The userset tree of `object#relation` (one level). */
export interface ExpandTree {
  readonly name: string;
  readonly root: ExpandNode;
}

/** Authorization for one scope (`scope.authz`). Every call has a Promise form and a `…Sync` twin. */
export declare class AuthzClient {
  private constructor();
  /** Does `user` have `relation` on `object`? (plain checks take the native fast path) */
  check(request: CheckRequest): Promise<boolean>;
  checkSync(request: CheckRequest): boolean;
  /** `can(principal, action, resource)`: a plain check (spec 000 naming). */
  can(principal: string, action: string, resource: string): Promise<boolean>;
  canSync(principal: string, action: string, resource: string): boolean;
  /** The check with the path that granted it. */
  explain(request: CheckRequest): Promise<CheckResult>;
  explainSync(request: CheckRequest): CheckResult;
  /** Does the user hold the permission (`resource:action`, e.g. `notifications:read`)? */
  hasPermission(userId: string, permission: string): Promise<boolean>;
  hasPermissionSync(userId: string, permission: string): boolean;
  /** Rejects / throws AuthorizationError when the permission is missing. */
  requirePermission(userId: string, permission: string): Promise<void>;
  requirePermissionSync(userId: string, permission: string): void;

  /** Writes a model version; resolves to its id. InvalidAuthorizationModelError names line and column. */
  writeModel(model: ModelSource): Promise<string>;
  writeModelSync(model: ModelSource): string;
  /** A model version (the latest when no id). */
  readModel(modelId?: string | null): Promise<AuthorizationModel>;
  readModelSync(modelId?: string | null): AuthorizationModel;
  /** Model ids in write order (the last is the latest). */
  listModels(): Promise<readonly string[]>;
  listModelsSync(): readonly string[];

  /** Writes and deletes tuples atomically; resolves to the new revision. */
  write(request: WriteRequest): Promise<number>;
  writeSync(request: WriteRequest): number;
  writeTuples(tuples: readonly TupleLike[]): Promise<number>;
  writeTuplesSync(tuples: readonly TupleLike[]): number;
  deleteTuples(tuples: readonly TupleLike[]): Promise<number>;
  deleteTuplesSync(tuples: readonly TupleLike[]): number;
  readTuples(params?: ReadTuplesParams): Promise<Page<TupleKey>>;
  readTuplesSync(params?: ReadTuplesParams): Page<TupleKey>;

  /** Several checks against one snapshot; one item per check, in order. */
  batchCheck(checks: readonly CheckRequest[]): Promise<readonly BatchCheckItem[]>;
  batchCheckSync(checks: readonly CheckRequest[]): readonly BatchCheckItem[];
  expand(object: string, relation: string, options?: Consistency): Promise<ExpandTree>;
  expandSync(object: string, relation: string, options?: Consistency): ExpandTree;
  listObjects(request: ListObjectsRequest): Promise<Page<string>>;
  listObjectsSync(request: ListObjectsRequest): Page<string>;
  listUsers(request: ListUsersRequest): Promise<readonly string[]>;
  listUsersSync(request: ListUsersRequest): readonly string[];

  /** Creates or replaces a role with exactly these `resource:action` permissions. */
  defineRole(role: string, permissions: readonly string[]): Promise<number>;
  defineRoleSync(role: string, permissions: readonly string[]): number;
  /** RoleNotFoundError when the role does not exist. */
  rolePermissions(role: string): Promise<readonly string[]>;
  rolePermissionsSync(role: string): readonly string[];
  assignRole(userId: string, role: string): Promise<number>;
  assignRoleSync(userId: string, role: string): number;
  revokeRole(userId: string, role: string): Promise<number>;
  revokeRoleSync(userId: string, role: string): number;
}
