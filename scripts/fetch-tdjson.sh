#!/usr/bin/env bash
# Puts TDLib's libtdjson.so (TDLib 1.8.66, commit 022d6020: the TDLib of the corpus'
# td_api.tl) at DIR/libtdjson.so and prints its absolute path, for tl-json/tests/tdlib.rs
# and tests/tests/tdlib_generated.rs (TDJSON=...; docs/development.md). It comes from PyPI's
# python-telegram 2.0.0 wheel, downloaded with pip and checked against its SHA-256; kept once
# extracted.
#
# Usage: scripts/fetch-tdjson.sh [DIR]    (default: target/tdjson)
# Exit status: 0, or 1 when pip, the network or the checksum fails (with a message).
set -euo pipefail

dir="${1:-target/tdjson}"
library="$dir/libtdjson.so"
wheel_name="python_telegram-2.0.0-py3-none-manylinux_2_28_x86_64.whl"
wheel_sha256="36f7264be8eb6a9ec727d6ea78ca4b9828aaad491995eb5cb91aa24b76d1ef19"

if [ ! -f "$library" ]; then
  mkdir -p "$dir"
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  if ! python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    --only-binary=:all: --platform manylinux_2_28_x86_64 \
    python-telegram==2.0.0 -d "$download" >&2; then
    echo "fetch-tdjson: pip could not download python-telegram 2.0.0" >&2
    exit 1
  fi
  if ! echo "$wheel_sha256  $download/$wheel_name" | sha256sum --check --status; then
    echo "fetch-tdjson: $wheel_name is not the wheel expected (SHA-256)" >&2
    exit 1
  fi
  # The wheel is a zip archive: only the library is kept, written whole or not at all.
  python3 - "$download/$wheel_name" "$library.part" <<'EOF'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open("telegram/lib/libtdjson.so") as src:
    with open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
EOF
  mv "$library.part" "$library"
fi
echo "$(cd "$dir" && pwd)/libtdjson.so"
