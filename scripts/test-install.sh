#!/usr/bin/env bash
# The command line as a user installs it: `cargo install --locked --path crates/presign-cli`
# into a temporary root, then the installed binary's --version, one real verification (the S3
# documentation's example URL and example secret: exit 0, verdict signature-valid) and its man
# page and completions.
#
#   scripts/test-install.sh
#
# The build goes to CARGO_TARGET_DIR (default: target/, where `cargo build --release` and
# scripts/bench-batch.sh build the same binary), so a re-run with unchanged sources only copies
# the binary. Exits non-zero on the first check that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/presign-install.XXXXXX")
trap 'rm -rf "$ROOT"' EXIT

fail() { echo "test-install: $*" >&2; exit 1; }

cargo install --quiet --locked --path crates/presign-cli --root "$ROOT"
BIN="$ROOT/bin/presign-inspector"
[ -x "$BIN" ] || fail "cargo install left no $BIN"

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "no [workspace.package] version in Cargo.toml"
got=$("$BIN" --version)
[ "$got" = "presign-inspector $version" ] || fail "--version printed \"$got\", expected \"presign-inspector $version\""

# The S3 documentation's presigned GET of examplebucket/test.txt (2013-05-24, 86400 s) and the
# documentation's example secret key: valid one hour after signing.
URL='https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404'
status=0
report=$(PRESIGN_INSTALL_TEST_SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' \
  "$BIN" --json --secret-env PRESIGN_INSTALL_TEST_SECRET --now 2013-05-24T01:00:00Z "$URL") || status=$?
[ "$status" -eq 0 ] || fail "the documentation example exited $status: $report"
case "$report" in
  *'"verdict":{"code":"signature-valid",'*) ;;
  *) fail "the documentation example's verdict is not signature-valid: ${report:0:300}" ;;
esac
# The same URL with one character of the signature changed must fail (exit 1).
status=0
PRESIGN_INSTALL_TEST_SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' \
  "$BIN" --json --secret-env PRESIGN_INSTALL_TEST_SECRET --now 2013-05-24T01:00:00Z "${URL%4}5" >/dev/null || status=$?
[ "$status" -eq 1 ] || fail "a changed signature exited $status, expected 1"

"$BIN" --generate man | grep -q '^\.TH presign-inspector 1' || fail "--generate man printed no man page"
"$BIN" --generate completions-bash | grep -q -- '--secret-env' || fail "--generate completions-bash names no --secret-env"

echo "test-install: presign-inspector $version installed with cargo install --locked; --version, a valid and a changed signature, man page and completions checked"
