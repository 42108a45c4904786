#!/usr/bin/env bash
# Runs benchmark suites of this tree and of an earlier commit side by side, interleaved, so that
# both see the same machine load: base, this, base, this, ... Each run's full output is kept.
#
# Usage: bash bench/side-by-side.sh <git-ref> <rounds> <suite> [suite ...]
#   e.g. BENCH_ROUTERS=ours BENCH_CLIENTS=ours,ours-msgpack bash bench/side-by-side.sh HEAD~5 3 router client
# Output: tmp/side-by-side/<suite>.<base|this>.<round>.txt, then `grep`-able tables.
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:?git ref}; rounds=${2:?rounds}; shift 2
[ $# -gt 0 ] || { echo "name at least one suite" >&2; exit 2; }
out=tmp/side-by-side; base=tmp/side-by-side-base
mkdir -p "$out"
if [ ! -d "$base" ]; then git worktree add -q --detach "$base" "$ref"; fi
git -C "$base" checkout -q --detach "$ref"
# The base gets its own node_modules: links to this tree's packages, except the workspace packages
# (wamp-contracts, @wamp-contracts/codegen), which must be the base's own runtime and generator, or
# the base's generated code would run on this tree's runtime.
if [ -L "$base/node_modules" ]; then rm "$base/node_modules"; fi
if [ ! -e "$base/node_modules" ]; then
  mkdir -p "$base/node_modules"
  for entry in "$PWD"/node_modules/* "$PWD"/node_modules/.bin; do
    name=$(basename "$entry")
    case "$name" in wamp-contracts | @wamp-contracts) continue ;; esac
    ln -s "$entry" "$base/node_modules/$name"
  done
fi
rm -f "$base/node_modules/wamp-contracts"; rm -rf "$base/node_modules/@wamp-contracts"
if [ -f "$base/runtime/package.json" ]; then
  ln -s ../runtime "$base/node_modules/wamp-contracts"
  mkdir -p "$base/node_modules/@wamp-contracts"
  ln -s ../../codegen "$base/node_modules/@wamp-contracts/codegen"
fi
echo "base: $(git -C "$base" log -1 --format='%h %s')"
echo "this: $(git log -1 --format='%h %s')$(git diff --quiet || echo ' (+ uncommitted changes)')"
for suite in "$@"; do
  for round in $(seq 1 "$rounds"); do
    for side in base this; do
      dir=$([ "$side" = base ] && echo "$base" || echo .)
      echo "== $suite round $round: $side"
      # Both names of the repository's export condition: `source` before the package split, then
      # `wamp-contracts-source`.
      (cd "$dir" && node --conditions=wamp-contracts-source --conditions=source --import tsx bench/run.ts "$suite") \
        > "$out/$suite.$side.$round.txt" 2>&1
    done
  done
done
echo "outputs in $out/"
