#!/bin/sh
# Installs the Debian 12 packages attnplay needs to build, test and run.
# Idempotent: when everything is present it only asks dpkg and returns.
set -eu

packages="build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-declarative-dev qt6-qpa-plugins
  libeigen3-dev libfreetype-dev libharfbuzz-dev
  libavcodec-dev libavformat-dev libavutil-dev libswscale-dev libx264-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  python3-dev pybind11-dev python3-numpy"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "attnplay: missing packages:$missing" >&2
  echo "hint: run this script as root (or with sudo) to install them" >&2
  exit 1
fi

echo "attnplay: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq $missing
