#!/usr/bin/env bash
# Trunk post_build hook (see Trunk.toml): runs on the staged output before it replaces dist/.
#
# public/404.html refers to its script and to the app as "./…". That resolves correctly only for
# a missing page one level below the mount point (/atlas/nope). When the build knows its absolute
# mount path (--public-url /atlas/), write it into 404.html so every depth works.
set -euo pipefail

page="${TRUNK_STAGING_DIR:?run by trunk}/404.html"
base="${TRUNK_PUBLIC_URL:-./}"
[ -f "$page" ] || exit 0
case "$base" in
  /*|http://*|https://*) ;;
  *) exit 0 ;;   # relative build: keep "./"
esac

html=$(<"$page")
html=${html//'="./'/"=\"$base"}
printf '%s\n' "$html" >"$page"
