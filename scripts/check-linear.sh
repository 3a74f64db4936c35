#!/usr/bin/env bash
# Checks that analysis cost grows linearly with the text (ARCHITECTURE.md, "Invariants"), by
# counting work rather than timing it: for each adversarial input of examples/linear.rs, callgrind
# counts the instructions `analyze` executes on the input at BYTES and at 4 × BYTES. Linear work
# grows about 4×; the check fails when any input grows more than MAX_RATIO× (default 4.5: room
# for n log n sorting, nothing like the 16× of a quadratic path).
#
# Usage: scripts/check-linear.sh [BYTES]   (default 16384; the input sizes are BYTES and 4 × BYTES)
# Fails when valgrind is not installed (scripts/ensure-tools.sh installs it): a check that
# cannot run must not pass.
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=${1:-16384}
max_ratio=${MAX_RATIO:-4.5}
target_dir=${CARGO_TARGET_DIR:-target}

if ! command -v valgrind >/dev/null 2>&1; then
  echo "check-linear: valgrind is not installed, so the linear-cost check cannot run;" \
    "install it with scripts/ensure-tools.sh (Debian package valgrind)" >&2
  exit 1
fi

# Release code generation with symbols kept, so callgrind can find `measured` by name; a profile
# of its own, so it never invalidates the release build.
cargo build --locked --quiet --example linear --profile linear \
  --config 'profile.linear.inherits="release"' --config 'profile.linear.strip=false' \
  --config 'profile.linear.lto=false' --config 'profile.linear.codegen-units=16'
bin="$target_dir/linear/examples/linear"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Instructions executed inside `measured` (that is, `analyze`) on input $1 at $2 bytes.
count() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out" --toggle-collect='*linear*measured*' \
    "$bin" "$1" "$2" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; return 1; }
  awk '/^(summary|totals):/ { print $2; exit }' "$work/out"
}

failed=0
printf '%-28s %15s %15s %7s\n' input "Ir at $bytes" "Ir at $((4 * bytes))" ratio
for name in $("$bin" --list); do
  small=$(count "$name" "$bytes")
  large=$(count "$name" $((4 * bytes)))
  ratio=$(awk -v a="$small" -v b="$large" 'BEGIN { printf "%.2f", b / a }')
  verdict=$(awk -v r="$ratio" -v m="$max_ratio" 'BEGIN { print (r > m) ? "SUPER-LINEAR" : "ok" }')
  printf '%-28s %15s %15s %7s  %s\n' "$name" "$small" "$large" "$ratio" "$verdict"
  [ "$verdict" = ok ] || failed=1
done
if [ "$failed" -ne 0 ]; then
  echo "check-linear: work grows faster than linearly on the inputs marked above" >&2
  exit 1
fi
