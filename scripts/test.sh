#!/usr/bin/env bash
# Runs every test of quotelens: formatting and clippy; the native unit, integration, CLI and
# property tests; the tools/ crate's; the wasm tests (Node and headless Chromium) and the browser
# tests in real Chromium; a minute of fuzzing; and the linear-cost check. Installs what is missing
# first (rustup target and components, wasm-bindgen-cli, Debian valgrind, chromium and
# chromium-driver, npm packages, cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== setup (installs what is missing: rustfmt, clippy, valgrind, wasm-bindgen-cli, chromium)"
bash scripts/ensure-tools.sh

echo "== formatting (cargo fmt --check; style in rustfmt.toml)"
cargo fmt --all --check

echo "== lints (clippy, warnings are errors: the library, the CLI, every test and tools/)"
# The root package as shipped (without `internals`), then tools/ (which turns `internals` on).
cargo clippy --all-targets --locked -- -D warnings
cargo clippy -p quotelens-tools --all-targets --locked -- -D warnings
# src/wasm.rs and tests/wasm.rs exist only for wasm32.
cargo clippy --locked --target wasm32-unknown-unknown --lib --test wasm -- -D warnings

echo "== native tests (cargo test; the root package only, so criterion is not built)"
cargo test --locked

echo "== tools/ (the trainer's own tests; clippy above has compiled its benches and examples)"
cargo test --locked -p quotelens-tools --lib

echo "== wasm and browser tests"
bash scripts/test-browser.sh

echo "== fuzzing analyze for 60 s (skips, saying why, where cargo-fuzz cannot be set up; a crash fails)"
bash scripts/fuzz.sh 60

echo "== linear cost on adversarial inputs (instruction counts under callgrind; fails without valgrind)"
bash scripts/check-linear.sh
