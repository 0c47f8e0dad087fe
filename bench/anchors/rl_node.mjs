#!/usr/bin/env node
// Per-call cost of rate-limiter-flexible RateLimiterMemory.consume() vs ours.
//
//   node --expose-gc rl_node.mjs [--reps 5] [--n-hot 200000] [--n-keys 100000] [--no-record]
//
// rate-limiter-flexible is resolved from $ANCHORS_NODE_DIR (default /tmp/anchors-node),
// where setup.sh installs the version pinned in node-package.json.
//
// Scenarios (fresh limiter every rep):
//   hot_allow  one key, points 1e9 per 3600 s (never rejected), N_HOT consumes
//   hot_deny   one key, points 100 per 60 s, pre-filled, N_HOT consumes that all reject
//   keys_cold  100k distinct keys, one consume each on a fresh limiter
//   keys_warm  second pass over the same keys
// Modes:
//   await      `for (k of keys) { try { await rl.consume(k) } catch {} }`
//   batch1000  `await Promise.allSettled(chunk.map(k => rl.consume(k)))`, chunks of 1000
//   sync       (ours only, if its binding is synchronous) plain calls, no await
// Value = loop wall time / calls, ns per call; min and median over reps.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = 'rl_node';
const NODE_DIR = process.env.ANCHORS_NODE_DIR ?? '/tmp/anchors-node';
const RESULTS = process.env.ANCHORS_RESULTS ?? path.join(HERE, 'results.jsonl');
const RUN_ID = process.env.ANCHORS_RUN_ID ?? new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const NOW = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
const requireFromNodeDir = createRequire(path.join(NODE_DIR, 'package.json'));

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const REPS = arg('reps', 5);
const N_HOT = arg('n-hot', 200_000);
const N_KEYS = arg('n-keys', 100_000);
const NO_RECORD = process.argv.includes('--no-record');
const BATCH = 1000;

class Skip extends Error {}

// ------------------------------------------------------------------ anchors
function anchorFactories() {
  const { RateLimiterMemory } = requireFromNodeDir('rate-limiter-flexible');
  const pkg = JSON.parse(fs.readFileSync(
    path.join(NODE_DIR, 'node_modules', 'rate-limiter-flexible', 'package.json'), 'utf8'));
  const factory = (scenario) => {
    const opts = scenario === 'hot_deny' ? { points: 100, duration: 60 } : { points: 1e9, duration: 3600 };
    const rl = new RateLimiterMemory(opts);
    return {
      consume: (k) => rl.consume(k),
      teardown: async (keys) => { for (const k of keys) await rl.delete(k); },  // clears expiry timers
    };
  };
  return { 'rate-limiter-flexible/RateLimiterMemory': { kind: 'async', version: pkg.version, factory } };
}

// =================================================================== OURS SLOT
// Our product's Node binding (npm package `shared-platform`). Skipped while it cannot
// be imported. When bindings/node exists, return
//   { 'ours/<Strategy>': { kind: 'sync' | 'async', version, factory } }
// where factory(scenario) -> { consume(key) -> boolean | Promise, teardown(keys) }.
// "hot_deny" must use 100 points per 60 s; every other scenario a limit never reached.
// For kind 'async' a rejected consume may either resolve false or reject; both are timed.
async function oursFactories() {
  let sp;
  try {
    sp = await import('shared-platform');               // resolved from this folder / NODE_PATH-less ESM
  } catch (e1) {
    try {
      sp = requireFromNodeDir('shared-platform');       // or installed into $ANCHORS_NODE_DIR
    } catch (e2) {
      throw new Skip(`shared-platform not importable (${e1.code ?? e1.message})`);
    }
  }
  const strategies = { 'ours/SlidingWindowCounter': 'sliding_window', 'ours/FixedWindow': 'fixed_window', 'ours/TokenBucket': 'token_bucket' };
  const make = (algorithm, sync) => (scenario) => {
    const [limit, windowSeconds] = scenario === 'hot_deny' ? [100, 60] : [1e9, 3600];
    const engine = new sp.Engine(); // fresh in-memory state per rep
    const rl = engine.tenant('bench').ratelimit;
    const tokenBucket = algorithm === 'token_bucket' ? { refillRate: Math.max(1, Math.floor(limit / windowSeconds)), bucketSize: limit } : undefined;
    const policy = rl.createPolicySync({ name: 'bench', algorithm, tokenBucket, limits: [{ scope: 'user', maxRequests: limit, windowSeconds }] });
    rl.createRuleSync({ name: 'per key', policyId: policy.id, target: { type: 'user' } });
    const consume = sync
      ? (k) => rl.consumeSync({ endpoint: '/bench', method: 'GET', user: k }).allowed
      : (k) => rl.consume({ endpoint: '/bench', method: 'GET', user: k }).then((d) => d.allowed);
    return { consume, teardown: async () => engine.close() };
  };
  const out = {};
  for (const [name, algorithm] of Object.entries(strategies)) out[name] = { kind: 'sync', version: sp.version(), factory: make(algorithm, true) };
  // The Promise form, decided on the libuv thread pool (for stores that wait on I/O, e.g. Redis).
  out['ours/SlidingWindowCounter (Promise)'] = { kind: 'async', version: sp.version(), factory: make('sliding_window', false) };
  return out;
}
// ============================================================================

async function timedAwait(consume, keys) {
  const t0 = process.hrtime.bigint();
  for (const k of keys) {
    try { await consume(k); } catch { /* rejected = over limit */ }
  }
  return Number(process.hrtime.bigint() - t0) / keys.length;
}

async function timedBatch(consume, keys) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    await Promise.allSettled(chunk.map((k) => consume(k)));
  }
  return Number(process.hrtime.bigint() - t0) / keys.length;
}

function timedSync(consume, keys) {
  const t0 = process.hrtime.bigint();
  for (const k of keys) consume(k);
  return Number(process.hrtime.bigint() - t0) / keys.length;
}

async function timed(mode, consume, keys) {
  if (mode === 'await') return timedAwait(consume, keys);
  if (mode === 'batch1000') return timedBatch(consume, keys);
  return timedSync(consume, keys);
}

const gc = globalThis.gc ?? (() => {});

// One rep of every scenario, in every mode, for one implementation.
async function runRep(impl, keys, out) {
  const modes = impl.kind === 'sync' ? ['sync'] : ['await', 'batch1000'];
  const hot = new Array(N_HOT).fill('hot:key');
  for (const mode of modes) {
    for (const s of ['hot_allow', 'hot_deny', 'keys_cold', 'keys_warm']) out[`${s}/${mode}`] ??= [];
    let l = impl.factory('hot_allow');
    out[`hot_allow/${mode}`].push(await timed(mode, l.consume, hot));
    await l.teardown(['hot:key']);
    l = impl.factory('hot_deny');
    for (let i = 0; i < 100; i++) await l.consume('hot:key');
    out[`hot_deny/${mode}`].push(await timed(mode, l.consume, hot));
    let rejected = false;
    try { rejected = (await l.consume('hot:key')) === false; } catch { rejected = true; }
    if (!rejected) throw new Error('hot_deny: expected rejection');
    await l.teardown(['hot:key']);
    l = impl.factory('keys');
    out[`keys_cold/${mode}`].push(await timed(mode, l.consume, keys));
    out[`keys_warm/${mode}`].push(await timed(mode, l.consume, keys));
    await l.teardown(keys);
    gc();
  }
}

function summarize(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2 };
}

function fmt(x) {
  if (!Number.isFinite(x)) return '-';
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3);
}

function record(name, metric, value, unit, version, params) {
  const row = {
    name, metric, value: Math.round(value * 1e6) / 1e6, unit, date: NOW, run_id: RUN_ID, script: SCRIPT,
    version, params, host: { nproc: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version },
  };
  fs.appendFileSync(RESULTS, JSON.stringify(row) + '\n');
}

async function main() {
  const keys = Array.from({ length: N_KEYS }, (_, i) => `user:${i}`);
  const impls = anchorFactories();
  try {
    Object.assign(impls, await oursFactories());
  } catch (e) {
    if (!(e instanceof Skip)) throw e;
    console.log(`[ours] skipped: ${e.message}`);
  }
  if (!globalThis.gc) console.log('(run with --expose-gc for a gc() between reps)');

  const rows = [];
  const all = {};
  // floors: what any Promise-returning (or plain) JS call costs in the same loops
  const asyncNoop = async () => true;
  const syncNoop = () => true;
  all['js/noop'] = {
    version: process.version,
    res: { 'call_floor/await': [], 'call_floor/batch1000': [], 'call_floor/sync': [] },
  };
  for (const [name, impl] of Object.entries(impls)) all[name] = { version: impl.version, res: {} };
  // reps interleaved across implementations, so a slow spell of the machine hits all alike
  for (let r = 0; r < REPS; r++) {
    const t0 = Date.now();
    all['js/noop'].res['call_floor/await'].push(await timedAwait(asyncNoop, keys));
    all['js/noop'].res['call_floor/batch1000'].push(await timedBatch(asyncNoop, keys));
    all['js/noop'].res['call_floor/sync'].push(timedSync(syncNoop, keys));
    for (const [name, impl] of Object.entries(impls)) await runRep(impl, keys, all[name].res);
    console.log(`  rep ${r + 1}/${REPS}: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  }
  for (const [name, { res }] of Object.entries(all)) {
    for (const [m, xs] of Object.entries(res)) {
      const s = summarize(xs);
      rows.push([name, m, fmt(s.min), fmt(s.median), fmt(1e9 / s.median)]);
    }
  }
  const headers = ['impl', 'scenario/mode', 'min ns', 'median ns', 'calls/s (median)'];
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  console.log(`\n== rate-limiter consume() cost, ns/call (reps=${REPS}, hot N=${N_HOT}, keys=${N_KEYS}, node ${process.version})`);
  console.log(headers.map((h, i) => h.padEnd(w[i])).join('  '));
  console.log(w.map((x) => '-'.repeat(x)).join('  '));
  for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));

  if (NO_RECORD) return;
  for (const [name, { version, res }] of Object.entries(all)) {
    for (const [m, xs] of Object.entries(res)) {
      const s = summarize(xs);
      for (const stat of ['min', 'median']) {
        record(name, `${m}.${stat}`, s[stat], 'ns/call', version,
          { reps: REPS, n_hot: N_HOT, n_keys: N_KEYS, batch: BATCH, node: process.version });
      }
    }
  }
}

await main();
