// Rate limiting from TypeScript, type-checked with `tsc --strict --noEmit` in CI: typed policies
// (the algorithm is a discriminated union), the per-request hot path, headers and the middleware.
import { createServer } from 'node:http';
import {
  Engine,
  RateLimitExceededError,
  parseRateLimitHeaders,
  rateLimitMiddleware,
  type CreatePolicyRequest,
  type RateLimitDecision,
  type RateLimitInfo,
} from 'shared-platform';

async function main(): Promise<void> {
  const engine = new Engine();
  const rl = engine.tenant('acme').ratelimit;
  const request: CreatePolicyRequest = {
    name: 'api-keys',
    algorithm: 'token_bucket',
    tokenBucket: { refillRate: 10, bucketSize: 100 },
    limits: [{ scope: 'api_key', maxRequests: 100, windowSeconds: 10 }],
  };
  const policy = await rl.createPolicy(request);
  await rl.createRule({ name: 'every key', policyId: policy.id, target: { type: 'api_key' } });

  const decision: RateLimitDecision = rl.consumeSync({ endpoint: '/v1/items', method: 'GET', apiKey: 'k1' });
  const headers: Record<string, string> = decision.headers();
  const info: RateLimitInfo = parseRateLimitHeaders(headers);
  console.log(decision.allowed, decision.remaining, info.limit);
  const roles: readonly string[] = ['viewer'];
  const peek = rl.checkSync({ endpoint: '/v1/items', apiKey: 'clé-ü', ip: null, roles, cost: null });
  console.log(peek.remaining);
  try {
    await rl.enforce({ endpoint: '/v1/items', apiKey: 'k1', cost: 1 });
  } catch (err) {
    if (err instanceof RateLimitExceededError) console.log('retry in', err.retryAfter);
  }

  const limit = rateLimitMiddleware(rl, { request: (req) => ({ apiKey: String(req.headers?.['x-api-key'] ?? 'anonymous') }) });
  const server = createServer((req, res) => void limit(req, res, () => res.end('ok')));
  server.close();
  engine.close();
}

void main();
