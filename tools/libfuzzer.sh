#!/usr/bin/env bash
# Builds tests/fuzz/json_libfuzzer.cpp with clang and libFuzzer (ASan, UBSan) and runs it.
#   tools/libfuzzer.sh [SECONDS] [libFuzzer flags...]   (default 60 s; GLOMERS_FUZZ_SECONDS overrides)
# Needs clang-14 and libclang-rt-14-dev (GLOMERS_FUZZ=1 bash tools/install-deps.sh). Not in CI.
set -euo pipefail
# Under bazel test (tag local) the runfile is a symlink into the source tree: follow it.
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${GLOMERS_FUZZ_SECONDS:-${1:-60}}"
shift || true
clang="$(command -v clang++-14 || command -v clang++ || true)"
[ -n "$clang" ] || { echo "libfuzzer: clang++ not found (GLOMERS_FUZZ=1 bash tools/install-deps.sh)" >&2; exit 2; }
work="${TEST_TMPDIR:-$(mktemp -d)}"
mkdir -p "$work/corpus"
"$clang" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$root" "$root/tests/fuzz/json_libfuzzer.cpp" -o "$work/json_libfuzzer"
# Seeds: the shapes a node meets.
printf '%s' '{"src":"c1","dest":"n0","body":{"type":"echo","msg_id":2,"echo":[1.5,"x",{"a":null}]}}' > "$work/corpus/echo"
printf '%s' '{"src":"seq-kv","dest":"n0","body":{"type":"read_ok","in_reply_to":1,"value":[3,1]}}' > "$work/corpus/read_ok"
printf '%s' '{"src":"c1","dest":"n0","body":{"type":"add","msg_id":3,"delta":5}}' > "$work/corpus/add"
printf '%s' '{"src":"n1","dest":"n0","body":{"type":"counter_state","state":{"p":{"n1":4},"n":{}}}}' > "$work/corpus/state"
cd "$work"
exec ./json_libfuzzer -max_total_time="$seconds" -max_len=4096 -seed=1 "$@" corpus
