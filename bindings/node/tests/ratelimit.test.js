'use strict';
// Rate limiting from Node: typed decisions, management models, header parsing, Express middleware,
// retries, isolation.
const test = require('node:test');
const assert = require('node:assert/strict');
const express = require('express');
const sp = require('../lib');

const T0 = Date.parse('2026-01-01T00:00:00Z');
const manual = () => new sp.Engine({ manualClock: '2026-01-01T00:00:00Z' });

function perUser(rl, maxRequests = 2, extra = {}) {
  const policy = rl.createPolicySync({ name: 'per-user', limits: [{ scope: 'user', maxRequests, windowSeconds: 60 }], ...extra });
  rl.createRuleSync({ name: 'users', policyId: policy.id, target: { type: 'user' } });
  return policy;
}

test('consumeSync counts and refuses with a typed, frozen decision', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = perUser(rl);
  const first = rl.consumeSync({ endpoint: '/api/items', method: 'GET', user: 'u1' });
  assert.deepEqual([first.allowed, first.action, first.limit, first.remaining, first.used], [true, 'allow', 2, 1, 1]);
  assert.deepEqual([first.policyId, first.policyName, first.scope, first.algorithm], [policy.id, 'per-user', 'user', 'sliding_window']);
  assert.equal(first.resetAt.getTime(), T0 + 60_000);
  assert.equal(first.retryAfter, null);
  assert.throws(() => { 'use strict'; first.allowed = false; }, TypeError);
  assert.equal(JSON.parse(JSON.stringify(first)).policyName, 'per-user');
  rl.consumeSync({ endpoint: '/api/items', user: 'u1' });
  const refused = rl.consumeSync({ endpoint: '/api/items', user: 'u1' });
  assert.deepEqual([refused.allowed, refused.action, refused.retryAfter, refused.retryAfterSeconds], [false, 'reject', 90, 90]);
  assert.equal(refused.headers()['Retry-After'], '90');
  assert.equal(first.policyName, 'per-user', 'an earlier decision keeps its values');
});

test('check is read-only; enforce rejects with RateLimitExceededError', async () => {
  const rl = manual().tenant('acme').ratelimit;
  perUser(rl, 1);
  for (let i = 0; i < 3; i += 1) assert.equal((await rl.check({ endpoint: '/api', user: 'u1' })).remaining, 1);
  assert.equal(rl.checkSync({ endpoint: '/api', user: 'u1' }).remaining, 1);
  await rl.enforce({ endpoint: '/api', user: 'u1' });
  await assert.rejects(rl.enforce({ endpoint: '/api', user: 'u1' }), (err) => {
    assert.ok(err instanceof sp.RateLimitExceededError);
    assert.ok(err instanceof sp.RateLimitError);
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 120);
    return true;
  });
  assert.throws(() => rl.enforceSync({ endpoint: '/api', user: 'u1' }), sp.RateLimitExceededError);
});

test('async consume resolves concurrently and counts each request once', async () => {
  const rl = manual().tenant('acme').ratelimit;
  perUser(rl, 3);
  const decisions = await Promise.all([...Array(5)].map(() => rl.consume({ endpoint: '/api', user: 'u1' })));
  assert.deepEqual(decisions.map((d) => d.allowed).sort(), [false, false, true, true, true]);
  assert.ok(decisions.every((d) => d.policyName === 'per-user'));
});

test('request context reaches rules: roles, api keys, headers, cost', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = rl.createPolicySync({ name: 'keys', limits: [{ scope: 'api_key', maxRequests: 4, windowSeconds: 60, costBased: true }] });
  rl.createRuleSync({ name: 'admins', policyId: policy.id, target: { type: 'role', value: 'admin' } });
  const request = { endpoint: '/a', apiKey: 'k1', roles: ['admin'], headers: new Headers({ 'X-Tier': 'gold' }), cost: 3 };
  assert.equal(rl.consumeSync(request).remaining, 1);
  assert.equal(rl.consumeSync(request).allowed, false);
  assert.equal(rl.consumeSync({ endpoint: '/a', apiKey: 'k1', roles: ['viewer'] }).limit, 0);
  assert.throws(() => rl.consumeSync({ user: 'u1' }), TypeError);
});

test('headers of a decision round-trip through the parser', () => {
  const rl = manual().tenant('acme').ratelimit;
  perUser(rl, 5);
  const headers = rl.consumeSync({ endpoint: '/api', user: 'u1' }).headers();
  assert.equal(headers.RateLimit, '"per-user";r=4;t=60');
  const info = rl.parseRateLimitHeaders(headers);
  assert.deepEqual([info.limit, info.remaining, info.policy, info.resetAt.getTime()], [5, 4, 'per-user', T0 + 60_000]);
});

test('policy CRUD with camelCase models and Dates', async () => {
  const rl = manual().tenant('acme').ratelimit;
  const created = await rl.createPolicy({
    name: 'bucket',
    algorithm: 'token_bucket',
    tokenBucket: { refillRate: 1, bucketSize: 10 },
    limits: [{ scope: 'ip', maxRequests: 10, windowSeconds: 10 }],
    throttle: { mode: 'throttle', throttleDelayMs: 500 },
  });
  assert.equal(created.tokenBucket.bucketSize, 10);
  assert.equal(created.throttle.throttleDelayMs, 500);
  assert.ok(created.createdAt instanceof Date);
  const updated = await rl.updatePolicy(created.id, { description: 'ten per ten seconds' });
  assert.equal(updated.description, 'ten per ten seconds');
  assert.deepEqual((await rl.listPolicies()).data.map((p) => p.id), [created.id]);
  assert.equal(await rl.deletePolicy(created.id), undefined);
  await assert.rejects(rl.getPolicy(created.id), sp.PolicyNotFoundError);
  await assert.rejects(rl.getPolicy(created.id), sp.NotFoundError);
});

test('validation errors name the field; conflicts and policy-in-use are typed', () => {
  const rl = manual().tenant('acme').ratelimit;
  assert.throws(
    () => rl.createPolicySync({ name: 'bad', limits: [{ scope: 'user', maxRequests: 0, windowSeconds: 60 }] }),
    (err) => err instanceof sp.ValidationError && err.field === 'limits[0].max_requests',
  );
  const policy = perUser(rl);
  assert.throws(() => rl.createRuleSync({ name: 'again', policyId: policy.id, target: { type: 'user' } }), sp.RuleConflictError);
  assert.throws(() => rl.deletePolicySync(policy.id), sp.PolicyInUseError);
});

test('plans, bypass with expiry, adjustments, endpoint costs', () => {
  const engine = manual();
  const rl = engine.tenant('acme').ratelimit;
  const policy = perUser(rl, 1);
  const ruleId = rl.listRulesSync().data[0].id;
  assert.equal(rl.assignPolicyToPlanSync('pro', policy.id).policyName, 'per-user');
  assert.deepEqual(rl.listPlanPoliciesSync().map((m) => m.planId), ['pro']);
  const bypass = rl.createBypassRuleSync({ type: 'user', value: 'vip', reason: 'load test', expiresAt: new Date(T0 + 3_600_000) });
  assert.equal(bypass.expiresAt.getTime(), T0 + 3_600_000);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'vip' }).action, 'bypass');
  const adjustment = rl.adjustLimitSync(ruleId, { newLimit: 3, durationMinutes: 5, reason: 'launch' });
  assert.deepEqual([adjustment.originalLimit, adjustment.adjustedLimit], [1, 3]);
  assert.throws(() => rl.adjustLimitSync(ruleId, { newLimit: 4, durationMinutes: 5 }), sp.AdjustmentActiveError);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1' }).limit, 3);
  engine.advanceClock({ seconds: 3601 });
  assert.deepEqual(rl.listAdjustmentsSync(ruleId), []);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'vip' }).action, 'allow', 'the bypass expired');
  rl.setEndpointCostsSync([{ pathPattern: '/export/*', method: '*', cost: 5 }]);
  assert.equal(rl.getEndpointCostsSync()[0].pathPattern, '/export/*');
});

test('analytics keep data keys (scopes, policy ids) as they are', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = perUser(rl, 1);
  for (let i = 0; i < 3; i += 1) rl.consumeSync({ endpoint: '/api', user: 'noisy' });
  const timeRange = { start: new Date(T0), end: new Date(T0 + 86_400_000) };
  const analytics = rl.getRateLimitAnalyticsSync({ timeRange });
  assert.deepEqual([analytics.totalRequests, analytics.limitedRequests], [3, 2]);
  assert.equal(analytics.byScope.user.limited, 2);
  assert.equal(analytics.byPolicy[policy.id].policyName, 'per-user');
  const top = rl.getTopLimitedEntitiesSync({ timeRange, scope: 'user' });
  assert.deepEqual([top[0].identifier, top[0].limitedCount], ['noisy', 2]);
  assert.equal(rl.getDistributedStoreStatusSync().type, 'memory');
});

test('tenants are isolated', () => {
  const engine = manual();
  const acme = engine.tenant('acme').ratelimit;
  const globex = engine.tenant('globex').ratelimit;
  perUser(acme, 1);
  perUser(globex, 1);
  acme.consumeSync({ endpoint: '/api', user: 'u1' });
  assert.equal(acme.consumeSync({ endpoint: '/api', user: 'u1' }).allowed, false);
  assert.equal(globex.consumeSync({ endpoint: '/api', user: 'u1' }).allowed, true);
  assert.equal(globex.listPoliciesSync().data.length, 1);
});

test('parseRateLimitHeaders accepts Fetch Headers, responses, axios-style objects, plain objects and pairs', () => {
  const legacy = { 'X-RateLimit-Limit': '100', 'x-ratelimit-remaining': '7', 'Retry-After': '3' };
  const shapes = [
    legacy,
    new Headers(legacy),
    new Response(null, { status: 429, headers: legacy }),
    { status: 429, headers: { 'x-ratelimit-limit': 100, 'x-ratelimit-remaining': '7', 'retry-after': '3' } },
    Object.entries(legacy),
    { 'RateLimit-Policy': '"default";q=100;w=60', RateLimit: '"default";r=7;t=3', 'Retry-After': '3' },
  ];
  for (const shape of shapes) {
    const info = sp.parseRateLimitHeaders(shape);
    assert.deepEqual([info.limit, info.remaining, info.retryAfter], [100, 7, 3]);
  }
  const garbage = sp.parseRateLimitHeaders({ 'X-RateLimit-Limit': 'lots', RateLimit: ';;;=', 'Retry-After': '-1' });
  assert.deepEqual(garbage, { limit: null, remaining: null, resetAt: null, policy: null, retryAfter: null });
  assert.deepEqual(sp.parseRateLimitHeaders(undefined).limit, null);
});

async function withServer(app, fn) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    return await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('rateLimitMiddleware in a real Express app: headers, 429 with Retry-After, per-user keys', async () => {
  const rl = manual().tenant('acme').ratelimit;
  perUser(rl, 2);
  const app = express();
  app.use(sp.rateLimitMiddleware(rl, { request: (req) => ({ user: req.get('x-user') }) }));
  app.get('/items', (_req, res) => res.json({ ok: true }));
  await withServer(app, async (base) => {
    const get = (user) => fetch(`${base}/items`, { headers: { 'x-user': user } });
    const first = await get('alice');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-remaining'), '1');
    assert.equal(first.headers.get('ratelimit'), '"per-user";r=1;t=60');
    await get('alice');
    const refused = await get('alice');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '90');
    assert.deepEqual(await refused.json(), { error: 'rate_limit_exceeded', message: 'Too many requests', retryAfter: 90 });
    assert.equal((await get('bob')).status, 200);
  });
});

test('rateLimitMiddleware passes engine errors to next() and supports sync mode and onLimited', async () => {
  const engine = manual();
  const rl = engine.tenant('acme').ratelimit;
  perUser(rl, 1);
  const app = express();
  app.use(
    sp.rateLimitMiddleware(rl, {
      sync: true,
      request: () => ({ user: 'u1' }),
      onLimited: (_req, res) => res.status(503).send('busy'),
    }),
  );
  app.get('/', (_req, res) => res.send('ok'));
  app.use((err, _req, res, _next) => res.status(500).send(err.name));
  await withServer(app, async (base) => {
    assert.equal((await fetch(base)).status, 200);
    assert.equal((await fetch(base)).status, 503);
    engine.close();
    const failed = await fetch(base);
    assert.equal(failed.status, 500);
    assert.equal(await failed.text(), 'EngineClosedError');
  });
  assert.throws(() => sp.rateLimitMiddleware({}), TypeError);
});

test('rateLimitAware retries 429 responses and engine refusals with backoff', async () => {
  const responses = [new Response(null, { status: 429, headers: { 'Retry-After': '0' } }), new Response(null, { status: 429 }), new Response('ok')];
  const fetchLike = sp.rateLimitAware(async () => responses.shift(), { baseDelay: 0.001, jitter: false });
  assert.equal((await fetchLike()).status, 200);
  assert.equal(responses.length, 0);

  let calls = 0;
  const givesUp = sp.rateLimitAware(
    async () => {
      calls += 1;
      return { status: 429, headers: {} };
    },
    { maxRetries: 2, baseDelay: 0 },
  );
  assert.equal((await givesUp()).status, 429);
  assert.equal(calls, 3);

  const engine = manual();
  const rl = engine.tenant('acme').ratelimit;
  perUser(rl, 1);
  rl.consumeSync({ endpoint: '/api', user: 'u1' });
  let attempts = 0;
  const enforce = sp.rateLimitAware(
    async () => {
      attempts += 1;
      if (attempts === 2) engine.advanceClock({ seconds: 120 });
      return rl.enforce({ endpoint: '/api', user: 'u1' });
    },
    { maxRetries: 2, maxDelay: 0 },
  );
  assert.equal((await enforce()).allowed, true);
  assert.equal(attempts, 2);
  assert.throws(() => sp.rateLimitAware(async () => 1, { maxRetries: -1 }), RangeError);

  const client = new sp.RateLimitAwareClient({ fetch: async () => new Response('done'), baseDelay: 0 });
  assert.equal(await (await client.fetch('http://unused.invalid')).text(), 'done');
});
