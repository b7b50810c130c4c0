#!/usr/bin/env bash
# Installs the Debian packages dbpush builds and tests with. Idempotent: when
# everything is there it only runs dpkg-query and exits.
set -euo pipefail
# clang and libclang-rt-14-dev (libFuzzer) build the fuzz targets (scripts/fuzz.sh).
packages=(g++ cmake make pkg-config libboost1.81-dev libsqlitecpp-dev libsqlite3-dev
          libpqxx-dev doctest-dev postgresql libbenchmark-dev time valgrind
          clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "dbpush: installing ${missing[*]}"
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
