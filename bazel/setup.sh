#!/usr/bin/env bash
# Installs the Debian packages weft builds with, if any is missing. Idempotent: when
# everything is present it only says so. Nothing else is downloaded, ever.
set -euo pipefail

packages=(
  bazel-bootstrap bazel-platforms g++
  libboost-context-dev libboost-stacktrace-dev
  librapidcheck-dev libgtest-dev libgmock-dev libbenchmark-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "weft setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "weft setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
echo "weft setup: installed ${missing[*]}"
