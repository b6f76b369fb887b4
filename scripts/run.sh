#!/usr/bin/env bash
# Build the UI and the app, then open it.
#   scripts/run.sh            release build (first build takes several minutes)
#   scripts/run.sh --debug    debug build (faster to build)
# Nothing is rebuilt when no source changed since the last build, so a warm start takes seconds.
# The store lives in your data directory (~/.local/share/amparo/store) unless
# AMPARO_STORE points elsewhere; the first screen also offers the demo store.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE=release
ARGS=(--no-bundle)
if [ "${1:-}" = "--debug" ]; then PROFILE=debug; ARGS+=(--debug); fi

BIN="$TARGET/$PROFILE/amparo-app"
bash scripts/setup.sh
# A warm start takes seconds: build only when a source is newer than the built app (the UI
# build rewrites ui/dist, which would otherwise make Tauri rebuild the app every time).
if [ -x "$BIN" ] && [ -z "$(find crates src-tauri ui/src ui/index.html ui/package-lock.json ui/vite.config.ts \
  Cargo.toml Cargo.lock -path src-tauri/gen -prune -o -newer "$BIN" -print -quit 2>/dev/null)" ]; then
  echo "run: $BIN is up to date"
else
  ./ui/node_modules/.bin/tauri build "${ARGS[@]}"
fi
exec "$BIN"
