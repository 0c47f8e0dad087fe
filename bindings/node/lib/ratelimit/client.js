'use strict';
// The rate-limit client of a scope (`scope.ratelimit`).
const {
  NativeRateLimiter, rateLimitDecide, rateLimitDecideRegistered, rateLimitRegisterBuffer,
} = require('../../native/native.js');
const { fromNative, guard, guardAsync } = require('../convert');
const { fromWire, toWire } = require('../wire');
const { pageFromJson } = require('../page');
const { RateLimitDecision } = require('./decision');
const { RequestBuffer, POLICY_SLOT } = require('./request-buffer');
const { parseRateLimitHeaders, flatHeaders } = require('./headers');

/** The request buffer every client of this module (and thread) shares. */
const SHARED = RequestBuffer.shared();
/** Whether the addon holds SHARED for this thread (false if another copy of this module got
 * there first: then SHARED is passed as the argument). */
const REGISTERED = rateLimitRegisterBuffer(SHARED.bytes);

const CONSUME = 0;
const CHECK = 1;
const ENFORCE = 2;

function checkRequest(request) {
  if (request === null || typeof request !== 'object') throw new TypeError('a request object is required');
  if (typeof request.endpoint !== 'string') throw new TypeError('request.endpoint must be a string');
}

const headersOf = (request) => (request.headers === undefined ? undefined : flatHeaders(request.headers));

/** Rate limiting for one scope: per-request decisions and the management API (spec 003 §4). */
class RateLimitClient {
  constructor(scope) {
    this._scope = scope;
    this._native = guard(() => new NativeRateLimiter(scope._engine._native, scope._scope));
    this._id = this._native.id;
    this._policies = [];
  }

  _policy(slot) {
    if (slot < 0) return null;
    if (slot >= this._policies.length) {
      const flat = this._native.policies(this._policies.length);
      for (let i = 0; i < flat.length; i += 2) this._policies.push([flat[i], flat[i + 1]]);
    }
    return this._policies[slot];
  }

  /** The request encoded: in the shared buffer, or in one sized for it when it does not fit. */
  _encode(mode, r) {
    checkRequest(r);
    const headers = headersOf(r);
    if (SHARED.encode(this._id, mode, r, headers)) return SHARED;
    const buffer = RequestBuffer.sizedFor(r, headers);
    if (!buffer.encode(this._id, mode, r, headers)) throw new Error('internal: a request did not fit the buffer sized for it');
    return buffer;
  }

  _decideSync(mode, r) {
    const buffer = this._encode(mode, r);
    try {
      if (buffer === SHARED && REGISTERED) rateLimitDecideRegistered();
      else rateLimitDecide(buffer.bytes);
    } catch (err) {
      throw fromNative(err);
    }
    const numbers = buffer.numbers;
    return new RateLimitDecision(numbers, this._policy(numbers[POLICY_SLOT]), this._native);
  }

  async _decideAsync(mode, r) {
    // The native side copies the buffer before returning, so the reused one is free again at once.
    const numbers = await guardAsync(this._native.decideAsync(this._encode(mode, r).bytes));
    return new RateLimitDecision(numbers, this._policy(numbers[POLICY_SLOT]), this._native);
  }

  /** Counts the request against every matching limit; resolves to the decision (off the event loop). */
  consume(request) {
    return this._decideAsync(CONSUME, request);
  }

  /** {@link consume} on the calling thread: the fast path for in-process (memory, redb) state. */
  consumeSync(request) {
    return this._decideSync(CONSUME, request);
  }

  /** The decision the request would get, without counting it (read-only). */
  check(request) {
    return this._decideAsync(CHECK, request);
  }

  /** {@link check} on the calling thread. */
  checkSync(request) {
    return this._decideSync(CHECK, request);
  }

  /** Like consume, but a refusal rejects with RateLimitExceededError (with retryAfter). */
  enforce(request) {
    return this._decideAsync(ENFORCE, request);
  }

  /** {@link enforce} on the calling thread (throws RateLimitExceededError). */
  enforceSync(request) {
    return this._decideSync(ENFORCE, request);
  }

  /** Reads rate-limit headers; relative resets use the engine clock. */
  parseRateLimitHeaders(headers) {
    return parseRateLimitHeaders(headers, this._native.nowMs());
  }
}

/** Management methods: [name, engine method, how the arguments map]. Each gets an async form
 * (Promise) and a `…Sync` form. */
const MANAGEMENT = [
  ['createPolicy', 'create_policy', (request) => request],
  ['listPolicies', 'list_policies', (params = {}) => listArgs(params)],
  ['getPolicy', 'get_policy', (policyId) => ({ policyId })],
  ['updatePolicy', 'update_policy', (policyId, request) => ({ ...request, policyId })],
  ['deletePolicy', 'delete_policy', (policyId) => ({ policyId })],
  ['createRule', 'create_rule', (request) => request],
  ['listRules', 'list_rules', (params = {}) => listArgs(params)],
  ['getRule', 'get_rule', (ruleId) => ({ ruleId })],
  ['updateRule', 'update_rule', (ruleId, request) => ({ ...request, ruleId })],
  ['deleteRule', 'delete_rule', (ruleId) => ({ ruleId })],
  ['enableRule', 'enable_rule', (ruleId) => ({ ruleId })],
  ['disableRule', 'disable_rule', (ruleId) => ({ ruleId })],
  ['assignPolicyToPlan', 'assign_policy_to_plan', (planId, policyId) => ({ planId, policyId })],
  ['getPlanPolicy', 'get_plan_policy', (planId) => ({ planId })],
  ['removePlanPolicy', 'remove_plan_policy', (planId) => ({ planId })],
  ['listPlanPolicies', 'list_plan_policies', () => ({})],
  ['checkRateLimit', 'check_rate_limit', (request) => request],
  ['getRateLimitStatus', 'get_rate_limit_status', (scope, identifier) => ({ scope, identifier })],
  ['createBypassRule', 'create_bypass_rule', (request) => request],
  ['listBypassRules', 'list_bypass_rules', () => ({})],
  ['deleteBypassRule', 'delete_bypass_rule', (bypassId) => ({ bypassId })],
  ['adjustLimit', 'adjust_limit', (ruleId, request) => ({ ...request, ruleId })],
  ['listAdjustments', 'list_adjustments', (ruleId) => ({ ruleId })],
  ['revertAdjustment', 'revert_adjustment', (adjustmentId) => ({ adjustmentId })],
  ['setEndpointCosts', 'set_endpoint_costs', (costs) => ({ costs })],
  ['getEndpointCosts', 'get_endpoint_costs', () => ({})],
  ['getRateLimitAnalytics', 'get_rate_limit_analytics', (params) => params],
  ['getTopLimitedEntities', 'get_top_limited_entities', (params) => params],
  ['configureDistributedStore', 'configure_distributed_store', (config) => config],
  ['getDistributedStoreStatus', 'get_distributed_store_status', () => ({})],
];

function listArgs({ page = 1, pageSize = 50, ...filters }) {
  return { ...filters, page: { page, pageSize } };
}

const PAGED = new Set(['list_policies', 'list_rules']);
const VOID = new Set(['delete_policy', 'delete_rule', 'remove_plan_policy', 'delete_bypass_rule', 'revert_adjustment', 'set_endpoint_costs']);

function shape(wireMethod, result) {
  if (VOID.has(wireMethod)) return undefined;
  return result;
}

for (const [name, wireMethod, args] of MANAGEMENT) {
  const paged = PAGED.has(wireMethod);
  RateLimitClient.prototype[name] = async function managementCall(...params) {
    const raw = await this._scope._callAsync(`ratelimit.${wireMethod}`, toWire(args(...params)));
    return shape(wireMethod, paged ? pageFromJson(raw, (x) => fromWire(x)) : fromWire(raw));
  };
  RateLimitClient.prototype[`${name}Sync`] = function managementCallSync(...params) {
    const raw = this._scope._call(`ratelimit.${wireMethod}`, toWire(args(...params)));
    return shape(wireMethod, paged ? pageFromJson(raw, (x) => fromWire(x)) : fromWire(raw));
  };
}

module.exports = { RateLimitClient };
