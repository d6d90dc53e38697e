#!/usr/bin/env bash
# browser-deps.sh — make sure headless Chromium and the npm packages the
# browser tests use (playwright-core, axe-core) are installed, then print the
# node_modules folder to put in NODE_PATH. The npm packages go into a cache
# folder, not the repository. Used by tools/validate-site.sh and tests/it.
set -eu
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/bantin-validate
mkdir -p "$CACHE"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } >&2
if [ ! -d "$CACHE/node_modules/axe-core" ] || [ ! -d "$CACHE/node_modules/playwright-core" ]; then
  (cd "$CACHE" && { npm init -y >/dev/null 2>&1; npm install --silent axe-core@4 playwright-core@1 >/dev/null 2>&1; }) \
    || { echo "browser-deps: npm install failed" >&2; exit 2; }
fi
echo "$CACHE/node_modules"
