#!/usr/bin/env bash
# Install the Debian packages opspoor's Python wheels build against, if missing.
set -euo pipefail
need=()
pkg-config --exists icu-uc 2>/dev/null || need+=(libicu-dev pkg-config)
command -v gcc >/dev/null || need+=(build-essential)
python3 -c 'import sysconfig,os,sys; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"],"Python.h")) else 1)' || need+=(python3-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
