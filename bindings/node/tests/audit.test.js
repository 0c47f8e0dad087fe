'use strict';
// The audit client: camelCase models, Promises and sync twins, filters, isolation.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sp = require('../lib');

const manual = () => new sp.Engine({ manualClock: '2026-01-01T00:00:00Z' });
const entry = (i) => ({ actorId: 'alice', action: 'doc.update', resourceType: 'doc', resourceId: `d${i}`, metadata: { i } });

test('record resolves to a frozen camelCase record with a Date', async () => {
  const audit = manual().tenant('acme').audit;
  const first = await audit.record(entry(0));
  const second = audit.recordSync(entry(1));
  assert.equal(first.seq, 1);
  assert.equal(second.prevHash, first.hash);
  assert.ok(first.timestamp instanceof Date);
  assert.equal(first.timestamp.toISOString(), '2026-01-01T00:00:00.000Z');
  assert.deepEqual(first.metadata, { i: 0 });
  assert.equal(first.outcome, 'success');
  assert.ok(Object.isFrozen(first));
});

test('list filters and paginates', async () => {
  const audit = manual().tenant('acme').audit;
  await Promise.all([...Array(7).keys()].map((i) => audit.record(entry(i))));
  await audit.record({ actorId: 'bob', action: 'doc.delete', resourceType: 'doc', resourceId: 'd1', outcome: 'denied', requestId: 'req-from-host' });
  const page = await audit.list({ action: 'doc.update', page: 2, pageSize: 3 });
  assert.deepEqual(page.data.map((r) => r.seq), [4, 5, 6]);
  assert.equal(page.pagination.totalItems, 7);
  assert.equal(page.pagination.hasNext, true);
  const denied = audit.listSync({ outcome: 'denied' });
  assert.deepEqual(denied.data.map((r) => [r.actorId, r.requestId]), [['bob', 'req-from-host']]);
  assert.equal((await audit.list({ since: new Date('2027-01-01T00:00:00Z') })).data.length, 0);
  assert.throws(() => audit.listSync({ outcome: 'maybe' }), TypeError);
  await assert.rejects(audit.list({ page: 0 }), sp.ValidationError);
});

test('tenants are isolated', async () => {
  const engine = manual();
  await engine.tenant('acme').audit.record(entry(1));
  assert.equal((await engine.tenant('globex').audit.list()).pagination.totalItems, 0);
  assert.equal((await engine.platform().audit.list()).pagination.totalItems, 0);
  const report = await engine.tenant('acme').audit.verify();
  assert.deepEqual(report, { valid: true, recordsChecked: 1, firstBrokenSeq: null, reason: null });
});

test('a SQLite file survives the engine', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-node-'));
  const database = path.join(dir, 'platform.db');
  const first = new sp.Engine({ database });
  await first.tenant('acme').audit.record(entry(1));
  first.close();
  const second = new sp.Engine({ database });
  assert.equal((await second.tenant('acme').audit.list()).pagination.totalItems, 1);
  second.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
