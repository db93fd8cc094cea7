#!/usr/bin/env python3
"""Checks an adapter written by `lorawb train` against HF transformers + PEFT.

It loads the base model with transformers and the adapter with PeftModel.from_pretrained (so a file PEFT cannot
read fails here), computes the loss the way DESIGN.md defines it, and compares it with the number lorawb reported.

  Alpaca data (compare with `lorawb eval --model M --adapter A --data FILE --json`):
    python3 tests/reference/check_lorawb_adapter.py --model M --adapter A --data FILE.jsonl --lorawb-loss X
  Plain text (compare with `lorawb eval --model M --adapter A --text FILE --json`):
    python3 tests/reference/check_lorawb_adapter.py --model M --adapter A --text FILE.txt --lorawb-loss X
  Show how the first record is formatted and tokenized (needs only sentencepiece; compare with
  `lorawb data preview FILE --model M --json`):
    python3 tests/reference/check_lorawb_adapter.py --model M --data FILE.jsonl --preview

Alpaca loss: each record becomes BOS + encode(prompt + output) + EOS with the template of DESIGN.md; the first
1 + len(encode(prompt)) positions (BOS and the prompt) carry no label, so the loss covers the output tokens and EOS.
The reported loss is the mean over all labelled tokens of all records (--reduction tokens, the default) or the mean
of per-record means (--reduction records). Text loss: BOS + encode(whole file), cut into consecutive windows of at
most max_position_embeddings tokens, mean over every predicted token.

Without --lorawb-loss it only prints PEFT's numbers. Exit status: 0 agree (or nothing to compare); 1 they differ
by more than --rtol (relative), or PEFT could not load every tensor of the adapter; 2 bad input or usage, or torch /
transformers / peft / sentencepiece missing; 3 the check itself crashed (traceback on stderr).
"""

import argparse
import json
import math
import os
import sys

PROMPT_WITH_INPUT = (
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:\n")
PROMPT_NO_INPUT = (
    "Below is an instruction that describes a task. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:\n")


class BadInput(Exception):
    """Something the user gave is wrong; the message names the file and what to do."""


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="HF model folder (config.json, *.safetensors, tokenizer.model)")
    p.add_argument("--adapter", help="PEFT adapter folder written by lorawb train (omit to check the base model)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--data", help="Alpaca records: JSONL, or a JSON array")
    src.add_argument("--text", help="plain UTF-8 text file")
    p.add_argument("--lorawb-loss", type=float, help="the loss lorawb reported for the same files")
    p.add_argument("--lorawb-trainable-line", help="lorawb's 'trainable params: ...' line, compared exactly")
    p.add_argument("--rtol", type=float, default=1e-3, help="allowed relative difference (default %(default)s)")
    p.add_argument("--reduction", choices=["tokens", "records"], default="tokens",
                   help="Alpaca loss: mean over all labelled tokens, or mean of per-record means")
    p.add_argument("--max-length", type=int, default=0,
                   help="Alpaca: keep only the first N tokens of each record (0: no cut)")
    p.add_argument("--device", default="cpu", help="torch device for the check (default cpu, float32)")
    p.add_argument("--preview", action="store_true",
                   help="print the first record's text, token ids and label mask, then stop (no torch needed)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    return p.parse_args()


def alpaca_prompt(record):
    # str.replace, not str.format: instructions may contain braces.
    if record.get("input"):
        return PROMPT_WITH_INPUT.replace("{instruction}", record["instruction"]).replace("{input}", record["input"])
    return PROMPT_NO_INPUT.replace("{instruction}", record["instruction"])


def read_records(path):
    """Alpaca records from a JSON array or JSONL file, each with string fields instruction, output, input (optional)."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise BadInput(f"{path}: cannot read ({e.strerror}); check the path given to --data")
    records = []
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as e:
            raise BadInput(f"{path}: not valid JSON at line {e.lineno}, column {e.colno}: {e.msg}")
        numbered = [(f"record {i}", item) for i, item in enumerate(items)]
    else:
        numbered = []
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((f"line {lineno}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise BadInput(f"{path}, line {lineno}: not valid JSON ({e.msg}); each line must be one object")
    for where, item in numbered:
        if not isinstance(item, dict):
            raise BadInput(f"{path}, {where}: expected an object with instruction/input/output")
        for field in ("instruction", "output"):
            if not isinstance(item.get(field), str):
                raise BadInput(f"{path}, {where}: field '{field}' must be a string")
        if "input" in item and item["input"] is not None and not isinstance(item["input"], str):
            raise BadInput(f"{path}, {where}: field 'input' must be a string when present")
        records.append(item)
    if not records:
        raise BadInput(f"{path}: no records; add at least one {{\"instruction\", \"input\", \"output\"}} object")
    return records


def read_model_config(model_dir):
    path = os.path.join(model_dir, "config.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise BadInput(f"{path}: cannot read ({e.strerror}); --model must be a Hugging Face model folder")
    except json.JSONDecodeError as e:
        raise BadInput(f"{path}: not valid JSON ({e.msg} at line {e.lineno})")


class Tokens:
    """The model's sentencepiece tokenizer, used raw (as the engine does): no HF tokenizer class in between."""

    def __init__(self, model_dir, config):
        path = os.path.join(model_dir, "tokenizer.model")
        if not os.path.isfile(path):
            raise BadInput(f"{path}: missing; the model folder needs its sentencepiece tokenizer.model")
        import sentencepiece as spm
        self.sp = spm.SentencePieceProcessor(model_file=path)
        # config.json decides BOS/EOS (as HF does); fall back to the tokenizer's own ids.
        self.bos = config.get("bos_token_id")
        self.eos = config.get("eos_token_id")
        if isinstance(self.eos, list):
            self.eos = self.eos[0]
        self.bos = self.sp.bos_id() if self.bos is None else int(self.bos)
        self.eos = self.sp.eos_id() if self.eos is None else int(self.eos)

    def encode(self, text):
        return list(self.sp.encode(text))

    def text_ids(self, text):
        return [self.bos] + self.encode(text)

    def record(self, record, max_length):
        """Token ids and the number of unlabelled leading positions (BOS + prompt)."""
        prompt = alpaca_prompt(record)
        ids = [self.bos] + self.encode(prompt + record["output"]) + [self.eos]
        n_masked = 1 + len(self.encode(prompt))
        if max_length > 0:
            ids = ids[:max_length]
        return ids, n_masked


class JsonTokens:
    """A tokenizer.json model (Llama 3, Qwen): HF `tokenizers` itself, as transformers' fast tokenizer runs it.
    Text starts as HF's encode(add_special_tokens=True) starts it (the post-processor's BOS, if any)."""

    def __init__(self, model_dir):
        from tokenizers import Tokenizer
        self.tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))

    def encode(self, text):
        return self.tok.encode(text, add_special_tokens=False).ids

    def text_ids(self, text):
        return self.tok.encode(text, add_special_tokens=True).ids

    def record(self, record, max_length):
        raise BadInput("--data with a tokenizer.json model is not compared here; use --text")


def tokens_of(model_dir, config):
    """tokenizer.json when the folder has one (as transformers and lorawb choose), else sentencepiece's model."""
    if os.path.isfile(os.path.join(model_dir, "tokenizer.json")):
        return JsonTokens(model_dir)
    return Tokens(model_dir, config)


def load_model(model_dir, adapter_dir, device):
    import torch
    import transformers
    from transformers import AutoModelForCausalLM
    from packaging.version import Version
    new_dtype_arg = Version(transformers.__version__.split("+")[0]) >= Version("4.56.0")
    dtype_kw = {"dtype": torch.float32} if new_dtype_arg else {"torch_dtype": torch.float32}
    model = AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation="eager", **dtype_kw)
    report = {"adapter": None}
    if adapter_dir:
        from peft import PeftModel, get_peft_model_state_dict
        from safetensors import safe_open
        # is_trainable=True only so that the trainable-parameters line counts the adapter as PEFT would when
        # training it; nothing is trained here.
        model = PeftModel.from_pretrained(model, adapter_dir, is_trainable=True)
        trainable, total = model.get_nb_trainable_parameters()
        report["trainable_line"] = (f"trainable params: {trainable:,d} || all params: {total:,d} || "
                                    f"trainable%: {100 * trainable / total:.4f}")
        # Every tensor of the file must land in the model, and every adapter tensor the model has must come from
        # the file: PEFT only warns about either, so it is checked here.
        path = os.path.join(adapter_dir, "adapter_model.safetensors")
        with safe_open(path, framework="pt") as f:
            file_keys = set(f.keys())
            metadata = f.metadata() or {}
        model_keys = set(get_peft_model_state_dict(model, save_embedding_layers=False).keys())
        report["adapter"] = {
            "tensors": len(file_keys),
            "only_in_file": sorted(file_keys - model_keys),
            "missing_from_file": sorted(model_keys - file_keys),
            "metadata": metadata,
            "config": model.peft_config["default"].to_dict(),
        }
    model.to(device)
    model.eval()
    return model, report


def alpaca_loss(model, tokens, records, max_length, reduction, device):
    import torch
    import torch.nn.functional as F
    total, count, per_record = 0.0, 0, []
    with torch.no_grad():
        for i, record in enumerate(records):
            ids, n_masked = tokens.record(record, max_length)
            targets = torch.tensor(ids[1:], dtype=torch.int64, device=device)
            # Position p predicts token p + 1; prediction p is labelled when token p + 1 is output or EOS.
            labelled = torch.arange(1, len(ids), device=device) >= n_masked
            if not bool(labelled.any()):
                continue  # cut before the response: nothing to score
            logits = model(input_ids=torch.tensor([ids], dtype=torch.int64, device=device)).logits[0, :-1]
            losses = F.cross_entropy(logits.float(), targets, reduction="none")[labelled]
            total += float(losses.double().sum())
            count += int(losses.numel())
            per_record.append(float(losses.double().mean()))
    if count == 0:
        raise BadInput("no record has any response token left to score; raise --max-length")
    loss = total / count if reduction == "tokens" else sum(per_record) / len(per_record)
    return loss, {"tokens": count, "records": len(per_record)}


def text_loss(model, tokens, path, window, device):
    import torch
    import torch.nn.functional as F
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"{path}: cannot read as UTF-8 text ({e})")
    ids = tokens.text_ids(text)
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(ids), window):
            chunk = ids[start:start + window]
            if len(chunk) < 2:
                continue  # a window of one token predicts nothing
            x = torch.tensor([chunk], dtype=torch.int64, device=device)
            logits = model(input_ids=x).logits[0, :-1].float()
            losses = F.cross_entropy(logits, x[0, 1:], reduction="none")
            total += float(losses.double().sum())
            count += int(losses.numel())
    if count == 0:
        raise BadInput(f"{path}: too short; it needs at least one token after BOS")
    return total / count, {"tokens": count, "windows": math.ceil(len(ids) / window)}


def preview(tokens, records, max_length):
    ids, n_masked = tokens.record(records[0], max_length)
    print(json.dumps({
        "text": alpaca_prompt(records[0]) + records[0]["output"],
        "input_ids": ids,
        "labels_mask": [0 if i < n_masked else 1 for i in range(len(ids))],
        "prompt_tokens": n_masked,
        "pieces": [tokens.sp.id_to_piece(i) for i in ids],
    }, ensure_ascii=False))


def main():
    args = parse_args()
    try:
        config = read_model_config(args.model)
        tokens = tokens_of(args.model, config)
        records = read_records(args.data) if args.data else None
        if args.preview:
            if records is None:
                raise BadInput("--preview works with --data")
            preview(tokens, records, args.max_length)
            return 0
        if args.adapter and not os.path.isfile(os.path.join(args.adapter, "adapter_config.json")):
            raise BadInput(f"{args.adapter}: no adapter_config.json; --adapter must be a PEFT adapter folder")
        model, report = load_model(args.model, args.adapter, args.device)
        if records is not None:
            loss, counts = alpaca_loss(model, tokens, records, args.max_length, args.reduction, args.device)
        else:
            window = int(config.get("max_position_embeddings") or 2048)
            loss, counts = text_loss(model, tokens, args.text, window, args.device)
    except BadInput as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    import peft
    import torch
    import transformers
    result = {"peft_loss": loss, **counts, "mode": "data" if records is not None else "text",
              "reduction": args.reduction if records is not None else "tokens",
              "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                           "peft": peft.__version__}}
    failures = []
    adapter = report.get("adapter")
    if adapter:
        result["peft_trainable_line"] = report["trainable_line"]
        result["adapter_tensors"] = adapter["tensors"]
        if adapter["only_in_file"]:
            failures.append("tensors PEFT did not load: " + ", ".join(adapter["only_in_file"]))
        if adapter["missing_from_file"]:
            failures.append("adapter tensors missing from the file: " + ", ".join(adapter["missing_from_file"]))
        if adapter["metadata"].get("format") != "pt":
            failures.append(f"adapter_model.safetensors metadata is {adapter['metadata']}, PEFT writes "
                            "{'format': 'pt'}")
    if args.lorawb_loss is not None:
        rel = abs(loss - args.lorawb_loss) / max(abs(loss), 1e-12)
        result.update({"lorawb_loss": args.lorawb_loss, "relative_difference": rel, "rtol": args.rtol})
        if not rel <= args.rtol:  # also catches NaN
            failures.append(f"loss differs: PEFT {loss:.6f}, lorawb {args.lorawb_loss:.6f} "
                            f"(relative {rel:.2e} > {args.rtol:g})")
    if args.lorawb_trainable_line is not None and adapter:
        result["lorawb_trainable_line"] = args.lorawb_trainable_line
        if args.lorawb_trainable_line.strip() != report["trainable_line"]:
            failures.append("trainable-parameters lines differ")
    result["ok"] = not failures
    result["failures"] = failures

    if args.json:
        print(json.dumps(result))
    else:
        unit = f"{counts['tokens']} tokens" + (f", {counts['records']} records" if "records" in counts else "")
        print(f"PEFT loss:   {loss:.6f} ({unit}, {result['reduction']} mean)")
        if args.lorawb_loss is not None:
            print(f"lorawb loss: {args.lorawb_loss:.6f} (relative difference {result['relative_difference']:.2e}, "
                  f"tolerance {args.rtol:g})")
        if adapter:
            print(f"PEFT loaded {adapter['tensors']} adapter tensors; {report['trainable_line']}")
        for failure in failures:
            print("FAIL: " + failure)
        print("OK" if not failures else "MISMATCH")
    return 0 if not failures else 1


def guarded_main():
    try:
        return main()
    except ImportError as e:
        print(f"error: {e}; this check needs torch, transformers, peft, safetensors and sentencepiece",
              file=sys.stderr)
        return 2
    except Exception:  # exit 1 means "lorawb and PEFT disagree": a crash must not look like that
        import traceback
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(guarded_main())
