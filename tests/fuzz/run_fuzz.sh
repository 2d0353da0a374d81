#!/usr/bin/env bash
# run_fuzz.sh FUZZER NODE_BINARY WORKLOAD [fuzzer flags...]: one fuzz run (see fuzz_node.cpp).
set -euo pipefail
fuzzer="$1" bin="$2" workload="$3"
shift 3
exec "$fuzzer" --bin "$bin" --workload "$workload" "$@"
