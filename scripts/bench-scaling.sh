#!/usr/bin/env bash
# How the cost per URL grows with the URL's length and with the root-cause search, natively:
# `presign-inspector --batch` over botocore-signed PUT URLs (signed Content-Type) of each size,
# once with the right secret (every URL signature-valid) and once with a wrong one (every URL
# runs the whole root-cause search and ends wrong-secret-likely). CPU seconds on one pinned
# core, median of RUNS runs; asserts nothing about time.
#
#   scripts/bench-scaling.sh                       # sizes 600, 4096, 15000 bytes
#   SIZES=600,4096 N=2000 RUNS=5 scripts/bench-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-3000}
RUNS=${RUNS:-3}
CORE=${CORE:-0}
SIZES=${SIZES:-600,4096,15000}
WORK=${BENCH_DIR:-target/bench}
VENV=${BENCH_VENV:-$WORK/venv}
TARGET=${CARGO_TARGET_DIR:-target}
NOW=2026-11-23T12:01:00Z
mkdir -p "$WORK"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
if ! "$VENV/bin/python" -c 'import botocore' 2>/dev/null; then
  "$VENV/bin/pip" install -q 'botocore==1.44.5'
fi
cargo build --quiet --release -p presign-cli --bin presign-inspector
BIN="$TARGET/release/presign-inspector"
export GOOD_SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
export WRONG_SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ'
ARGS=(--method PUT --header 'Content-Type: application/octet-stream' --now "$NOW")

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# CPU seconds (user + system, from getrusage: microsecond resolution) of one --batch run over
# $1 with the secret in $2; every one of its $4 lines must end $3.
run() {
  local cpu ok
  cpu=$("$VENV/bin/python" -c '
import resource, subprocess, sys
with open(sys.argv[2], "wb") as out:
    subprocess.run(sys.argv[3:], stdout=out)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_utime + r.ru_stime)' - "$WORK/scaling-out.jsonl" taskset -c "$CORE" "$BIN" --batch "$1" --secret-env "$2" "${ARGS[@]}")
  ok=$(grep -c "\"verdict\":{\"code\":\"$3\"" "$WORK/scaling-out.jsonl" || true)
  [ "$ok" -eq "$4" ] || { echo "only $ok of $4 lines were $3" >&2; exit 1; }
  echo "$cpu"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); pinned to CPU $CORE; $N URLs per size, median of $RUNS runs" >&2
printf '%-8s %-12s %-16s %-9s %s\n' "bytes" "valid us/URL" "search us/URL" "variants" "search us per variant per KB"
for size in ${SIZES//,/ }; do
  urls="$WORK/sized-$size-$N.txt"
  [ -s "$urls" ] || "$VENV/bin/python" scripts/gen-sized-urls.py "$N" "$size" "$urls"
  bytes=$(($(wc -c <"$urls") / N))
  # The valid case is fast: it reads the file ten times over, so that a run lasts long enough.
  for _ in $(seq 10); do cat "$urls"; done >"$WORK/sized-valid.txt"
  valid=() search=()
  for _ in $(seq "$RUNS"); do
    valid+=("$(run "$WORK/sized-valid.txt" GOOD_SECRET signature-valid $((10 * N)))")
    search+=("$(run "$urls" WRONG_SECRET wrong-secret-likely "$N")")
  done
  variants=$("$BIN" --json --secret-env WRONG_SECRET "${ARGS[@]}" "$(head -1 "$urls")" | "$VENV/bin/python" -c \
    'import json, sys; print(json.load(sys.stdin)["root_cause"]["variants_tried"])' || true)
  awk -v b="$bytes" -v n="$N" -v v="$(median "${valid[@]}")" -v s="$(median "${search[@]}")" -v k="$variants" 'BEGIN {
    valid = 1e6 * v / (10 * n); search = 1e6 * s / n
    printf "%-8d %-12.2f %-16.1f %-9d %.2f\n", b, valid, search, k, (search - valid) / k / (b / 1024) }'
done
