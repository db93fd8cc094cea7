#!/usr/bin/env python3
"""Checks a SEQ_CLS or TOKEN_CLS adapter written by `lorawb train` against HF transformers + PEFT.

It builds AutoModelForSequenceClassification (SEQ_CLS) or AutoModelForTokenClassification (TOKEN_CLS) from the base
model with the classes the adapter's adapter_config.json carries (num_labels, id2label, problem_type, pad_token_id:
transformers' config.json names, which LoRA Workbench adds and PEFT ignores), loads the adapter with
PeftModel.from_pretrained, checks that every tensor of adapter_model.safetensors (the LoRA factors and the `score`
head) landed in the model, then runs each record of `lorawb eval --predictions FILE` through it — the very token ids
lorawb read, one record at a time — and compares the head's logits with lorawb's: the pooled ones (SEQ_CLS), or
those at each scored word's first sub-token, the record's "positions" (TOKEN_CLS).

    lorawb eval --model M --adapter A --data FILE --predictions P.jsonl
    python3 tests/reference/check_classifier_adapter.py --model M --adapter A --predictions P.jsonl

Exit status: 0 agree; 1 a logit differs by more than --atol + --rtol * |logit|, a prediction differs, or PEFT did not
load every tensor; 2 bad input or a package missing.
"""

import argparse
import json
import os
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True)
    p.add_argument("--adapter", required=True)
    p.add_argument("--predictions", required=True, help="lorawb eval --predictions output (JSON lines)")
    p.add_argument("--rtol", type=float, default=1e-4)
    p.add_argument("--atol", type=float, default=1e-5)
    args = p.parse_args()
    try:
        import torch
        from peft import PeftModel
        from safetensors.torch import load_file
        from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification
        from transformers.utils import logging as transformers_logging
        transformers_logging.set_verbosity_error()  # its load report lists the head it builds anew: expected here
    except ImportError as e:
        print(f"check_classifier_adapter: {e}; run inside the reference venv (tests/reference/setup-venv.sh)",
              file=sys.stderr)
        return 2
    with open(os.path.join(args.adapter, "adapter_config.json"), encoding="utf-8") as f:
        config = json.load(f)
    task = config.get("task_type")
    if task not in ("SEQ_CLS", "TOKEN_CLS") or "num_labels" not in config:
        print(f"{args.adapter}: not a SEQ_CLS or TOKEN_CLS adapter with its classes (task_type {task})",
              file=sys.stderr)
        return 2
    head = {"num_labels": config["num_labels"], "pad_token_id": config["pad_token_id"],
            "problem_type": config["problem_type"]}
    if config.get("id2label"):
        head["id2label"] = {int(k): v for k, v in config["id2label"].items()}
        head["label2id"] = config["label2id"]
    auto = AutoModelForTokenClassification if task == "TOKEN_CLS" else AutoModelForSequenceClassification
    base = auto.from_pretrained(args.model, dtype=torch.float32, **head)
    model = PeftModel.from_pretrained(base, args.adapter).eval()

    # Every saved tensor must be in the model under PEFT's own name for it (lora_X.default, modules_to_save.default).
    state = model.state_dict()
    missing = []
    for key, value in load_file(os.path.join(args.adapter, "adapter_model.safetensors")).items():
        name = key.replace(".lora_A.weight", ".lora_A.default.weight").replace(".lora_B.weight", ".lora_B.default.weight")
        if name not in state:
            owner, _, leaf = name.rpartition(".")
            name = owner + ".modules_to_save.default." + leaf
        if name not in state or not torch.equal(state[name].float(), value.float()):
            missing.append(key)
    if missing:
        print(f"PEFT did not load {len(missing)} adapter tensors as saved: {missing[:5]}", file=sys.stderr)
        return 1

    worst, records, disagreements = 0.0, 0, 0
    with open(args.predictions, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            with torch.no_grad():
                logits = model(input_ids=torch.tensor([record["input_ids"]])).logits[0]
            if task == "TOKEN_CLS":
                logits = logits[record["positions"]]  # [words, num_labels]
            ours = torch.tensor(record["logits"], dtype=torch.float32).reshape(logits.shape)
            if ours.numel() == 0:  # every word cut off by --max-length: nothing scored
                records += 1
                continue
            excess = ((logits - ours).abs() - (args.atol + args.rtol * ours.abs())).max().item()
            worst = max(worst, excess)
            names = head.get("id2label", {})
            if task == "TOKEN_CLS":
                tags = [names.get(int(i), f"LABEL_{int(i)}") for i in logits.argmax(-1)]
                disagreements += tags != record["predicted"]
            elif config["problem_type"] == "single_label_classification":
                label = names.get(int(logits.argmax()), f"LABEL_{int(logits.argmax())}")
                disagreements += label != record["predicted"]
            records += 1
    print(f"{records} records: largest logit difference beyond tolerance {max(worst, 0):.3g}, "
          f"{disagreements} different predictions")
    return 0 if worst <= 0 and disagreements == 0 and records > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
