#!/usr/bin/env python3
"""Makes the golden reference fixtures for LoRA Workbench with Hugging Face transformers + PEFT themselves.

Usage:  python3 tests/reference/make_reference.py [OUT_DIR]        (default: tests/data/reference)

Needs torch, transformers, peft and safetensors (sentencepiece too, for the tokenizer.model); runs on CPU in
float32 and takes well under a minute. The GPU machine has all of them (see tests/gpu/check.sh, which calls this).

For each case below it writes
  OUT/<case>/model/            the tiny random base model, saved by save_pretrained (config.json, model.safetensors)
                               plus a tiny sentencepiece tokenizer.model, so that the folder is a complete model
  OUT/<case>/adapter/          the PEFT adapter, saved by PeftModel.save_pretrained (adapter_config.json,
                               adapter_model.safetensors, README.md)
  OUT/<case>/expected.safetensors
      input_ids     int64 [2, 12]   the fixed input
      logits_model  f32 [2, 12, V]  the base model alone, before PEFT touched it
      logits_base   f32 [2, 12, V]  the PEFT model inside disable_adapter() (differs from logits_model only when
                                    bias != "none", because then the adapter carries its own biases)
      logits_lora   f32 [2, 12, V]  the PEFT model with the adapter active
      loss          f32 [1]         model(input_ids, labels=input_ids).loss with the adapter active
      loss_base     f32 [1]         the same inside disable_adapter()
      grad.<key>    f32             d loss / d tensor, for every tensor of adapter_model.safetensors, named by its
                                    key there (e.g. grad.base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight)
  OUT/<case>/expected.json    versions, configs, PEFT's trainable-parameters line, and self-checks (merge_and_unload
                              and a reload of the saved files give the same logits).
  OUT/index.json              the list of cases, versions, and whether every self-check passed.

Only what HF computes goes into these files; nothing here re-implements a formula. The script exits non-zero
if any self-check fails, after writing everything it could.
"""

import argparse
import contextlib
import io
import json
import math
import os
import platform
import shutil
import sys
import tempfile
import traceback

# The seven projections of a Llama-family decoder layer; PEFT matches each as a suffix of a module name.
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
BATCH, SEQ = 2, 12
LORA_R, LORA_ALPHA = 4, 8
LORA_B_STD = 0.1     # lora_B is random (not PEFT's zeros) so that the adapter changes the output and has gradients
BIAS_NUDGE_STD = 0.1  # with bias="lora_only" the targeted biases are nudged, so the adapter file's copy matters

# The cases. Shapes differ between cases (and in/out sizes differ within each) so that a transposed or swapped
# weight cannot pass by accident. Every model gets bos=1, eos=2 to match the sentencepiece model made below.
CASES = [
    {
        "name": "llama_tied_gqa",
        "doc": "Llama, tied input/output embeddings, grouped-query attention (4 query heads, 2 kv heads)",
        "arch": "LlamaForCausalLM",
        "seed": 1001,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=True),
        "rope": {"rope_type": "default", "rope_theta": 10000.0},
        "lora": dict(use_rslora=False, bias="none"),
    },
    {
        "name": "llama3_rope",
        # With head_dim 16 and theta 500000 the rotary wavelengths are 6.3, 32.5, 169, ... positions; an original
        # context of 64 puts them in all three branches of the llama3 rule (kept < 16, smoothed in 16..64, / 8).
        "doc": "Llama with rope scaling type llama3 (factor 8, low 1, high 4, original context 64), untied, "
               "rsLoRA (scaling alpha/sqrt(r))",
        "arch": "LlamaForCausalLM",
        "seed": 1002,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=112, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=1, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False),
        "rope": {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0,
                 "high_freq_factor": 4.0, "original_max_position_embeddings": 64},
        "lora": dict(use_rslora=True, bias="none"),
    },
    {
        "name": "qwen2_bias",
        "doc": "Qwen2: q/k/v projections with biases, GQA, untied; adapter with bias='lora_only' (the targeted "
               "biases train and are saved in the adapter)",
        "arch": "Qwen2ForCausalLM",
        "seed": 1003,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=80, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-6, tie_word_embeddings=False, use_sliding_window=False),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "lora": dict(use_rslora=False, bias="lora_only"),
    },
    {
        "name": "mistral",
        "doc": "Mistral (no sliding window, as in v0.2+), 6 query heads of 8 dims, 2 kv heads",
        "arch": "MistralForCausalLM",
        "seed": 1004,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=80, num_hidden_layers=2,
                       num_attention_heads=6, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False, sliding_window=None),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "lora": dict(use_rslora=False, bias="none"),
    },
]

# Text for the tiny tokenizer: the Alpaca template of DESIGN.md plus some ordinary sentences, so that the
# template tokenizes into a reasonable number of pieces. "\n" is a user-defined piece (real Llama tokenizers
# reach it through byte fallback, which does not fit into a 128-entry vocabulary).
TOKENIZER_TEXT = """Below is an instruction that describes a task. Write a response that appropriately completes the request.
Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request.
### Instruction:
### Input:
### Response:
The quick brown fox jumps over the lazy dog.
Pack my box with five dozen liquor jugs!
How vexingly quick daft zebras jump?
Name the colour of the sky: it is blue. The grass is green, 0 1 2 3 4 5 6 7 8 9.
What is 2 + 3? It is 5. Reverse the word cat: tac. Say hello, world - and goodbye.
"""


def parse_args():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "data", "reference"))
    p = argparse.ArgumentParser(description="Make the HF transformers + PEFT reference fixtures.")
    p.add_argument("out_dir", nargs="?", default=default_out, help="output folder (default: %(default)s)")
    p.add_argument("--cases", default="", help="comma-separated subset of: " + ", ".join(c["name"] for c in CASES))
    return p.parse_args()


def hf_versions():
    import peft
    import safetensors
    import torch
    import transformers
    return {"python": platform.python_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "peft": peft.__version__,
            "safetensors": getattr(safetensors, "__version__", "?")}


def transformers_major():
    import transformers
    return int(transformers.__version__.split(".")[0])


def make_config(config_cls, fields, rope):
    """transformers 5 keeps every rotary setting in rope_parameters; 4.x had rope_theta + rope_scaling."""
    kwargs = dict(fields, bos_token_id=1, eos_token_id=2, pad_token_id=None)
    if transformers_major() >= 5:
        kwargs["rope_parameters"] = dict(rope)
    else:
        rope = dict(rope)
        kwargs["rope_theta"] = rope.pop("rope_theta")
        if rope.get("rope_type", "default") != "default":
            kwargs["rope_scaling"] = rope
    return config_cls(**kwargs)


def dtype_kwargs(torch_dtype):
    """from_pretrained took torch_dtype= before 4.56 and takes dtype= since (5.x warns about the old name)."""
    import transformers
    from packaging.version import Version
    if Version(transformers.__version__.split("+")[0]) >= Version("4.56.0"):
        return {"dtype": torch_dtype}
    return {"torch_dtype": torch_dtype}


def save_base_model(model, folder):
    # transformers 5 always writes safetensors and removed the safe_serialization argument; 4.x needs it said.
    if transformers_major() >= 5:
        model.save_pretrained(folder)
    else:
        model.save_pretrained(folder, safe_serialization=True)


def load_base_model(model_cls, folder):
    import torch
    # Eager attention is the plain softmax(QK^T/sqrt(d))V; SDPA agrees to ~1e-7 but eager is the textbook reference.
    model = model_cls.from_pretrained(folder, attn_implementation="eager", **dtype_kwargs(torch.float32))
    model.eval()
    return model


def randomize_(model, gen):
    """Replaces HF's init (std 0.02 everywhere, norms at 1) by one that makes every part of the network matter:
    weights N(0, 1/fan_in) keep activations at unit scale so attention is not uniform (a RoPE or mask bug shows),
    norm weights 1 + N(0, 0.1) (a missing norm weight shows), biases N(0, 0.5)."""
    import torch
    with torch.no_grad():
        for name, p in model.named_parameters():  # named_parameters() yields a tied weight once
            noise = torch.randn(p.shape, generator=gen, dtype=torch.float32)
            if "norm" in name:
                p.copy_(1.0 + 0.1 * noise)
            elif name.endswith(".bias"):
                p.copy_(0.5 * noise)
            elif p.dim() == 2:
                p.copy_(noise / math.sqrt(p.shape[1]))
            else:
                raise RuntimeError("unexpected parameter " + name)


def randomize_lora_(peft_model, gen, nudge_biases):
    """lora_A as PEFT's own default (uniform +-1/sqrt(in)), lora_B random instead of zero; optionally nudges the
    biases of the wrapped layers (bias='lora_only' trains and saves exactly those)."""
    import torch
    from peft.tuners.lora import LoraLayer
    with torch.no_grad():
        for _, module in sorted(peft_model.named_modules(), key=lambda item: item[0]):
            if not isinstance(module, LoraLayer):
                continue
            a = module.lora_A["default"].weight
            b = module.lora_B["default"].weight
            bound = 1.0 / math.sqrt(a.shape[1])
            a.copy_((torch.rand(a.shape, generator=gen) * 2.0 - 1.0) * bound)
            b.copy_(torch.randn(b.shape, generator=gen) * LORA_B_STD)
            bias = getattr(module.get_base_layer(), "bias", None)
            if nudge_biases and bias is not None:
                bias.add_(torch.randn(bias.shape, generator=gen) * BIAS_NUDGE_STD)


def trainable_line(peft_model):
    """PEFT's own line, captured from print_trainable_parameters(), and the same built from
    get_nb_trainable_parameters() with PEFT's format string (peft_model.py): the two must agree."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        peft_model.print_trainable_parameters()
    printed = buf.getvalue().strip()
    trainable, total = peft_model.get_nb_trainable_parameters()
    formatted = (f"trainable params: {trainable:,d} || all params: {total:,d} || "
                 f"trainable%: {100 * trainable / total:.4f}")
    return printed, formatted, int(trainable), int(total)


def json_safe(value):
    """Configs hold sets, enums and dtypes; JSON wants lists and strings."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, set):
        return sorted(json_safe(v) for v in value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def safetensors_keys(path):
    from safetensors import safe_open
    with safe_open(path, framework="pt") as f:
        return {k: list(f.get_slice(k).get_shape()) for k in f.keys()}


def train_tokenizer(work_dir):
    """A 128-piece unigram sentencepiece model (ids 0 unk, 1 bos, 2 eos, as the configs say). Returns its path or
    None when sentencepiece is missing (the fixtures stay usable for logits; the model folders then lack it)."""
    try:
        import sentencepiece as spm
    except ImportError:
        print("WARN: python sentencepiece missing: the model folders get no tokenizer.model", file=sys.stderr)
        return None
    text_path = os.path.join(work_dir, "tokenizer_text.txt")
    with open(text_path, "w", encoding="utf-8") as f:
        f.write(TOKENIZER_TEXT)
    prefix = os.path.join(work_dir, "tokenizer")
    spm.SentencePieceTrainer.train(
        input=text_path, model_prefix=prefix, vocab_size=128, model_type="unigram", character_coverage=1.0,
        hard_vocab_limit=False, normalization_rule_name="identity", remove_extra_whitespaces=False,
        user_defined_symbols=["\n"], unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1,
        shuffle_input_sentence=False, minloglevel=2)
    return prefix + ".model"


@contextlib.contextmanager
def working_dir(path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def max_abs_diff(a, b):
    return float((a.double() - b.double()).abs().max().item())


def make_case(case, out_dir, tokenizer_path, versions):
    """Builds one case; returns (summary dict, list of failed self-checks)."""
    import torch
    import transformers
    from peft import LoraConfig, PeftModel, get_peft_model, get_peft_model_state_dict
    from safetensors.torch import save_file

    name = case["name"]
    case_dir = os.path.join(out_dir, name)
    model_dir = os.path.join(case_dir, "model")
    adapter_dir = os.path.join(case_dir, "adapter")
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)  # stale files from an older run must not survive next to new ones
    os.makedirs(case_dir)
    problems = []

    model_cls = getattr(transformers, case["arch"])
    config_cls = getattr(transformers, case["arch"].replace("ForCausalLM", "Config"))
    gen = torch.Generator().manual_seed(case["seed"])
    torch.manual_seed(case["seed"])  # anything HF or PEFT draws from the global RNG repeats too

    # 1. The base model: built from its config, randomized, saved, then reloaded from disk so that everything
    #    below is computed from exactly the files the engine will read.
    config = make_config(config_cls, case["config"], case["rope"])
    fresh = model_cls(config)
    randomize_(fresh, gen)
    save_base_model(fresh, model_dir)
    del fresh
    if tokenizer_path:
        shutil.copyfile(tokenizer_path, os.path.join(model_dir, "tokenizer.model"))
    # Loaded through the path "../model" as seen from the adapter folder: PEFT writes the base model's
    # name_or_path into adapter_config.json and README.md, and this way the committed files name no machine path.
    os.makedirs(adapter_dir)
    with working_dir(adapter_dir):
        base = load_base_model(model_cls, os.path.join("..", "model"))
    vocab = base.config.vocab_size
    input_ids = torch.randint(0, vocab, (BATCH, SEQ), generator=gen, dtype=torch.int64)
    with torch.no_grad():
        logits_model = base(input_ids=input_ids).logits.detach().clone()

    # 2. The adapter.
    lora_config = LoraConfig(r=LORA_R, lora_alpha=LORA_ALPHA, target_modules=list(TARGETS), lora_dropout=0.0,
                             bias=case["lora"]["bias"], use_rslora=case["lora"]["use_rslora"],
                             task_type="CAUSAL_LM", init_lora_weights=True)
    peft_model = get_peft_model(base, lora_config)
    randomize_lora_(peft_model, gen, nudge_biases=case["lora"]["bias"] != "none")
    peft_model.eval()
    # Configs are read now: merge_and_unload below takes the PEFT wrapper apart.
    model_config_dict = json_safe(base.config.to_dict())
    lora_config_dict = json_safe(peft_model.peft_config["default"].to_dict())
    printed_line, formatted_line, n_trainable, n_total = trainable_line(peft_model)
    if printed_line != formatted_line:
        problems.append(f"print_trainable_parameters printed {printed_line!r}, expected {formatted_line!r}")

    # 3. Forward with the adapter, loss, backward: gradients of every trainable tensor.
    peft_model.zero_grad(set_to_none=True)
    out = peft_model(input_ids=input_ids, labels=input_ids)
    out.loss.backward()
    logits_lora = out.logits.detach().clone()
    loss = out.loss.detach().reshape(1).clone()
    grads = {n: p.grad.detach().clone() for n, p in peft_model.named_parameters()
             if p.requires_grad and p.grad is not None}
    no_grad = [n for n, p in peft_model.named_parameters() if p.requires_grad and p.grad is None]
    if no_grad:
        problems.append("trainable tensors without a gradient: " + ", ".join(no_grad))

    with torch.no_grad(), peft_model.disable_adapter():
        out_base = peft_model(input_ids=input_ids, labels=input_ids)
    logits_base = out_base.logits.detach().clone()
    loss_base = out_base.loss.detach().reshape(1).clone()

    # 4. Save the adapter the way users do; PEFT's save_embedding_layers="auto" would probe the base model path
    #    (and possibly the Hub), so it is switched off: no embedding is targeted here.
    peft_model.save_pretrained(adapter_dir, safe_serialization=True, save_embedding_layers=False)
    adapter_file = os.path.join(adapter_dir, "adapter_model.safetensors")
    adapter_keys = safetensors_keys(adapter_file)

    # Gradients named as in the adapter file: PEFT's own key mapping (drops ".default", handles biases),
    # applied to the gradient dict instead of the weights.
    grad_by_key = get_peft_model_state_dict(peft_model, state_dict=grads, save_embedding_layers=False)
    if set(grad_by_key) != set(adapter_keys):
        problems.append("gradient keys differ from adapter keys: only in gradients "
                        f"{sorted(set(grad_by_key) - set(adapter_keys))}, only in adapter "
                        f"{sorted(set(adapter_keys) - set(grad_by_key))}")
    for key, g in grad_by_key.items():
        if key in adapter_keys and list(g.shape) != adapter_keys[key]:
            problems.append(f"gradient {key} has shape {list(g.shape)}, the adapter tensor {adapter_keys[key]}")

    # 5. Self-checks. (a) The adapter must change the output, or the fixture tests nothing.
    lora_effect = max_abs_diff(logits_lora, logits_base)
    if lora_effect < 1e-2:
        problems.append(f"the adapter barely changes the logits (max diff {lora_effect:.3g})")
    # (b) Disabling a bias='none' adapter gives back the base model exactly.
    base_vs_model = max_abs_diff(logits_base, logits_model)
    if case["lora"]["bias"] == "none" and base_vs_model > 1e-6:
        problems.append(f"disabled adapter differs from the base model by {base_vs_model:.3g}")
    # (c) The saved files, loaded afresh (what the engine does), give the same logits and loss.
    reloaded = PeftModel.from_pretrained(load_base_model(model_cls, model_dir), adapter_dir)
    reloaded.eval()
    with torch.no_grad():
        out_reloaded = reloaded(input_ids=input_ids, labels=input_ids)
    reload_diff = max_abs_diff(out_reloaded.logits, logits_lora)
    reload_loss_diff = abs(float(out_reloaded.loss) - float(loss))
    if reload_diff > 1e-5 or reload_loss_diff > 1e-6:
        problems.append(f"reloaded adapter differs: logits {reload_diff:.3g}, loss {reload_loss_diff:.3g}")
    del reloaded
    # (d) merge_and_unload (W0 += scaling * B @ A) gives the adapter's logits.
    merged = peft_model.merge_and_unload()
    merged.eval()
    with torch.no_grad():
        logits_merged = merged(input_ids=input_ids).logits
    merge_diff = max_abs_diff(logits_merged, logits_lora)
    if merge_diff > 1e-4:
        problems.append(f"merge_and_unload logits differ from the adapter's by {merge_diff:.3g}")

    # 6. Write the expected values.
    tensors = {"input_ids": input_ids.contiguous(), "logits_model": logits_model.contiguous(),
               "logits_base": logits_base.contiguous(), "logits_lora": logits_lora.contiguous(),
               "loss": loss.contiguous(), "loss_base": loss_base.contiguous()}
    for key in sorted(grad_by_key):
        tensors["grad." + key] = grad_by_key[key].contiguous()
    save_file(tensors, os.path.join(case_dir, "expected.safetensors"), metadata={"format": "pt"})

    scaling = LORA_ALPHA / (math.sqrt(LORA_R) if case["lora"]["use_rslora"] else LORA_R)
    info = {
        "case": name,
        "description": case["doc"],
        "architecture": case["arch"],
        "seed": case["seed"],
        "versions": versions,
        "input_shape": [BATCH, SEQ],
        "model_config": model_config_dict,
        "lora_config": lora_config_dict,
        "lora_scaling": scaling,
        "lora_init": {"lora_A": "uniform(-1/sqrt(in), 1/sqrt(in))", "lora_B": f"normal(0, {LORA_B_STD})",
                      "biases_nudged": case["lora"]["bias"] != "none"},
        "trainable_params": n_trainable,
        "all_params": n_total,
        "trainable_line": formatted_line,
        "printed_trainable_line": printed_line,
        "loss": float(loss),
        "loss_base": float(loss_base),
        "checks": {
            "lora_effect_max_abs": lora_effect,
            "base_vs_model_max_abs": base_vs_model,
            "reload_max_abs_diff": reload_diff,
            "reload_loss_abs_diff": reload_loss_diff,
            "merge_max_abs_diff": merge_diff,
        },
        "suggested_tolerances_fp32": {"logits_abs": 1e-4, "loss_abs": 1e-5, "grad_rel": 1e-3},
        "model_tensors": safetensors_keys(os.path.join(model_dir, "model.safetensors")),
        "adapter_tensors": adapter_keys,
        "expected_tensors": {k: list(v.shape) for k, v in tensors.items()},
        "problems": problems,
    }
    with open(os.path.join(case_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{name}: loss {float(loss):.6f} (adapter off {float(loss_base):.6f}); {formatted_line}; "
          f"reload diff {reload_diff:.2e}, merge diff {merge_diff:.2e}"
          + ("" if not problems else "; PROBLEMS: " + " | ".join(problems)))
    return {"case": name, "ok": not problems, "problems": problems, "trainable_line": formatted_line}, problems


def folder_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def main():
    args = parse_args()
    try:
        import torch
        versions = hf_versions()
    except ImportError as e:
        print(f"error: {e}. This script needs torch, transformers, peft and safetensors (the GPU machine has "
              "them; see tests/reference/README.md).", file=sys.stderr)
        return 2
    cases = CASES
    if args.cases:
        wanted = [c.strip() for c in args.cases.split(",") if c.strip()]
        unknown = [w for w in wanted if w not in {c["name"] for c in CASES}]
        if unknown:
            print(f"error: unknown case(s) {unknown}; choose from {[c['name'] for c in CASES]}", file=sys.stderr)
            return 2
        cases = [c for c in CASES if c["name"] in wanted]

    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True, warn_only=True)
    os.makedirs(args.out_dir, exist_ok=True)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))

    summaries, failed = [], 0
    with tempfile.TemporaryDirectory() as work:
        try:
            tokenizer_path = train_tokenizer(work)
        except Exception:  # a tokenizer problem must not cost the logits fixtures
            traceback.print_exc()
            tokenizer_path = None
        for case in cases:
            try:
                summary, problems = make_case(case, args.out_dir, tokenizer_path, versions)
            except Exception:
                traceback.print_exc()
                summary, problems = {"case": case["name"], "ok": False, "problems": ["exception, see log"]}, [1]
            summaries.append(summary)
            failed += bool(problems)

    size = folder_size(args.out_dir)
    index = {"versions": versions, "cases": summaries, "total_bytes": size,
             "tokenizer": "tokenizer.model in each model folder" if tokenizer_path else "none"}
    with open(os.path.join(args.out_dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print(f"wrote {args.out_dir} ({size / 1024:.0f} KiB)")
    if size > 2 * 1024 * 1024:
        print("WARN: the fixtures exceed 2 MiB", file=sys.stderr)
    if failed:
        print(f"FAILED: {failed} case(s) have problems (see above and expected.json)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
