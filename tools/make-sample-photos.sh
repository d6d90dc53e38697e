#!/usr/bin/env bash
# Regenerate the sample site's photos: photo-like JPEGs that carry what phone
# photos carry (EXIF orientation, GPS position, XMP), so that the sample shows
# the image pipeline stripping them. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
mk() { cargo run -q --example make_photo -- "$@"; }
mk content/tin-tuc/dich-vu-cong-truc-tuyen-toan-trinh-2024.jpg 1600 1067 1 72
# Stored sideways with EXIF orientation 6, as phones do: published upright.
mk content/tin-tuc/ky-thi-tot-nghiep-thpt-nam-2024.jpg 1800 1200 6 72
