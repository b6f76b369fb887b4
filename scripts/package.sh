#!/usr/bin/env bash
# Installers for volunteers, made with Tauri's bundler from a release build:
#   a .deb (Debian, Ubuntu, Mint) and an AppImage (most other Linux distributions).
#   scripts/package.sh             both (the AppImage part needs the internet, see below)
#   scripts/package.sh --deb-only  only the .deb (works offline)
# The files land in target/release/bundle/deb/ and target/release/bundle/appimage/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
TAURI=./ui/node_modules/.bin/tauri

bash scripts/setup.sh

echo "==> building the release app and its .deb"
"$TAURI" build --bundles deb
DEB=$(ls -t "$TARGET"/release/bundle/deb/*.deb | head -n 1)
echo "package: $DEB"

if [ "${1:-}" = "--deb-only" ]; then exit 0; fi

# Tauri's AppImage bundler downloads linuxdeploy and its GTK plugin (from GitHub) the
# first time and keeps them in ~/.cache/tauri; without them and without the internet it
# cannot work. Say so plainly instead of failing after the .deb was made.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tauri"
if ! ls "$CACHE"/linuxdeploy-*.AppImage >/dev/null 2>&1 \
  && ! curl -fsSI --max-time 10 https://github.com >/dev/null 2>&1; then
  echo "AppImage: NOT made. Tauri's bundler downloads linuxdeploy from github.com at build time," >&2
  echo "and this machine is offline (and has no copy in $CACHE). Run this script again with" >&2
  echo "internet access to make the AppImage; the .deb above is complete and installable." >&2
  exit 0
fi
echo "==> bundling the AppImage (from the same build)"
if "$TAURI" bundle --bundles appimage; then
  ls -t "$TARGET"/release/bundle/appimage/*.AppImage | head -n 1 | sed 's/^/package: /'
else
  echo "AppImage: NOT made (Tauri's AppImage bundler failed; see above). The .deb above is complete." >&2
  exit 1
fi
