'use strict';
// The per-request decision: a copy of the native numbers (core `CompactDecision` layout) in
// private fields, read through getters on the prototype that convert lazily. Copying fourteen
// numbers into fields costs a few nanoseconds; a typed-array copy (`slice`) costs hundreds
// (a new ArrayBuffer per decision), and defining sixteen converted properties more still.
const { inspect } = require('node:util');

const ACTIONS = ['allow', 'bypass', 'throttle', 'reject'];
const SCOPES = ['endpoint', 'user', 'tenant', 'ip', 'api_key'];
const ALGORITHMS = ['sliding_window', 'token_bucket', 'fixed_window'];

const optional = (n) => (n < 0 ? null : n);
const seconds = (ms) => (ms < 0 ? null : ms / 1000);

/** The answer for one request (immutable: every field is a getter). */
class RateLimitDecision {
  #allowed;
  #action;
  #limit;
  #remaining;
  #used;
  #resetAtMs;
  #retryAfterMs;
  #scope;
  #algorithm;
  #burstRemaining;
  #burstTotal;
  #throttleDelayMs;
  #windowSeconds;
  #degraded;
  #policy;
  #native;

  /** `numbers`: the 14 compact numbers (a Float64Array or an array); `policy`: [id, name] or null. */
  constructor(numbers, policy, native) {
    this.#allowed = numbers[0];
    this.#action = numbers[1];
    this.#limit = numbers[2];
    this.#remaining = numbers[3];
    this.#used = numbers[4];
    this.#resetAtMs = numbers[5];
    this.#retryAfterMs = numbers[6];
    this.#scope = numbers[7];
    this.#algorithm = numbers[8];
    this.#burstRemaining = numbers[9];
    this.#burstTotal = numbers[10];
    this.#throttleDelayMs = numbers[11];
    this.#windowSeconds = numbers[12];
    this.#degraded = numbers[13];
    this.#policy = policy;
    this.#native = native;
  }

  /** Whether the request may proceed now. */
  get allowed() {
    return this.#allowed === 1;
  }

  /** What to do: 'allow' | 'bypass' | 'throttle' | 'reject'. */
  get action() {
    return ACTIONS[this.#action] ?? 'allow';
  }

  /** The deciding limit (0 when no limit applies). */
  get limit() {
    return this.#limit;
  }

  /** Units left in it. */
  get remaining() {
    return this.#remaining;
  }

  /** Units used in it. */
  get used() {
    return this.#used;
  }

  /** When it resets, ms since the epoch. */
  get resetAtMs() {
    return this.#resetAtMs;
  }

  /** When it resets. */
  get resetAt() {
    return new Date(this.#resetAtMs);
  }

  /** Seconds to wait (refused or throttled requests), else null. */
  get retryAfter() {
    return seconds(this.#retryAfterMs);
  }

  /** Whole seconds for a Retry-After header (rounded up), else null. */
  get retryAfterSeconds() {
    return this.#retryAfterMs < 0 ? null : Math.ceil(this.#retryAfterMs / 1000);
  }

  /** The deciding limit's scope. */
  get scope() {
    return SCOPES[this.#scope] ?? null;
  }

  /** The deciding limit's algorithm. */
  get algorithm() {
    return ALGORITHMS[this.#algorithm] ?? null;
  }

  /** Burst units left, when the policy has a burst allowance. */
  get burstRemaining() {
    return optional(this.#burstRemaining);
  }

  /** The burst allowance. */
  get burstTotal() {
    return optional(this.#burstTotal);
  }

  /** Seconds to wait before proceeding (throttle mode), else null. */
  get throttleDelay() {
    return seconds(this.#throttleDelayMs);
  }

  /** The deciding limit's window in seconds. */
  get windowSeconds() {
    return optional(this.#windowSeconds);
  }

  /** The store could not decide; the configured failure mode did. */
  get degraded() {
    return this.#degraded === 1;
  }

  /** The deciding policy's id. */
  get policyId() {
    return this.#policy === null ? null : this.#policy[0];
  }

  /** The deciding policy's name. */
  get policyName() {
    return this.#policy === null ? null : this.#policy[1];
  }

  /** The 14 compact numbers again (for the native header builder). */
  #numbers() {
    return [this.#allowed, this.#action, this.#limit, this.#remaining, this.#used, this.#resetAtMs,
      this.#retryAfterMs, this.#scope, this.#algorithm, this.#burstRemaining, this.#burstTotal,
      this.#throttleDelayMs, this.#windowSeconds, this.#degraded];
  }

  /** The response headers: X-RateLimit-*, IETF RateLimit / RateLimit-Policy, and Retry-After
   * for refused or throttled requests. */
  headers() {
    const flat = this.#native.headers(this.#numbers(), this.policyName ?? undefined);
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

module.exports = { RateLimitDecision };
