#!/usr/bin/env bash
# Runs `sam build` for every stack's zip functions into a throw-away build dir. Container-image
# functions need a Docker engine, so they are left out here, and the output says so.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_root=$(mktemp -d)
trap 'rm -rf "$build_root"' EXIT

sam_build() { # stack build-dir [logical id]
  local stack=$1 out=$2 log
  log="$out.log"
  (cd "$root/$stack" && sam build --template-file template.yaml --build-dir "$out" \
    --cache-dir "$out-cache" --build-in-source --parallel "${@:3}" >"$log" 2>&1) || { cat "$log"; exit 1; }
}

for template in "$root"/*/template.yaml; do
  stack=$(basename "$(dirname "$template")")
  mapfile -t zip_functions < <(node "$root/scripts/template-functions.ts" zip "$template")
  mapfile -t image_functions < <(node "$root/scripts/template-functions.ts" image "$template")
  for fn in "${image_functions[@]}"; do
    echo "sam build: skipping image function $stack/$fn (needs a Docker engine, none on this machine)"
  done
  if [ "${#zip_functions[@]}" -eq 0 ]; then continue; fi
  if [ "${#image_functions[@]}" -eq 0 ]; then
    sam_build "$stack" "$build_root/$stack"
  else
    # sam build takes one resource id at a time; build the zip functions one by one.
    for fn in "${zip_functions[@]}"; do sam_build "$stack" "$build_root/$stack" "$fn"; done
  fi
  for fn in "${zip_functions[@]}"; do
    if [ ! -s "$build_root/$stack/$fn/index.mjs" ]; then
      echo "sam build: $stack/$fn produced no index.mjs" >&2
      exit 1
    fi
    echo "sam build: $stack/$fn ok"
  done
done
