#!/usr/bin/env bash
# The browser tests' needs, from Debian's packages (never a browser download): chromium, a font
# with Arabic letters, and npm (which fetches the basemap package). Installs only what is missing;
# needs root for apt-get.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=ar 2>/dev/null | grep -q . || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "chromium.sh: installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
/usr/bin/chromium --version >&2
