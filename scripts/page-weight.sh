#!/usr/bin/env bash
# Page weight: builds the release page into dist/ (trunk build --release: opt-level "z", LTO,
# wasm-opt -Oz) and prints every file raw, gzip -9 and brotli (quality 11), and the total of
# what a visit downloads (html + js + wasm + css; not the single-file copy of the page,
# presign-inspector.html, which a visit does not load). Budget: total at most 120 KB brotli.
#
#   scripts/page-weight.sh              build, then measure
#   SKIP_BUILD=1 scripts/page-weight.sh measure the dist/ that is there
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release >/dev/null
fi
[ -d dist ] || { echo "page-weight: no dist/ (run without SKIP_BUILD=1)" >&2; exit 1; }

# brotli from the Debian package if it is there, else the PyPI module in a private venv.
VENV=${BENCH_VENV:-target/bench/venv}
if command -v brotli >/dev/null; then
  BROTLI=cli
else
  if ! "$VENV/bin/python" -c 'import brotli' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q brotli
  fi
  BROTLI=py
fi
size_br() {
  if [ "$BROTLI" = cli ]; then brotli -q 11 -c "$1" | wc -c; else "$VENV/bin/python" -c \
    'import brotli, sys; print(len(brotli.compress(open(sys.argv[1], "rb").read(), quality=11)))' "$1"; fi
}

printf '%-48s %10s %10s %10s\n' file raw gzip-9 brotli
total_raw=0 total_gz=0 total_br=0
while IFS= read -r f; do
  raw=$(wc -c <"$f") gz=$(gzip -9 -n -c "$f" | wc -c) br=$(size_br "$f")
  name=${f#dist/}
  case "$f" in
    dist/presign-inspector.html) name="$name (not counted)" ;;
    *.html | *.js | *.wasm | *.css)
      total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br)) ;;
    *) name="$name (not counted)" ;;
  esac
  printf '%-48s %10d %10d %10d\n' "$name" "$raw" "$gz" "$br"
done < <(find dist -type f | sort)
printf '%-48s %10d %10d %10d\n' "total (html+js+wasm+css)" "$total_raw" "$total_gz" "$total_br"
awk -v br="$total_br" 'BEGIN { printf "total: %.1f KB brotli (%.1f KiB); budget 120 KB: %s\n", br / 1000, br / 1024, (br <= 120000 ? "MET" : "MISSED") }'
