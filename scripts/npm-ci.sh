#!/usr/bin/env bash
# npm ci in each folder given, only when its node_modules is missing or was installed from
# another lockfile (a stamp in node_modules holds the lockfile's sha256). The one home of this
# rule for every script that needs a folder's npm packages.
#
#   scripts/npm-ci.sh DIR [DIR ...]
set -euo pipefail
for dir in "$@"; do
    stamp=$dir/node_modules/.quotelens-lock-sha256
    want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
        (cd "$dir" && npm ci --no-audit --no-fund)
        echo "$want" >"$stamp"
    fi
done
