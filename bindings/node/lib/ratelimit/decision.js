'use strict';
// The per-request decision: built from the native numbers (core `CompactDecision` layout).

const ACTIONS = ['allow', 'bypass', 'throttle', 'reject'];
const SCOPES = ['endpoint', 'user', 'tenant', 'ip', 'api_key'];
const ALGORITHMS = ['sliding_window', 'token_bucket', 'fixed_window'];
/** Fields of the compact layout, then the policy slot. */
const DECISION_LENGTH = 15;

const optional = (n) => (n < 0 ? null : n);
const seconds = (ms) => (ms < 0 ? null : ms / 1000);
const millis = (s) => (s === null ? -1 : Math.round(s * 1000));

/** The answer for one request (immutable). */
class RateLimitDecision {
  constructor(n, policy, native) {
    this.allowed = n[0] === 1;
    this.action = ACTIONS[n[1]] ?? 'allow';
    this.limit = n[2];
    this.remaining = n[3];
    this.used = n[4];
    this.resetAtMs = n[5];
    this.retryAfter = seconds(n[6]);
    this.scope = SCOPES[n[7]] ?? null;
    this.algorithm = ALGORITHMS[n[8]] ?? null;
    this.burstRemaining = optional(n[9]);
    this.burstTotal = optional(n[10]);
    this.throttleDelay = seconds(n[11]);
    this.windowSeconds = optional(n[12]);
    this.degraded = n[13] === 1;
    this.policyId = policy === null ? null : policy[0];
    this.policyName = policy === null ? null : policy[1];
    Object.defineProperty(this, '_native', { value: native, enumerable: false });
    Object.freeze(this);
  }

  /** When the deciding limit resets. */
  get resetAt() {
    return new Date(this.resetAtMs);
  }

  /** Whole seconds for a Retry-After header (rounded up), else null. */
  get retryAfterSeconds() {
    return this.retryAfter === null ? null : Math.ceil(this.retryAfter);
  }

  /** The response headers: X-RateLimit-*, IETF RateLimit / RateLimit-Policy, and Retry-After
   * for refused or throttled requests. */
  headers() {
    const numbers = [
      this.allowed ? 1 : 0, ACTIONS.indexOf(this.action), this.limit, this.remaining, this.used, this.resetAtMs,
      millis(this.retryAfter), SCOPES.indexOf(this.scope), ALGORITHMS.indexOf(this.algorithm), this.burstRemaining ?? -1,
      this.burstTotal ?? -1, millis(this.throttleDelay), this.windowSeconds ?? -1, this.degraded ? 1 : 0,
    ];
    const flat = this._native.headers(numbers, this.policyName ?? undefined);
    const out = {};
    for (let i = 0; i < flat.length; i += 2) out[flat[i]] = flat[i + 1];
    return out;
  }
}

module.exports = { RateLimitDecision, DECISION_LENGTH };
