#!/usr/bin/env bash
# Batch throughput: `presign-inspector --batch` against botocore's own SigV4 query signer, on
# the same presigned URLs, on one core, in the same run.
#
#   scripts/bench-batch.sh            # 100,000 URLs, 3 runs
#   N=20000 RUNS=5 scripts/bench-batch.sh
#
# Both sides are pinned to CPU 0 (taskset) and timed in CPU seconds (user + system), which a
# busy machine inflates far less than wall time. Each run times our CLI over the whole file
# (process start included) and botocore re-signing every URL (the loop only; see
# scripts/botocore-resign.py); the report is the median of the runs and the ratio of medians.
# Budget: at least 200,000 URLs/s, and at least 20 times botocore.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
WORK=${BENCH_DIR:-target/bench}
VENV=${BENCH_VENV:-$WORK/venv}
TARGET=${CARGO_TARGET_DIR:-target}
NOW=2026-11-23T12:01:00Z # one minute after the URLs were signed: every one is valid
mkdir -p "$WORK"

# The venv may be shared with scripts/page-weight.sh (brotli): check for botocore itself.
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import botocore' 2>/dev/null; then
  "$VENV/bin/pip" install -q 'botocore==1.44.5'
fi
URLS="$WORK/urls-$N.txt"
if [ ! -s "$URLS" ]; then
  echo "generating $N presigned URLs with botocore -> $URLS" >&2
  "$VENV/bin/python" scripts/gen-batch-urls.py "$N" "$URLS.tmp"
  mv "$URLS.tmp" "$URLS"
fi
cargo build --quiet --release -p presign-cli --bin presign-inspector
BIN="$TARGET/release/presign-inspector"
export BENCH_SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' # the AWS documentation's example key

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); pinned to CPU $CORE" >&2
echo "URLs: $N ($(($(wc -c <"$URLS") / N)) bytes on average)" >&2
ours=() theirs=()
for run in $(seq "$RUNS"); do
  # Ours: CPU seconds of the whole process; every URL must verify.
  cpu=$( { /usr/bin/time -f '%U %S' taskset -c "$CORE" "$BIN" --batch "$URLS" --secret-env BENCH_SECRET \
    --now "$NOW" >"$WORK/out.jsonl"; } 2>&1 | awk '{print $1 + $2}')
  valid=$(grep -c '"verdict":{"code":"signature-valid"' "$WORK/out.jsonl" || true)
  [ "$valid" -eq "$N" ] || { echo "only $valid of $N URLs verified" >&2; exit 1; }
  # botocore: CPU seconds of its re-signing loop; every signature must come out equal.
  read -r _ count bcpu matching < <(taskset -c "$CORE" "$VENV/bin/python" scripts/botocore-resign.py "$URLS")
  [ "$matching" -eq "$N" ] || { echo "botocore reproduced only $matching of $count signatures" >&2; exit 1; }
  ours+=("$cpu") theirs+=("$bcpu")
  awk -v r="$run" -v n="$N" -v a="$cpu" -v b="$bcpu" 'BEGIN {
    printf "run %d: presign-inspector %.3f s CPU (%.0f URLs/s)   botocore %.3f s CPU (%.0f URLs/s)   ratio %.1fx\n", r, a, n / a, b, n / b, b / a }'
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
a=$(median "${ours[@]}") b=$(median "${theirs[@]}")
awk -v n="$N" -v a="$a" -v b="$b" -v runs="$RUNS" 'BEGIN {
  rate = n / a; ratio = b / a
  printf "median of %d runs: presign-inspector %.0f URLs/s (%.2f us/URL), botocore %.0f URLs/s (%.1f us/URL), ratio %.1fx\n", runs, rate, 1e6 * a / n, n / b, 1e6 * b / n, ratio
  printf "budget: >= 200000 URLs/s %s; >= 20x botocore %s\n", (rate >= 200000 ? "MET" : "MISSED"), (ratio >= 20 ? "MET" : "MISSED") }'
