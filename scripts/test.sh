#!/usr/bin/env bash
# Runs every test of quotelens: the native unit, integration, CLI and property tests, then the
# wasm tests and the browser tests in real Chromium. Installs what is missing first
# (rustup target, wasm-bindgen-cli, Debian chromium and chromium-driver, npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== native tests (cargo test)"
cargo test --locked

echo "== wasm and browser tests"
bash scripts/test-browser.sh
