#!/usr/bin/env bash
# Builds the .deb from build/, installs it with apt (which pulls its dependencies), and runs the installed CLI and the
# GUI's offscreen self-check from the installed files; then removes the package again.
set -euo pipefail
cd "$(dirname "$0")/../build"
rm -f lora-workbench_*.deb
cpack -G DEB >/dev/null
deb=$(ls lora-workbench_*.deb)
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "./$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -q lora-workbench >/dev/null' EXIT
cd /
/usr/bin/lorawb --version
QT_QPA_PLATFORM=offscreen /usr/bin/lora-workbench --self-check
# The Korean catalogue is embedded in the installed binary, and the package pulled in a font that has Hangul.
QT_QPA_PLATFORM=offscreen /usr/bin/lora-workbench --self-check --language ko | tee /tmp/lorawb-ko-check.txt
grep -q "tabs: 모델 및 LoRA | 데이터" /tmp/lorawb-ko-check.txt || { echo "the Korean catalogue did not load"; exit 1; }
fc-list :lang=ko family | grep -q . || { echo "no Hangul font installed with the package"; exit 1; }
demo=/usr/share/lora-workbench/demo/model
if [ -d "$demo" ]; then
  # Loads the installed tokenizer bridge module and the demo model from the installed files.
  /usr/bin/lorawb generate --model "$demo" --prompt "The" --max-new-tokens 8 --seed 1
  echo
fi
# The run history (SQLite, in the Qt-free CLI) from the installed binary, on a throwaway database.
history=$(mktemp -d)
/usr/bin/lorawb runs list --db "$history/runs.sqlite" --json
rm -rf "$history"
echo "package check passed: installed lorawb, the GUI self-check, the demo model and the run history all ran"
