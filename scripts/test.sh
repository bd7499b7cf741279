#!/usr/bin/env bash
# The one test command: everything CI runs, in order, with a recap at the end.
#
#   1. setup       scripts/setup.sh (tools at their pinned versions; quick when present)
#   2. lint        cargo fmt --all --check; cargo clippy -D warnings on the host (all targets)
#                  and for the wasm targets (app, island) (clippy.toml: raw HTML only for our own SVG)
#   3. host        cargo test --workspace: core unit, integration and property tests, app host tests
#   4. wasm        the app's browser tests (tests/web.rs) in headless Chromium via
#                  wasm-bindgen-test-runner and chromedriver
#   5. build       trunk build --release into dist/, with the size of the .wasm (raw and brotli)
#   6. e2e         Playwright against dist/ served under a sub-path (/atlas/sub/)
#
# A failing stage does not stop the others (except that e2e needs the build), so one run shows
# every problem. Exits non-zero if anything failed.
#
# Usage: scripts/test.sh [--no-setup] [STAGE...] [-- PLAYWRIGHT_ARGS...]
#   STAGE is lint, host, wasm, build or e2e (default: all five). Examples:
#     scripts/test.sh lint               formatting and clippy only
#     scripts/test.sh host               only the Rust host tests
#     scripts/test.sh build e2e -- -g nav  rebuild, then only e2e tests matching "nav"
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ATLAS_ROOT"

RUN_SETUP=1
STAGES=()
PW_ARGS=()
while (( $# )); do
  case "$1" in
    --no-setup) RUN_SETUP=0 ;;
    lint|host|wasm|build|e2e) STAGES+=("$1") ;;
    --) shift; PW_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
  shift
done
(( ${#STAGES[@]} )) || STAGES=(lint host wasm build e2e)
wants() { [[ " ${STAGES[*]} " == *" $1 "* ]]; }

LOG_DIR="$ATLAS_ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
TOTAL_START=$SECONDS
RECAP=()
TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_STAGES=()

# recap NAME RESULT PASSED FAILED SKIPPED SECONDS [NOTE]
recap() {
  RECAP+=("$(printf '%-14s %-7s %7s %7s %8s %8s  %s' "$1" "$2" "$3" "$4" "$5" "$(fmt_duration "$6")" "${7:-}")")
  [ "$2" = ok ] || FAILED_STAGES+=("$1")
}

# Sums cargo's "test result: ok. N passed; M failed; K ignored" lines of a log: "N M K".
cargo_counts() {
  awk '/^test result: / {
         for (i = 1; i <= NF; i++) {
           if ($(i+1) ~ /^passed/) p += $i
           if ($(i+1) ~ /^failed/) f += $i
           if ($(i+1) ~ /^ignored/) s += $i
         }
         n++
       }
       END { printf "%d %d %d %d\n", p, f, s, n }' "$1"
}

# run_cargo_tests NAME LOG COMMAND...: runs, shows output live, records counts.
run_cargo_tests() {
  local name=$1 log=$2; shift 2
  local t=$SECONDS status=0
  "$@" 2>&1 | tee "$log" || status=$?
  local passed failed ignored runs
  read -r passed failed ignored runs < <(cargo_counts "$log")
  TOTAL_PASSED=$((TOTAL_PASSED + passed)); TOTAL_FAILED=$((TOTAL_FAILED + failed))
  if (( status == 0 )); then
    recap "$name" ok "$passed" "$failed" "$ignored" $((SECONDS - t)) "$runs test binaries"
  else
    recap "$name" FAILED "$passed" "$failed" "$ignored" $((SECONDS - t)) "exit $status, see ${log#"$ATLAS_ROOT"/}"
  fi
}

# ---------------------------------------------------------------------------------------------
if (( RUN_SETUP )); then
  t=$SECONDS
  "$ATLAS_ROOT/scripts/setup.sh"
  recap setup ok - - - $((SECONDS - t))
fi

# Clippy's lints in a log, most frequent first: "     12 clippy::needless_borrow". Each
# diagnostic's help line links the lint's documentation, which names it.
clippy_summary() {
  grep -oE 'index\.html#[a-z0-9_]+' "$1" 2>/dev/null | sed 's/^index\.html#/clippy::/' | sort | uniq -c | sort -rn
}

# Problems (errors and warnings) in a cargo log, summary lines excluded.
diagnostic_count() {
  grep -E '^(warning|error)(\[[A-Za-z0-9]+\])?: ' "$1" 2>/dev/null \
    | grep -vcE 'could not compile|aborting due to|generated [0-9]+ (warning|error)|previous error|build failed' || true
}

# ---------------------------------------------------------------------------------------------
if wants lint; then
  step "Lint: cargo fmt --check, cargo clippy -D warnings (host, and the app and island for wasm32)"
  t=$SECONDS
  LINT_PROBLEMS=()
  say "    cargo fmt --all --check"
  if cargo fmt --all --check >"$LOG_DIR/fmt.log" 2>&1; then
    ok "formatting"
  else
    files=$(grep -oE '^Diff in [^ ]+\.rs' "$LOG_DIR/fmt.log" | sort -u | wc -l || true)
    LINT_PROBLEMS+=("cargo fmt: $files file(s) not formatted; run \`cargo fmt --all\` (diff: ${LOG_DIR#"$ATLAS_ROOT"/}/fmt.log)")
    grep -oE '^Diff in [^ ]+\.rs' "$LOG_DIR/fmt.log" | sort -u | sed "s|^Diff in $ATLAS_ROOT/|      |; s|^Diff in |      |" | head -n 20 || true
  fi
  for target in host wasm; do
    if [ "$target" = host ]; then
      cmd=(cargo clippy --workspace --all-targets -- -D warnings)
    else
      cmd=(cargo clippy --target wasm32-unknown-unknown -p health-regions-atlas -p atlas-island -- -D warnings)
    fi
    say "    ${cmd[*]}"
    log="$LOG_DIR/clippy-$target.log"
    if "${cmd[@]}" >"$log" 2>&1; then
      ok "clippy ($target)"
    else
      count=$(diagnostic_count "$log")
      LINT_PROBLEMS+=("clippy ($target): $count problem(s) (full output: ${log#"$ATLAS_ROOT"/})")
      # Which lints, most frequent first, then the first locations, so the fix is obvious.
      { clippy_summary "$log" | head -n 15 | sed 's/^/      /'; } || true
      { grep -E '^ *--> ' "$log" | sed -E 's/^ *--> /      at /' | head -n 10; } || true
    fi
  done
  if (( ${#LINT_PROBLEMS[@]} == 0 )); then
    recap lint ok - 0 - $((SECONDS - t)) "fmt, clippy host + wasm32"
  else
    say ""
    printf '%s    lint failed:%s\n' "$C_RED" "$C_OFF" >&2
    printf '      %s\n' "${LINT_PROBLEMS[@]}" >&2
    recap lint FAILED - "${#LINT_PROBLEMS[@]}" - $((SECONDS - t)) "$(IFS=';'; echo "${LINT_PROBLEMS[*]%% (*}")"
  fi
fi

# ---------------------------------------------------------------------------------------------
if wants host; then
  step "Host tests: cargo test --workspace"
  run_cargo_tests "host tests" "$LOG_DIR/host.log" cargo test --workspace --no-fail-fast
fi

# ---------------------------------------------------------------------------------------------
if wants wasm; then
  # The runner starts chromedriver (found on PATH, or CHROMEDRIVER) and headless Chromium. Only
  # #[wasm_bindgen_test] functions run here; plain #[test]s are host-only.
  step "Browser tests: cargo test --target wasm32-unknown-unknown (about 2.5 min cold, 10 s warm)"
  export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
  export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
  run_cargo_tests "wasm tests" "$LOG_DIR/wasm.log" \
    env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown -p health-regions-atlas --no-fail-fast
fi

# ---------------------------------------------------------------------------------------------
BUILD_OK=1
if wants build; then
  step "Release build: trunk build --release (2–5 min from clean)"
  t=$SECONDS
  if trunk build --release 2>&1 | tee "$LOG_DIR/build.log"; then
    # Sizes as served: raw, and brotli at the level static hosts use for pre-compressed files.
    note=""
    say ""
    printf '    %-44s %10s %10s\n' "file" "raw" "brotli"
    for f in dist/*.wasm dist/*.js dist/*.css dist/data/atlas.json; do
      [ -f "$f" ] || continue
      raw=$(stat -c %s "$f")
      br=$(brotli -c -q 11 "$f" | wc -c)
      printf '    %-44s %10s %10s\n' "${f#dist/}" "$raw" "$br"
      case "$f" in *.wasm) note="wasm $((raw / 1024)) KB raw, $((br / 1024)) KB brotli" ;; esac
    done
    recap "release build" ok - - - $((SECONDS - t)) "$note"
  else
    BUILD_OK=0
    recap "release build" FAILED - - - $((SECONDS - t)) "see ${LOG_DIR#"$ATLAS_ROOT"/}/build.log"
  fi
fi

# ---------------------------------------------------------------------------------------------
if wants e2e; then
  step "End-to-end tests: Playwright + Chromium against dist/ under /atlas/sub/"
  t=$SECONDS
  base="${E2E_RESULTS:-tests/e2e/results}"
  rm -rf "$base/main" "$base/timing"
  if (( ! BUILD_OK )); then
    recap e2e FAILED - - - 0 "not run: the release build failed"
  elif [ ! -f dist/index.html ]; then
    recap e2e FAILED - - - 0 "not run: no dist/index.html (run the build stage)"
  else
    # The timing tests (playwright.config.ts) run alone, once every other test has finished.
    status=0 passed=0 failed=0 skipped=0
    : >"$LOG_DIR/e2e.log"
    for project in main timing; do
      E2E_RESULTS="$base/$project" playwright test --project="$project" --pass-with-no-tests "${PW_ARGS[@]}" 2>&1 \
        | tee -a "$LOG_DIR/e2e.log" || status=$?
      counts=$(node -e '
        const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).stats;
        console.log(s.expected, s.unexpected + s.flaky, s.skipped);
      ' "$base/$project/results.json" 2>/dev/null || echo "0 0 0")
      read -r p f s <<<"$counts"
      passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    done
    TOTAL_PASSED=$((TOTAL_PASSED + passed)); TOTAL_FAILED=$((TOTAL_FAILED + failed))
    if (( status == 0 )); then
      recap e2e ok "$passed" "$failed" "$skipped" $((SECONDS - t))
    else
      recap e2e FAILED "$passed" "$failed" "$skipped" $((SECONDS - t)) "see $base/{main,timing}/"
    fi
  fi
fi

# ---------------------------------------------------------------------------------------------
step "Recap ($(fmt_duration $((SECONDS - TOTAL_START))))"
printf '    %-14s %-7s %7s %7s %8s %8s\n' stage result passed failed skipped time
printf '    %s\n' "${RECAP[@]}"
echo
echo "Total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
if (( ${#FAILED_STAGES[@]} )); then
  printf '%sFAILED:%s %s\n' "$C_RED" "$C_OFF" "${FAILED_STAGES[*]}"
  exit 1
fi
