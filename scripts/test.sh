#!/usr/bin/env bash
# The README's second command: set up everything the tests need, then run them all:
# type check, lint and format (Biome), content check, unit tests (Vitest), production build, e2e tests (Playwright, Chromium).
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
require_node
install_deps
ensure_chromium
ensure_caddy
ensure_libreoffice
say "type check…"
npx tsc --noEmit
say "lint and format (Biome)…"
npx biome ci .
say "content check…"
npm run --silent content:check
say "unit tests…"
npx vitest run
say "building…"
npx next build >/tmp/jianbao-build.log 2>&1 || { cat /tmp/jianbao-build.log; die "next build failed"; }
say "e2e tests…"
npx playwright test
say "e2e tests through Caddy (HTTPS)…"
npx playwright test -c playwright.https.config.ts
