#!/usr/bin/env bash
# Cuts the web app's wasm into the first module and the pages loaded later (src/lazy_pages.rs).
# Run by scripts/trunk-post-build.sh on Trunk's staged output, before the baker.
#
# Trunk builds the app as one module (cargo → wasm-bindgen → wasm-opt) and names its files by
# hash. This redoes the last two steps from cargo's own output, linked with its relocations
# (build.rs), after `wasm-split-cli` has cut it at every `#[wasm_split]` function:
#   1. wasm-split-cli: the first module, one .wasm per split page and per chunk shared between
#      pages, and the loader they go through (__wasm_split.js).
#   2. wasm-bindgen on the first module, keeping the exports the chunks import from it.
#   3. wasm-opt on every module (release builds), with the flags of the island's link in
#      index.html; Trunk's own pass is off for the app.
#   4. The loader and the chunks take the first module's hashed name as prefix, so a release
#      never meets another release's chunks in a cache; Trunk's two files are replaced in place,
#      so index.html and boot.js keep their references.
set -euo pipefail
stage="${TRUNK_STAGING_DIR:?run by trunk}"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
profile="${TRUNK_PROFILE:-release}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
case "$target_dir" in /*) ;; *) target_dir="$root/$target_dir" ;; esac
raw="$target_dir/wasm32-unknown-unknown/$profile/health-regions-atlas.wasm"

glue=$(cd "$stage" && ls health-regions-atlas-*.js 2>/dev/null | grep -v -- '-split' | head -n 1 || true)
[ -n "$glue" ] || { echo "split-wasm: no app glue in $stage" >&2; exit 1; }
stem=${glue%.js}
[ -f "$raw" ] || { echo "split-wasm: cargo's output $raw not found" >&2; exit 1; }
command -v wasm-split-cli >/dev/null || { echo "split-wasm: wasm-split-cli not found: run scripts/setup.sh" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/split" "$work/bindgen"
wasm-split-cli "$raw" "$work/split" --target web --out-name "$stem"
wasm-bindgen --target web --keep-lld-exports --no-typescript \
  --out-dir "$work/bindgen" --out-name "$stem" "$work/split/$stem.wasm"

if [ "$profile" = release ]; then
  wasm_opt="$root/node_modules/.bin/wasm-opt"
  flags=(-Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
         --enable-mutable-globals --enable-reference-types --enable-multivalue)
  for module in "$work/bindgen/${stem}_bg.wasm" "$work"/split/*.wasm; do
    [ "$module" = "$work/split/$stem.wasm" ] && continue
    "$wasm_opt" "${flags[@]}" "$module" -o "$module"
  done
fi

loader="$stem-split.js"
# Only the module specifier: the import object's key is the module name inside the wasm.
sed -i -E "s#(from +)[\"']\./__wasm_split\.js[\"']#\1\"./$loader\"#" "$work/bindgen/$stem.js"
grep -q "$loader" "$work/bindgen/$stem.js" || { echo "split-wasm: the glue does not import the loader" >&2; exit 1; }
for module in "$work"/split/*.wasm; do
  name=$(basename "$module")
  [ "$name" = "$stem.wasm" ] && continue
  sed -i "s#\"\./$name\"#\"./$stem-$name\"#g" "$work/split/__wasm_split.js"
  cp "$module" "$stage/$stem-$name"
done
cp "$work/split/__wasm_split.js" "$stage/$loader"

cp "$work/bindgen/$stem.js" "$stage/$glue"
cp "$work/bindgen/${stem}_bg.wasm" "$stage/${stem}_bg.wasm"
