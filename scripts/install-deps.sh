#!/usr/bin/env bash
# Installs the Debian 12 packages LoRA Workbench builds and runs with (skips apt entirely when all are present).
# Extra package names given as arguments join the list (scripts/fuzz.sh adds clang and libFuzzer this way).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqcustomplot-dev
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n   # Qt Linguist (lupdate / lrelease) and Qt's own Korean texts
  fonts-nanum                                # Hangul glyphs: Korean UI, datasets and plots render without boxes
  libtorch-dev libopenblas0-pthread          # OpenBLAS: Debian's libtorch is ~6x faster with it than with reference BLAS
  libsentencepiece-dev sentencepiece libyaml-cpp-dev nlohmann-json3-dev
  libsqlite3-dev libssl-dev                  # run history (SQLite) and its provenance hashes (SHA-256)
  libpcre2-dev libicu-dev                    # tokenizer.json: pre-tokenizer regexes (PCRE2) and Unicode normalization (ICU)
  xvfb xauth                                 # GUI tests and screenshots
  "$@"
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
