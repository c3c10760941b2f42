#!/bin/sh
# Install what `newsift spark` and its tests need: a Java 17 runtime (Debian's
# openjdk-17-jre-headless, when `java` is missing; needs root) and the pinned pyspark
# (requirements/spark.txt) into the project's virtual environment.
# Usage: sh scripts/install-spark.sh [PYTHON]   (default: .venv/bin/python)
set -eu
cd "$(dirname "$0")/.."
PYTHON="${1:-.venv/bin/python}"
if command -v java >/dev/null 2>&1; then
    echo "java: already installed ($(java -version 2>&1 | head -n 1))"
else
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-spark.sh: java is missing; run as root (or: sudo $0) to install openjdk-17-jre-headless" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-spark.sh: apt-get not found; install a Java 17 runtime by hand" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # the JRE's postinst needs the man directory that slim images leave out
    mkdir -p /usr/share/man/man1
    apt-get install -y --no-install-recommends openjdk-17-jre-headless
    java -version
fi
if [ ! -x "$PYTHON" ]; then
    echo "install-spark.sh: no Python at $PYTHON; run \`make install\` first or pass one" >&2
    exit 1
fi
"$PYTHON" -m pip --disable-pip-version-check --quiet install -r requirements/spark.txt
"$PYTHON" -c "import pyspark; print('pyspark', pyspark.__version__)"
