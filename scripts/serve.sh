#!/usr/bin/env bash
# Builds the page (release, wasm-opt -Oz) and serves dist/ at http://127.0.0.1:8080.
# PORT=... overrides the port. Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-8080}"

trunk build --release
echo "serving dist/ at http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
# exec: the server replaces this shell, so Ctrl-C and kill reach it directly.
exec python3 -m http.server --bind 127.0.0.1 --directory dist "$PORT"
