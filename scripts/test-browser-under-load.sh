#!/usr/bin/env bash
# Runs the whole browser suite (tests/e2e/*.test.mjs and the embed's tests) N times in a row while
# a load generator keeps every core busy, and fails on the first failing run. It is the check that
# no browser test depends on timing (issue 13): CI runs on a loaded 2-core machine.
#
#   scripts/test-browser-under-load.sh [N]      # N runs, default 5; reports passes and failures
#
# The load is one busy loop per core at normal priority (the tests get no head start). Not part
# of the test command: it takes N times the browser suite.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${1:-5}

bash scripts/ensure-tools.sh
bash scripts/build-wasm.sh
bash scripts/npm-ci.sh tests/e2e

load_pids=()
stop_load() { ((${#load_pids[@]})) && kill "${load_pids[@]}" 2>/dev/null || true; }
trap stop_load EXIT
for _ in $(seq "$(nproc)"); do
    (while :; do :; done) &
    load_pids+=($!)
done

failed=0
for run in $(seq "$runs"); do
    start=$SECONDS
    if node --test tests/e2e/*.test.mjs >"target/under-load-$run.log" 2>&1 &&
        bash scripts/test-embed.sh --no-wasm >>"target/under-load-$run.log" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    summary=$(grep -E '^# (pass|fail) ' "target/under-load-$run.log" | awk '{s[$2]+=$3} END {printf "%d passed, %d failed", s["pass"], s["fail"]}')
    echo "run $run/$runs: $result ($summary; $((SECONDS - start)) s; load $(cut -d' ' -f1 /proc/loadavg)); log target/under-load-$run.log"
done
echo "under load: $((runs - failed)) of $runs runs passed"
((failed == 0))
