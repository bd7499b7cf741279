#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): runs on the staged output before it replaces dist/.
set -euo pipefail
stage="${TRUNK_STAGING_DIR:?run by trunk}"

# 0. The app's wasm in a first module and the pages loaded later (scripts/split-wasm.sh).
if [ -f "$stage/index.html" ]; then
  bash "$(dirname "${BASH_SOURCE[0]}")/split-wasm.sh"
fi

# 1. Deep links. public/404.html is what hosts without rewrites (GitHub Pages, buckets) answer
#    for an unknown path; it is served at the deep path and loads "./redirect.js" and
#    "../redirect.js" (see public/redirect.js).
#    - Relative build (the default): put a copy of redirect.js, stamped with its depth below the
#      app's base, in every folder a route passes through, so that from any route one of the two
#      names is a real file that knows where the base is.
#    - Absolute build (--public-url /atlas/): the base is known. 404.html loads one script from
#      it, and every relative URL of 404.html and index.html is made absolute: Trunk rewrites
#      only its own assets, and a host that rewrites deep links to index.html would otherwise
#      have the browser resolve `manifest.webmanifest` or `icons/…` against the deep path.
# The app's routes (src/app.rs); tests/e2e/static-host.spec.ts checks this list against the
# router and the copies against the build.
ROUTES=(/ /region/:id /compare /funding /sources /check /embed/map /embed/chart/:id /embed/region/:id /embed/compare)
base="${TRUNK_PUBLIC_URL:-./}"

# absolutise FILE BASE: href="x" / src="./x" → href="BASE x" (no scheme, not "/…" or "#…").
absolutise() {
  local file=$1 escaped
  escaped=$(printf '%s' "$2" | sed 's/[&#\\]/\\&/g')
  sed -E -i \
    -e "s#(\s(href|src)=\")\./#\1${escaped}#g" \
    -e "s#(\s(href|src)=\")([^/\\#\":]+(/[^\"]*)?\")#\1${escaped}\3#g" \
    "$file"
}

case "$base" in
  /*|http://*|https://*)
    if [ -f "$stage/404.html" ]; then
      sed -i '/<script src="\.\.\/redirect\.js"><\/script>/d' "$stage/404.html"
      absolutise "$stage/404.html" "$base"
    fi
    [ -f "$stage/index.html" ] && absolutise "$stage/index.html" "$base"
    ;;
  *)
    declare -A folders=()
    for route in "${ROUTES[@]}"; do
      IFS=/ read -r -a parts <<<"${route#/}"
      folder=""
      for (( i = 0; i + 1 < ${#parts[@]}; i++ )); do
        folder+="${parts[i]}/"
        folders[$folder]=$(( i + 1 ))
      done
    done
    if [ -f "$stage/redirect.js" ]; then
      for folder in "${!folders[@]}"; do
        mkdir -p "$stage/$folder"
        sed "s/const DEPTH = 0;/const DEPTH = ${folders[$folder]};/" "$stage/redirect.js" >"$stage/${folder}redirect.js"
      done
    fi
    ;;
esac

# 2. Baked pages: every route of the bundled dataset as a static page, rendered by the app's own
#    views on the host (bake/, see ARCHITECTURE.md "Baked pages"). A host build of the views,
#    cached in target/ like the wasm; the rendering itself takes well under a second.
if [ -f "$stage/index.html" ] && [ -f "$stage/data/atlas.json" ]; then
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  TRUNK_PUBLIC_URL="$base" cargo run --quiet --offline --manifest-path "$root/Cargo.toml" -p atlas-bake -- "$stage"
fi

# 3. Service worker: list every app file of this build and stamp the release with a hash of
#    their contents, so the browser sees a new worker exactly when something changed. The
#    dataset, the partner script and the fallback pages are left out on purpose (public/sw.js).
if [ -f "$stage/sw.js" ]; then
  files=$(cd "$stage" && find . -type f \
    ! -name 'sw.js' ! -name '404.html' ! -name 'redirect.js' ! -name '_headers' ! -name 'robots.txt' \
    ! -name 'embed.js' ! -path './data/*' | sed 's|^\./||' | LC_ALL=C sort)
  version=$(cd "$stage" && printf '%s\n' $files | xargs sha256sum | sha256sum | cut -c1-16)
  list='"./"'
  for f in $files; do list="$list,\"./$f\""; done
  sed -i "s|\"__ATLAS_PRECACHE__\"|$list|; s|__ATLAS_VERSION__|$version|" "$stage/sw.js"
fi
