#!/usr/bin/env python3
"""Checks `lorawb embed` against HF transformers (+ PEFT for an adapter).

It loads the base model with transformers' AutoModel (the backbone: final hidden states after the last norm), applies
the adapter with PeftModel.from_pretrained when one is given, runs each text of `lorawb embed --output FILE.jsonl` —
the very token ids lorawb read — pools the hidden states as --pooling says (mean over the tokens, or the last one),
L2-normalises them with torch.nn.functional.normalize unless --no-normalize, and compares the vectors with lorawb's.

    lorawb embed --model M [--adapter A] --input TEXTS --output E.jsonl [--pooling P]
    python3 tests/reference/check_embeddings.py --model M [--adapter A] --embeddings E.jsonl [--pooling P]

Exit status: 0 agree; 1 a value differs by more than --atol + --rtol * |value|; 2 bad input or a package missing.
"""

import argparse
import json
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True)
    p.add_argument("--adapter")
    p.add_argument("--embeddings", required=True, help="lorawb embed --output FILE.jsonl")
    p.add_argument("--pooling", choices=["mean", "last"], default="mean")
    p.add_argument("--no-normalize", action="store_true")
    p.add_argument("--rtol", type=float, default=1e-4)
    p.add_argument("--atol", type=float, default=1e-5)
    args = p.parse_args()
    try:
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging
        transformers_logging.set_verbosity_error()  # AutoModel of a causal-LM checkpoint leaves lm_head unused
    except ImportError as e:
        print(f"check_embeddings: {e}; run inside the reference venv (tests/reference/setup-venv.sh)", file=sys.stderr)
        return 2
    model = AutoModel.from_pretrained(args.model, dtype=torch.float32)
    if args.adapter:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, args.adapter)
    model.eval()
    worst, texts = 0.0, 0
    with open(args.embeddings, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            with torch.no_grad():
                hidden = model(input_ids=torch.tensor([record["input_ids"]])).last_hidden_state[0]
            pooled = hidden.mean(0) if args.pooling == "mean" else hidden[-1]
            if not args.no_normalize:
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
            ours = torch.tensor(record["embedding"], dtype=torch.float32)
            worst = max(worst, ((pooled - ours).abs() - (args.atol + args.rtol * ours.abs())).max().item())
            texts += 1
    print(f"{texts} texts: largest difference beyond tolerance {max(worst, 0):.3g}")
    return 0 if worst <= 0 and texts > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
