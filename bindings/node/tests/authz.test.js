'use strict';
// Authorization from Node: the native check path, typed models and tuples, queries, RBAC, isolation.
const test = require('node:test');
const assert = require('node:assert/strict');
const sp = require('../lib');

const manual = () => new sp.Engine({ manualClock: '2026-01-01T00:00:00Z' });

const MODEL = `
model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user, group#member]
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user] or owner
    define viewer: [user, user:*, group#member, user with in_network] or editor or viewer from parent
    define temp_viewer: [user with not_expired]
condition in_network(user_ip: ipaddress, cidr: string) {
  user_ip.in_cidr(cidr)
}
condition not_expired(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {
  current_time < grant_time + grant_duration
}
`;

function client(tenant = 'acme', engine = manual()) {
  const authz = engine.tenant(tenant).authz;
  authz.writeModelSync(MODEL);
  return authz;
}

test('checkSync resolves direct, userset and parent relations', () => {
  const authz = client();
  authz.writeTuplesSync([
    { user: 'user:anne', relation: 'member', object: 'group:eng' },
    ['group:eng#member', 'viewer', 'folder:specs'],
    ['folder:specs', 'parent', 'document:design'],
    ['user:bob', 'owner', 'document:design'],
  ]);
  assert.equal(authz.checkSync({ user: 'user:anne', relation: 'viewer', object: 'document:design' }), true);
  assert.equal(authz.checkSync({ user: 'user:bob', relation: 'editor', object: 'document:design' }), true);
  assert.equal(authz.checkSync({ user: 'user:anne', relation: 'editor', object: 'document:design' }), false);
  assert.equal(authz.canSync('user:carol', 'viewer', 'document:design'), false);
  assert.throws(() => authz.checkSync({ user: 'user:anne', relation: 'viewer' }), TypeError);
  assert.throws(() => authz.checkSync({ user: 'user:anne', relation: 'nope', object: 'document:design' }), sp.ValidationError);
});

test('explain gives the granting path', async () => {
  const authz = client();
  authz.writeTuplesSync([['user:bob', 'owner', 'document:1']]);
  const result = authz.explainSync({ user: 'user:bob', relation: 'viewer', object: 'document:1' });
  assert.equal(result.allowed, true);
  assert.ok(result.explanation.some((step) => step.includes('owner')));
  assert.ok(Object.isFrozen(result));
  assert.deepEqual(await authz.explain({ user: 'user:eve', relation: 'viewer', object: 'document:1' }), { allowed: false, explanation: null });
});

test('conditions read tuple and request context; Dates are timestamps', () => {
  const authz = client();
  authz.writeTuplesSync([
    { user: 'user:anne', relation: 'viewer', object: 'document:1', condition: { name: 'in_network', context: { cidr: '10.0.0.0/8' } } },
    { user: 'user:anne', relation: 'temp_viewer', object: 'document:1',
      condition: { name: 'not_expired', context: { grant_time: '2026-01-01T00:00:00Z', grant_duration: '1h' } } },
  ]);
  const check = (relation, context) => authz.checkSync({ user: 'user:anne', relation, object: 'document:1', context });
  assert.equal(check('viewer', { user_ip: '10.1.2.3' }), true);
  assert.equal(check('viewer', { user_ip: '192.168.0.1' }), false);
  assert.throws(() => check('viewer', undefined), sp.ConditionEvaluationError);
  assert.equal(check('temp_viewer', { current_time: new Date('2026-01-01T00:30:00Z') }), true);
  assert.equal(check('temp_viewer', { current_time: new Date('2026-01-01T02:00:00Z') }), false);
  const [stored] = authz.readTuplesSync({ relation: 'viewer' }).data;
  assert.deepEqual(stored.condition, { name: 'in_network', context: { cidr: '10.0.0.0/8' } });
});

test('contextual tuples count for one query and are validated', async () => {
  const authz = client();
  const contextualTuples = [['user:zoe', 'member', 'group:ops'], { user: 'group:ops#member', relation: 'viewer', object: 'document:2' }];
  assert.equal(authz.checkSync({ user: 'user:zoe', relation: 'viewer', object: 'document:2', contextualTuples }), true);
  assert.equal(await authz.check({ user: 'user:zoe', relation: 'viewer', object: 'document:2' }), false);
  assert.deepEqual(authz.listObjectsSync({ user: 'user:zoe', relation: 'viewer', type: 'document', contextualTuples }).data, ['document:2']);
  assert.equal(authz.readTuplesSync().data.length, 0);
  assert.throws(() => authz.checkSync({ user: 'user:zoe', relation: 'viewer', object: 'document:2', contextualTuples: [['user:zoe', 'nope', 'document:2']] }),
    (err) => err instanceof sp.InvalidTupleError && err.field === 'relation');
});

test('tuple expiry follows the engine clock', () => {
  const engine = manual();
  const authz = client('acme', engine);
  authz.writeTuplesSync([{ user: 'user:anne', relation: 'viewer', object: 'document:1', expiresAt: new Date('2026-01-01T01:00:00Z') }]);
  assert.equal(authz.canSync('user:anne', 'viewer', 'document:1'), true);
  assert.ok(authz.readTuplesSync().data[0].expiresAt instanceof Date);
  engine.advanceClock({ seconds: 7200 });
  assert.equal(authz.canSync('user:anne', 'viewer', 'document:1'), false);
});

test('writes are atomic, return revisions, and reads page', () => {
  const authz = client();
  const first = authz.writeTuplesSync([['user:anne', 'owner', 'document:1']]);
  assert.throws(() => authz.writeSync({ writes: [['user:bob', 'owner', 'document:2'], ['user:bob', 'owner', 'nope']] }),
    (err) => err instanceof sp.InvalidTupleError && err.field === 'object');
  assert.equal(authz.canSync('user:bob', 'owner', 'document:2'), false);
  const second = authz.writeSync({ writes: [['user:bob', 'owner', 'document:2']], deletes: [['user:anne', 'owner', 'document:1']] });
  assert.ok(second > first);
  assert.equal(authz.checkSync({ user: 'user:bob', relation: 'owner', object: 'document:2', minRevision: second }), true);
  assert.throws(() => authz.checkSync({ user: 'user:bob', relation: 'owner', object: 'document:2', minRevision: second + 5 }),
    (err) => err instanceof sp.ValidationError && err.field === 'min_revision');
  authz.writeTuplesSync(Array.from({ length: 6 }, (_, i) => [`user:u${i}`, 'viewer', `document:${i % 2}`]));
  const page = authz.readTuplesSync({ object: 'document:', relation: 'viewer', page: 2, pageSize: 4 });
  assert.equal(page.data.length, 2);
  assert.equal(page.pagination.totalItems, 6);
  assert.deepEqual(authz.readTuplesSync({ user: 'user:u3' }).data.map((t) => t.object), ['document:1']);
});

test('invalid models name line and column; versions round trip', () => {
  const authz = client();
  assert.throws(() => authz.writeModelSync('model\n  schema 1.1\ntype user\n  relations\n    define owner [user]\n'), (err) => {
    assert.ok(err instanceof sp.InvalidAuthorizationModelError);
    assert.equal(JSON.parse(err.detail).line, 5);
    return /line 5, column \d+/.test(err.message);
  });
  const [first] = authz.listModelsSync();
  const model = authz.readModelSync();
  assert.equal(model.id, first);
  assert.ok(model.typeDefinitions.some((t) => t.type === 'document' && 'temp_viewer' in t.relations));
  const second = authz.writeModelSync(model);
  assert.deepEqual(authz.listModelsSync(), [first, second]);
  assert.throws(() => authz.readModelSync('missing'), sp.AuthorizationModelNotFoundError);
});

test('batchCheck, expand, listObjects and listUsers are typed', async () => {
  const authz = client();
  await authz.writeTuples([['user:anne', 'owner', 'document:1'], ['user:bob', 'editor', 'document:1'], ['user:*', 'viewer', 'document:9']]);
  const results = await authz.batchCheck([
    { user: 'user:anne', relation: 'viewer', object: 'document:1', explain: true },
    { user: 'user:carol', relation: 'viewer', object: 'document:1' },
    { user: 'user:anne', relation: 'unknown', object: 'document:1' },
  ]);
  assert.deepEqual(results.map((r) => r.allowed), [true, false, false]);
  assert.ok(results[0].explanation.length > 0);
  assert.ok(results[2].error instanceof sp.ValidationError);
  const tree = authz.expandSync('document:1', 'editor');
  assert.deepEqual(tree, { name: 'document:1#editor', root: { union: [{ users: ['user:bob'] }, { computed: ['document:1#owner'] }] } });
  const page = await authz.listObjects({ user: 'user:anne', relation: 'viewer', type: 'document', pageSize: 1 });
  assert.deepEqual([page.data, page.pagination.hasNext], [['document:1'], true]);
  assert.deepEqual(await authz.listUsers({ object: 'document:9', relation: 'viewer', userFilters: ['user'] }), ['user:*']);
});

test('RBAC roles and permission strings', async () => {
  const authz = manual().tenant('acme').authz;
  authz.defineRoleSync('support', ['notifications:read', 'users:read']);
  await authz.assignRole('alice', 'support');
  assert.deepEqual(authz.rolePermissionsSync('support'), ['notifications:read', 'users:read']);
  assert.equal(authz.hasPermissionSync('alice', 'notifications:read'), true);
  assert.equal(await authz.hasPermission('alice', 'users:delete'), false);
  authz.requirePermissionSync('alice', 'users:read');
  assert.throws(() => authz.requirePermissionSync('alice', 'users:delete'), (err) => err instanceof sp.AuthorizationError && err.field === 'permission');
  await assert.rejects(authz.requirePermission('alice', 'users:delete'), sp.AuthorizationError);
  await authz.requirePermission('alice', 'notifications:read');
  assert.throws(() => authz.assignRoleSync('bob', 'nope'), sp.RoleNotFoundError);
  assert.throws(() => authz.hasPermissionSync('alice', 'not a permission'), (err) => err instanceof sp.ValidationError && err.field === 'permission');
  authz.revokeRoleSync('alice', 'support');
  assert.equal(authz.hasPermissionSync('alice', 'users:read'), false);
});

test('tenants are isolated', async () => {
  const engine = manual();
  const acme = client('acme', engine);
  const globex = engine.tenant('globex').authz;
  acme.writeTuplesSync([['user:anne', 'owner', 'document:1']]);
  acme.defineRoleSync('admin', ['users:delete']);
  acme.assignRoleSync('anne', 'admin');
  assert.throws(() => globex.canSync('user:anne', 'owner', 'document:1'), sp.AuthorizationModelNotFoundError);
  await assert.rejects(globex.can('user:anne', 'owner', 'document:1'), sp.AuthorizationModelNotFoundError);
  globex.writeModelSync(MODEL);
  assert.equal(globex.canSync('user:anne', 'owner', 'document:1'), false);
  assert.equal(globex.hasPermissionSync('anne', 'users:delete'), false);
  assert.throws(() => globex.rolePermissionsSync('admin'), sp.RoleNotFoundError);
  assert.equal(await acme.can('user:anne', 'owner', 'document:1'), true);
});

test('a closed engine refuses checks', async () => {
  const engine = manual();
  const authz = client('acme', engine);
  authz.defineRoleSync('ops', ['alerts:read']);
  engine.close();
  assert.throws(() => authz.canSync('user:anne', 'viewer', 'document:1'), sp.EngineClosedError);
  assert.throws(() => authz.hasPermissionSync('anne', 'alerts:read'), sp.EngineClosedError);
  await assert.rejects(authz.can('user:anne', 'viewer', 'document:1'), sp.EngineClosedError);
});
