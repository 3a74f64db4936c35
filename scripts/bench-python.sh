#!/usr/bin/env bash
# Throughput through Python and Spark (python/bench/throughput.py): articles/s/core, the
# scaling from 1 to 2 threads and from local[1] to local[2], core-hours per million articles.
# Arguments go to the script; the default input is ../shared/data/polnear/dev.jsonl.
NEED_JAVA=1 source "$(dirname "$0")/python-env.sh"
maturin develop --release --locked -q -m python/Cargo.toml
python python/bench/throughput.py "$@"
