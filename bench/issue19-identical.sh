#!/bin/bash
# Issue 19 point 7: build the 10,000-article benchmark corpus with the last
# commit before the architecture work (ae93899) and with COMMIT (default
# HEAD), and diff the two output trees byte for byte.
#
#     bash bench/issue19-identical.sh [COMMIT]     # work folder: $WORK or /tmp/bantin-issue19
#
# Both are built the same way (release, thin LTO to save time on small
# machines). Prints "identical: N files" or the differences.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${WORK:-/tmp/bantin-issue19}
mkdir -p "$B"
export CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
for pair in "before ae93899" "after ${1:-HEAD}"; do
  set -- $pair
  rm -rf "$B/src-$1"
  git worktree add -f --detach "$B/src-$1" "$2" >/dev/null
  (cd "$B/src-$1" && cargo build --release --target-dir "$B/target-$1" >"$B/build-$1.log" 2>&1)
done
python3 bench/gen_corpus.py --n 10000 --out "$B/corpus" --target bantin
for w in before after; do
  rm -rf "$B/out-$w"
  (cd "$B/corpus" && "$B/target-$w/release/bantin" build --future --output "$B/out-$w" >"$B/out-$w.log" 2>&1)
done
if diff -r "$B/out-before" "$B/out-after" >"$B/diff.txt"; then
  echo "identical: $(find "$B/out-after" -type f | wc -l) files"
else
  echo "different:"; head -50 "$B/diff.txt"; exit 1
fi
for w in before after; do git worktree remove --force "$B/src-$w"; done
