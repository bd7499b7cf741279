# Shared helpers for the scripts in scripts/. Source it; do not run it.
#
# It puts the project's pinned tools first on PATH (cargo-installed Trunk and wasm-bindgen,
# npm-installed wasm-opt) so that a stray system copy, e.g. Debian's much older wasm-opt, is never
# picked up, and it gives every script the same way of announcing and timing its steps.

ATLAS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ATLAS_ROOT

# Tools installed by `cargo install` live here; a fresh shell may not have it on PATH yet.
CARGO_BIN_DIR="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN_DIR:"*) ;;
  *) [ -d "$CARGO_BIN_DIR" ] && PATH="$CARGO_BIN_DIR:$PATH" ;;
esac
# wasm-opt 132 comes from npm (package `binaryen`); it must win over any /usr/bin/wasm-opt.
PATH="$ATLAS_ROOT/node_modules/.bin:$PATH"
export PATH

# Trunk would otherwise ask the network for a newer release on every run.
export TRUNK_SKIP_VERSION_CHECK=true
# Playwright drives the system Chromium; it must never try to download its own browsers.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Colour only on a terminal, so CI logs stay plain text.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  C_BOLD=$'\e[1m'; C_DIM=$'\e[2m'; C_RED=$'\e[31m'; C_GREEN=$'\e[32m'; C_YELLOW=$'\e[33m'; C_OFF=$'\e[0m'
else
  C_BOLD=''; C_DIM=''; C_RED=''; C_GREEN=''; C_YELLOW=''; C_OFF=''
fi

say()  { printf '%s\n' "$*"; }
step() { printf '\n%s==> %s%s\n' "$C_BOLD" "$*" "$C_OFF"; }
ok()   { printf '%s    ok%s %s\n' "$C_GREEN" "$C_OFF" "$*"; }
skip() { printf '%s    skip%s %s\n' "$C_DIM" "$C_OFF" "$*"; }
warn() { printf '%s    warning:%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2; exit 1; }

# "3m07s" from a number of seconds.
fmt_duration() {
  local s=$1
  if (( s >= 60 )); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# run_with_heartbeat LOGFILE COMMAND...
# Runs a long, quiet-or-noisy command with its output in LOGFILE and prints one line every
# 60 s (elapsed time and the log's last line) so a terminal or CI log never looks stuck.
# On failure the end of the log is shown. Returns the command's exit status.
run_with_heartbeat() {
  local log=$1; shift
  mkdir -p "$(dirname "$log")"
  local start=$SECONDS next_beat=$((SECONDS + 60)) status=0
  "$@" >"$log" 2>&1 &
  local pid=$!
  # Stop the child too if the user interrupts the script.
  trap 'kill "$pid" 2>/dev/null; exit 130' INT TERM
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( SECONDS >= next_beat )); then
      local last
      last=$(tail -n 1 "$log" 2>/dev/null | tr -d '\r' | cut -c1-80)
      printf '%s    … still running, %s elapsed%s%s\n' "$C_DIM" "$(fmt_duration $((SECONDS - start)))" \
        "${last:+ (last: ${last# })}" "$C_OFF"
      next_beat=$((next_beat + 60))
    fi
  done
  wait "$pid" || status=$?
  trap - INT TERM
  if (( status != 0 )); then
    printf '%s    failed after %s (exit %d); last lines of %s:%s\n' "$C_RED" \
      "$(fmt_duration $((SECONDS - start)))" "$status" "$log" "$C_OFF" >&2
    tail -n 40 "$log" >&2
  fi
  return "$status"
}

# Version of a package as resolved in Cargo.lock, e.g. `locked_version wasm-bindgen`.
locked_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/^version = "|"$/, ""); print; exit }
  ' "$ATLAS_ROOT/Cargo.lock"
}
