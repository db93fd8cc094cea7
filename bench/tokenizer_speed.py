#!/usr/bin/env python3
"""tokenizer.json encoding speed: LoRA Workbench's tokenizer against HF `tokenizers` on the same files, one thread.

    build/reference-venv/bin/python bench/tokenizer_speed.py build/bench/lorawb_tokenizer_bench [--lines N]

For each tokenizer family of tests/data/reference/tokenizers (written by HF tokenizers itself) it encodes the same
corpus (the KJV text the demo model was pretrained on, plus Alpaca-like generated lines and the multilingual test
cases) with add_special_tokens=False:
  - HF, one Tokenizer.encode call per line (what a Python data pipeline does);
  - HF, one encode_batch call with RAYON_NUM_THREADS=1 (no per-call Python overhead: HF's Rust speed on one thread);
  - ours, lorawb_tokenizer_bench (one thread, best of 3 after a warm-up).
It checks that both produced exactly the same ids (a checksum over every id in order) before it prints a ratio.
Needs only the pinned `tokenizers` (tests/reference/requirements.txt).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

os.environ["RAYON_NUM_THREADS"] = "1"  # before tokenizers is imported: its batch encoder reads it once

from tokenizers import Tokenizer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "data", "reference", "tokenizers")
WORDS = ("the of and to a in is that for it as with was on be by this are or from an which can have more their "
         "data model write story explain describe list three ways improve health energy water climate change "
         "computer science language learning people world important example following sentence paragraph summary "
         "Python code program array string sort search efficient 2 10 25 100 1999 2021 3.14 e.g. ( ) : ; - café "
         "naïve Zürich — € über résumé").split()


def corpus(lines_wanted):
    rng = random.Random(1234)
    out = [l for l in open(os.path.join(ROOT, "resources", "demo", "retain.txt"), encoding="utf-8").read().split("\n")
           if l.strip()]
    for name in sorted(os.listdir(FIXTURES)):
        cases = os.path.join(FIXTURES, name, "cases.jsonl")
        if os.path.isfile(cases):
            for line in open(cases, encoding="utf-8"):
                text = json.loads(line)["text"]
                out.extend(t for t in text.split("\n") if t)
            break
    while len(out) < lines_wanted:
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 72))) + ".")
    return out[:lines_wanted]


def checksum(ids_lists):
    value = 0
    for ids in ids_lists:
        for i in ids:
            value = (value * 1000003 + i) % (1 << 64)
    return str(value)


def best_of(n, fn):
    best, result = float("inf"), None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bench", help="path of the built lorawb_tokenizer_bench")
    p.add_argument("--lines", type=int, default=20000)
    args = p.parse_args()
    import tokenizers
    lines = corpus(args.lines)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "corpus.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        print(f"tokenizers {tokenizers.__version__}; corpus: {len(lines)} lines, "
              f"{os.path.getsize(path) / 1e6:.1f} MB; one thread; best of 3")
        print(f"{'family':<12} {'tokens':>9} {'HF encode':>10} {'HF batch':>10} {'ours':>8} "
              f"{'HF encode/ours':>15} {'HF batch/ours':>14}")
        failed = False
        for name in sorted(os.listdir(FIXTURES)):
            folder = os.path.join(FIXTURES, name)
            if not os.path.isfile(os.path.join(folder, "tokenizer.json")):
                continue
            tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
            tok.encode_batch(lines[:100], add_special_tokens=False)
            t_single, encs = best_of(3, lambda: [tok.encode(l, add_special_tokens=False).ids for l in lines])
            t_batch, _ = best_of(3, lambda: tok.encode_batch(lines, add_special_tokens=False))
            ours = json.loads(subprocess.run([args.bench, folder, path, "--repeat", "3"], check=True,
                                             capture_output=True, text=True).stdout)
            same = ours["checksum"] == checksum(encs)
            failed |= not same
            print(f"{name:<12} {ours['tokens']:>9} {t_single:>9.3f}s {t_batch:>9.3f}s {ours['seconds']:>7.3f}s "
                  f"{t_single / ours['seconds']:>14.2f}x {t_batch / ours['seconds']:>13.2f}x"
                  + ("" if same else "   IDS DIFFER: ratio meaningless"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
