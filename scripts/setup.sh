#!/usr/bin/env bash
# Install everything the desktop app needs to build, run and be tested.
# Idempotent: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "error: install the Rust toolchain first (https://rustup.rs)"; exit 1; }
# The locked Vite needs Node.js 20.19 or later (Debian 12's own package is 18).
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null ||
  { echo "error: install Node.js 20.19 or later first (found: $(node -v 2>/dev/null || echo none); Debian 12's nodejs is too old)"; exit 1; }

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  libxdo-dev build-essential pkg-config file xvfb xauth webkit2gtk-driver imagemagick dbus-x11
  age syncthing
  # the E2E virtualenv (python3 -m venv) on a bare Debian
  python3-venv
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "setup: Debian packages already installed"
fi

# UI dependencies, exactly as locked.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund)
else
  echo "setup: ui/node_modules up to date"
fi

# The app crate embeds ui/dist at compile time, so `cargo test --workspace` needs it.
if [ ! -f ui/dist/index.html ]; then
  echo "setup: building the UI once (ui/dist)"
  (cd ui && npm run build)
fi

# The format and lint gates of scripts/test.sh.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  echo "setup: adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi

# tauri-driver (WebDriver bridge for the E2E suite). crates.io's newest is a 3.0 alpha: stay on 2.
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver 2"
  cargo install tauri-driver --version '^2' --locked
else
  echo "setup: tauri-driver present"
fi

# Python venv with selenium for the E2E suite.
VENV=tests/e2e/.venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import selenium' 2>/dev/null; then
  echo "setup: creating $VENV with selenium"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
else
  echo "setup: $VENV ready"
fi
echo "setup: done"
