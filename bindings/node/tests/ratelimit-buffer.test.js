'use strict';
// The encoded request path of consumeSync/checkSync/enforceSync and their Promise forms: every
// string reaches the engine byte-exact (UTF-8, checked against the JSON management path), requests
// larger than the reused buffer, the endpoint/method cache, type errors, cost conversion.
const test = require('node:test');
const assert = require('node:assert/strict');
const sp = require('../lib');
const native = require('../native/native.js');

const manual = () => new sp.Engine({ manualClock: '2026-01-01T00:00:00Z' });

function limited(rl, scope, maxRequests, rule = {}) {
  const policy = rl.createPolicySync({ name: `per-${scope}`, limits: [{ scope, maxRequests, windowSeconds: 60, costBased: true }] });
  rl.createRuleSync({ name: `by ${scope}`, policyId: policy.id, target: { type: scope, ...rule } });
  return policy;
}

const NON_ASCII = ['José', 'Zoë Ñandú', '用户-七', 'emoji 👩‍💻 x', 'Ω≈ç√∫', 'lone \ud800 surrogate'];

test('non-ASCII identifiers are counted under their exact UTF-8 key', async () => {
  const rl = manual().tenant('acme').ratelimit;
  limited(rl, 'user', 100);
  for (const [i, user] of NON_ASCII.entries()) {
    for (let n = 0; n <= i; n++) rl.consumeSync({ endpoint: '/api', user });
    await rl.consume({ endpoint: '/api', user });
  }
  for (const [i, user] of NON_ASCII.entries()) {
    // The JSON management path encodes the identifier independently of the request buffer.
    const identifier = user.replace('\ud800', '\ufffd');
    assert.equal(rl.getRateLimitStatusSync('user', identifier).used, i + 2, user);
    assert.equal(rl.checkSync({ endpoint: '/api', user }).used, i + 2, user);
  }
  assert.equal(rl.getRateLimitStatusSync('user', 'Jose').used, 0, 'no folding of accents');
});

test('non-ASCII rule targets, conditions and API keys match byte-exact', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = rl.createPolicySync({ name: 'vip', limits: [{ scope: 'user', maxRequests: 1, windowSeconds: 60 }] });
  rl.createRuleSync({
    name: 'josé with gold tier', policyId: policy.id, target: { type: 'user', value: 'José' },
    conditions: [{ field: 'header', header: 'X-Tier', operator: 'eq', value: 'gold ★' }],
  });
  const gold = { endpoint: '/ç', user: 'José', headers: { 'X-Tier': 'gold ★' } };
  assert.equal(rl.consumeSync(gold).limit, 1);
  assert.equal(rl.consumeSync(gold).allowed, false);
  assert.equal(rl.consumeSync({ ...gold, headers: { 'X-Tier': 'gold *' } }).limit, 0, 'the condition compares exact text');
  assert.equal(rl.consumeSync({ ...gold, user: 'Jose\u0301' }).limit, 0, 'no Unicode normalisation');
  limited(rl, 'api_key', 2);
  assert.equal(rl.consumeSync({ endpoint: '/ç', apiKey: 'ключ' }).remaining, 1);
  assert.equal(rl.getRateLimitStatusSync('api_key', 'ключ').used, 1);
});

test('requests larger than the reused buffer take a buffer of their own', async () => {
  const rl = manual().tenant('acme').ratelimit;
  limited(rl, 'user', 10);
  const longAscii = 'u'.repeat(5000);
  const longWide = '長'.repeat(3000);
  for (const user of [longAscii, longWide]) {
    assert.equal(rl.consumeSync({ endpoint: '/api', user }).remaining, 9);
    assert.equal((await rl.consume({ endpoint: '/api', user })).remaining, 8);
    assert.equal(rl.checkSync({ endpoint: '/api', user }).used, 2);
  }
  const roles = Array.from({ length: 60 }, (_, i) => `role-${i}`);
  const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-H${i}`, `v${i}`]));
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'many', roles, headers }).remaining, 9);
  assert.equal(rl.consumeSync({ endpoint: `/${'p'.repeat(4000)}`, user: 'many' }).remaining, 8);
  // The reused buffer (and its cached endpoint) is intact afterwards.
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'short' }).remaining, 9);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: longAscii }).remaining, 7);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'short' }).remaining, 8);
});

test('many roles: a role past the reused buffer still matches its rule', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = rl.createPolicySync({ name: 'admins', limits: [{ scope: 'user', maxRequests: 3, windowSeconds: 60 }] });
  rl.createRuleSync({ name: 'admins', policyId: policy.id, target: { type: 'role', value: 'admin' } });
  const roles = [...Array.from({ length: 50 }, (_, i) => `r${i}`), 'admin'];
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1', roles }).limit, 3);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1', roles: roles.slice(0, 50) }).limit, 0);
});

test('changing endpoint and method between calls is seen (endpoint/method cache)', () => {
  const rl = manual().tenant('acme').ratelimit;
  const policy = rl.createPolicySync({ name: 'posts', limits: [{ scope: 'endpoint', maxRequests: 2, windowSeconds: 60 }] });
  rl.createRuleSync({ name: 'posts', policyId: policy.id, target: { type: 'endpoint', pathPattern: '/items/*', method: 'POST' } });
  const sequence = [
    [{ endpoint: '/items/1', method: 'POST' }, 2, 1],
    [{ endpoint: '/items/1', method: 'GET' }, 0, 0],
    [{ endpoint: '/items/1' }, 0, 0],
    [{ endpoint: '/other', method: 'POST' }, 0, 0],
    [{ endpoint: '/items/1', method: 'POST' }, 2, 0],
    [{ endpoint: '/items/2', method: 'POST' }, 2, 0],
  ];
  for (const [request, limit, remaining] of sequence) {
    const decision = rl.consumeSync(request);
    assert.deepEqual([decision.limit, decision.remaining], [limit, remaining], JSON.stringify(request));
  }
});

test('fields of the wrong type are TypeErrors, and the next call still works', async () => {
  const rl = manual().tenant('acme').ratelimit;
  limited(rl, 'user', 5);
  const bad = [
    { endpoint: '/api', user: 42 }, { endpoint: '/api', method: 7 }, { endpoint: '/api', roles: 'admin' },
    { endpoint: '/api', roles: ['a', 1] }, { endpoint: '/api', cost: '2' }, { endpoint: '/api', ip: {} },
    { endpoint: 5 }, null,
  ];
  for (const request of bad) {
    assert.throws(() => rl.consumeSync(request), TypeError, JSON.stringify(request));
    await assert.rejects(rl.consume(request), TypeError, JSON.stringify(request));
  }
  const nulls = { endpoint: '/api', method: null, user: 'u1', ip: null, apiKey: null, roles: null, plan: null, country: null, userAgent: null, headers: null, cost: null };
  assert.equal(rl.consumeSync(nulls).remaining, 4);
  assert.equal(rl.getRateLimitStatusSync('user', 'u1').used, 1);
});

test('cost converts like the engine did: truncated, non-finite as 0; invalid costs are typed errors', () => {
  const rl = manual().tenant('acme').ratelimit;
  limited(rl, 'user', 10);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1', cost: 2.9 }).used, 2);
  assert.equal(rl.checkSync({ endpoint: '/api', user: 'u1', cost: 3 }).used, 2, 'check never counts');
  for (const cost of [NaN, Infinity, -Infinity, 0.5]) assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1', cost }).used, 2, String(cost));
  assert.throws(() => rl.consumeSync({ endpoint: '/api', user: 'u1', cost: -1 }), sp.ValidationError);
  assert.throws(() => rl.consumeSync({ endpoint: '/api', user: 'u1', cost: 11 }), sp.CostExceedsCapacityError);
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1' }).used, 3, 'no cost: the default of 1');
});

test('enforceSync refuses with a typed error carrying status and retryAfter', () => {
  const rl = manual().tenant('acme').ratelimit;
  limited(rl, 'user', 1);
  rl.enforceSync({ endpoint: '/api', user: 'ü' });
  assert.throws(() => rl.enforceSync({ endpoint: '/api', user: 'ü' }), (err) => {
    assert.ok(err instanceof sp.RateLimitExceededError);
    assert.equal(err.status, 429);
    assert.ok(err.retryAfter > 0);
    return true;
  });
  assert.equal(rl.enforceSync({ endpoint: '/api', user: 'u' }).allowed, true);
});

test('a thread without a registered buffer is refused; a worker thread registers its own', async () => {
  const { Worker } = require('node:worker_threads');
  const code = `
    const native = require(${JSON.stringify(require.resolve('../native/native.js'))});
    let refused;
    try { native.rateLimitDecideRegistered(); } catch (e) { refused = /no request buffer registered/.test(e.message); }
    const sp = require(${JSON.stringify(require.resolve('../lib'))});
    const rl = new sp.Engine().tenant('acme').ratelimit;
    const p = rl.createPolicySync({ name: 'p', limits: [{ scope: 'user', maxRequests: 2, windowSeconds: 60 }] });
    rl.createRuleSync({ name: 'r', policyId: p.id, target: { type: 'user' } });
    const used = [1, 2, 3].map(() => rl.consumeSync({ endpoint: '/api', user: 'wörker' }).allowed);
    require('node:worker_threads').parentPort.postMessage({ refused, used });`;
  const worker = new Worker(code, { eval: true });
  const [message] = await require('node:events').once(worker, 'message');
  assert.deepEqual(message, { refused: true, used: [true, true, false] });
  await require('node:events').once(worker, 'exit');
});

test('clients interleaved on one thread keep their own limiter', () => {
  const engine = manual();
  const clients = ['acme', 'globex', 'initech'].map((t) => engine.tenant(t).ratelimit);
  for (const rl of clients) limited(rl, 'user', 2);
  for (let round = 1; round <= 3; round++) {
    for (const rl of clients) assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1' }).allowed, round <= 2);
  }
  const other = manual().tenant('acme').ratelimit;
  assert.equal(other.consumeSync({ endpoint: '/api', user: 'u1' }).limit, 0, 'another engine, no rules');
});

test('the native hot path refuses an unknown limiter id and a closed engine', () => {
  const engine = manual();
  const rl = engine.tenant('acme').ratelimit;
  limited(rl, 'user', 2);
  const buffer = Buffer.alloc(1024);
  buffer.writeUInt32LE(0xfffffff, 128);
  buffer.writeUInt32LE(128 + 4 * 14, 128 + 20);
  buffer.fill(0xff, 128 + 24, 128 + 56);
  assert.throws(() => native.rateLimitDecide(buffer), /no such rate limiter/);
  buffer.writeUInt32LE(rl._id, 128);
  buffer.writeUInt32LE(7, 132);
  assert.throws(() => native.rateLimitDecide(buffer), /mode: must be 0/);
  buffer.writeUInt32LE(0, 132);
  buffer.writeUInt32LE(0x10000, 128 + 24);
  assert.throws(() => native.rateLimitDecide(buffer), /malformed request buffer \(string length\)/);
  buffer.writeUInt32LE(2, 128 + 24);
  buffer.write('\u00e9', 128 + 56, 'latin1');
  assert.throws(() => native.rateLimitDecide(buffer), /malformed request buffer \(UTF-8\)/);
  assert.throws(() => native.rateLimitDecide(Buffer.alloc(16)), /malformed request buffer/);
  assert.equal(native.rateLimitRegisterBuffer(Buffer.alloc(512)), false, 'the module registered its buffer first');
  assert.equal(rl.consumeSync({ endpoint: '/api', user: 'u1' }).remaining, 1);
  engine.close();
  assert.throws(() => rl.consumeSync({ endpoint: '/api', user: 'u1' }), sp.EngineClosedError);
});
