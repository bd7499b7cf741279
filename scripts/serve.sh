#!/usr/bin/env bash
# Serves the atlas with its bundled dataset at http://127.0.0.1:8080/ and rebuilds on every change.
#
# Debug build by default: on a fresh checkout it compiles faster than the size-optimised release
# build (no LTO, no wasm-opt), rebuilds in seconds after an edit and keeps Rust panic messages
# readable. The page is larger and slower to start than the shipped one; pass --release to serve
# exactly what `trunk build --release` ships.
#
# Usage: scripts/serve.sh [--release] [--port N] [--address ADDR] [--no-setup]
#
# Reload the page after a rebuild: Trunk's live-reload script is inline, which the
# Content-Security-Policy of index.html forbids, so it is turned off (Trunk.toml [serve]).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ATLAS_ROOT"

PORT=${ATLAS_PORT:-8080}
ADDRESS=${ATLAS_ADDRESS:-127.0.0.1}
RELEASE=()
RUN_SETUP=1
while (( $# )); do
  case "$1" in
    --release) RELEASE=(--release) ;;
    --port) PORT=$2; shift ;;
    --address) ADDRESS=$2; shift ;;
    --no-setup) RUN_SETUP=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (try --help)" ;;
  esac
  shift
done

# Serving needs no browser, but a release build needs wasm-opt from npm.
if (( RUN_SETUP )); then
  "$ATLAS_ROOT/scripts/setup.sh" --no-browser
fi

# --public-url /: the dev server answers every unknown path with index.html, and only absolute
# asset URLs resolve from a deep link such as /region/28 (the relative "./" of Trunk.toml would
# look for /region/boot.js). Built folders keep "./" so they can be mounted anywhere.
step "trunk serve${RELEASE:+ --release} on http://$ADDRESS:$PORT/ (first build: 2–5 min, later ones seconds)"
exec trunk serve "${RELEASE[@]}" --public-url / --address "$ADDRESS" --port "$PORT"
