#!/bin/sh
# Install Debian's Chromium for the browser test (tests/browser), if it is missing.
# Playwright drives it through executable_path=/usr/bin/chromium; `playwright install`
# (which downloads its own browsers) is never needed. Needs root on Debian/Ubuntu.
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium: already installed at /usr/bin/chromium"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser.sh: run as root (or: sudo $0) to install chromium with apt-get" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser.sh: apt-get not found; install Chromium at /usr/bin/chromium by hand" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
