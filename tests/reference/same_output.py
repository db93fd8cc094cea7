#!/usr/bin/env python3
"""Is a fixture made again the committed one? reproduce_check.sh asks this for every file the scripts write.

Usage:  python tests/reference/same_output.py MADE COMMITTED     (exit 0 the same, 1 not, with the first difference)

Floating-point results of torch differ in their last bits between CPUs (AVX2 or AVX-512 kernels, another summation
order), so numbers are compared with a tolerance, everything else exactly:
  .safetensors  the same tensor names, dtypes, shapes and header metadata; integer tensors equal; a float tensor
                within max |made - committed| <= RTOL * max(max |committed|, FLOOR): rounding grows with the size
                of the sums, not of each element (a gradient of about 0 is noise around 0)
  .json         the same structure, keys and strings; integers equal; a float within RTOL * max(|committed|, FLOOR);
                a self-check's measured "value" (under "checks") is not compared: it measures how far two
                computations agree, which is itself rounding, and the script that wrote it checked it against its
                limit ("ok", compared)
  other files   byte for byte
RTOL 1e-4 is far above float32 rounding across CPUs and far below what a change of semantics moves (a RoPE or
scaling change moves logits by 1e-2 and more).
"""
import json
import sys

import numpy as np
from safetensors import safe_open

RTOL = 1e-4
FLOOR = 1e-3


def close(a, b):
    return abs(a - b) <= RTOL * max(abs(b), FLOOR)


def same_json(a, b, where):
    if isinstance(a, bool) or isinstance(b, bool):
        return None if a is b else f"{where}: {a!r} against {b!r}"
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return None if a == b else f"{where}: {a} against {b}"
        return None if close(float(a), float(b)) else f"{where}: {a!r} against {b!r}"
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} against {type(b).__name__}"
    if isinstance(a, dict):
        if a.keys() != b.keys():
            return f"{where}: keys {sorted(a.keys() ^ b.keys())} in one only"
        for key in a:
            if key == "value" and ".checks." in where:
                continue  # a self-check's measurement; its "ok" is compared
            found = same_json(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items against {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = same_json(x, y, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {a!r} against {b!r}"


def same_safetensors(made, committed):
    with safe_open(made, "pt") as a, safe_open(committed, "pt") as b:  # "pt": numpy has no bfloat16
        if a.metadata() != b.metadata():
            return "header metadata differs"
        if sorted(a.keys()) != sorted(b.keys()):
            return f"tensors {sorted(set(a.keys()) ^ set(b.keys()))} in one only"
        for name in sorted(a.keys()):
            x, y = a.get_tensor(name), b.get_tensor(name)
            if x.dtype != y.dtype or x.shape != y.shape:
                return f"{name}: {x.dtype}{list(x.shape)} against {y.dtype}{list(y.shape)}"
            if x.is_floating_point():
                x64, y64 = x.double().numpy(), y.double().numpy()
                if x64.size == 0:
                    continue
                worst = float(np.max(np.abs(x64 - y64)))
                scale = max(float(np.max(np.abs(y64))), FLOOR)
                if not worst <= RTOL * scale:
                    return f"{name}: differs by up to {worst:.3g} (largest value {scale:.3g})"
            elif not bool((x == y).all()):
                return f"{name}: values differ"
    return None


def main():
    made, committed = sys.argv[1], sys.argv[2]
    if made.endswith(".safetensors"):
        found = same_safetensors(made, committed)
    elif made.endswith(".json"):
        with open(made, encoding="utf-8") as a, open(committed, encoding="utf-8") as b:
            found = same_json(json.load(a), json.load(b), "$")
    else:
        with open(made, "rb") as a, open(committed, "rb") as b:
            found = None if a.read() == b.read() else "bytes differ"
    if found:
        print(found)
        sys.exit(1)


if __name__ == "__main__":
    main()
