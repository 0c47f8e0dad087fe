'use strict';
// rateLimitMiddleware(): Express-compatible (req, res, next) middleware.

const TOO_MANY_REQUESTS = 429;

function defaultRequest(req) {
  return {
    endpoint: req.path ?? (req.url ?? '/').split('?')[0],
    method: req.method ?? 'GET',
    ip: req.ip ?? req.socket?.remoteAddress,
    userAgent: req.headers?.['user-agent'],
    headers: req.headers,
  };
}

function setHeaders(res, decision) {
  for (const [name, value] of Object.entries(decision.headers())) res.setHeader(name, value);
}

function reject(res, decision) {
  res.statusCode = TOO_MANY_REQUESTS;
  res.setHeader('Content-Type', 'application/json');
  const body = { error: 'rate_limit_exceeded', message: 'Too many requests', retryAfter: decision.retryAfterSeconds };
  res.end(JSON.stringify(body));
}

const sleep = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * Express-compatible middleware: counts each request with `client` (a RateLimitClient), sets the
 * rate-limit response headers, waits out a throttle delay once, and answers refused requests with
 * 429, `Retry-After` and a JSON body. Engine errors (e.g. StoreUnavailableError) go to `next(err)`.
 *
 * Options: `request(req)` returns extra request fields (`user`, `apiKey`, `roles`, `plan`…) merged
 * over the defaults (path, method, ip, user agent, headers); `setHeaders` (default true);
 * `sync` (default false: decide on the thread pool; true: on the event loop, fastest for
 * in-process state); `onLimited(req, res, next, decision)` replaces the 429 answer.
 */
function rateLimitMiddleware(client, options = {}) {
  if (client === null || typeof client !== 'object' || typeof client.consume !== 'function') {
    throw new TypeError('rateLimitMiddleware(client): pass scope.ratelimit');
  }
  const { request: extra, setHeaders: withHeaders = true, sync = false, onLimited } = options;
  const decide = sync ? (r) => client.consumeSync(r) : (r) => client.consume(r);

  return async function rateLimit(req, res, next) {
    try {
      const request = { ...defaultRequest(req), ...(extra ? extra(req) : {}) };
      let decision = await decide(request);
      if (decision.action === 'throttle' && decision.throttleDelay !== null) {
        await sleep(decision.throttleDelay);
        decision = await decide(request);
      }
      if (withHeaders) setHeaders(res, decision);
      if (decision.allowed) return next();
      if (onLimited) return onLimited(req, res, next, decision);
      return reject(res, decision);
    } catch (err) {
      return next(err);
    }
  };
}

module.exports = { rateLimitMiddleware };
