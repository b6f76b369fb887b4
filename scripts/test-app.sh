#!/usr/bin/env bash
# The desktop app's tests: UI unit tests (Vitest, mocked IPC), type checks (svelte-check),
# the app's debug .deb (installed, so a broken package fails), and the end-to-end suite
# in the installed app's window under Xvfb.
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

step "building the app's debug .deb for the end-to-end tests (tauri build --debug --bundles deb)"
./ui/node_modules/.bin/tauri build --debug --bundles deb
DEB=$(ls -t "$TARGET"/debug/bundle/deb/*.deb | head -n 1)

# The suite drives the app as the package installs it, so a broken package fails here.
# As root (CI) or with password-less sudo: installed with apt-get (its dependencies too).
# Otherwise the package is unpacked into target/ and that copy is driven.
if [ "$(id -u)" -eq 0 ] || sudo -n true 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  step "installing $DEB (apt-get)"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --reinstall --no-install-recommends "$(realpath "$DEB")"
  APP=/usr/bin/amparo-app
else
  step "unpacking $DEB (not root: apt-get needs root, so the package's files are driven from target/)"
  UNPACKED="$TARGET/debug/bundle/deb/unpacked"
  rm -rf "$UNPACKED"
  dpkg-deb -x "$DEB" "$UNPACKED"
  APP="$UNPACKED/usr/bin/amparo-app"
fi
test -x "$APP" || { echo "error: the package did not install $APP" >&2; exit 1; }

# The suite prepares team stores with the real CLI (tests/e2e/test_team_roles.py);
# cargo test --workspace (scripts/test.sh) has built it.
export AMPARO_E2E_CLI="$TARGET/debug/amparo"
test -x "$AMPARO_E2E_CLI" || { echo "error: no amparo CLI at $AMPARO_E2E_CLI (cargo build -p amparo-cli)" >&2; exit 1; }

step "end-to-end tests in the real window of the installed app (Xvfb, tauri-driver, WebKitWebDriver)"
xvfb-run -a -s "-screen 0 1280x800x24" tests/e2e/run.sh "$APP"
