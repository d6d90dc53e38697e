#!/usr/bin/env bash
# browser-deps.sh — make sure headless Chromium and the npm packages of the
# browser tests (tools/browser/package.json, pinned by its package-lock.json)
# are installed, then print the node_modules folder to put in NODE_PATH.
#
# Safe to run from many tests at once: one flock serializes the installers,
# and packages are installed into a fresh folder that is renamed into place
# only when `npm ci` succeeded, so no caller ever sees a half-installed
# folder. The folder is named after the hash of the lock file: a change of
# versions installs anew. Used by .ci/run (before the tests), by
# tools/validate-site.sh and by tests/it (util::run_browser_script).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SPEC="$HERE/browser"
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/bantin-validate
mkdir -p "$CACHE"
KEY=$(cat "$SPEC/package.json" "$SPEC/package-lock.json" | sha256sum | cut -c1-16)
DEST="$CACHE/npm-$KEY"

if [ ! -d "$DEST/node_modules" ]; then
  exec 9>"$CACHE/install.lock"
  flock 9
  if ! command -v chromium >/dev/null; then
    { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } >&2 \
      || { echo "browser-deps: Chromium is missing and could not be installed (apt-get install chromium)" >&2; exit 2; }
  fi
  if [ ! -d "$DEST/node_modules" ]; then
    command -v npm >/dev/null \
      || { echo "browser-deps: npm is missing (apt-get install nodejs npm)" >&2; exit 2; }
    TMP=$(mktemp -d "$CACHE/.install-XXXXXX")
    cp "$SPEC/package.json" "$SPEC/package-lock.json" "$TMP/"
    if ! (cd "$TMP" && npm ci --silent --no-audit --no-fund >"$TMP/npm.log" 2>&1); then
      echo "browser-deps: npm ci failed in $TMP:" >&2
      tail -20 "$TMP/npm.log" >&2
      exit 2
    fi
    rm -rf "$DEST"
    mv "$TMP" "$DEST"
  fi
fi
echo "$DEST/node_modules"
