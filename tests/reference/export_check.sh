#!/usr/bin/env bash
# Every `lorawb export` kind checked by the programs users load them in (tests/reference/check_export.py):
# transformers and PEFT for merged folders, llama.cpp's converters and llama.cpp itself for GGUF and GGUF-LoRA.
#
#   bash tests/reference/export_check.sh BUILD_DIR/app/lorawb [--json-out FILE]
#
# Needs the reference venv (tests/reference/setup-venv.sh; LORAWB_REFERENCE_VENV, default build/reference-venv).
# Exit 0 agree, 1 a difference, 77 no venv (CTest reports it as skipped). About 5 minutes on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lorawb="${1:?usage: export_check.sh PATH/TO/lorawb [--json-out FILE]}"
shift
python="${LORAWB_REFERENCE_VENV:-$root/build/reference-venv}/bin/python"
if [[ ! -x "$python" ]]; then
    echo "export_check: no reference venv at $python; make it with bash tests/reference/setup-venv.sh" >&2
    exit 77
fi
# A venv made for other fixtures only (tokenizers, transformers) lacks the export checkers: skipped, not failed.
if ! "$python" -c 'import gguf, llama_cpp' 2>/dev/null; then
    echo "export_check: the venv at ${python%/bin/python} lacks gguf or llama-cpp-python; run bash tests/reference/setup-venv.sh" >&2
    exit 77
fi
exec "$python" -W ignore "$here/check_export.py" --lorawb "$lorawb" "$@"
