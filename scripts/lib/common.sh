# Shared set-up for the README's two commands (serve and test): checks Node, installs npm
# dependencies when they are missing or stale, and finds or installs Chromium.
set -euo pipefail

say() { printf '\033[1m[jianbao]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[jianbao] %s\033[0m\n' "$*" >&2; exit 1; }

export NEXT_TELEMETRY_DISABLED=1

require_node() {
  command -v node >/dev/null || die "Node.js is not installed. Install Node.js 20.19+ (or 22+) and npm, then run this again."
  local major minor
  major=$(node -p 'process.versions.node.split(".")[0]')
  minor=$(node -p 'process.versions.node.split(".")[1]')
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    die "Node.js $(node --version) is too old: Jianbao needs 20.19+ (or 22+)."
  fi
}

install_deps() {
  # npm ci when node_modules is missing or older than the lock file; otherwise nothing to do.
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm dependencies (better-sqlite3 compiles from source: about a minute)…"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Prints the path of a usable Chromium, or nothing.
find_chromium() {
  local c
  for c in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return; fi
  done
  node -e 'const p=require("playwright-core").chromium.executablePath(); if (require("fs").existsSync(p)) console.log(p)' 2>/dev/null || true
}

# ensure_chromium [optional]: with "optional", a missing Chromium is a warning (the site runs,
# only PDFs are unavailable) instead of a stop.
ensure_chromium() {
  local found
  found=$(find_chromium)
  if [ -z "$found" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "Chromium not found: installing Debian's chromium with apt-get…"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
        || say "apt-get could not install chromium"
    else
      say "Chromium not found: trying Playwright's own download…"
      npx playwright install chromium || say "Playwright could not download Chromium"
    fi
    found=$(find_chromium)
  fi
  if [ -z "$found" ]; then
    local hint="Install it (Debian/Ubuntu: sudo apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH=/path/to/chromium"
    if [ "${1:-}" = optional ]; then
      say "WARNING: no Chromium available, so PDFs cannot be made (the rest of the site works). $hint, then restart."
      return 0
    fi
    die "No Chromium available. $hint, then run this again."
  fi
  export CHROMIUM_PATH="$found"
  say "using Chromium at $CHROMIUM_PATH"
}

# ensure_caddy: the e2e run through HTTPS (playwright.https.config.ts) puts Debian's caddy in
# front of the server. Installed with apt-get when missing and running as root (a clean CI
# machine); otherwise a stop with the command to run.
ensure_caddy() {
  if ! command -v caddy >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "caddy not found: installing Debian's caddy with apt-get…"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends caddy >/dev/null \
        || say "apt-get could not install caddy"
      # The package starts its own service on ports 80/443; the tests run their own caddy.
      if command -v systemctl >/dev/null && systemctl is-active --quiet caddy 2>/dev/null; then systemctl stop caddy || true; fi
    fi
    command -v caddy >/dev/null || die "caddy is not installed (Debian/Ubuntu: sudo apt-get install caddy); the HTTPS e2e tests need it."
  fi
  say "using $(caddy version 2>/dev/null | head -1 | cut -d' ' -f1) caddy at $(command -v caddy)"
}

# ensure_libreoffice: the Word export is checked in a real office suite (test/docx-libreoffice.test.ts
# converts the .docx files with headless LibreOffice). Debian's libreoffice-writer-nogui is
# installed with apt-get when missing and running as root (a clean CI machine); otherwise a stop
# with the command to run.
ensure_libreoffice() {
  if ! command -v soffice >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "LibreOffice not found: installing Debian's libreoffice-writer-nogui with apt-get (a few minutes)…"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null \
        || say "apt-get could not install libreoffice-writer-nogui"
    fi
    command -v soffice >/dev/null || die "LibreOffice is not installed (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui); the Word export's tests need it."
  fi
  say "using LibreOffice at $(command -v soffice)"
}
