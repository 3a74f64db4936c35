#!/usr/bin/env bash
# Builds the Python wheel (abi3: one file for every CPython >= 3.9 on this platform) into
# target/wheels/ and prints its path. Install it anywhere with `pip install <wheel>`; on a Spark
# cluster, into every executor's Python (see README, "Archives").
source "$(dirname "$0")/python-env.sh"
maturin build --release --locked -q -m python/Cargo.toml -o target/wheels
ls -t target/wheels/quotelens-*.whl | head -n 1
