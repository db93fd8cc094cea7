#!/usr/bin/env python3
"""Checks every export of `lorawb export` with the programs users load them in.

For each (base model, PEFT adapter) case of tests/data/reference:
  merged     `lorawb export merged --dtype f32`: transformers loads it; every weight equals PEFT's own
             merge_and_unload() (max abs diff <= 1e-6), and its logits equal PeftModel's (<= 1e-5).
             `--dtype bf16 --max-shard-size 100KB`: sharded, transformers loads it, every weight equals PEFT's merged
             weight rounded to bfloat16 (exactly).
  gguf       `lorawb export gguf --type T` for T in f32, f16, bf16, q8_0 against llama.cpp's own converter
             (convert_hf_to_gguf.py --outtype T) run on the f32 merged folder: the same tensors, types, shapes and
             bytes; the same metadata (the naming keys the converter derives from folder names excepted).
             q4_0 (which the converter does not write) against gguf.quants.quantize() of the converter's f32 tensors.
  llama.cpp  llama-cpp-python (llama.cpp built from source) loads each GGUF; next-token logits on a fixed prompt vs
             PeftModel's: f32 <= 1e-4; f16 / bf16 against transformers on the same rounded weights <= 2e-2 / 1.6e-1
             (llama.cpp rounds activations to the weight type as well); q8_0 / q4_0 the same top-1 token at most positions
             (tiny random models have near ties, so q8_0 >= 90 %, q4_0 reported only).
  bpe        `lorawb export gguf --type f32` of a model with only a byte-level BPE tokenizer.json (Llama 3, Qwen2):
             llama.cpp tokenizes every line of the tokenizer fixture (tests/data/reference/tokenizers/<family>) into
             HF tokenizers' ids, and its logits equal transformers' (<= 1e-4).
  gguf-lora  `lorawb export gguf` of the base (f32) + `lorawb export gguf-lora`: llama.cpp applies the adapter
             (lora_path) and its logits equal PeftModel's (<= 1e-4); where PEFT's scaling is plain alpha / r the file
             equals llama.cpp's convert_lora_to_gguf.py output; adapters that train biases or
             modules_to_save are refused with exit status 2.

  python tests/reference/check_export.py --lorawb build/app/lorawb [--json-out FILE]

Needs the reference venv (setup-venv.sh: torch, transformers, peft, gguf, llama-cpp-python and llama.cpp's
converter scripts under <venv>/share/llama.cpp). Exit 0 all agree, 1 a difference, 2 usage / missing tools.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data", "reference")

CASES = [  # (name, model folder, adapter folder, gguf-lora possible)
    ("llama3_rope/patterns", "llama3_rope/model", "llama3_rope/patterns/adapter", True),
    ("llama3_rope/rslora", "llama3_rope/model", "llama3_rope/rslora/adapter", True),
    ("llama_tied_gqa/default", "llama_tied_gqa/model", "llama_tied_gqa/default/adapter", True),
    ("llama_tied_gqa/lm_head_saved", "llama_tied_gqa/model", "llama_tied_gqa/lm_head_saved/adapter", False),
    ("llama_head_dim/gaussian", "llama_head_dim/model", "llama_head_dim/gaussian/adapter", True),
    ("mistral/default", "mistral/model", "mistral/default/adapter", True),
    ("mistral/dora", "mistral/model", "mistral/dora/adapter", False),
    ("qwen2_bias/bias_all", "qwen2_bias/model", "qwen2_bias/bias_all/adapter", False),
    ("qwen3/default", "qwen3/model", "qwen3/default/adapter", True),
    ("phi3/default", "phi3/model", "phi3/default/adapter", True),
    ("phi3_longrope/default", "phi3_longrope/model", "phi3_longrope/default/adapter", True),
]
# Byte-level BPE tokenizer.json models (export/<case>/model, made by make_export_reference.py) and the tokenizer
# fixture whose HF ids llama.cpp's tokenizer must reproduce from our GGUF.
BPE_CASES = [("llama3_bpe", "llama3"), ("qwen2_bpe", "qwen2")]
GGUF_TYPES = ["f32", "f16", "bf16", "q8_0"]
# Keys llama.cpp's converter derives from folder names and model cards, and ours that it leaves to llama.cpp's
# defaults; neither changes how llama.cpp runs the model.
NAMING_KEYS = ("general.name", "general.basename", "general.size_label", "general.tags", "general.base_model.",
               "general.finetune", "general.license", "tokenizer.ggml.unknown_token_id")


def run(cmd, expect=0):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != expect:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}, expected {expect}:\n{proc.stderr}")
    return proc


def prompt_ids(vocab):
    return [1] + [(7 * i + 3) % (vocab - 3) + 3 for i in range(15)]


class Checker:
    def __init__(self, lorawb, converter_dir):
        self.lorawb = lorawb
        self.converter = converter_dir
        self.failures = []
        self.rows = []

    def record(self, case, check, ok, detail):
        self.rows.append({"case": case, "check": check, "ok": bool(ok), "detail": detail})
        print(f"{'ok  ' if ok else 'FAIL'} {case:30s} {check:22s} {detail}", flush=True)
        if not ok:
            self.failures.append(f"{case}: {check}: {detail}")


def peft_reference(model_dir, adapter_dir, ids):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    peft_model = PeftModel.from_pretrained(base, adapter_dir).eval()
    with torch.no_grad():
        logits = peft_model(torch.tensor([ids])).logits[0].numpy()
        merged = peft_model.merge_and_unload()
        state = {k: v.detach().clone() for k, v in merged.state_dict().items()}
    return logits, state


def hf_logits(folder, ids):
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
    with torch.no_grad():
        return model(torch.tensor([ids])).logits[0].numpy(), model


def rounded_logits(model, dtype, ids):
    import copy

    import torch

    rounded = copy.deepcopy(model)
    with torch.no_grad():
        for p in rounded.parameters():
            p.copy_(p.to(dtype).to(torch.float32))
        return rounded(torch.tensor([ids])).logits[0].numpy()


def llama_cpp_logits(gguf_path, ids, lora=None):
    from llama_cpp import Llama

    # An f32 KV cache (llama.cpp defaults to f16), so that an f32 file is compared at f32.
    llm = Llama(model_path=gguf_path, lora_path=lora, logits_all=True, n_ctx=64, n_threads=2, type_k=0, type_v=0,
                verbose=False)
    llm.eval(ids)
    out = np.array(llm.scores[: len(ids)], dtype=np.float32)
    llm.close()
    return out


def gguf_fields(path):
    import gguf

    reader = gguf.GGUFReader(path)
    fields = {k: f.contents() for k, f in reader.fields.items() if not k.startswith("GGUF.")}
    return reader, fields


def compare_gguf(ours, theirs):
    """Differences between two GGUF files, naming keys excepted: a list of strings (empty when they agree)."""
    _, fa = gguf_fields(ours)
    rb, fb = gguf_fields(theirs)
    ra, _ = gguf_fields(ours)
    problems = []
    for key in sorted(set(fa) | set(fb)):
        if key.startswith(NAMING_KEYS):
            continue
        if fa.get(key, "<absent>") != fb.get(key, "<absent>"):
            problems.append(f"metadata {key}: ours {str(fa.get(key, '<absent>'))[:60]}, "
                            f"converter {str(fb.get(key, '<absent>'))[:60]}")
    ta = {t.name: t for t in ra.tensors}
    tb = {t.name: t for t in rb.tensors}
    if set(ta) != set(tb):
        problems.append(f"tensors only ours {sorted(set(ta) - set(tb))}, only the converter's {sorted(set(tb) - set(ta))}")
    for name in sorted(set(ta) & set(tb)):
        x, y = ta[name], tb[name]
        if x.tensor_type != y.tensor_type or list(x.shape) != list(y.shape):
            problems.append(f"{name}: ours {x.tensor_type.name} {list(x.shape)}, converter {y.tensor_type.name} {list(y.shape)}")
        elif not np.array_equal(np.asarray(x.data).view(np.uint8), np.asarray(y.data).view(np.uint8)):
            problems.append(f"{name}: {x.tensor_type.name} bytes differ")
    return problems


def compare_q4_0(ours, converter_f32):
    import gguf

    ra, _ = gguf_fields(ours)
    rb, _ = gguf_fields(converter_f32)
    tb = {t.name: t for t in rb.tensors}
    problems = []
    for t in ra.tensors:
        ref = np.asarray(tb[t.name].data, dtype=np.float32)
        if t.tensor_type == gguf.GGMLQuantizationType.Q4_0:
            want = gguf.quants.quantize(ref, gguf.GGMLQuantizationType.Q4_0)
        elif t.tensor_type == gguf.GGMLQuantizationType.F16:
            want = ref.astype(np.float16)
        else:
            want = ref
        if not np.array_equal(np.asarray(t.data).view(np.uint8).ravel(), np.asarray(want).view(np.uint8).ravel()):
            problems.append(f"{t.name}: {t.tensor_type.name} bytes differ from gguf.quants")
    return problems


def check_case(c, name, model_rel, adapter_rel, lora_ok, work):
    import torch

    model = os.path.join(DATA, model_rel)
    adapter = os.path.join(DATA, adapter_rel)
    vocab = json.load(open(os.path.join(model, "config.json")))["vocab_size"]
    ids = prompt_ids(vocab)
    peft_logits, peft_state = peft_reference(model, adapter, ids)
    tag = name.replace("/", "_")

    merged = os.path.join(work, tag + "_merged")
    run([c.lorawb, "export", "merged", "--model", model, "--adapter", adapter, "--output", merged, "--dtype", "f32"])
    logits, hf_model = hf_logits(merged, ids)
    ours_state = hf_model.state_dict()
    weight_diff = max(float((ours_state[k] - v).abs().max()) for k, v in peft_state.items())
    c.record(name, "merged f32 weights", weight_diff <= 1e-6, f"max |ours - PEFT merge_and_unload| = {weight_diff:.2e}")
    diff = float(np.abs(logits - peft_logits).max())
    c.record(name, "merged f32 logits", diff <= 1e-5, f"max |transformers(merged) - PeftModel| = {diff:.2e}")

    sharded = os.path.join(work, tag + "_bf16")
    bf16_bytes = sum(v.numel() * 2 for v in peft_state.values())
    run([c.lorawb, "export", "merged", "--model", model, "--adapter", adapter, "--output", sharded, "--dtype", "bf16",
         "--max-shard-size", str(bf16_bytes // 3)])
    from transformers import AutoModelForCausalLM
    bf16 = AutoModelForCausalLM.from_pretrained(sharded, dtype=torch.bfloat16).state_dict()
    shards = len([f for f in os.listdir(sharded) if f.endswith(".safetensors")])
    exact = all(torch.equal(bf16[k], v.to(torch.bfloat16)) for k, v in peft_state.items())
    c.record(name, "merged bf16 sharded", exact and shards > 1 and
             os.path.exists(os.path.join(sharded, "model.safetensors.index.json")),
             f"{shards} shards; weights {'==' if exact else '!='} PEFT's rounded to bf16")

    converted_f32 = None
    for t in GGUF_TYPES:
        ours = os.path.join(work, f"{tag}_{t}.gguf")
        theirs = os.path.join(work, f"{tag}_{t}_converter.gguf")
        run([c.lorawb, "export", "gguf", "--model", model, "--adapter", adapter, "--output", ours, "--type", t])
        run([sys.executable, os.path.join(c.converter, "convert_hf_to_gguf.py"), merged, "--outfile", theirs,
             "--outtype", t])
        problems = compare_gguf(ours, theirs)
        c.record(name, f"gguf {t} vs converter", not problems, "identical" if not problems else "; ".join(problems[:3]))
        if t == "f32":
            converted_f32 = theirs
        got = llama_cpp_logits(ours, ids)
        if t == "f32":
            diff = float(np.abs(got - peft_logits).max())
            c.record(name, "llama.cpp f32 logits", diff <= 1e-4, f"max |llama.cpp - PeftModel| = {diff:.2e} (tol 1e-4)")
        elif t in ("f16", "bf16"):
            # Against the same weights rounded to t (computed in f32 by transformers), so that the check measures the
            # file and llama.cpp, not the rounding; llama.cpp also rounds activations to f16 for f16 matmuls.
            want = rounded_logits(hf_model, getattr(torch, {"f16": "float16", "bf16": "bfloat16"}[t]), ids)
            diff = float(np.abs(got - want).max())
            # llama.cpp's CPU matmul rounds the activations to the weights' type too: bf16 keeps 8 bits of
            # mantissa to f16's 11, so its tolerance is 8x wider.
            tol = 2e-2 if t == "f16" else 1.6e-1
            c.record(name, f"llama.cpp {t} logits", diff <= tol,
                     f"max |llama.cpp - transformers({t} weights)| = {diff:.2e} (tol {tol}); "
                     f"vs PeftModel f32 {float(np.abs(got - peft_logits).max()):.2e}")
        else:
            agree = float((got.argmax(-1) == peft_logits.argmax(-1)).mean())
            c.record(name, f"llama.cpp {t} top-1", agree >= 0.9, f"{agree:.0%} of positions pick PEFT's top token")
    ours_q4 = os.path.join(work, f"{tag}_q4_0.gguf")
    run([c.lorawb, "export", "gguf", "--model", model, "--adapter", adapter, "--output", ours_q4, "--type", "q4_0"])
    problems = compare_q4_0(ours_q4, converted_f32)
    c.record(name, "gguf q4_0 vs gguf.quants", not problems, "identical" if not problems else "; ".join(problems[:3]))
    got = llama_cpp_logits(ours_q4, ids)
    agree = float((got.argmax(-1) == peft_logits.argmax(-1)).mean())
    c.record(name, "llama.cpp q4_0 top-1", True, f"{agree:.0%} of positions pick PEFT's top token (reported)")

    base_gguf = os.path.join(work, f"{tag}_base_f32.gguf")
    lora_gguf = os.path.join(work, f"{tag}_lora.gguf")
    run([c.lorawb, "export", "gguf", "--model", model, "--output", base_gguf, "--type", "f32"])
    if not lora_ok:
        proc = run([c.lorawb, "export", "gguf-lora", "--model", model, "--adapter", adapter, "--output", lora_gguf],
                   expect=2)
        c.record(name, "gguf-lora refused", not os.path.exists(lora_gguf), proc.stderr.strip().splitlines()[-1][:90])
        return
    run([c.lorawb, "export", "gguf-lora", "--model", model, "--adapter", adapter, "--output", lora_gguf])
    config = json.load(open(os.path.join(adapter, "adapter_config.json")))
    if not config.get("rank_pattern") and not config.get("alpha_pattern") and not config.get("use_rslora"):
        # llama.cpp's own converter scales every pair by alpha / r, so it is the authority only where PEFT does too;
        # for the others the logits below are.
        theirs = os.path.join(work, f"{tag}_lora_converter.gguf")
        run([sys.executable, os.path.join(c.converter, "convert_lora_to_gguf.py"), adapter, "--base", model,
             "--outfile", theirs, "--outtype", "f32"])
        problems = compare_gguf(lora_gguf, theirs)
        c.record(name, "gguf-lora vs converter", not problems, "identical" if not problems else "; ".join(problems[:3]))
    got = llama_cpp_logits(base_gguf, ids, lora=lora_gguf)
    diff = float(np.abs(got - peft_logits).max())
    c.record(name, "llama.cpp base+lora", diff <= 1e-4, f"max |llama.cpp(base, --lora) - PeftModel| = {diff:.2e}")


def check_bpe(c, case, family, work):
    from llama_cpp import Llama

    name = f"{case} (tokenizer.json)"
    model = os.path.join(DATA, "export", case, "model")
    ours = os.path.join(work, f"{case}_f32.gguf")
    run([c.lorawb, "export", "gguf", "--model", model, "--output", ours, "--type", "f32"])
    lines = [json.loads(l) for l in open(os.path.join(DATA, "tokenizers", family, "cases.jsonl"), encoding="utf-8")
             if l.strip()]
    # llama.cpp does not apply a tokenizer's NFC normalizer (Qwen2's); it is given the NFC text HF tokenizes then.
    import unicodedata
    normalizer = json.load(open(os.path.join(model, "tokenizer.json"), encoding="utf-8")).get("normalizer") or {}
    nfc = normalizer.get("type") == "NFC"
    llm = Llama(model_path=ours, vocab_only=True, verbose=False)
    differ, normalized = [], 0
    for x in lines:
        text = unicodedata.normalize("NFC", x["text"]) if nfc else x["text"]
        normalized += text != x["text"]
        if llm.tokenize(text.encode("utf-8"), add_bos=False, special=True) != x["ids"]:
            differ.append(x["text"])
    llm.close()
    c.record(name, "llama.cpp tokenize", not differ,
             f"{len(lines) - len(differ)} of {len(lines)} lines give HF tokenizers' ids"
             + (f" ({normalized} given in NFC, as the tokenizer's normalizer makes them)" if normalized else "")
             + (f"; first differing: {differ[0]!r}" if differ else ""))
    vocab = json.load(open(os.path.join(model, "config.json")))["vocab_size"]
    ids = prompt_ids(vocab)
    want, _ = hf_logits(model, ids)
    diff = float(np.abs(llama_cpp_logits(ours, ids) - want).max())
    c.record(name, "llama.cpp f32 logits", diff <= 1e-4, f"max |llama.cpp - transformers| = {diff:.2e} (tol 1e-4)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lorawb", required=True)
    parser.add_argument("--converter", default=os.path.join(sys.prefix, "share", "llama.cpp"),
                        help="folder with llama.cpp's convert_hf_to_gguf.py (setup-venv.sh puts it in the venv)")
    parser.add_argument("--json-out")
    parser.add_argument("--case", action="append", help="only these cases (by name)")
    args = parser.parse_args()
    try:
        import gguf  # noqa: F401
        import llama_cpp  # noqa: F401
        import peft  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as e:
        print(f"check_export: {e}; run tests/reference/setup-venv.sh", file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(args.converter, "convert_hf_to_gguf.py")):
        print(f"check_export: no convert_hf_to_gguf.py in {args.converter}; run tests/reference/setup-venv.sh",
              file=sys.stderr)
        return 2
    c = Checker(os.path.abspath(args.lorawb), args.converter)
    with tempfile.TemporaryDirectory() as work:
        for case in CASES:
            if args.case and case[0] not in args.case:
                continue
            try:
                check_case(c, *case, work)
            except Exception as e:  # one broken case must not hide the others
                c.record(case[0], "ran", False, str(e).strip().splitlines()[-1][:200] if str(e).strip() else repr(e))
        for case, family in BPE_CASES:
            if args.case and case not in args.case:
                continue
            try:
                check_bpe(c, case, family, work)
            except Exception as e:
                c.record(case, "ran", False, str(e).strip().splitlines()[-1][:200] if str(e).strip() else repr(e))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(c.rows, f, indent=1)
    print(f"\n{len(c.rows) - len(c.failures)} of {len(c.rows)} checks agree")
    for f in c.failures:
        print("  FAIL", f)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
