#!/usr/bin/env bash
# `maelstrom test` on a real node process, then `maelstrom analyze` on what it stored: the same
# verdict and exit status, results.json and results.edn byte for byte; bad command lines exit 254.
set -euo pipefail
maelstrom="$PWD/$1"
node="$PWD/$2"
cd "$TEST_TMPDIR"
rm -rf store
set +e
"$maelstrom" test -w echo --bin "$node" --node-count 2 --time-limit 3 --rate 20 --nemesis partition --nemesis-interval 1 --availability 0.5 > test.out 2>&1
test_code=$?
set -e
[ "$test_code" = 0 ] || { cat test.out; echo "test exited $test_code"; exit 1; }
cp store/latest/results.json stored.json
cp store/latest/results.edn stored.edn
set +e
"$maelstrom" analyze store/latest > analyze.out 2>&1
code=$?
set -e
[ "$code" = 0 ] || { cat analyze.out; echo "analyze exited $code"; exit 1; }
grep -q "Everything looks good" analyze.out || { cat analyze.out; exit 1; }
cmp stored.json store/latest/results.json
cmp stored.edn store/latest/results.edn
for f in timeline.html latency-quantiles.svg rate.svg; do [ -s "store/latest/$f" ] || { echo "no $f"; exit 1; }; done
set +e
"$maelstrom" analyze > /dev/null 2>&1; [ $? = 254 ] || { echo "analyze without a dir should exit 254"; exit 1; }
"$maelstrom" serve --port nope > /dev/null 2>&1; [ $? = 254 ] || { echo "serve --port nope should exit 254"; exit 1; }
"$maelstrom" analyze "$TEST_TMPDIR/nowhere" > /dev/null 2>&1; [ $? = 255 ] || { echo "analyze of a missing dir should exit 255"; exit 1; }
echo "analyze reproduced the stored results"
