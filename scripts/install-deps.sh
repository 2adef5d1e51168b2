#!/usr/bin/env bash
# Installs the Debian 12 packages samverkan needs to build, run and test, calling apt-get only
# when something is missing (idempotent, quick when all is there). Why each library was chosen:
# docs/dependencies.md.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config make git
  # libraries (ARCHITECTURE.md, "Technology")
  libboost-dev libsoci-dev libsqlite3-dev libpq-dev nlohmann-json3-dev libsodium-dev
  libspdlog-dev libtoml11-dev libcli11-dev libssl-dev
  libphonenumber-dev libre2-dev
  # the ad monitoring engine: JSON Lines parsing, language detection
  libsimdjson-dev libcld2-dev
  # outcome statistics: the GLM engine's linear algebra (QR)
  libeigen3-dev
  # printable routines and checklists (PDF): Cairo and Pango, with a font that has å, ä, ö
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql chromium wrk sqlite3 poppler-utils
  # fuzzing (libFuzzer)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The web application is built with Node.js 18.19 or later (Vite 6). Debian's nodejs is enough
# where the machine has none.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists when they are missing or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)" ]; then
  $sudo apt-get update -qq
fi
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
