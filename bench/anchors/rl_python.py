#!/usr/bin/env python3
"""Per-call cost of the Python `limits` package (MemoryStorage) vs ours.

Anchors: limits.strategies.{FixedWindow, SlidingWindowCounter, MovingWindow}RateLimiter
over limits.storage.MemoryStorage, calling `limiter.hit(item, key)`.

Scenarios (every rep builds a fresh storage + limiter, so reps are independent):
  hot_allow   one key, limit 10^9/hour (never rejected), N_HOT calls.
              MovingWindow keeps one entry per hit in the window, so its cost grows
              with window occupancy (0 -> N_HOT = 30k here); Fixed/Sliding are O(1).
  hot_deny    one key, limit 100/minute, pre-filled to the limit, then N_HOT calls
              that are all rejected (the 'abusive client' path).
  keys_cold   100k distinct keys, one hit each on a fresh storage (creates state).
  keys_warm   a second pass over the same 100k keys (state exists).
  call_floor  a no-op Python function over the same key list: the floor any
              Python-callable limiter (ours included) cannot go below.
Value = wall time of the loop / calls, in ns per call; min and median over reps.
GC is disabled inside timed loops (as timeit does), for anchors and ours alike.
"""

from __future__ import annotations

import argparse
import functools
import gc
import time

from _common import Skip, import_ours, pkg_version, print_table, record, summarize

SCRIPT = "rl_python"


# ------------------------------------------------------------------ anchors
def anchor_factories() -> dict:
    from limits import RateLimitItemPerHour, RateLimitItemPerMinute
    from limits.storage import MemoryStorage
    from limits.strategies import (
        FixedWindowRateLimiter,
        MovingWindowRateLimiter,
        SlidingWindowCounterRateLimiter,
    )

    allow = RateLimitItemPerHour(10**9)
    deny = RateLimitItemPerMinute(100)

    def make(cls):
        def factory(scenario: str):
            storage = MemoryStorage()
            limiter = cls(storage)
            item = deny if scenario == "hot_deny" else allow
            hit = functools.partial(limiter.hit, item)

            def teardown():
                # stop limits' background expiry thread before clearing, so the
                # thread never iterates over dicts that reset() is emptying
                storage.timer.cancel()
                storage.timer.join()
                storage.reset()

            return hit, teardown
        return factory

    return {
        "limits/FixedWindow": make(FixedWindowRateLimiter),
        "limits/SlidingWindowCounter": make(SlidingWindowCounterRateLimiter),
        "limits/MovingWindow": make(MovingWindowRateLimiter),
    }


# =================================================================== OURS SLOT
# Our product's Python binding. Skipped (with the reason printed) while
# `shared_platform` is not importable. When bindings/python exists, wire it here:
# return {variant_name: factory}, where factory(scenario) -> (hit, teardown),
#   hit(key: str) -> bool   one consume of cost 1 on `key`, True = allowed
#   scenario "hot_deny" must use a limit of 100 per 60 s, every other scenario a
#   limit that is never reached (10**9 per hour). teardown() frees the state.
# Use the same strategy names as the anchors where they exist, e.g.
#   "ours/FixedWindow", "ours/SlidingWindowCounter", "ours/TokenBucket".
OURS_MODULE = "shared_platform"


STRATEGIES = {
    "ours/SlidingWindowCounter": "sliding_window",
    "ours/FixedWindow": "fixed_window",
    "ours/TokenBucket": "token_bucket",
}


def ours_factories() -> dict:
    sp = import_ours(OURS_MODULE)  # raises Skip when absent
    from shared_platform.ratelimit import CreatePolicyRequest, CreateRuleRequest, RateLimit, RuleTarget, TokenBucketConfig

    def make(algorithm: str):
        def factory(scenario: str):
            limit, window = (100, 60) if scenario == "hot_deny" else (10**9, 3600)
            engine = sp.Engine()  # fresh in-memory state per rep
            rl = engine.tenant("bench").ratelimit
            bucket = TokenBucketConfig(refill_rate=max(1, limit // window), bucket_size=limit)
            policy = rl.create_policy(CreatePolicyRequest(
                name="bench", algorithm=algorithm,
                limits=[RateLimit(scope="user", max_requests=limit, window_seconds=window)],
                token_bucket=bucket if algorithm == "token_bucket" else None))
            rl.create_rule(CreateRuleRequest(name="per key", policy_id=policy.id, target=RuleTarget(type="user")))
            consume = rl.consume  # the native method: typed arguments, no JSON

            def hit(key: str) -> bool:
                return consume("/bench", "GET", user=key).allowed

            return hit, engine.close
        return factory

    return {name: make(algorithm) for name, algorithm in STRATEGIES.items()}
# ============================================================================


def timed_loop(hit, keys) -> float:
    gc.disable()
    t0 = time.perf_counter_ns()
    for k in keys:
        hit(k)
    t1 = time.perf_counter_ns()
    gc.enable()
    return (t1 - t0) / len(keys)


def run_rep(name: str, factory, n_hot: int, keys: list, out: dict) -> None:
    """One rep of every scenario for one implementation; appends ns/call to out[scenario]."""
    hot = ["hot:key"] * n_hot
    # hot_allow
    hit, teardown = factory("hot_allow")
    hit("hot:key")
    out["hot_allow"].append(timed_loop(hit, hot))
    assert hit("hot:key"), f"{name}: hot_allow expected allowed"
    teardown()
    # hot_deny
    hit, teardown = factory("hot_deny")
    for _i in range(100):
        hit("hot:key")
    out["hot_deny"].append(timed_loop(hit, hot))
    assert not hit("hot:key"), f"{name}: hot_deny expected rejected"
    teardown()
    # 100k keys, cold then warm
    hit, teardown = factory("keys")
    out["keys_cold"].append(timed_loop(hit, keys))
    out["keys_warm"].append(timed_loop(hit, keys))
    assert hit(keys[0]), f"{name}: keys expected allowed"
    teardown()
    gc.collect()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--n-hot", type=int, default=30_000)
    ap.add_argument("--n-keys", type=int, default=100_000)
    ap.add_argument("--no-record", action="store_true", help="print only, do not append to results.jsonl")
    args = ap.parse_args()

    keys = [f"user:{i}" for i in range(args.n_keys)]
    impls = dict(anchor_factories())
    try:
        impls.update(ours_factories())
    except Skip as exc:
        print(f"[ours] skipped: {exc}")

    # Reps are interleaved (rep 1 of every impl, then rep 2, ...) so that a slow spell of
    # the shared machine hits anchors and ours alike.
    floor = []
    results = {name: {s: [] for s in ("hot_allow", "hot_deny", "keys_cold", "keys_warm")} for name in impls}
    for rep in range(args.reps):
        t0 = time.perf_counter()
        floor.append(timed_loop(lambda k: True, keys))
        for name, factory in impls.items():
            run_rep(name, factory, args.n_hot, keys, results[name])
        print(f"  rep {rep + 1}/{args.reps}: {time.perf_counter() - t0:.1f}s", flush=True)
    rows = [["python call floor (no-op fn)", "call_floor", summarize(floor)["min"], summarize(floor)["median"], float("nan")]]
    for name, res in results.items():
        for scen, samples in res.items():
            s = summarize(samples)
            rows.append([name, scen, s["min"], s["median"], 1e9 / s["median"]])
    results = {"python/noop": {"call_floor": floor}, **results}

    print_table(f"rate limit hit() cost, ns/call (reps={args.reps}, hot N={args.n_hot}, keys={args.n_keys})",
                ["impl", "scenario", "min ns", "median ns", "calls/s (median)"], rows)

    if args.no_record:
        return
    ver = pkg_version("limits")
    for name, res in results.items():
        version = ver if name.startswith("limits") else ("" if name.startswith("python") else "ours")
        for scen, samples in res.items():
            s = summarize(samples)
            for stat in ("min", "median"):
                record(SCRIPT, name, f"{scen}.{stat}", s[stat], "ns/call", version,
                       reps=args.reps, n_hot=args.n_hot, n_keys=args.n_keys, storage="MemoryStorage")


if __name__ == "__main__":
    main()
