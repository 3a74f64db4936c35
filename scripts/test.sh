#!/usr/bin/env bash
# Runs every test of quotelens: the native unit, integration, CLI and property tests; the wasm
# tests (Node and headless Chromium) and the browser tests in real Chromium; a minute of fuzzing;
# and the linear-cost check. Installs what is missing first (rustup target, wasm-bindgen-cli,
# Debian chromium and chromium-driver, npm packages, cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== native tests (cargo test)"
cargo test --locked

echo "== wasm and browser tests"
bash scripts/test-browser.sh

echo "== fuzzing analyze for 60 s (skips, saying why, where cargo-fuzz cannot be set up; a crash fails)"
bash scripts/fuzz.sh 60

echo "== linear cost on adversarial inputs (instruction counts under callgrind; skips without valgrind)"
bash scripts/check-linear.sh
echo "== Python package and Spark example (pytest; venv under target/py-venv)"
bash scripts/test-python.sh
