#!/usr/bin/env bash
# The Python package and the Spark example (python/tests, pytest): the package against the CLI,
# offsets, bad input, the GIL, the stubs, and the Spark job in local mode on our fixture
# articles. Sets up target/py-venv (python/requirements-dev.txt) and Java if missing; builds the
# extension into the venv (maturin develop --release) and the CLI it is compared with.
NEED_JAVA=1 source "$(dirname "$0")/python-env.sh"

echo "== building the CLI (dev profile: already built when scripts/test.sh ran cargo test) and the extension (release)"
CARGO_TARGET_DIR=target cargo build --locked --bin quotelens
maturin develop --release --locked -q -m python/Cargo.toml

echo "== pytest python/tests"
QUOTELENS_CLI="$PWD/target/debug/quotelens" python -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning python/tests "$@"
