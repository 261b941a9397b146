#!/usr/bin/env bash
# Installs what the tests need (see scripts/setup.sh --test) and runs every test:
#   0. the GitHub workflows: actionlint .github/workflows; then the lints: cargo fmt --check
#      and clippy with -D warnings (native workspace, and the page for wasm32)
#   1. native: cargo test --workspace (unit, integration, doc tests of every crate), then the
#      command line installed with cargo install (scripts/test-install.sh)
#   2. wasm in Chromium: cargo test --target wasm32-unknown-unknown (wasm-bindgen-test-runner)
#   3. the release build of the page: trunk build --release
#   4. end to end: Playwright against dist/ served on 127.0.0.1
# Exits non-zero as soon as one step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "workflows: actionlint .github/workflows"
target/tools/actionlint/bin/actionlint -no-color

step "lint: cargo fmt --check and clippy -D warnings"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p presign-inspector-web --all-targets -- -D warnings

step "native tests: cargo test --workspace --all-targets"
cargo test --workspace --all-targets
step "doc tests: cargo test --workspace --doc"
cargo test --workspace --doc
step "install: scripts/test-install.sh (cargo install --locked --path crates/presign-cli)"
bash scripts/test-install.sh

step "browser tests: cargo test --target wasm32-unknown-unknown (headless Chromium)"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
# The page's package: its tests (tests/web*.rs) drive the components in the browser.
cargo test --target wasm32-unknown-unknown -p presign-inspector-web

step "release build: trunk build --release"
trunk build --release

step "end-to-end tests: playwright test"
playwright test
