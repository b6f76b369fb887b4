#!/usr/bin/env bash
# The desktop app's tests: UI unit tests (Vitest, mocked IPC), type checks (svelte-check),
# a debug build of the real app, and the end-to-end suite in its window under Xvfb.
# Expects scripts/setup.sh to have run (scripts/test.sh does that first).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "UI unit tests (vitest)"
(cd ui && npx vitest run)

step "UI type check (svelte-check)"
(cd ui && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings)

step "building the app for the end-to-end tests (tauri build --debug --no-bundle)"
./ui/node_modules/.bin/tauri build --debug --no-bundle

step "end-to-end tests in the real window (Xvfb, tauri-driver, WebKitWebDriver)"
xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/run.sh "$TARGET/debug/amparo-app"
