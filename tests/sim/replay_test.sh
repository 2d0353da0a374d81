#!/usr/bin/env bash
# A failing simulated test prints a one-line command that replays it; running that command
# reproduces the same history and message journal, byte for byte.
set -euo pipefail
sim="$PWD/$1"
cd "${TEST_TMPDIR:-$(mktemp -d)}"
# 3b's design floods without repair: with partitions every second it loses values (invalid).
set +e
"$sim" test -w broadcast --bin broadcast_3b --node-count 5 --time-limit 5 --rate 20 --nemesis partition \
  --nemesis-interval 1 --seed 11 > first.txt 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "expected an invalid run (exit 1), got $code"; tail -20 first.txt; exit 1; }
first=$(readlink -f store/latest)
replay=$(sed -n 's/^Replay this exact test: //p' first.txt)
[ -n "$replay" ] || { echo "no replay line printed"; exit 1; }
echo "replay line: $replay"
set +e
"$sim" ${replay#* } > second.txt 2>&1
code=$?
set -e
[ "$code" = 1 ] || { echo "the replay exited $code, expected 1"; exit 1; }
second=$(readlink -f store/latest)
[ "$first" != "$second" ] || { echo "the replay did not write a new store"; exit 1; }
cmp "$first/history.jsonl" "$second/history.jsonl"
cmp "$first/net-journal.jsonl" "$second/net-journal.jsonl"
cmp "$first/results.json" "$second/results.json"
echo "ok: the replay reproduced history, journal and results exactly"
