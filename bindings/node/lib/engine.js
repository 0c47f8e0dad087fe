'use strict';
// The engine and its scopes.
const { NativeEngine } = require('../native/native.js');
const { guard, guardAsync, toDate, toRfc3339 } = require('./convert');
const { AuditClient } = require('./audit');
const { RateLimitClient } = require('./ratelimit/client');
const { AuthzClient } = require('./authz/client');
const { RedactionClient } = require('./redaction/client');
const { ValidationError } = require('./errors');

const PLATFORM_SCOPE = '*';

const OPTION_NAMES = new Set(['database', 'redbPath', 'kvShards', 'kvMaxKeys', 'redisUrl', 'workerThreads', 'manualClock']);

function optionsJson(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('Engine options must be an object');
  const unknown = Object.keys(options).find((key) => !OPTION_NAMES.has(key));
  if (unknown !== undefined) throw new ValidationError(`${unknown}: unknown engine option`, { field: unknown });
  const wire = {
    database: options.database,
    redb_path: options.redbPath,
    kv_shards: options.kvShards,
    kv_max_keys: options.kvMaxKeys,
    redis_url: options.redisUrl,
    worker_threads: options.workerThreads,
    manual_clock: options.manualClock === undefined ? undefined : toRfc3339(options.manualClock, 'manualClock'),
  };
  return JSON.stringify(wire);
}

/** The Shared Platform Core engine, embedded in this process. */
class Engine {
  constructor(options = {}) {
    const json = optionsJson(options);
    this._native = guard(() => new NativeEngine(json));
  }

  /** An engine from snake_case options as a config file holds them (`redb_path`, `manual_clock`…). */
  static fromOptions(options) {
    const engine = Object.create(Engine.prototype);
    engine._native = guard(() => new NativeEngine(JSON.stringify(options)));
    return engine;
  }

  /** The scope of one tenant; throws InvalidTenantError (a ValidationError) for a bad id. */
  tenant(tenantId) {
    if (typeof tenantId !== 'string') throw new TypeError('tenantId must be a string');
    guard(() => this._native.checkTenant(tenantId));
    return new TenantScope(this, tenantId);
  }

  /** The explicit platform-wide scope. */
  platform() {
    return new TenantScope(this, PLATFORM_SCOPE);
  }

  /** Low-level management call (snake_case JSON in and out). */
  call(scope, method, args = {}) {
    return JSON.parse(guard(() => this._native.call(scope, method, JSON.stringify(args))));
  }

  /** {@link call} off the event loop. */
  async callAsync(scope, method, args = {}) {
    return JSON.parse(await guardAsync(this._native.callAsync(scope, method, JSON.stringify(args))));
  }

  /** Moves a manual clock forward; returns the new time. */
  advanceClock({ seconds = 0, ms = 0 } = {}) {
    return toDate(this.call(PLATFORM_SCOPE, 'clock.advance', { ms: Math.round(seconds * 1000) + ms }).now);
  }

  /** Stops background work; later calls throw EngineClosedError. Idempotent. */
  close() {
    guard(() => this._native.close());
  }

  /** Whether close() was called. */
  get closed() {
    return this._native.closed;
  }

  [Symbol.dispose]() {
    this.close();
  }
}

/** One tenant (or the platform); every module client hangs off it. */
class TenantScope {
  constructor(engine, scopeKey) {
    this._engine = engine;
    this._scope = scopeKey;
    this.audit = new AuditClient(this);
    this._ratelimit = null;
    this._authz = null;
    this._redaction = null;
  }

  /** Rate limiting in this scope: per-request decisions and the policy/rule management API. */
  get ratelimit() {
    if (this._ratelimit === null) this._ratelimit = new RateLimitClient(this);
    return this._ratelimit;
  }

  /** Authorization in this scope: checks, models, tuples, queries and RBAC roles. */
  get authz() {
    if (this._authz === null) this._authz = new AuthzClient(this);
    return this._authz;
  }

  /** PII and secret redaction in this scope: text, JSON, log lines and the scope's policy. */
  get redaction() {
    if (this._redaction === null) this._redaction = new RedactionClient(this);
    return this._redaction;
  }

  /** The tenant id, or null for the platform scope. */
  get tenantId() {
    return this._scope === PLATFORM_SCOPE ? null : this._scope;
  }

  _call(method, args) {
    return this._engine.call(this._scope, method, args);
  }

  _callAsync(method, args) {
    return this._engine.callAsync(this._scope, method, args);
  }
}

module.exports = { Engine, TenantScope, PLATFORM_SCOPE };
