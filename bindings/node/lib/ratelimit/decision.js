'use strict';
// The per-request decision: a view over a private copy of the native numbers (core
// `CompactDecision` layout). Fields are read-only getters on the prototype, so building one costs a
// typed-array copy, not sixteen property definitions.
const { inspect } = require('node:util');

const ACTIONS = ['allow', 'bypass', 'throttle', 'reject'];
const SCOPES = ['endpoint', 'user', 'tenant', 'ip', 'api_key'];
const ALGORITHMS = ['sliding_window', 'token_bucket', 'fixed_window'];
/** Fields of the compact layout, then the policy slot. */
const DECISION_LENGTH = 15;
const FIELDS = 14;

const optional = (n) => (n < 0 ? null : n);
const seconds = (ms) => (ms < 0 ? null : ms / 1000);

/** The answer for one request (immutable: every field is a getter). */
class RateLimitDecision {
  #n;
  #policy;
  #native;

  constructor(numbers, policy, native) {
    this.#n = numbers instanceof Float64Array ? numbers.slice(0, FIELDS) : Float64Array.from(numbers.slice(0, FIELDS));
    this.#policy = policy;
    this.#native = native;
  }

  /** Whether the request may proceed now. */
  get allowed() {
    return this.#n[0] === 1;
  }

  /** What to do: 'allow' | 'bypass' | 'throttle' | 'reject'. */
  get action() {
    return ACTIONS[this.#n[1]] ?? 'allow';
  }

  /** The deciding limit (0 when no limit applies). */
  get limit() {
    return this.#n[2];
  }

  /** Units left in it. */
  get remaining() {
    return this.#n[3];
  }

  /** Units used in it. */
  get used() {
    return this.#n[4];
  }

  /** When it resets, ms since the epoch. */
  get resetAtMs() {
    return this.#n[5];
  }

  /** When it resets. */
  get resetAt() {
    return new Date(this.#n[5]);
  }

  /** Seconds to wait (refused or throttled requests), else null. */
  get retryAfter() {
    return seconds(this.#n[6]);
  }

  /** Whole seconds for a Retry-After header (rounded up), else null. */
  get retryAfterSeconds() {
    return this.#n[6] < 0 ? null : Math.ceil(this.#n[6] / 1000);
  }

  /** The deciding limit's scope. */
  get scope() {
    return SCOPES[this.#n[7]] ?? null;
  }

  /** The deciding limit's algorithm. */
  get algorithm() {
    return ALGORITHMS[this.#n[8]] ?? null;
  }

  /** Burst units left, when the policy has a burst allowance. */
  get burstRemaining() {
    return optional(this.#n[9]);
  }

  /** The burst allowance. */
  get burstTotal() {
    return optional(this.#n[10]);
  }

  /** Seconds to wait before proceeding (throttle mode), else null. */
  get throttleDelay() {
    return seconds(this.#n[11]);
  }

  /** The deciding limit's window in seconds. */
  get windowSeconds() {
    return optional(this.#n[12]);
  }

  /** The store could not decide; the configured failure mode did. */
  get degraded() {
    return this.#n[13] === 1;
  }

  /** The deciding policy's id. */
  get policyId() {
    return this.#policy === null ? null : this.#policy[0];
  }

  /** The deciding policy's name. */
  get policyName() {
    return this.#policy === null ? null : this.#policy[1];
  }

  /** The response headers: X-RateLimit-*, IETF RateLimit / RateLimit-Policy, and Retry-After
   * for refused or throttled requests. */
  headers() {
    const flat = this.#native.headers(Array.from(this.#n), this.policyName ?? undefined);
    const out = {};
    for (let i = 0; i < flat.length; i += 2) out[flat[i]] = flat[i + 1];
    return out;
  }

  /** A plain object with every field (for logging and JSON). */
  toJSON() {
    const fields = {};
    for (const key of KEYS) fields[key] = this[key];
    return fields;
  }

  [inspect.custom](_depth, options) {
    return `RateLimitDecision ${inspect(this.toJSON(), options)}`;
  }
}

const KEYS = [
  'allowed', 'action', 'limit', 'remaining', 'used', 'resetAt', 'retryAfter', 'scope', 'algorithm',
  'burstRemaining', 'burstTotal', 'throttleDelay', 'windowSeconds', 'degraded', 'policyId', 'policyName',
];
Object.freeze(RateLimitDecision.prototype);

module.exports = { RateLimitDecision, DECISION_LENGTH };
