'use strict';
// The authorization client of a scope (`scope.authz`).
const { NativeAuthz, authzCheck, authzHasPermission, authzRequirePermission } = require('../../native/native.js');
const { fromNative, guard, guardAsync } = require('../convert');
const { fromWire, toWire } = require('../wire');
const { pageFromJson } = require('../page');
const errors = require('../errors');

function text(value, name) {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

function checkArgs(request) {
  if (request === null || typeof request !== 'object') throw new TypeError('a check request object is required');
  return [text(request.user, 'user'), text(request.relation, 'relation'), text(request.object, 'object')];
}

/** True when the check needs more than the three strings (then it crosses as JSON). */
function isPlain(r) {
  return r.context === undefined && r.contextualTuples === undefined && r.authorizationModelId === undefined
    && r.minRevision === undefined && !r.explain;
}

/** A tuple object or a [user, relation, object] array, as engine JSON. */
function tupleWire(t) {
  if (Array.isArray(t)) {
    const [user, relation, object] = t;
    return { user, relation, object };
  }
  return toWire(t);
}

function checkWire(r) {
  const { contextualTuples, ...rest } = r;
  const wire = toWire(rest);
  if (contextualTuples !== undefined) wire.contextual_tuples = contextualTuples.map(tupleWire);
  return wire;
}

const checkResult = (raw) => Object.freeze({ allowed: raw.allowed, explanation: raw.explanation ? Object.freeze([...raw.explanation]) : null });

function batchItem(raw) {
  if (raw.error === undefined) return checkResult(raw);
  const e = raw.error;
  const Class = errors.ERRORS_BY_CODE[e.code] || errors.PlatformError;
  return Object.freeze({ allowed: false, explanation: null, error: new Class(e.message, { code: e.code, field: e.field }) });
}

/** OpenFGA's model JSON, keys kept as they are (relation names are user data, never renamed). */
function modelFromWire(raw) {
  const typeDefinitions = raw.type_definitions.map((t) =>
    Object.freeze({ type: t.type, relations: Object.freeze(t.relations ?? {}), metadata: t.metadata ? Object.freeze(t.metadata) : null }));
  return Object.freeze({ id: raw.id, schemaVersion: raw.schema_version, typeDefinitions: Object.freeze(typeDefinitions),
    conditions: Object.freeze(raw.conditions ?? {}) });
}

function modelArgs(model) {
  if (typeof model === 'string') return { dsl: model };
  if (model === null || typeof model !== 'object') throw new TypeError('model must be DSL text or an OpenFGA JSON model');
  if (Array.isArray(model.typeDefinitions)) {
    const types = model.typeDefinitions.map((t) => ({ type: t.type, relations: t.relations, ...(t.metadata ? { metadata: t.metadata } : {}) }));
    return { model: { schema_version: model.schemaVersion ?? '1.1', type_definitions: types, conditions: model.conditions ?? {} } };
  }
  return { model };
}

function expandNode(raw) {
  if (raw.leaf !== undefined) {
    const leaf = raw.leaf;
    if (leaf.users !== undefined) return Object.freeze({ users: Object.freeze([...leaf.users]) });
    if (leaf.computed !== undefined) return Object.freeze({ computed: Object.freeze([leaf.computed]) });
    const ttu = leaf.tupleToUserset;
    return Object.freeze({ tupleset: ttu.tupleset, computed: Object.freeze([...ttu.computed]) });
  }
  if (raw.union !== undefined) return Object.freeze({ union: Object.freeze(raw.union.map(expandNode)) });
  if (raw.intersection !== undefined) return Object.freeze({ intersection: Object.freeze(raw.intersection.map(expandNode)) });
  return Object.freeze({ base: expandNode(raw.difference.base), subtract: expandNode(raw.difference.subtract) });
}

function queryArgs({ context, contextualTuples, authorizationModelId, minRevision } = {}) {
  const wire = toWire({ context, authorizationModelId, minRevision });
  if (contextualTuples !== undefined) wire.contextual_tuples = contextualTuples.map(tupleWire);
  return wire;
}

function writeArgs({ writes = [], deletes = [] } = {}) {
  return { writes: writes.map(tupleWire), deletes: deletes.map(tupleWire) };
}

/** Authorization for one scope: OpenFGA-style models and tuples, checks in microseconds, and
 * tenant RBAC for permission strings such as `notifications:read`. */
class AuthzClient {
  constructor(scope) {
    this._scope = scope;
    this._native = guard(() => new NativeAuthz(scope._engine._native, scope._scope));
    this._id = this._native.id;
  }

  /** Does `user` have `relation` on `object`? On the calling thread (a plain check is microseconds). */
  checkSync(request) {
    const [user, relation, object] = checkArgs(request);
    if (!isPlain(request)) return this._scope._call('authz.check', checkWire(request)).allowed;
    try {
      return authzCheck(this._id, user, relation, object);
    } catch (err) {
      throw fromNative(err);
    }
  }

  /** {@link checkSync} off the event loop. */
  async check(request) {
    const [user, relation, object] = checkArgs(request);
    if (!isPlain(request)) return (await this._scope._callAsync('authz.check', checkWire(request))).allowed;
    return guardAsync(this._native.checkAsync(user, relation, object));
  }

  /** `can(principal, action, resource)` (spec 000 naming): a plain {@link checkSync}. */
  canSync(principal, action, resource) {
    return this.checkSync({ user: principal, relation: action, object: resource });
  }

  /** {@link canSync} off the event loop. */
  can(principal, action, resource) {
    return this.check({ user: principal, relation: action, object: resource });
  }

  /** The check with the path that granted it: `{ allowed, explanation }`. */
  explainSync(request) {
    checkArgs(request);
    return checkResult(this._scope._call('authz.check', checkWire({ ...request, explain: true })));
  }

  /** {@link explainSync} off the event loop. */
  async explain(request) {
    checkArgs(request);
    return checkResult(await this._scope._callAsync('authz.check', checkWire({ ...request, explain: true })));
  }

  /** Does the user hold the permission (`resource:action`) through any of their roles? */
  hasPermissionSync(userId, permission) {
    try {
      return authzHasPermission(this._id, text(userId, 'userId'), text(permission, 'permission'));
    } catch (err) {
      throw fromNative(err);
    }
  }

  /** {@link hasPermissionSync} off the event loop. */
  hasPermission(userId, permission) {
    return guardAsync(this._native.hasPermissionAsync(text(userId, 'userId'), text(permission, 'permission')));
  }

  /** Like {@link hasPermissionSync}, but a missing permission throws AuthorizationError. */
  requirePermissionSync(userId, permission) {
    try {
      authzRequirePermission(this._id, text(userId, 'userId'), text(permission, 'permission'));
    } catch (err) {
      throw fromNative(err);
    }
  }

  /** {@link requirePermissionSync} off the event loop (rejects with AuthorizationError). */
  async requirePermission(userId, permission) {
    await guardAsync(this._native.requirePermissionAsync(text(userId, 'userId'), text(permission, 'permission')));
  }
}

/** Management and query methods: [name, engine method, arguments → wire, wire → result]. Each
 * gets a Promise form and a `…Sync` form. */
const METHODS = [
  ['writeModel', 'write_model', modelArgs, (r) => r.authorization_model_id],
  ['readModel', 'read_model', (id) => (id === undefined || id === null ? {} : { id }), modelFromWire],
  ['listModels', 'list_models', () => ({}), (r) => Object.freeze(r.ids)],
  ['write', 'write_tuples', writeArgs, (r) => r.revision],
  ['writeTuples', 'write_tuples', (tuples) => writeArgs({ writes: tuples }), (r) => r.revision],
  ['deleteTuples', 'write_tuples', (tuples) => writeArgs({ deletes: tuples }), (r) => r.revision],
  ['readTuples', 'read_tuples', ({ page = 1, pageSize = 50, ...filter } = {}) => ({ ...filter, page: { page, page_size: pageSize } }),
    (r) => pageFromJson(r, (x) => fromWire(x))],
  ['batchCheck', 'batch_check', (checks) => ({ checks: checks.map(checkWire) }), (r) => Object.freeze(r.results.map(batchItem))],
  ['expand', 'expand', (object, relation, options = {}) => ({ object, relation, ...queryArgs(options) }),
    (r) => Object.freeze({ name: r.tree.name, root: expandNode(r.tree.tree) })],
  ['listObjects', 'list_objects', ({ user, relation, type, page = 1, pageSize = 50, ...options }) =>
    ({ user, relation, type, page: { page, page_size: pageSize }, ...queryArgs(options) }), (r) => pageFromJson(r, String)],
  ['listUsers', 'list_users', ({ object, relation, userFilters, ...options }) =>
    ({ object, relation, user_filters: userFilters, ...queryArgs(options) }), (r) => Object.freeze(r.users)],
  ['defineRole', 'define_role', (role, permissions) => ({ role, permissions }), (r) => r.revision],
  ['rolePermissions', 'role_permissions', (role) => ({ role }), (r) => Object.freeze(r.permissions)],
  ['assignRole', 'assign_role', (userId, role) => ({ user_id: userId, role }), (r) => r.revision],
  ['revokeRole', 'revoke_role', (userId, role) => ({ user_id: userId, role }), (r) => r.revision],
];

for (const [name, wireMethod, args, result] of METHODS) {
  AuthzClient.prototype[name] = async function authzCall(...params) {
    return result(await this._scope._callAsync(`authz.${wireMethod}`, args(...params)));
  };
  AuthzClient.prototype[`${name}Sync`] = function authzCallSync(...params) {
    return result(this._scope._call(`authz.${wireMethod}`, args(...params)));
  };
}

module.exports = { AuthzClient };
