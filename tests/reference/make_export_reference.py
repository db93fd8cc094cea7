#!/usr/bin/env python3
"""Makes tests/data/reference/export: what test_export compares `lorawb export` with, made by the authorities.

  quant.safetensors            "input" (float32 [8, 64]: normal values, a zero row, exact halves, negative maxima)
                               and its bytes as gguf.quants.quantize() writes them: "q8_0", "q4_0", "f16", "bf16"
                               (uint8, flat).
  <case>/merged.safetensors    (MERGED_KEPT cases) PEFT's merge_and_unload() of the adapter, float32 (PeftModel.from_pretrained
                               + merge_and_unload + state_dict; a tied lm_head left out as save_pretrained does).
  <case>/converter_<t>.gguf    llama.cpp's convert_hf_to_gguf.py --outtype t on that merged model saved by
                               transformers' save_pretrained (with the base's tokenizer files).
  llama_tied_gqa_default/converter_lora.gguf
                               llama.cpp's convert_lora_to_gguf.py on the adapter (f32).
  <bpe case>/model/            a tiny random model (transformers) with a byte-level BPE tokenizer.json and
                               tokenizer_config.json from tests/data/reference/tokenizers/<family> (Llama 3, Qwen2)
  <bpe case>/converter_f16.gguf
                               llama.cpp's convert_hf_to_gguf.py on that folder. The converter names a BPE
                               pre-tokenizer by hashing the ids of a probe text under the real model's vocabulary,
                               which a tiny trained vocabulary cannot reproduce; its get_vocab_base_pre is given the
                               name of the family whose split regex the tokenizer has (llama-bpe, qwen2), everything
                               else is the converter's own work.
  index.json                   versions of everything used.

  build/reference-venv/bin/python tests/reference/make_export_reference.py

Needs the reference venv (setup-venv.sh), whose share/llama.cpp holds the converter scripts.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data", "reference")
OUT = os.path.join(DATA, "export")
CONVERTER = os.path.join(sys.prefix, "share", "llama.cpp")

# (fixture folder, model, adapter, GGUF types the converter makes for it)
# merged.safetensors is kept only for the cases test_export compares a merged folder with (the first and third).
MERGED_KEPT = {"llama3_rope_patterns", "llama_tied_gqa_default"}
MERGES = [
    ("llama3_rope_patterns", "llama3_rope/model", "llama3_rope/patterns/adapter", ["q8_0"]),
    ("qwen2_bias_bias_all", "qwen2_bias/model", "qwen2_bias/bias_all/adapter", ["f16"]),
    ("llama_tied_gqa_default", "llama_tied_gqa/model", "llama_tied_gqa/default/adapter", ["bf16"]),
    ("qwen3_default", "qwen3/model", "qwen3/default/adapter", ["f16"]),
    ("phi3_default", "phi3/model", "phi3/default/adapter", ["f16"]),
    ("phi3_longrope_default", "phi3_longrope/model", "phi3_longrope/default/adapter", ["f32"]),
]

# (fixture folder, architecture, tokenizer family, llama.cpp pre-tokenizer name, config fields): tied embeddings as
# Llama 3.2-1B and Qwen2.5-0.5B have; vocab_size beyond the tokenizer, as real checkpoints pad it.
BPE_MODELS = [
    ("llama3_bpe", "LlamaForCausalLM", "llama3", "llama-bpe",
     dict(vocab_size=2520, bos_token_id=2502, eos_token_id=2506)),
    ("qwen2_bpe", "Qwen2ForCausalLM", "qwen2", "qwen2",
     dict(vocab_size=2016, bos_token_id=None, eos_token_id=2002)),
]


def bpe_fixture(folder, arch, family, pre, fields, seed):
    import torch
    import transformers

    target = os.path.join(OUT, folder)
    model_dir = os.path.join(target, "model")
    if os.path.isdir(target):
        shutil.rmtree(target)
    os.makedirs(model_dir)
    config = getattr(transformers, arch.replace("ForCausalLM", "Config"))(
        hidden_size=16, intermediate_size=32, num_hidden_layers=2, num_attention_heads=2, num_key_value_heads=1,
        max_position_embeddings=128, tie_word_embeddings=True, **fields)
    torch.manual_seed(seed)
    getattr(transformers, arch)(config).save_pretrained(model_dir)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copy(os.path.join(DATA, "tokenizers", family, name), model_dir)
    # The converter run as it is, with only get_vocab_base_pre answered (see the header).
    runner = (
        "import runpy, sys\n"
        f"sys.path.insert(0, {CONVERTER!r})\n"
        f"sys.path.insert(1, {os.path.join(CONVERTER, 'gguf-py')!r})\n"
        "from conversion import base\n"
        f"base.TextModel.get_vocab_base_pre = lambda self, tokenizer: {pre!r}\n"
        f"sys.argv = ['convert_hf_to_gguf.py', {model_dir!r}, '--outfile', "
        f"{os.path.join(target, 'converter_f16.gguf')!r}, '--outtype', 'f16']\n"
        f"runpy.run_path({os.path.join(CONVERTER, 'convert_hf_to_gguf.py')!r}, run_name='__main__')\n")
    subprocess.run([sys.executable, "-c", runner], check=True, capture_output=True)


def quant_fixture():
    import gguf
    from safetensors.numpy import save_file

    rng = np.random.default_rng(20261203)
    x = rng.normal(0, 1, size=(8, 64)).astype(np.float32)
    x[1] = 0  # d == 0: every quant must write zeros
    x[2] = (np.arange(64, dtype=np.float32) - 32) / 2  # exact halves: the rounding rule shows
    x[3, 5] = -7.5  # the largest magnitude negative: Q4_0's scale keeps its sign
    x[4] *= 1e-3
    x[5] = rng.uniform(-1e4, 1e4, 64).astype(np.float32)
    out = {"input": x}
    for name, t in [("q8_0", gguf.GGMLQuantizationType.Q8_0), ("q4_0", gguf.GGMLQuantizationType.Q4_0),
                    ("f16", gguf.GGMLQuantizationType.F16), ("bf16", gguf.GGMLQuantizationType.BF16)]:
        out[name] = np.frombuffer(gguf.quants.quantize(x, t).tobytes(), dtype=np.uint8).copy()
    save_file(out, os.path.join(OUT, "quant.safetensors"))


def merged_fixture(folder, model_rel, adapter_rel, types, work):
    import torch
    from peft import PeftModel
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM

    model_dir = os.path.join(DATA, model_rel)
    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    merged = PeftModel.from_pretrained(base, os.path.join(DATA, adapter_rel)).merge_and_unload()
    target = os.path.join(OUT, folder)
    os.makedirs(target, exist_ok=True)
    saved = os.path.join(work, folder)
    merged.save_pretrained(saved)
    for f in ("tokenizer.model", "tokenizer_config.json"):
        if os.path.exists(os.path.join(model_dir, f)):
            shutil.copy(os.path.join(model_dir, f), saved)
    state = merged.state_dict()
    if merged.config.tie_word_embeddings:
        state.pop("lm_head.weight", None)
    if folder in MERGED_KEPT:
        save_file({k: v.contiguous() for k, v in state.items()}, os.path.join(target, "merged.safetensors"))
    for t in types:
        subprocess.run([sys.executable, os.path.join(CONVERTER, "convert_hf_to_gguf.py"), saved, "--outfile",
                        os.path.join(target, f"converter_{t}.gguf"), "--outtype", t], check=True,
                       capture_output=True)
    if folder == "llama_tied_gqa_default":
        subprocess.run([sys.executable, os.path.join(CONVERTER, "convert_lora_to_gguf.py"),
                        os.path.join(DATA, adapter_rel), "--base", model_dir, "--outfile",
                        os.path.join(target, "converter_lora.gguf"), "--outtype", "f32"], check=True,
                       capture_output=True)


def main():
    from importlib import metadata

    os.makedirs(OUT, exist_ok=True)
    quant_fixture()
    with tempfile.TemporaryDirectory() as work:
        for case in MERGES:
            merged_fixture(*case, work)
    for seed, case in enumerate(BPE_MODELS):
        bpe_fixture(*case, seed=2026 + seed)
    versions = {p: metadata.version(p) for p in ("torch", "transformers", "peft", "gguf", "llama_cpp_python",
                                                 "safetensors", "numpy")}
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump({"versions": versions, "cases": [m[0] for m in MERGES] + [b[0] for b in BPE_MODELS]}, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
