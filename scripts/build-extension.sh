#!/usr/bin/env bash
# Builds the Chromium extension (extension/, Manifest V3) into dist/extension/ (load it
# unpacked) and dist/quotelens-extension-<version>.zip (what a store or a user installs), from
# the same sources as the page and the package — nothing is copied by hand:
#
#   background.js    extension/background.js + www/embed/ (analyze; the wasm loaded by URL)
#   content.js       extension/content.js + article.js + www/embed/highlight.js + www/core/
#                    + the vendored Readability (extension/vendor/), one classic script
#   sidepanel.js     extension/sidepanel.js + www/panels/, www/export/, www/model/, www/core/
#   sidepanel.css    extension/sidepanel.css + www/palette.css + www/page.css
#   quotelens_bg.wasm, manifest.json (version from Cargo.toml), sidepanel.html
#
# esbuild (scripts/onefile's, from its lockfile) bundles the three scripts, because a content
# script cannot import modules; nothing is minified, so the zip reads as its sources.
#
#   scripts/build-extension.sh            build www/pkg if needed, then the extension
#   scripts/build-extension.sh --no-wasm  use www/pkg as it is (it must exist)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [[ ${1:-} != --no-wasm ]]; then
    bash scripts/build-wasm.sh >/dev/null
fi
[[ -f www/pkg/quotelens_bg.wasm ]] || { echo "build-extension: www/pkg is missing; run scripts/build-wasm.sh" >&2; exit 1; }

version=$(sed -n -E '/^\[package\]/,/^\[/ s/^version[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' Cargo.toml | head -n 1)
[[ -n $version ]] || { echo "build-extension: no version in Cargo.toml" >&2; exit 1; }

# esbuild from scripts/onefile's lockfile.
tool=scripts/onefile
bash scripts/npm-ci.sh "$tool"
esbuild=$tool/node_modules/.bin/esbuild

out=dist/extension
rm -rf "$out"
mkdir -p "$out"
common=(--bundle --target=chrome116 --charset=utf8 --log-level=warning)
"$esbuild" extension/background.js "${common[@]}" --format=esm --outfile="$out/background.js"
"$esbuild" extension/content.js "${common[@]}" --format=iife --outfile="$out/content.js"
"$esbuild" extension/sidepanel.js "${common[@]}" --format=esm --outfile="$out/sidepanel.js"
"$esbuild" extension/sidepanel.css "${common[@]}" --outfile="$out/sidepanel.css"
cp extension/sidepanel.html www/pkg/quotelens_bg.wasm "$out/"
cp LICENSE-MIT LICENSE-APACHE "$out/"
node -e '
const fs = require("fs");
const [from, to, version] = process.argv.slice(1);
const manifest = JSON.parse(fs.readFileSync(from, "utf8"));
manifest.version = version.replace(/[^0-9.].*$/, "");
fs.writeFileSync(to, JSON.stringify(manifest, null, 2) + "\n");
' extension/manifest.json "$out/manifest.json" "$version"

zip=dist/quotelens-extension-$version.zip
rm -f "$zip"
(cd "$out" && zip -q -X -r "$root/$zip" .)

sizes() { printf '%9d bytes raw, %8d gzipped' "$(wc -c <"$1")" "$(gzip -9c "$1" | wc -c)"; }
echo "build-extension: $out/ (load unpacked) and $zip ($(wc -c <"$zip") bytes)"
for file in content.js background.js sidepanel.js sidepanel.css quotelens_bg.wasm; do
    printf 'build-extension:   %-18s %s\n' "$file" "$(sizes "$out/$file")"
done
