#!/usr/bin/env python3
"""Makes the contrastive (FEATURE_EXTRACTION training) reference fixture: the in-batch-negatives loss that
sentence-transformers' MultipleNegativesRankingLoss defines, on a LoRA-adapted LlamaModel, computed by Hugging Face
transformers + PEFT + torch.

Usage:  python tests/reference/make_contrastive_reference.py [OUT_DIR]
        (default OUT_DIR: tests/data/reference/contrastive)

Needs the pinned stack of tests/reference/requirements.txt (bash tests/reference/setup-venv.sh makes a venv with it);
runs on CPU in float32 in a few seconds. It shares make_task_head_reference.py's LoRA settings, model loading and
adapter randomisation (imported from it). sentence-transformers itself is not installed; the loss is written out
here in torch exactly as MultipleNegativesRankingLoss computes it with its defaults (similarity cos_sim, scale 20 =
1 / temperature 0.05, labels arange(B), cross-entropy with mean reduction).

Model: tests/data/reference/llama_tied_gqa/model (make_reference.py's Llama: tied embeddings, GQA, V 128, H 64,
2 layers) loaded with AutoModel (LlamaModel, pad_token_id 0, eager attention) in float32, eval(). It is loaded through
"../../llama_tied_gqa/model" as seen from OUT/adapter (a scratch folder with links stands in for OUT), so the saved
adapter's base_model_name_or_path is that relative path, right from the default OUT_DIR, and names no machine path.
get_peft_model(LoraConfig(r 4, lora_alpha 8, the seven projections q/k/v/o/gate/up/down_proj, dropout 0, bias none,
task_type FEATURE_EXTRACTION)); then make_task_head_reference.randomize_adapter_ with the seeded generator: lora_A
uniform +-1/sqrt(in), lora_B N(0, 0.1), in module-name order (PEFT's lora_B is zeros, which would make the adapter a
no-op). No head, nothing in modules_to_save.

Inputs, from torch.Generator().manual_seed(SEED) (SEED 5011; drawn in this order: query, positive, negative ids, each
torch.randint(3, 128, [4, T]), then the adapter): right-padded with pad id 0, bos 1 at position 0 of every row, real
tokens from [3, 128):
  query_ids     int64 [4, 8]  lengths 8, 5, 3, 6
  positive_ids  int64 [4, 9]  lengths 9, 4, 7, 2
  negative_ids  int64 [4, 7]  lengths 7, 3, 5, 6
  *_mask        int64, same shapes: 1 on the first <length> positions, 0 on padding
Each of the three batches goes through the model on its own: h = model(input_ids=ids, attention_mask=mask)
.last_hidden_state (f32 [4, T, 64]).

Embedding e = torch.nn.functional.normalize(pool(h), dim=-1) (x / max(||x||_2, 1e-12)), pool:
  mean   sum_t mask[b, t] h[b, t] / sum_t mask[b, t]   (the real positions only)
  last   h[b, mask[b].sum() - 1]                        (the last real token)
Loss, temperature 0.05: candidates = e_positive ("pairs", [4, 64]) or cat(e_positive, e_negative) ("triplets",
[8, 64]); scores = e_query @ candidates.T / 0.05; loss = cross_entropy(scores, arange(4)) (mean over the 4 queries:
query i's positive is candidate i, every other positive and every negative is a negative for it).

Variants (pool_candidates): mean_pairs, mean_triplets, last_pairs, last_triplets.

Writes
  OUT/adapter/              PeftModel.save_pretrained: adapter_config.json, adapter_model.safetensors, README.md
  OUT/expected.safetensors
      query_ids, positive_ids, negative_ids, query_mask, positive_mask, negative_mask   int64 (shapes above)
      loss.<v>           f32 [1]      the loss of variant v with the adapter active
      scores.<v>         f32 [4, 4] (pairs) or [4, 8] (triplets)   the scaled similarities (logits of the CE)
      grad.<v>.<key>     f32, for v in mean_triplets and last_pairs: d loss.<v> / d tensor for every tensor of
                         adapter_model.safetensors, named by its key there (base_model.model.layers.0.self_attn
                         .q_proj.lora_A.weight ...); gradients are zeroed before each variant
  OUT/expected.json  versions, pins, the seed, temperature and scale, the definitions in words, the lengths, the inputs
                     as lists, each variant's loss (and the loss inside disable_adapter()) as a number, the LoRA config
                     and adapter_config.json as saved, the adapter's keys and shapes, PEFT's trainable-parameters
                     line, the tensors written with their shapes, every self-check with its value and limit

Self-checks: the backbone equals the checkpoint; 14 LoRA layers; every embedding has norm 1 (within 1e-6); the loss
equals the cross-entropy recomputed in float64 from the float64 embeddings (within 1e-5) and the scores equal theirs
(within 1e-4); each padded row's embedding equals that of the row run alone without padding (within 1e-5); the adapter
changes every variant's loss (>= 1e-2 vs disable_adapter()), and the disabled adapter gives the base model's loss
before PEFT (within 1e-6); gradient keys and shapes are the adapter file's, every LoRA tensor has a gradient and it is
not all zero; PeftModel.from_pretrained of the saved folder gives the same losses (within 1e-6).

Only what HF / torch computes goes into these files. Deterministic: a second run writes the same bytes
(PYTHONHASHSEED=0, as make_reference.py: PEFT saves target_modules in set order). Exit 0 all self-checks passed,
1 one failed (after writing everything it could), 2 a package or the base model is missing or an argument is wrong.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
REFERENCE = os.path.join(REPO, "tests", "data", "reference")
DEFAULT_OUT = os.path.join(REFERENCE, "contrastive")
MADE_BY = "tests/reference/make_contrastive_reference.py"
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # importing the sibling scripts must leave no __pycache__ in the source tree
import make_reference as ref  # noqa: E402  (standard library only at module level)
import make_task_head_reference as th  # noqa: E402  (likewise; main() is guarded)

SEED = 5011
MODEL = "llama_tied_gqa"
VOCAB = 128
BOS, PAD = 1, 0
TEMPERATURE = 0.05
BATCH = 4
INPUTS = [("query", 8, [8, 5, 3, 6]), ("positive", 9, [9, 4, 7, 2]), ("negative", 7, [7, 3, 5, 6])]
VARIANTS = [("mean_pairs", "mean", "pairs"), ("mean_triplets", "mean", "triplets"),
            ("last_pairs", "last", "pairs"), ("last_triplets", "last", "triplets")]
GRAD_VARIANTS = ("mean_triplets", "last_pairs")
CASE = {"name": "contrastive", "auto": "AutoModel", "kind": "feature", "config": {"pad_token_id": PAD}}

# Self-check limits (float32, CPU).
NORM_ABS = 1e-6
CE64_ABS = 1e-5
SCORES64_ABS = 1e-4
UNPADDED_ABS = 1e-5
RELOAD_LOSS_ABS = 1e-6
SAME_ABS = 1e-6
MIN_EFFECT = 1e-2

DEFINITIONS = {
    "embedding": "e = torch.nn.functional.normalize(pool(last_hidden_state), dim=-1), i.e. x / max(||x||_2, 1e-12)",
    "pool_mean": "sum over the real positions (mask 1) of last_hidden_state[b, t], divided by their count "
                 "mask[b].sum()",
    "pool_last": "last_hidden_state[b, mask[b].sum() - 1], the last real token (inputs are right-padded)",
    "candidates_pairs": "the positives' embeddings, [4, 64]; query i's positive is candidate i",
    "candidates_triplets": "cat(positive embeddings, negative embeddings), [8, 64]; the negatives are extra "
                           "candidates for every query",
    "scores": "e_query @ candidates.T / temperature (scale 1 / 0.05 = 20)",
    "loss": "torch.nn.functional.cross_entropy(scores, arange(4)), the mean over the 4 queries of "
            "logsumexp(scores[i]) - scores[i, i]: sentence-transformers' MultipleNegativesRankingLoss with "
            "similarity_fct cos_sim and scale 20",
    "forward": "each of the three batches (query, positive, negative) is its own model(input_ids, attention_mask) "
               "call; LlamaModel with the adapter active, float32, eval()",
    "grad": "d loss.<variant> / d tensor of every adapter_model.safetensors tensor, gradients zeroed before each "
            "variant",
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir", nargs="?", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    return p.parse_args()


def make_inputs(gen):
    """{name: (ids, mask)} as the module docstring describes, drawn in INPUTS order."""
    import torch
    out = {}
    for name, seq, lengths in INPUTS:
        ids = torch.randint(3, VOCAB, (BATCH, seq), generator=gen, dtype=torch.int64)
        ids[:, 0] = BOS
        mask = torch.zeros(BATCH, seq, dtype=torch.int64)
        for row, length in enumerate(lengths):
            mask[row, :length] = 1
            ids[row, length:] = PAD
        out[name] = (ids, mask)
    return out


def pool(hidden, mask, how):
    import torch
    if how == "mean":
        m = mask.to(hidden.dtype).unsqueeze(-1)
        return (hidden * m).sum(dim=1) / m.sum(dim=1)
    last = mask.sum(dim=1) - 1
    return hidden[torch.arange(hidden.shape[0]), last]


def hidden_states(model, inputs):
    return {name: model(input_ids=ids, attention_mask=mask).last_hidden_state for name, (ids, mask) in inputs.items()}


def variant_loss(hidden, inputs, how, candidates):
    """(loss, scores, embeddings by name) of one variant from the three batches' last hidden states."""
    import torch
    emb = {name: torch.nn.functional.normalize(pool(hidden[name], inputs[name][1], how), dim=-1) for name in hidden}
    cand = emb["positive"] if candidates == "pairs" else torch.cat([emb["positive"], emb["negative"]], dim=0)
    scores = emb["query"] @ cand.T / TEMPERATURE
    loss = torch.nn.functional.cross_entropy(scores, torch.arange(BATCH))
    return loss, scores, emb


def all_losses(model, inputs):
    import torch
    with torch.no_grad():
        hidden = hidden_states(model, inputs)
        return {v: float(variant_loss(hidden, inputs, how, cand)[0]) for v, how, cand in VARIANTS}


def make(out_dir, scratch, versions, pins):
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model, get_peft_model_state_dict
    from safetensors.torch import load_file, save_file

    if os.path.isdir(out_dir):
        for stale in ("adapter", "expected.safetensors", "expected.json"):  # nothing of an older run may survive
            path = os.path.join(out_dir, stale)
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
    adapter_dir = os.path.join(out_dir, "adapter")
    os.makedirs(adapter_dir)
    # Loaded through "../../<model>/model" from <scratch>/contrastive/adapter, where <scratch>/<model> links to the
    # real folder: PEFT records that relative path, right from OUT/adapter when OUT is the default.
    load_dir = os.path.join(scratch, "contrastive", "adapter")
    os.makedirs(load_dir)
    rel_model = os.path.join("..", "..", MODEL, "model")
    checkpoint = os.path.join(REFERENCE, MODEL, "model", "model.safetensors")

    checks = ref.Checks()
    gen = torch.Generator().manual_seed(SEED)
    torch.manual_seed(SEED)
    with ref.working_dir(load_dir):
        model = th.load_model(CASE, rel_model)
    inputs = make_inputs(gen)

    saved = load_file(checkpoint)
    params = dict(model.named_parameters())
    unused = sorted(k for k in saved if not k.startswith("model."))
    wrong = [k for k, v in saved.items() if k not in unused
             and (k[len("model."):] not in params or not torch.equal(params[k[len("model."):]].detach(), v))]
    checks.fact(f"backbone equals the checkpoint ({len(saved) - len(unused)} tensors)", not wrong, wrong or "yes")

    losses_model = all_losses(model, inputs)  # the base model alone, before PEFT touches it

    peft_model = get_peft_model(model, LoraConfig(task_type="FEATURE_EXTRACTION", **th.LORA))
    nudged = th.randomize_adapter_(peft_model, gen)
    peft_model.eval()
    lora_config_dict = ref.json_safe(peft_model.peft_config["default"].to_dict())
    printed_line, formatted_line, n_trainable, n_total = ref.trainable_line(peft_model)
    checks.fact("print_trainable_parameters line", printed_line == formatted_line, repr(printed_line))
    layers = ref.lora_layers_info(peft_model)
    checks.equal("lora layer count", len(layers), 14)
    checks.equal("tensors nudged besides LoRA (no head)", len(nudged), 0)

    # Each row alone, without padding: the padded batch's embeddings must not depend on the padding.
    with torch.no_grad():
        alone = {}
        for name, (ids, mask) in inputs.items():
            rows = []
            for b in range(BATCH):
                n = int(mask[b].sum())
                rows.append(peft_model(input_ids=ids[b:b + 1, :n], attention_mask=mask[b:b + 1, :n])
                            .last_hidden_state[0])
            alone[name] = rows

    tensors = {}
    results = {}
    grad_keys_ok = True
    for v, how, cand in VARIANTS:
        peft_model.zero_grad(set_to_none=True)
        hidden = hidden_states(peft_model, inputs)
        loss, scores, emb = variant_loss(hidden, inputs, how, cand)
        want_grad = v in GRAD_VARIANTS
        if want_grad:
            loss.backward()
        loss = loss.detach()
        tensors[f"loss.{v}"] = loss.detach().reshape(1).clone()
        tensors[f"scores.{v}"] = scores.detach().clone()

        norms = torch.cat([e.detach().norm(dim=-1) for e in emb.values()])
        checks.at_most(f"{v}: embeddings have norm 1", float((norms.double() - 1).abs().max()), NORM_ABS)
        emb64 = {k: e.detach().double() for k, e in emb.items()}
        cand64 = emb64["positive"] if cand == "pairs" else torch.cat([emb64["positive"], emb64["negative"]])
        scores64 = emb64["query"] @ cand64.T / TEMPERATURE
        ce64 = float((torch.logsumexp(scores64, dim=1) - scores64.diagonal()).mean())
        checks.at_most(f"{v}: loss == cross-entropy recomputed in float64", abs(float(loss) - ce64), CE64_ABS)
        checks.at_most(f"{v}: scores == float64 scores", ref.max_abs_diff(scores.detach(), scores64), SCORES64_ABS)
        checks.equal(f"{v}: scores shape", list(scores.shape), [BATCH, BATCH if cand == "pairs" else 2 * BATCH])
        worst = 0.0
        for name in inputs:
            for b in range(BATCH):
                h1 = alone[name][b].unsqueeze(0)
                m1 = torch.ones(1, h1.shape[1], dtype=torch.int64)
                e1 = torch.nn.functional.normalize(pool(h1, m1, how), dim=-1)[0]
                worst = max(worst, ref.max_abs_diff(emb[name][b].detach(), e1))
        checks.at_most(f"{v}: padded embeddings == each row run alone", worst, UNPADDED_ABS)

        info = {"pooling": how, "candidates": cand, "loss": float(loss), "loss_float64": ce64,
                "scores_shape": list(scores.shape)}
        if want_grad:
            grads = {n: p.grad.detach().clone() for n, p in peft_model.named_parameters(remove_duplicate=False)
                     if p.requires_grad and p.grad is not None}
            no_grad = [n for n, p in peft_model.named_parameters() if p.requires_grad and p.grad is None]
            checks.fact(f"{v}: every trainable tensor has a gradient", not no_grad, no_grad or "yes")
            grad_by_key = get_peft_model_state_dict(peft_model, state_dict=grads, save_embedding_layers=False)
            zero = sorted(k for k, g in grad_by_key.items() if not bool(g.abs().max() > 0))
            checks.fact(f"{v}: no gradient is all zero", not zero, zero or "yes")
            for key in sorted(grad_by_key):
                tensors[f"grad.{v}.{key}"] = grad_by_key[key]
            results.setdefault("_grad_keys", {})[v] = grad_by_key
            info["grad_abs_max"] = max(float(g.abs().max()) for g in grad_by_key.values())
        results[v] = info
    peft_model.zero_grad(set_to_none=True)

    with peft_model.disable_adapter():
        losses_base = all_losses(peft_model, inputs)
    for v, _, _ in VARIANTS:
        results[v]["loss_adapter_disabled"] = losses_base[v]
        checks.at_least(f"{v}: adapter changes the loss (vs disable_adapter())",
                        abs(results[v]["loss"] - losses_base[v]), MIN_EFFECT)
        checks.at_most(f"{v}: disabled adapter loss == base model alone", abs(losses_base[v] - losses_model[v]),
                       SAME_ABS)

    peft_model.save_pretrained(adapter_dir, safe_serialization=True, save_embedding_layers=False)
    adapter_file = os.path.join(adapter_dir, "adapter_model.safetensors")
    adapter_keys = ref.safetensors_keys(adapter_file)
    with open(os.path.join(adapter_dir, "adapter_config.json"), encoding="utf-8") as f:
        adapter_config = json.load(f)
    for v, grad_by_key in results.pop("_grad_keys").items():
        only_grad = sorted(set(grad_by_key) - set(adapter_keys))
        only_file = sorted(set(adapter_keys) - set(grad_by_key))
        same_keys = not only_grad and not only_file
        grad_keys_ok = grad_keys_ok and same_keys
        checks.fact(f"{v}: gradient keys == adapter file keys ({len(adapter_keys)})", same_keys,
                    "yes" if same_keys else f"only gradients {only_grad}, only file {only_file}")
        bad_shapes = [k for k, g in grad_by_key.items() if k in adapter_keys and list(g.shape) != adapter_keys[k]]
        checks.fact(f"{v}: gradient shapes == adapter tensor shapes", not bad_shapes, bad_shapes or "yes")
    checks.equal("task_type in adapter_config.json", adapter_config.get("task_type"), "FEATURE_EXTRACTION")
    checks.equal("modules_to_save in adapter_config.json", adapter_config.get("modules_to_save"), None)
    checks.equal("base_model_name_or_path in adapter_config.json", adapter_config.get("base_model_name_or_path"),
                 "../../" + MODEL + "/model")

    # The saved folder, loaded afresh, gives the same losses.
    torch.manual_seed(SEED)
    with ref.working_dir(load_dir):
        fresh = th.load_model(CASE, rel_model)
    reloaded = PeftModel.from_pretrained(fresh, adapter_dir)
    reloaded.eval()
    losses_reloaded = all_losses(reloaded, inputs)
    checks.at_most("reloaded adapter losses", max(abs(losses_reloaded[v] - results[v]["loss"]) for v, _, _ in VARIANTS),
                   RELOAD_LOSS_ABS)
    del reloaded, fresh

    for name, (ids, mask) in inputs.items():
        tensors[f"{name}_ids"] = ids
        tensors[f"{name}_mask"] = mask
    tensors = {k: v.contiguous() for k, v in sorted(tensors.items())}
    save_file(tensors, os.path.join(out_dir, "expected.safetensors"), metadata={"format": "pt"})

    info = {
        "made_by": MADE_BY,
        "description": "sentence-transformers' MultipleNegativesRankingLoss (in-batch negatives, scale 1 / "
                       "temperature) on LoRA-adapted LlamaModel embeddings, as FEATURE_EXTRACTION training computes "
                       "it",
        "versions": versions,
        "pinned": pins,
        "architecture": type(model).__name__,
        "auto_class": "AutoModel",
        "base_model": f"tests/data/reference/{MODEL}/model",
        "pad_token_id": PAD,
        "bos_token_id": BOS,
        "seed": SEED,
        "temperature": TEMPERATURE,
        "scale": 1.0 / TEMPERATURE,
        "definitions": DEFINITIONS,
        "lengths": {name: lengths for name, _, lengths in INPUTS},
        "shapes": {name: [BATCH, seq] for name, seq, _ in INPUTS},
        "inputs": {f"{name}_{kind}": t.tolist() for name, (ids, mask) in inputs.items()
                   for kind, t in (("ids", ids), ("mask", mask))},
        "variants": results,
        "grad_variants": list(GRAD_VARIANTS),
        "lora_config": lora_config_dict,
        "adapter_config": adapter_config,
        "adapter_init": {"lora_A": "uniform(-1/sqrt(in), 1/sqrt(in))", "lora_B": f"normal(0, {th.LORA_B_STD})",
                         "generator": f"torch.Generator().manual_seed({SEED}), after the inputs, in module-name "
                                      "order (make_task_head_reference.randomize_adapter_)"},
        "lora_layers": layers,
        "trainable_params": n_trainable,
        "all_params": n_total,
        "trainable_line": formatted_line,
        "adapter_tensors": adapter_keys,
        "expected_tensors": {k: {"dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape)}
                             for k, v in tensors.items()},
        "tolerances_fp32": {"loss_abs": 1e-5, "scores_abs": 1e-4, "grad_rel": 1e-4},
        "checks": checks.items,
        "problems": checks.problems,
    }
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    for v, _, _ in VARIANTS:
        print(f"{v:14s} loss {results[v]['loss']:.6f} (adapter off {results[v]['loss_adapter_disabled']:.6f})")
    print(f"{formatted_line}; {len(adapter_keys)} adapter tensors")
    for line in checks.lines():
        print(line)
    return checks.problems


def main():
    args = parse_args()
    ref.rerun_with_fixed_hash_seed()
    try:
        import torch
        import transformers
        import peft  # noqa: F401
        import safetensors  # noqa: F401
        versions = ref.hf_versions()
    except ImportError as e:
        return ref.missing_packages(e)
    if not os.path.isfile(os.path.join(REFERENCE, MODEL, "model", "model.safetensors")):
        print(f"error: no base model at tests/data/reference/{MODEL}/model; make it with make_reference.py",
              file=sys.stderr)
        return 2
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True, warn_only=True)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions.get(k), v) for k, v in pins.items()
               if k in versions and (versions.get(k) or "").split("+")[0] != v}
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    os.makedirs(args.out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.symlink(os.path.join(REFERENCE, MODEL), os.path.join(scratch, MODEL))
        problems = make(args.out_dir, scratch, versions, pins)
    print(f"wrote {args.out_dir}: {ref.folder_size(args.out_dir) / 1024:.0f} KiB")
    if problems:
        for p in problems:
            print(f"FAILED: {p}", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
