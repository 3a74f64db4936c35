# Sourced by scripts/test-python.sh, build-wheel.sh and bench-python.sh: the venv target/py-venv
# with python/requirements-dev.txt (reinstalled when that file changes), and Java for Spark
# (Debian's openjdk-17-jre-headless when `java` is missing). Leaves the venv first on PATH.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV=target/py-venv
REQS=python/requirements-dev.txt
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! cmp -s "$REQS" "$VENV/.installed-requirements"; then
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -r "$REQS"
    cp "$REQS" "$VENV/.installed-requirements"
fi
if [ "${NEED_JAVA:-0}" = 1 ] && ! command -v java >/dev/null; then
    echo "installing Java for Spark (Debian openjdk-17-jre-headless)"
    SUDO=$(command -v sudo || true)
    $SUDO apt-get update -q && $SUDO apt-get install -y -q openjdk-17-jre-headless
fi
export PATH="$PWD/$VENV/bin:$PATH" VIRTUAL_ENV="$PWD/$VENV"
# Executors of a local Spark run the venv's Python (with quotelens), not the system's.
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
# The binding's build directory: its own, so it never waits on the root crate's cargo lock.
export CARGO_TARGET_DIR="$PWD/target/python"
