#!/usr/bin/env python3
"""Ours vs Presidio on the anchor harness' corpus, in one run, scored by one function.

Uses shared/bench/anchors/redact_python.py (its corpus under $ANCHORS_DATA and its Presidio
setup: NoOpNlpEngine + default registry, pattern recognizers only). Presidio runs one
analyze() per line on --sample-lines lines per rep (a different slice each rep, as the harness
does); ours runs over the whole corpus through the redaction_anchor bench binary (release
build), whose findings are scored here with the same code. Reports MB/s (median of reps),
the throughput ratio, and precision/recall/F1 per entity type on the six types the corpus
labels (a labelled value is found when a result of the same type overlaps it; a result of
those types overlapping no label of its type is a false positive).

Run: /tmp/anchors-venv/bin/python tests/redaction/presidio_compare.py [--reps 3 --sample-lines 1000]
(from the repository root, with ../shared/bench/anchors or $ANCHORS_DIR pointing at the harness)
"""

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANCHORS = Path(os.environ.get("ANCHORS_DIR", ROOT.parent / "shared" / "bench" / "anchors"))
sys.path.insert(0, str(ANCHORS))
import redact_python as harness  # noqa: E402

TYPES = harness.TYPES


def score(results, truth, lines_idx):
    """results[i] = [(type, start, end, score)] for line lines_idx[i]; returns per-type P/R/F1."""
    counts = {t: [0, 0, 0, 0] for t in TYPES}  # tp, fp, labelled, labelled found
    for res, i in zip(results, lines_idx):
        spans = truth[i]
        for typ, s, e in spans:
            c = counts[typ]
            c[2] += 1
            c[3] += any(r[0] == typ and r[1] < e and r[2] > s for r in res)
        for r in res:
            if r[0] in counts:
                hit = any(typ == r[0] and r[1] < e and r[2] > s for typ, s, e in spans)
                counts[r[0]][0 if hit else 1] += 1
    out = {}
    for t, (tp, fp, n, found) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = found / n if n else 0.0
        out[t] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "labels": n}
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    n = sum(c[2] for c in counts.values())
    found = sum(c[3] for c in counts.values())
    p, r = tp / max(tp + fp, 1), found / max(n, 1)
    out["ALL"] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "labels": n}
    return out


def run_ours(corpus, reps):
    spans_path = Path("/tmp/redaction-ours-spans.jsonl")
    cmd = ["cargo", "bench", "-q", "-p", "shared-platform-core", "--bench", "redaction_anchor", "--",
           str(corpus), str(spans_path), str(reps)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    timing = json.loads(out.strip().splitlines()[-1])
    results = [json.loads(x) for x in spans_path.read_text().splitlines()]
    return timing, results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--sample-lines", type=int, default=1000)
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    path, lines, truth, digest = harness.load_corpus(5.0, 42)
    print(f"corpus {path.name} sha256:{digest} {path.stat().st_size / 1e6:.2f} MB, {len(lines)} lines")
    info, _full, _reg, engines = harness.presidio_engines()
    chosen = {k: engines[k] for k in ("presidio/6-entities", "presidio/pattern-only-5")}
    ranges = harness.slices(len(lines), args.reps, args.sample_lines)
    rows = {}
    for name, detect in chosen.items():
        for x in lines[:20]:
            detect(x)
        mbs, results, idx = [], [], []
        for a, b in ranges:
            chunk = lines[a:b]
            t0 = time.perf_counter()
            res = [detect(x) for x in chunk]
            dt = time.perf_counter() - t0
            mbs.append(sum(len(x.encode()) + 1 for x in chunk) / dt / 1e6)
            results += res
            idx += range(a, b)
        rows[name] = {"mb_s_median": sorted(mbs)[len(mbs) // 2], "scores": score(results, truth, idx)}
        print(f"{name}: {rows[name]['mb_s_median']:.3f} MB/s", flush=True)
    timing, ours = run_ours(path, max(args.reps, 3))
    rows["ours/analyze"] = {"mb_s_median": timing["mb_s_median"], "scores": score(ours, truth, range(len(lines)))}
    print(f"ours/analyze: {timing['mb_s_median']:.1f} MB/s (whole corpus)")
    print(f"\nmachine: {platform.machine()} {os.cpu_count()} CPUs, {platform.python_version()}, "
          f"presidio-analyzer {harness.pkg_version('presidio-analyzer')}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("\n| engine | MB/s (median) | ours / engine | " + " | ".join(f"{t} F1" for t in TYPES) + " | all P | all R | all F1 |")
    print("|---|---:|---:|" + "---:|" * (len(TYPES) + 3))
    for name, row in rows.items():
        s = row["scores"]
        ratio = rows["ours/analyze"]["mb_s_median"] / row["mb_s_median"]
        cells = " | ".join(f"{s[t]['f1']:.3f}" for t in TYPES)
        print(f"| `{name}` | {row['mb_s_median']:.3g} | {ratio:,.0f}x | {cells} | {s['ALL']['precision']:.3f} | "
              f"{s['ALL']['recall']:.3f} | {s['ALL']['f1']:.3f} |")


if __name__ == "__main__":
    main()
