#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): runs on the staged output before it replaces dist/.
set -euo pipefail
stage="${TRUNK_STAGING_DIR:?run by trunk}"

# 1. public/404.html refers to its script and to the app as "./…". That resolves correctly only
#    for a missing page one level below the mount point (/atlas/nope). When the build knows its
#    absolute mount path (--public-url /atlas/), write it into 404.html so every depth works.
page="$stage/404.html"
base="${TRUNK_PUBLIC_URL:-./}"
if [ -f "$page" ]; then
  case "$base" in
    /*|http://*|https://*)
      html=$(<"$page")
      html=${html//'="./'/"=\"$base"}
      printf '%s\n' "$html" >"$page"
      ;;
    *) ;;   # relative build: keep "./"
  esac
fi

# 2. Service worker: list every app file of this build and stamp the release with a hash of
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
