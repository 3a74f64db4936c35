#!/usr/bin/env bash
# Fuzzes `analyze` and the offset conversions (fuzz/fuzz_targets/analyze.rs) for SECONDS
# (default 60) on one core, starting from the seeds in fuzz/seeds/analyze/ plus whatever earlier
# runs left in fuzz/corpus/analyze/ (not committed). Installs cargo-fuzz when it is missing.
#
# Skips with exit 0, saying why, when the fuzzer cannot be set up here: cargo-fuzz cannot be
# installed, there is no C++ compiler (libFuzzer needs one), or the fuzz crate's dependencies
# cannot be fetched. Past that point every failure is real: a panic, a broken invariant or a
# timeout (an input taking over 60 s: a hang, not a slow input on a loaded machine) exits 1 and leaves the input in fuzz/artifacts/analyze/;
# replay it with `cd fuzz && cargo fuzz run -s none analyze <file>` and make it a test in
# tests/regression.rs.
#
# The time-out is generous on purpose: the largest seed (alternating_styles.txt, 44 KB of marks
# of every style) takes about 1 s natively and went over 10 s instrumented on a loaded 2-core
# machine; how cost grows with the text is scripts/check-linear.sh's to check, not a clock's.
#
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
skip() {
  echo "fuzz: $1; skipping the fuzz run (not a failure)" >&2
  exit 0
}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked || skip "cargo-fuzz could not be installed"
fi
command -v c++ >/dev/null 2>&1 || skip "no C++ compiler found, and libFuzzer needs one"
# Instrumented code must not share the main target directory: its flags differ.
export CARGO_TARGET_DIR="$PWD/fuzz/target"
cargo fetch --manifest-path fuzz/Cargo.toml >/dev/null 2>&1 || skip "the fuzz crate's dependencies could not be fetched"

cd fuzz
mkdir -p corpus/analyze
echo "== fuzzing analyze for ${seconds}s"
# No sanitizer: the crate forbids `unsafe`, so AddressSanitizer would find nothing and it needs a
# nightly compiler; debug assertions and overflow checks stay on (cargo-fuzz's default).
# Lines are cut at 2000 characters: on a failure cargo-fuzz prints the whole input.
set +e
cargo fuzz run --sanitizer none analyze corpus/analyze seeds/analyze -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=60 -dict=analyze.dict -print_final_stats=1 2>&1 |
  cut -c1-2000
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz: FAILED (exit $status); the input is in fuzz/artifacts/analyze/" >&2
  exit 1
fi
echo "fuzz: no failure in ${seconds}s"
