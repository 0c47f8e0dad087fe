// The README's Node quick start, run as written (ESM, top-level await) in CI.
import { Engine } from 'shared-platform';

const engine = new Engine(); // zero-config: SQLite + hot state in memory
const rl = engine.tenant('acme').ratelimit; // every operation runs in a tenant scope
const policy = await rl.createPolicy({ name: 'per-user', limits: [{ scope: 'user', maxRequests: 2, windowSeconds: 60 }] });
await rl.createRule({ name: 'all users', policyId: policy.id, target: { type: 'user' } });
for (let i = 0; i < 3; i += 1) {
  const decision = rl.consumeSync({ endpoint: '/api/items', method: 'GET', user: 'alice' }); // native hot path
  console.log(decision.allowed, decision.remaining, decision.headers()['Retry-After']);
}
engine.close();
