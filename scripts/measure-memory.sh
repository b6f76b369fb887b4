#!/usr/bin/env bash
# Resident memory of the real app window (BENCHMARKS.md, "Memory"): RSS and PSS of the app
# process and each WebKit process, with the demo store open on Home and again after
# visiting every screen. Prints two Markdown tables.
#
# Usage: scripts/measure-memory.sh [path/to/amparo-app] [runs]
#   default app: $CARGO_TARGET_DIR/release/amparo-app if built, else …/debug/amparo-app
#   (build it with custom-protocol, e.g.
#    cargo build --release --locked -p amparo-app --features amparo-app/custom-protocol)
#   runs: how many fresh launches to measure one after another (default 1).
# AMPARO_E2E_PORT picks the WebDriver port (default 4530, away from the E2E suite's 4444).
# AMPARO_MEASURE_JSON=file also writes the samples as JSON (file.N for run N when runs > 1).
# Without a display it re-runs itself under xvfb-run, with the E2E suite's screen.
# Everything the app writes goes under a fresh temporary HOME, removed afterwards.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

DEFAULT_APP="$TARGET/release/amparo-app"
[ -x "$DEFAULT_APP" ] || DEFAULT_APP="$TARGET/debug/amparo-app"
APP="$(realpath "${1:-$DEFAULT_APP}")"
RUNS="${2:-1}"
test -x "$APP" || { echo "measure: no app at $APP" >&2; exit 2; }

PY="$ROOT/tests/e2e/.venv/bin/python"
[ -x "$PY" ] || { echo "measure: no venv at tests/e2e/.venv; run scripts/setup.sh" >&2; exit 2; }
command -v tauri-driver >/dev/null || export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || { echo "measure: tauri-driver not installed; run scripts/setup.sh" >&2; exit 2; }
command -v WebKitWebDriver >/dev/null || { echo "measure: WebKitWebDriver missing (apt webkit2gtk-driver)" >&2; exit 2; }

PORT="${AMPARO_E2E_PORT:-4530}"
export AMPARO_E2E_PORT="$PORT" AMPARO_E2E_APP="$APP"
JSON="${AMPARO_MEASURE_JSON:-}"
echo "measure: $APP ($(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2

measure_once() {
  local n="$1" sandbox driver_pid rc=0
  sandbox="$(mktemp -d "${TMPDIR:-/tmp}/amparo-mem.XXXXXX")"
  mkdir -p "$sandbox/home" "$sandbox/tmp" "$sandbox/run"
  chmod 700 "$sandbox/run"
  (
    export HOME="$sandbox/home"
    export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
    export XDG_CACHE_HOME="$HOME/.cache" XDG_STATE_HOME="$HOME/.local/state"
    export XDG_RUNTIME_DIR="$sandbox/run" TMPDIR="$sandbox/tmp"
    unset AMPARO_STORE
    tauri-driver --port "$PORT" --native-port "$((PORT + 1))" >"$sandbox/tauri-driver.log" 2>&1 &
    driver_pid=$!
    trap 'kill "$driver_pid" 2>/dev/null || true; wait "$driver_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 1 100); do
      if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then break; fi
      sleep 0.1
    done
    export AMPARO_MEASURE_DRIVER_PID="$driver_pid"
    if [ -n "$JSON" ]; then
      if [ "$RUNS" -gt 1 ]; then export AMPARO_MEASURE_JSON="$JSON.$n"; else export AMPARO_MEASURE_JSON="$JSON"; fi
    fi
    "$PY" "$HERE/measure_memory.py"
  ) || rc=$?
  [ $rc -eq 0 ] || tail -n 40 "$sandbox/tauri-driver.log" >&2
  rm -rf "$sandbox"
  return $rc
}

for n in $(seq 1 "$RUNS"); do
  [ "$RUNS" -gt 1 ] && echo "## run $n of $RUNS" && echo
  measure_once "$n"
  echo
done
