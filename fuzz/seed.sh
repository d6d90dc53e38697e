#!/bin/sh
# Seed the fuzz corpus (fuzz/in/, not committed) from the test fixtures:
# every Markdown file alone, every pair with its site's config.yaml, and the
# two articles of the bundle fixture together (NUL-separated, see src/render.rs).
set -eu
cd "$(dirname "$0")"
rm -rf in && mkdir in
n=0
for md in ../tests/fixtures/*/content/*/*.md ../tests/fixtures/*/content/*/*/index.md; do
    [ -f "$md" ] || continue
    n=$((n + 1))
    cp "$md" "in/$n.md"
    site=$(echo "$md" | sed 's#/content/.*##')
    { cat "$md"; printf '\0\0'; cat "$site/config.yaml"; } > "in/$n-config"
done
{ cat ../tests/fixtures/bundle/content/tin-tuc/c.md; printf '\0'; cat ../tests/fixtures/bundle/content/tin-tuc/bai-a/index.md; } > in/pair
echo "$(ls in | wc -l) seeds in fuzz/in/"
