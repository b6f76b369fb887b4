#!/usr/bin/env bash
# Installs what building and testing Amparo needs on Debian 12. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "error: install the Rust toolchain first (https://rustup.rs)"; exit 1; }
