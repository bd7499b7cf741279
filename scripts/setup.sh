#!/usr/bin/env bash
# Installs everything needed to build, serve and test the atlas, and skips whatever is already
# there at the right version, so running it again costs a few seconds.
#
# Only the crate registry, Debian's packages and the npm registry are assumed reachable: every tool
# is built from source or comes from a package (nothing downloads prebuilt binaries, which is why
# Trunk and the wasm-bindgen CLI are compiled here and wasm-opt comes from npm).
#
# Usage: scripts/setup.sh [--no-browser] [--no-npm] [--no-fetch]
#   --no-browser  skip Chromium, chromedriver and brotli (only tests need them)
#   --no-npm      skip the npm packages (Playwright, axe, wasm-opt; release builds need wasm-opt)
#   --no-fetch    skip `cargo fetch` (crates needed by the offline Trunk build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ATLAS_ROOT"

TRUNK_VERSION=0.21.14
WANT_BROWSER=1 WANT_NPM=1 WANT_FETCH=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) WANT_BROWSER=0 ;;
    --no-npm) WANT_NPM=0 ;;
    --no-fetch) WANT_FETCH=0 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $arg (try --help)" ;;
  esac
done

LOG_DIR="$ATLAS_ROOT/target/setup-logs"
SETUP_START=$SECONDS
SUMMARY=()
# Records "name: what happened (time)" for the recap at the end.
record() { SUMMARY+=("$(printf '%-26s %-40s %s' "$1" "$2" "$(fmt_duration "$3")")"); }

# Commands that need root: run directly as root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root for: $* (no sudo available)"; fi
}

# ---------------------------------------------------------------------------------------------
step "Rust target wasm32-unknown-unknown (seconds)"
t=$SECONDS
command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first (https://rustup.rs)"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "already installed"; record "wasm32 target" "present" $((SECONDS - t))
else
  say "    rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
  ok "installed"; record "wasm32 target" "installed" $((SECONDS - t))
fi

# ---------------------------------------------------------------------------------------------
if (( WANT_BROWSER )); then
  step "Chromium, chromedriver and brotli from apt (about 75 s when missing)"
  t=$SECONDS
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v brotli >/dev/null; then
    skip "already installed ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
    record "chromium/driver/brotli" "present" $((SECONDS - t))
  else
    say "    apt-get install chromium chromium-driver brotli"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    run_with_heartbeat "$LOG_DIR/apt.log" \
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver brotli
    ok "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
    record "chromium/driver/brotli" "installed" $((SECONDS - t))
  fi
fi

# ---------------------------------------------------------------------------------------------
step "Trunk $TRUNK_VERSION (build tool)"
t=$SECONDS
have=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$TRUNK_VERSION" ]; then
  skip "trunk $have already installed"; record "trunk" "present" $((SECONDS - t))
else
  # 0.21.14 is the last release that builds with our Rust; --locked keeps its tested dependencies.
  say "    Compiling trunk $TRUNK_VERSION from crates.io — about 15–20 minutes on 2 cores${have:+ (found ${have})}…"
  say "    (log: ${LOG_DIR#"$ATLAS_ROOT"/}/trunk.log)"
  run_with_heartbeat "$LOG_DIR/trunk.log" cargo install trunk --version "$TRUNK_VERSION" --locked
  have=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$TRUNK_VERSION" ] || die "installed trunk $TRUNK_VERSION, but PATH finds '$(command -v trunk)' ($have) first"
  ok "trunk $have"; record "trunk" "compiled" $((SECONDS - t))
fi

# ---------------------------------------------------------------------------------------------
WBG_VERSION=$(locked_version wasm-bindgen)
[ -n "$WBG_VERSION" ] || die "wasm-bindgen not found in Cargo.lock"
step "wasm-bindgen CLI $WBG_VERSION (must equal the wasm-bindgen crate in Cargo.lock)"
t=$SECONDS
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$WBG_VERSION" ] && command -v wasm-bindgen-test-runner >/dev/null; then
  skip "wasm-bindgen $have already installed"; record "wasm-bindgen-cli" "present" $((SECONDS - t))
else
  # No --locked: the CLI's own lock file pins a crate version the registry no longer serves.
  say "    Compiling wasm-bindgen-cli $WBG_VERSION from crates.io — about 7–11 minutes on 2 cores${have:+ (found ${have})}…"
  say "    (log: ${LOG_DIR#"$ATLAS_ROOT"/}/wasm-bindgen.log)"
  run_with_heartbeat "$LOG_DIR/wasm-bindgen.log" cargo install wasm-bindgen-cli --version "$WBG_VERSION"
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$WBG_VERSION" ] || die "installed wasm-bindgen $WBG_VERSION, but PATH finds '$(command -v wasm-bindgen)' ($have) first"
  ok "wasm-bindgen $have"; record "wasm-bindgen-cli" "compiled" $((SECONDS - t))
fi

# ---------------------------------------------------------------------------------------------
# Cuts the app's wasm into the first module and the pages loaded later (scripts/split-wasm.sh).
SPLIT_VERSION=0.2.4
step "wasm-split-cli $SPLIT_VERSION (wasm_split_cli_support, the splitter cargo-leptos uses)"
t=$SECONDS
have=$(cargo install --list 2>/dev/null | awk '$1 == "wasm_split_cli_support" {print $2}' | tr -d 'v:' || true)
if [ "$have" = "$SPLIT_VERSION" ] && command -v wasm-split-cli >/dev/null; then
  skip "wasm-split-cli $have already installed"; record "wasm-split-cli" "present" $((SECONDS - t))
else
  say "    Compiling wasm_split_cli_support $SPLIT_VERSION from crates.io — about 3–5 minutes on 2 cores${have:+ (found ${have})}…"
  say "    (log: ${LOG_DIR#"$ATLAS_ROOT"/}/wasm-split.log)"
  run_with_heartbeat "$LOG_DIR/wasm-split.log" cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --locked --features build-binary
  command -v wasm-split-cli >/dev/null || die "installed wasm_split_cli_support $SPLIT_VERSION, but PATH does not find wasm-split-cli"
  ok "wasm-split-cli $SPLIT_VERSION"; record "wasm-split-cli" "compiled" $((SECONDS - t))
fi

# ---------------------------------------------------------------------------------------------
if (( WANT_NPM )); then
  step "npm packages: Playwright, axe-core, wasm-opt 132 (under a minute)"
  t=$SECONDS
  command -v node >/dev/null || die "node not found: Node.js 20 or newer is needed"
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  (( node_major >= 20 )) || die "Node.js $(node --version) is too old: Playwright needs 20 or newer"
  # `npm ci` wipes and reinstalls node_modules, so only run it when the lock file changed.
  stamp_file=node_modules/.atlas-setup-stamp
  want_stamp="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1) node-$node_major"
  if [ -d node_modules ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$want_stamp" ]; then
    skip "node_modules matches package-lock.json"; record "npm ci" "up to date" $((SECONDS - t))
  else
    say "    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci (Playwright uses /usr/bin/chromium)"
    run_with_heartbeat "$LOG_DIR/npm.log" npm ci --no-audit --no-fund
    printf '%s\n' "$want_stamp" >"$stamp_file"
    ok "installed"; record "npm ci" "installed" $((SECONDS - t))
  fi
  have=$(wasm-opt --version 2>/dev/null | awk '{print $3}' || true)
  [ "$have" = "132" ] || die "wasm-opt on PATH is version '${have:-none}', expected 132 from node_modules/.bin"
  if [ -x /usr/bin/wasm-opt ]; then
    warn "/usr/bin/wasm-opt (Debian's binaryen) is installed; it is ignored here, but its output breaks the app"
  fi
fi

# ---------------------------------------------------------------------------------------------
if (( WANT_FETCH )); then
  # Trunk runs cargo with --offline (Trunk.toml), so every crate must already be downloaded.
  step "cargo fetch (crates for the offline build; under a minute)"
  t=$SECONDS
  run_with_heartbeat "$LOG_DIR/cargo-fetch.log" cargo fetch
  ok "crates available"; record "cargo fetch" "done" $((SECONDS - t))
fi

step "Setup done in $(fmt_duration $((SECONDS - SETUP_START)))"
printf '    %s\n' "${SUMMARY[@]}"
