#!/usr/bin/env bash
# The redaction throughput goals (issue 5: >= 1 GB/s clean text, >= 200 MB/s PII-dense logs, one
# core), measured as docs/benchmarks.md reports them: ROUNDS rounds of the six goal benchmarks
# (clean prose, clean logs, dense logs; analyze and redact), one criterion process at a time,
# 5 s each; then per benchmark min / median / max of the runs, the runs under the goal and the
# median against the goal. This host moves whole batches by tens of per cent: run it when nothing
# else runs, and compare batches, not single runs.
#
# usage: bench/redaction_goals.sh [ROUNDS] [BENCH_BINARY...]   (default: 6, this checkout's build;
#        several binaries are alternated round by round, e.g. two commits' builds)
set -euo pipefail
rounds=${1:-6}
shift || true
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  # the path cargo reports (it moves with CARGO_TARGET_DIR and CARGO_BUILD_TARGET)
  set -- "$(cargo bench -q -p shared-platform-core --bench redaction --no-run --message-format=json |
    python3 -c 'import json, sys; print([m["executable"] for m in map(json.loads, sys.stdin) if m.get("executable")][-1])')"
fi
runs=$(mktemp)
trap 'rm -f "$runs"' EXIT
for round in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    for scenario in clean_prose clean_logs dense_logs; do
      "$bin" --bench "redaction/$scenario/" --warm-up-time 1 --measurement-time 5 --noplot 2>/dev/null |
        awk -v bin="$(basename "$bin")" '/^redaction/ {name = $1}
          /thrpt:/ && name != "" {v = $4; if ($5 == "GiB/s") v *= 1024; print bin, name, v; name = ""}' >>"$runs"
    done
  done
  echo "round $round of $rounds done ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
python3 - "$runs" <<'EOF'
import statistics, sys
GOALS = {"clean_prose": 1e9 / 2**20, "clean_logs": 1e9 / 2**20, "dense_logs": 200e6 / 2**20}  # MiB/s
runs = {}
for line in open(sys.argv[1]):
    binary, name, mibs = line.split()
    runs.setdefault((binary, name), []).append(float(mibs))
print(f"{'binary':<28} {'benchmark':<34} {'runs':>4}  {'MiB/s min / median / max':<26} {'under goal':>10}  median vs goal")
for (binary, name), values in sorted(runs.items()):
    goal = GOALS[name.split("/")[1]]
    median = statistics.median(values)
    spread = f"{min(values):,.0f} / {median:,.0f} / {max(values):,.0f}"
    under = sum(v < goal for v in values)
    print(f"{binary:<28} {name:<34} {len(values):>4}  {spread:<26} {under:>10}  {median / goal - 1:+.0%}")
EOF
