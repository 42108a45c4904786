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
[ -e "$base/node_modules" ] || ln -s "$PWD/node_modules" "$base/node_modules"
echo "base: $(git -C "$base" log -1 --format='%h %s')"
echo "this: $(git log -1 --format='%h %s')$(git diff --quiet || echo ' (+ uncommitted changes)')"
for suite in "$@"; do
  for round in $(seq 1 "$rounds"); do
    for side in base this; do
      dir=$([ "$side" = base ] && echo "$base" || echo .)
      echo "== $suite round $round: $side"
      (cd "$dir" && node --conditions=source --import tsx bench/run.ts "$suite") > "$out/$suite.$side.$round.txt" 2>&1
    done
  done
done
echo "outputs in $out/"
