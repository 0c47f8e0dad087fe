'use strict';
// Retrying calls that hit a rate limit: rateLimitAware(fn) and RateLimitAwareClient (fetch).
const { RateLimitExceededError } = require('../errors');
const { parseRateLimitHeaders } = require('./headers');

const TOO_MANY_REQUESTS = 429;

function checkOptions({ maxRetries = 3, baseDelay = 0.5, maxDelay = 30, jitter = true } = {}) {
  for (const [name, value] of Object.entries({ maxRetries, baseDelay, maxDelay })) {
    if (typeof value !== 'number' || !(value >= 0)) throw new RangeError(`${name} must be a number >= 0`);
  }
  return { maxRetries, baseDelay, maxDelay, jitter };
}

function delayFor(options, attempt, outcome) {
  let hint = null;
  if (outcome instanceof RateLimitExceededError) hint = outcome.retryAfter;
  else if (outcome && outcome.headers) hint = parseRateLimitHeaders(outcome).retryAfter;
  if (hint !== null && hint !== undefined) return Math.min(hint, options.maxDelay);
  const delay = Math.min(options.baseDelay * 2 ** attempt, options.maxDelay);
  return options.jitter ? delay * (0.5 + Math.random() / 2) : delay;
}

const limited = (outcome) => outcome?.status === TOO_MANY_REQUESTS || outcome?.statusCode === TOO_MANY_REQUESTS;
const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Wraps an async function so it is retried while rate limited: it resolved to a response with
 * status 429 (Fetch, axios `validateStatus`, node http) or rejected with RateLimitExceededError.
 * Waits the server's or engine's Retry-After (capped at maxDelay seconds), else
 * baseDelay * 2^attempt with jitter; after maxRetries the last outcome is returned or rethrown.
 */
function rateLimitAware(fn, options) {
  const opts = checkOptions(options);
  return async function retrying(...args) {
    for (let attempt = 0; ; attempt += 1) {
      let outcome;
      try {
        outcome = await fn.apply(this, args);
      } catch (err) {
        if (!(err instanceof RateLimitExceededError) || attempt >= opts.maxRetries) throw err;
        await sleep(delayFor(opts, attempt, err));
        continue;
      }
      if (!limited(outcome) || attempt >= opts.maxRetries) return outcome;
      await sleep(delayFor(opts, attempt, outcome));
    }
  };
}

/** A fetch wrapper that retries 429 responses with backoff (`new RateLimitAwareClient().fetch(url)`). */
class RateLimitAwareClient {
  constructor({ fetch: fetchImpl = globalThis.fetch, ...options } = {}) {
    if (typeof fetchImpl !== 'function') throw new TypeError('RateLimitAwareClient needs a fetch function');
    this.fetch = rateLimitAware((input, init) => fetchImpl(input, init), options);
  }
}

module.exports = { rateLimitAware, RateLimitAwareClient };
