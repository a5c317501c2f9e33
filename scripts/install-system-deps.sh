#!/usr/bin/env bash
# Installs the Debian packages Byline's test suite uses: Chromium for the browser tests and the
# PostgreSQL server binaries for the throwaway test cluster. Needs root (or sudo).
set -euo pipefail
packages=(chromium postgresql)
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Run as root or install: ${packages[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q "${packages[@]}"
