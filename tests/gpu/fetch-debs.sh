#!/usr/bin/env bash
# Downloads (on the Debian development machine) the Debian packages the Qt-free core needs besides libtorch, to take
# along to the GPU machine, where tests/gpu/check.sh unpacks them: yaml-cpp, sentencepiece, nlohmann-json (as
# ../shared/gpu/fetch-debs.sh), plus SQLite and OpenSSL's libcrypto for the run history.
# Usage, from the repository root:  tests/gpu/fetch-debs.sh [DIR]   (default DIR: .gpu-deps, git-ignored)
set -euo pipefail
dir=${1:-.gpu-deps}
mkdir -p "$dir"
cd "$dir"
pkgs="libyaml-cpp0.7 libyaml-cpp-dev libsentencepiece0 libsentencepiece-dev nlohmann-json3-dev
      libsqlite3-0 libsqlite3-dev libssl3 libssl-dev"
if ! apt-get download $pkgs >/dev/null 2>&1; then
  apt-get update >/dev/null 2>&1
  apt-get download $pkgs
fi
ls -1 "$PWD"/*.deb
