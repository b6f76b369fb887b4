#!/usr/bin/env bash
# Runs every test of Amparo: the core and CLI, sync, scheduling, the desktop shell,
# the UI unit tests and the end-to-end tests in the real app window.
# Installs what it needs first (scripts/setup.sh is idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
export PROPTEST_CASES="${PROPTEST_CASES:-64}"
# The promise that a team can read its bundles with the standard age tool is tested with
# that tool (setup.sh installs it); here a missing one fails those tests instead of
# skipping them.
export AMPARO_REQUIRE_AGE_CLI=1
# Likewise the mailbox mode is tested end to end through real Syncthing (setup.sh installs
# Debian's syncthing): a missing one fails that test instead of skipping it.
export AMPARO_REQUIRE_SYNCTHING=1

step() { printf '\n==> %s\n' "$*"; }

step "setting up (system packages, npm, test tools)"
bash scripts/setup.sh

step "building the UI (the app embeds ui/dist)"
(cd ui && npm run build)

step "format and lints (cargo fmt --check, clippy -D warnings)"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked --features amparo-app/custom-protocol -- -D warnings

step "core, CLI, sync, scheduling and desktop-shell tests (cargo test --workspace)"
# custom-protocol is the feature `tauri build` turns on, so the app build below reuses
# most of these artifacts (the Tauri CLI still rebuilds its plugins and a few crates
# whose features it adds). --all-targets also builds and smoke-runs the benchmarks at a
# tiny size.
cargo test --workspace --all-targets --locked --no-fail-fast --features amparo-app/custom-protocol

step "desktop app: UI unit tests, type checks, end-to-end tests in the real window"
bash scripts/test-app.sh
