#!/usr/bin/env node
// ns per RateLimitClient.consumeSync next to rate-limiter-flexible's RateLimiterMemory, in one
// process, reps alternating between implementations (the host is shared: only same-run figures
// compare). Any number of builds of ours can be loaded side by side (e.g. before/after a change).
//
//   node --expose-gc bench/node/rl_sync.mjs [--reps 9] [--n 200000] [--ours name=/path/to/package-root ...]
//
// Default: ours = this checkout (release addon from bench/anchors/build-ours.sh);
// rate-limiter-flexible from $ANCHORS_NODE_DIR (default /tmp/anchors-node, see bench/anchors/setup.sh).
// Scenarios: hot (one user, never limited), keys (10,000 users in turn, never limited),
// full (user + ip + apiKey + method, 1,000 users in turn). Median and min over reps.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const REPS = opt('reps', 9);
const N = opt('n', 200_000);
const ours = [];
for (let i = 0; i < argv.length; i++) if (argv[i] === '--ours') ours.push(argv[i + 1].split('='));
if (ours.length === 0) ours.push(['ours', path.resolve(HERE, '..', '..')]);

const keys = Array.from({ length: 10_000 }, (_, i) => `user:${i}`);
const requests = Array.from({ length: 1_000 }, (_, i) => ({
  endpoint: '/api/v1/items', method: 'POST', user: `user:${i}`, ip: `203.0.113.${i % 250}`, apiKey: `key-${i % 50}`,
}));

function oursImpl(root) {
  const sp = createRequire(path.join(root, 'package.json'))(root);
  const engine = new sp.Engine();
  const rl = engine.tenant('bench').ratelimit;
  const policy = rl.createPolicySync({ name: 'bench', limits: [{ scope: 'user', maxRequests: 1e9, windowSeconds: 3600 }] });
  rl.createRuleSync({ name: 'per user', policyId: policy.id, target: { type: 'user' } });
  return {
    hot: (n) => { let a = 0; for (let i = 0; i < n; i++) if (rl.consumeSync({ endpoint: '/bench', method: 'GET', user: 'hot' }).allowed) a++; return a; },
    keys: (n) => { let a = 0; for (let i = 0; i < n; i++) if (rl.consumeSync({ endpoint: '/bench', method: 'GET', user: keys[i % 10_000] }).allowed) a++; return a; },
    full: (n) => { let a = 0; for (let i = 0; i < n; i++) if (rl.consumeSync(requests[i % 1_000]).allowed) a++; return a; },
  };
}

function flexibleImpl() {
  const nodeDir = process.env.ANCHORS_NODE_DIR ?? '/tmp/anchors-node';
  const { RateLimiterMemory } = createRequire(path.join(nodeDir, 'package.json'))('rate-limiter-flexible');
  const rl = new RateLimiterMemory({ points: 1e9, duration: 3600 });
  const run = (key) => async (n) => { let a = 0; for (let i = 0; i < n; i++) { await rl.consume(key(i)); a++; } return a; };
  return { hot: run(() => 'hot'), keys: run((i) => keys[i % 10_000]), full: run((i) => requests[i % 1_000].user) };
}

const impls = Object.fromEntries(ours.map(([name, root]) => [name, oursImpl(root)]));
impls['rate-limiter-flexible (await)'] = flexibleImpl();
const gc = globalThis.gc ?? (() => {});
const results = {};
for (const impl of Object.values(impls)) for (const s of ['hot', 'keys', 'full']) await impl[s](20_000); // warm-up
for (let r = 0; r < REPS; r++) {
  for (const [name, impl] of Object.entries(impls)) {
    for (const s of ['hot', 'keys', 'full']) {
      gc();
      const t0 = process.hrtime.bigint();
      const allowed = await impl[s](N);
      const ns = Number(process.hrtime.bigint() - t0) / N;
      if (allowed !== N) throw new Error(`${name} ${s}: ${N - allowed} refused`);
      (results[`${name}\t${s}`] ??= []).push(ns);
    }
  }
}
console.log(`ns per consume (median [min] of ${REPS} reps x ${N} calls, node ${process.version})`);
for (const [key, xs] of Object.entries(results)) {
  xs.sort((a, b) => a - b);
  const [name, s] = key.split('\t');
  console.log(`${name.padEnd(32)} ${s.padEnd(5)} ${xs[xs.length >> 1].toFixed(0).padStart(6)} [${xs[0].toFixed(0)}]`);
}
