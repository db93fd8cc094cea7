#!/usr/bin/env bash
# Installs what is missing, builds, and opens LoRA Workbench on the bundled demo model.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
exec ./build/app/lora-workbench "$@"
