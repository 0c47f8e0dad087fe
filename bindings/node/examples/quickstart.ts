// The README's TypeScript quick start; type-checked with `tsc --strict --noEmit` in CI.
import { Engine, type RateLimitDecision, type RateLimitPolicy } from 'shared-platform';

async function main(): Promise<void> {
  const engine = new Engine(); // zero-config: SQLite + hot state in memory
  const rl = engine.tenant('acme').ratelimit;
  const policy: RateLimitPolicy = await rl.createPolicy({ name: 'per-user', limits: [{ scope: 'user', maxRequests: 2, windowSeconds: 60 }] });
  await rl.createRule({ name: 'all users', policyId: policy.id, target: { type: 'user' } });
  for (let i = 0; i < 3; i += 1) {
    const decision: RateLimitDecision = rl.consumeSync({ endpoint: '/api/items', method: 'GET', user: 'alice' });
    console.log(decision.allowed, decision.remaining, decision.headers()['Retry-After']);
  }
  engine.close();
}

void main();
