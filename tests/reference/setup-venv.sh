#!/usr/bin/env bash
# Creates the Python virtual environment that makes the HF reference fixtures (tests/reference/make_reference.py)
# and installs the pinned versions of tests/reference/requirements.txt into it.
#
#   bash tests/reference/setup-venv.sh
#   build/reference-venv/bin/python tests/reference/make_reference.py
#
# Environment:
#   LORAWB_REFERENCE_VENV   where the venv goes (default: <repo>/build/reference-venv)
#   LORAWB_REFERENCE_PYTHON the interpreter that creates it (default: python3.11, else python3)
#   PIP_CACHE_DIR etc.      pip's own variables; pip's cache is used as usual, so a second venv downloads nothing
#
# Idempotent: when the venv exists, runs the chosen Python's major.minor and has exactly the pinned versions, it
# says so and changes nothing. A venv with other versions is brought to the pins with pip; one made by another
# Python (or broken) is made anew. Exit 0 ready, 1 failed (pip's message above), 2 no usable Python.
# torch for Linux x86_64 comes as the index's default CUDA build (several GB); it runs on the CPU as well.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
requirements="$here/requirements.txt"
venv="${LORAWB_REFERENCE_VENV:-$root/build/reference-venv}"

python="${LORAWB_REFERENCE_PYTHON:-}"
if [[ -z "$python" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup-venv: no '$python' on PATH; set LORAWB_REFERENCE_PYTHON to a Python 3.10+ interpreter" >&2
    exit 2
fi
want_minor="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# Prints the requirements that the venv's Python does not satisfy exactly ("name==want (have X)"), nothing if all do.
# Reads only installed metadata: no network, no pip.
mismatches() {
    "$venv/bin/python" - "$requirements" <<'PY'
import re, sys
from importlib import metadata
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
    if not m:
        print(f"{line} (not an exact pin: requirements.txt must pin name==version)")
        continue
    name, want = m.groups()
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        have = "not installed"
    # A local build tag (torch's "+cpu"/"+cu128") still is the pinned release.
    if have.split("+", 1)[0] != want:
        print(f"{name}=={want} (have {have})")
PY
}

# llama.cpp's converter scripts (not part of any wheel) from the pinned llama-cpp-python source distribution, into
# <venv>/share/llama.cpp, where check_export.py and make_export_reference.py look for them.
install_converter() {
    local share="$venv/share/llama.cpp" pin tmp
    [[ -f "$share/convert_hf_to_gguf.py" ]] && return 0
    pin="$(grep -E '^llama-cpp-python==' "$requirements" | cut -d'#' -f1 | tr -d ' ')"
    tmp="$(mktemp -d)"
    "$venv/bin/python" -m pip download --disable-pip-version-check --no-deps --no-binary :all: -d "$tmp" "$pin" >/dev/null
    tar -xzf "$tmp"/llama_cpp_python-*.tar.gz -C "$tmp"
    mkdir -p "$share"
    local src=("$tmp"/llama_cpp_python-*/vendor/llama.cpp)
    cp -r "${src[0]}"/convert_hf_to_gguf.py "${src[0]}"/convert_lora_to_gguf.py "${src[0]}"/conversion "${src[0]}"/gguf-py "$share"/
    rm -rf "$tmp"
    echo "setup-venv: llama.cpp's converter scripts in $share"
}

# llama-cpp-python's build of llama.cpp: the library only, for this CPU family in general (the venv may move).
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF}"

if [[ -x "$venv/bin/python" ]]; then
    have_minor="$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo broken)"
    if [[ "$have_minor" != "$want_minor" ]]; then
        echo "setup-venv: $venv has Python $have_minor, not $want_minor: making it anew"
        rm -rf "$venv"
    else
        missing="$(mismatches)"
        if [[ -z "$missing" ]]; then
            echo "setup-venv: $venv is up to date (Python $want_minor, every pin of requirements.txt installed)"
            install_converter
            exit 0
        fi
        echo "setup-venv: $venv lacks:"
        sed 's/^/  /' <<<"$missing"
    fi
elif [[ -e "$venv" ]]; then
    echo "setup-venv: $venv exists but has no bin/python: making it anew"
    rm -rf "$venv"
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "setup-venv: creating $venv with $("$python" --version 2>&1)"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv"
fi

echo "setup-venv: installing the pins of $requirements"
# --disable-pip-version-check: the venv's own pip does the job; nothing here upgrades it.
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r "$requirements"; then
    echo "setup-venv: pip install failed (see above); the venv at $venv is left for a rerun" >&2
    exit 1
fi

missing="$(mismatches)"
if [[ -n "$missing" ]]; then
    echo "setup-venv: after pip install, still not as pinned:" >&2
    sed 's/^/  /' <<<"$missing" >&2
    exit 1
fi
install_converter
echo "setup-venv: ready: $venv/bin/python ($("$venv/bin/python" --version 2>&1)); run"
echo "  $venv/bin/python $here/make_reference.py"
