'use strict';
// parseRateLimitHeaders: Fetch `Headers`, axios-style responses, plain objects or pairs.
const native = require('../../native/native.js');

/** Flat [name, value…] pairs from any supported header shape. */
function flatHeaders(input) {
  if (input === null || input === undefined) return [];
  if (typeof input.forEach === 'function' && typeof input.get === 'function') {
    const flat = [];
    input.forEach((value, name) => flat.push(String(name), String(value)));
    return flat;
  }
  if (typeof input.headers === 'object' && input.headers !== null && !Array.isArray(input)) {
    return flatHeaders(input.headers);
  }
  const entries = Array.isArray(input) ? input : Object.entries(input);
  const flat = [];
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    flat.push(String(name), Array.isArray(value) ? value.join(', ') : String(value));
  }
  return flat;
}

/**
 * Reads X-RateLimit-Limit/Remaining/Reset/Policy, Retry-After and the IETF RateLimit /
 * RateLimit-Policy fields (names case-insensitive) from Fetch `Headers`, an axios-style or Fetch
 * response (anything with `headers`), a plain object or [name, value] pairs. Missing or malformed
 * fields are null; this never throws on header values.
 */
function parseRateLimitHeaders(headers, nowMs) {
  const raw = native.parseRateLimitHeadersFlat(flatHeaders(headers), nowMs);
  return Object.freeze({
    limit: raw.limit ?? null,
    remaining: raw.remaining ?? null,
    resetAt: raw.resetAtMs == null ? null : new Date(raw.resetAtMs),
    policy: raw.policy ?? null,
    retryAfter: raw.retryAfter ?? null,
  });
}

module.exports = { parseRateLimitHeaders, flatHeaders };
