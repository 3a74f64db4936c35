#!/usr/bin/env bash
# Installs what the wasm build, the page and the browser tests need, and only what is missing:
#
#   - the rustup target wasm32-unknown-unknown, and rustfmt and clippy (scripts/test.sh runs them);
#   - Debian's valgrind, which the linear-cost check needs (scripts/check-linear.sh fails without it);
#   - wasm-bindgen-cli at exactly the wasm-bindgen version pinned in Cargo.toml (the CLI and the
#     crate must match, or the generated glue does not fit the module);
#   - Node.js (18 or later) with npm if absent: scripts/build-site.sh bundles the page with esbuild
#     (serve.sh serves that build), and the browser tests run under node:test;
#   - unless --no-browser (or QUOTELENS_NO_BROWSER=1): Debian's chromium for the browser tests and
#     chromium-driver for the wasm-bindgen tests in the browser.
#
# Not installed, on purpose: binaryen (wasm-opt -Oz saves ~7% raw but makes the gzipped module
# ~3% larger, which is what the page downloads; see scripts/build-wasm.sh).
#
# Safe to run any number of times, also concurrently: the installs run under a lock.
set -euo pipefail

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

want_browser=1
[[ ${QUOTELENS_NO_BROWSER:-0} == 1 ]] && want_browser=0
for arg in "$@"; do
    case $arg in
        --no-browser) want_browser=0 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "ensure-tools: unknown argument $arg" >&2; usage >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { echo "ensure-tools: $*" >&2; }

# One installer at a time, so two scripts started together do not both run `cargo install`.
mkdir -p "${CARGO_HOME:-$HOME/.cargo}"
exec 9>"${CARGO_HOME:-$HOME/.cargo}/.quotelens-ensure-tools.lock"
flock 9

# --- Rust target -----------------------------------------------------------------------------
command -v rustup >/dev/null || { say "rustup is required (https://rustup.rs)"; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding rustup target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        say "adding rustup component $component"
        rustup component add "$component"
    fi
done

# --- wasm-bindgen-cli, the exact pinned version ----------------------------------------------
# Cargo.toml pins it as `wasm-bindgen = "=X.Y.Z"` (or `version = "=X.Y.Z"` in a table).
pinned=$(sed -n -E 's/^wasm-bindgen[[:space:]]*=[[:space:]]*(\{.*version[[:space:]]*=[[:space:]]*)?"=([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' \
    "$root/Cargo.toml" | head -n 1)
if [[ -z $pinned ]]; then
    say "Cargo.toml must pin wasm-bindgen exactly (wasm-bindgen = \"=X.Y.Z\"): the CLI is installed at that version"
    exit 1
fi
installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [[ $installed != "$pinned" ]] || ! command -v wasm-bindgen-test-runner >/dev/null; then
    say "installing wasm-bindgen-cli $pinned (found: ${installed:-none}); this compiles for a few minutes"
    cargo install --locked wasm-bindgen-cli --version "$pinned"
fi

# --- Debian packages ---------------------------------------------------------------------------
apt_missing=()
command -v valgrind >/dev/null || apt_missing+=(valgrind)
if ((want_browser)); then
    [[ -x /usr/bin/chromium ]] || apt_missing+=(chromium)
    [[ -x /usr/bin/chromedriver ]] || apt_missing+=(chromium-driver)
fi
command -v node >/dev/null || apt_missing+=(nodejs)
command -v npm >/dev/null || apt_missing+=(npm)
if ((${#apt_missing[@]})); then
    say "installing ${apt_missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || { say "installing ${apt_missing[*]} needs root or sudo"; exit 1; }
        sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
    fi
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${apt_missing[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 18)); then
    say "Node.js 18 or later is needed for esbuild and node:test (found $(node --version))"
    exit 1
fi

say "ok: wasm32-unknown-unknown, rustfmt, clippy, valgrind, wasm-bindgen $pinned, node $(node --version)$( ((want_browser)) && echo ", chromium")"
