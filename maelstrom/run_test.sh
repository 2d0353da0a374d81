#!/usr/bin/env bash
# Runs one test under the local Maelstrom and checks its exit status (and, optionally, that the
# console shows a pattern). Used by maelstrom_test() in //maelstrom:defs.bzl.
#   run_test.sh MAELSTROM NODE_BINARY EXPECTED_EXIT PATTERN [maelstrom test flags...]
set -uo pipefail
maelstrom="$PWD/$1"
bin="$PWD/$2"
expected="$3"
pattern="$4"
shift 4
work="${TEST_TMPDIR:-$(mktemp -d)}"
cd "$work"
"$maelstrom" test --bin "$bin" "$@" > console.txt 2>&1
code=$?
if [ -n "${TEST_UNDECLARED_OUTPUTS_DIR:-}" ] && [ -d store ]; then
  cp -rL store "$TEST_UNDECLARED_OUTPUTS_DIR/" 2>/dev/null || true
fi
fail() {
  echo "FAILED: $*"
  tail -n 60 console.txt
  exit 1
}
[ "$code" = "$expected" ] || fail "exit status $code, expected $expected"
if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" console.txt; then
  fail "the console does not show /$pattern/"
fi
grep -E "Everything looks good|Analysis invalid|Errors occurred|Jepsen broke|^[A-Za-z-]+.*(must|Unknown|required)" console.txt | tail -n 3
echo "ok: exit status $code"
