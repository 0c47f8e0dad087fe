'use strict';
// Engine lifecycle, scopes, options and the error hierarchy as Node users meet them.
const test = require('node:test');
const assert = require('node:assert/strict');
const sp = require('../lib');

const manual = () => new sp.Engine({ manualClock: '2026-01-01T00:00:00Z' });

test('version is exposed', () => {
  assert.match(sp.version(), /^\d+\.\d+\.\d+$/);
});

test('invalid tenants throw InvalidTenantError, a ValidationError', () => {
  const engine = manual();
  for (const bad of ['', 'a'.repeat(129), 'acme corp', 'acmé', '*']) {
    assert.throws(() => engine.tenant(bad), (err) => {
      assert.ok(err instanceof sp.InvalidTenantError, String(err));
      assert.ok(err instanceof sp.ValidationError);
      assert.ok(err instanceof sp.PlatformError);
      assert.equal(err.code, 1100);
      assert.equal(err.status, 400);
      assert.equal(err.kind, 'Validation');
      assert.equal(err.field, 'tenant_id');
      return true;
    });
  }
  assert.throws(() => engine.tenant(42), TypeError);
});

test('scopes', () => {
  const engine = manual();
  assert.equal(engine.tenant('acme').tenantId, 'acme');
  assert.equal(engine.platform().tenantId, null);
});

test('error classes mirror the spec hierarchy', () => {
  assert.ok(new sp.PolicyNotFoundError('x') instanceof sp.NotFoundError);
  assert.ok(new sp.RateLimitExceededError('x') instanceof sp.RateLimitError);
  assert.ok(new sp.EngineClosedError('x') instanceof sp.ServerError);
  assert.equal(sp.ERRORS_BY_CODE[2002], sp.PolicyNotFoundError);
  const err = new sp.RateLimitExceededError('slow down', { retryAfter: 1.5 });
  assert.deepEqual([err.code, err.status, err.kind, err.errorName, err.retryAfter, err.name],
    [2001, 429, 'RateLimited', 'RateLimitExceeded', 1.5, 'RateLimitExceededError']);
});

test('bad options name the setting', () => {
  assert.throws(() => new sp.Engine({ workerThreads: 0 }), (err) => err instanceof sp.InvalidConfigError && err.field === 'worker_threads');
  assert.throws(() => new sp.Engine({ manualClock: 'teatime' }), sp.InvalidConfigError);
  assert.throws(() => new sp.Engine({ manualClock: new Date(NaN) }), sp.ValidationError);
});

test('close is idempotent and later calls reject with EngineClosedError', async () => {
  const engine = manual();
  const scope = engine.tenant('acme');
  engine.close();
  engine.close();
  assert.equal(engine.closed, true);
  await assert.rejects(scope.audit.verify(), (err) => err instanceof sp.EngineClosedError && err.status === 503);
  assert.throws(() => scope.audit.verifySync(), sp.EngineClosedError);
});

test('the manual clock moves only when told', () => {
  const engine = manual();
  assert.equal(engine.advanceClock({ seconds: 90 }).toISOString(), '2026-01-01T00:01:30.000Z');
  const system = new sp.Engine();
  assert.throws(() => system.advanceClock({ seconds: 1 }), (err) => err instanceof sp.ConflictError);
});

test('unknown methods are validation errors naming the method', () => {
  assert.throws(() => manual().call('acme', 'no.such.method'), (err) => err instanceof sp.ValidationError && err.field === 'method');
});
