#!/usr/bin/env bash
# Launches the real app under Xvfb on the bundled demo, drives it through a short session (load, preview, train,
# try a prompt) and saves a screenshot of each part into docs/screenshots/. Run it after UI changes.
#   scripts/screenshots.sh [OUT] [LANGUAGE]     e.g. scripts/screenshots.sh docs/screenshots/ko ko (the Korean UI)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/app/lora-workbench ] || ./scripts/build.sh
out=${1:-docs/screenshots}
language=${2:-en}
mkdir -p "$out"
# The tour's run folder and settings go to throwaway places, not the user's.
XDG_DATA_HOME=$(mktemp -d); XDG_CONFIG_HOME=$(mktemp -d); export XDG_DATA_HOME XDG_CONFIG_HOME
xvfb-run -a -s "-screen 0 1440x960x24 -dpi 96" build/app/lora-workbench --language "$language" --tour "$out"
ls -1 "$out"
