#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets/*.rs) for a bounded time, starting from its
# seed corpus, and fails on the first crash, panic, hang (>10 s per input) or leak of the secret.
#   bash scripts/fuzz.sh [seconds-per-target] [target...]     default: 60 s, every target
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`); without them it says
# so and exits 0, so a test run may call it as an optional smoke pass. A crash leaves its input
# in fuzz/artifacts/<target>/: minimize it (`cargo +nightly fuzz tmin <target> <file>`), fix the
# bug, and add the input as fuzz/corpus/<target>/seed-<name> so crates/presign-core/tests/fuzz_corpus.rs keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz or the nightly toolchain is missing; skipping (cargo install cargo-fuzz)"
  exit 0
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_targets/*.rs; do targets+=("$(basename "$f" .rs)"); done
fi
for t in "${targets[@]}"; do
  # The seeds are copied to a scratch corpus: what the fuzzer adds is not committed.
  work="fuzz/corpus/$t-run"
  log="fuzz/corpus/$t-run.log"
  mkdir -p "$work"
  cp fuzz/corpus/"$t"/seed-* "$work"/
  echo "==> fuzz $t for ${seconds}s"
  # No sanitizer: the crate forbids unsafe code, and ASan makes runs ~4x slower. Debug
  # assertions and overflow checks stay on (cargo-fuzz's default).
  status=0
  nice -n 19 cargo +nightly fuzz run -s none "$t" "$work" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=16384 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(Done|stat::(number_of_executed_units|peak_rss_mb))' "$log" || true
  if [ "$status" -ne 0 ]; then
    grep -A3 'panicked' "$log" >&2 || tail -20 "$log" >&2
    echo "fuzz: $t failed (exit $status); the input is in fuzz/artifacts/$t/, the log in $log" >&2
    exit 1
  fi
done
