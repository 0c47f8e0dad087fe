// Authorization with strict types: a model, tuples with conditions, checks and RBAC.
import { Engine, AuthorizationError, type CheckRequest, type TupleKey } from 'shared-platform';

const engine = new Engine();
const authz = engine.tenant('acme').authz;

authz.writeModelSync(`
model
  schema 1.1
type user
type document
  relations
    define owner: [user]
    define viewer: [user, user with in_network] or owner
condition in_network(user_ip: ipaddress, cidr: string) {
  user_ip.in_cidr(cidr)
}
`);

const tuples: TupleKey[] = [
  { user: 'user:anne', relation: 'owner', object: 'document:1' },
  { user: 'user:bob', relation: 'viewer', object: 'document:1', condition: { name: 'in_network', context: { cidr: '10.0.0.0/8' } } },
];
const revision: number = authz.writeTuplesSync(tuples);

const request: CheckRequest = { user: 'user:bob', relation: 'viewer', object: 'document:1', context: { user_ip: '10.0.0.7' }, minRevision: revision };
const allowed: boolean = authz.checkSync(request);
const why = authz.explainSync({ user: 'user:anne', relation: 'viewer', object: 'document:1' });
const docs = authz.listObjectsSync({ user: 'user:anne', relation: 'viewer', type: 'document' });

authz.defineRoleSync('support', ['notifications:read']);
authz.assignRoleSync('alice', 'support');
try {
  authz.requirePermissionSync('alice', 'users:delete');
} catch (err) {
  if (!(err instanceof AuthorizationError)) throw err;
}
console.log(allowed, why.explanation, docs.data, authz.hasPermissionSync('alice', 'notifications:read'));
engine.close();
