#!/usr/bin/env bash
# Image pipeline benchmark (docs/images.md): N articles, each led by its own
# 12-megapixel phone-like JPEG (4000×3000, EXIF orientation 6, GPS, XMP);
# one cold build (empty cache) and one warm rebuild, release binary.
#   tools/bench-images.sh [N=4]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-4}
cargo build -q --release
cargo build -q --release --example make_photo
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
printf 'title: "Bench"\nbase_url: "https://example.gov.vn/"\n' > "$site/config.yaml"
for i in $(seq 1 "$n"); do
  d="$site/content/tin-tuc/bai-$i"
  mkdir -p "$d"
  # A different quality per photo, so that each has its own content hash.
  target/release/examples/make_photo "$d/anh.jpg" 4000 3000 6 $((80 + i)) >/dev/null
  printf -- '---\ntitle: "Bài %s"\ndate: 2024-01-%02d\nimage: anh.jpg\nimage_alt: "Ảnh %s"\n---\n![Ảnh](anh.jpg "Chú thích")\n' "$i" "$i" "$i" > "$d/index.md"
done
echo "$n photos of $(du -k "$site/content/tin-tuc/bai-1/anh.jpg" | cut -f1) KB, 4000×3000; $(nproc) cores"
for run in cold warm; do
  /usr/bin/time -f "  $run: wall %e s, cpu %U+%S s, peak %M KB" \
    target/release/bantin --root "$site" --lang en build --timings 2>&1 | grep -E "images|wall|Built"
done
