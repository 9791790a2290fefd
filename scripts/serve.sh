#!/usr/bin/env bash
# The README's first command: set up and serve the site with the sample content on the
# embedded SQLite (migrations applied, content checked and synced, production build).
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
require_node
install_deps
# PDFs are printed by Chromium: set it up the same way as the tests do.
ensure_chromium optional
say "checking content/…"
npm run --silent content:check || say "some content files have problems: they are skipped, the rest is served"
say "indexing content/ into SQLite…"
npm run --silent content:sync
say "building…"
npx next build >/dev/null 2>&1 || npx next build
say "serving on http://localhost:${PORT:-3000}"
export SYNC_ON_START=${SYNC_ON_START:-1}
exec node server.mjs
