#!/usr/bin/env bash
# Build the UI and the app, then open it.
#   scripts/run.sh            release build (first build takes several minutes)
#   scripts/run.sh --debug    debug build (faster to build)
# The store lives in your data directory (~/.local/share/amparo/store) unless
# AMPARO_STORE points elsewhere; the first screen also offers the demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE=release
ARGS=(--no-bundle)
if [ "${1:-}" = "--debug" ]; then PROFILE=debug; ARGS+=(--debug); fi

bash scripts/setup.sh
./ui/node_modules/.bin/tauri build "${ARGS[@]}"
exec "$TARGET/$PROFILE/amparo-app"
