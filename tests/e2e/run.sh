#!/usr/bin/env bash
# Drive the real built app through tauri-driver + WebKitWebDriver.
# Usage (under a display, e.g. xvfb-run): tests/e2e/run.sh path/to/amparo-app [pytest args…]
# With no test file or folder among the pytest args, the whole suite (this folder) runs;
# given files run in the order given (e.g. one module alone, or all in reverse order).
# Each module opens the app on stores of its own (conftest.py's `app` fixture), so any
# module runs alone and in any order.
# Everything the app writes goes under a fresh temporary HOME, which the suite scans
# at the end for the marker texts it typed in. AMPARO_E2E_PORT (default 4444) picks the
# driver port, so two suites can run side by side. AMPARO_E2E_CLI names the `amparo` CLI
# modules prepare stores with (default: beside the app, else $CARGO_TARGET_DIR/debug/amparo).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP="$(realpath "${1:?usage: run.sh path/to/app-binary}")"
shift || true

PY="$HERE/.venv/bin/python"
[ -x "$PY" ] || { echo "e2e: no venv at $HERE/.venv; run scripts/setup.sh" >&2; exit 2; }
command -v tauri-driver >/dev/null || export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || { echo "e2e: tauri-driver not installed; run scripts/setup.sh" >&2; exit 2; }
command -v WebKitWebDriver >/dev/null || { echo "e2e: WebKitWebDriver missing (apt webkit2gtk-driver)" >&2; exit 2; }

SANDBOX="$(mktemp -d "${TMPDIR:-/tmp}/amparo-e2e.XXXXXX")"
mkdir -p "$SANDBOX/home" "$SANDBOX/tmp" "$SANDBOX/store"
export AMPARO_E2E_SANDBOX="$SANDBOX"
export AMPARO_E2E_APP="$APP"
# Screenshots go to the ignored tests/e2e/out/ so a test run leaves the checkout clean;
# AMPARO_E2E_SCREENSHOTS=assets/screenshots refreshes the README's.
export AMPARO_E2E_SCREENSHOTS="${AMPARO_E2E_SCREENSHOTS:-$ROOT/tests/e2e/out/screenshots}"
# Each module chooses the store the app opens through the app's settings file, which
# AMPARO_STORE would override: never let one (a developer's own) reach the app.
unset AMPARO_STORE
export HOME="$SANDBOX/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$SANDBOX/run"; mkdir -p "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
export TMPDIR="$SANDBOX/tmp"

mkdir -p "$SANDBOX/harness"
DRIVER_LOG="$SANDBOX/harness/tauri-driver.log"
PORT="${AMPARO_E2E_PORT:-4444}"
export AMPARO_E2E_PORT="$PORT"
tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$DRIVER_LOG" 2>&1 &
DRIVER_PID=$!
cleanup() {
  kill "$DRIVER_PID" 2>/dev/null || true
  wait "$DRIVER_PID" 2>/dev/null || true
  if [ "${KEEP_E2E_SANDBOX:-}" = "" ]; then rm -rf "$SANDBOX"; else echo "e2e: sandbox kept at $SANDBOX"; fi
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; then break; fi
  sleep 0.1
done

# The whole folder unless test files or folders (node ids too) are among the arguments.
TARGETS=("$HERE")
for a in "$@"; do
  if [ -e "${a%%::*}" ]; then TARGETS=(); break; fi
done

set +e
"$PY" -m pytest -p no:cacheprovider --basetemp "$SANDBOX/harness/pytest" -v "${TARGETS[@]}" "$@"
rc=$?
set -e
if [ $rc -ne 0 ]; then echo "--- tauri-driver log ---"; tail -n 40 "$DRIVER_LOG"; fi
exit $rc
