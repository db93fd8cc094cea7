#!/usr/bin/env python3
"""Makes the task-head reference fixtures: LoRA on sequence / token classification, question answering and feature
extraction models, computed by Hugging Face transformers + PEFT themselves.

Usage:  python tests/reference/make_task_head_reference.py [OUT_DIR] [--cases a,b]
        (default OUT_DIR: tests/data/reference/task_heads)

Needs the pinned stack of tests/reference/requirements.txt (bash tests/reference/setup-venv.sh makes a venv with it);
runs on CPU in float32 in a few seconds. The base models are make_reference.py's, read where they lie:
tests/data/reference/llama_tied_gqa/model (Llama, tied embeddings, GQA, V 128, H 64) and
tests/data/reference/qwen2_bias/model (Qwen2 with q/k/v biases). They are loaded through the path
"../../../<model case>/model" as seen from OUT/<case>/adapter (a scratch folder with links stands in for OUT), so the
adapter's base_model_name_or_path is that relative path whatever OUT_DIR is, and names no machine path.

Every case loads the base model with the case's Auto class (the task head, missing from the causal-LM checkpoint, is
initialised by transformers under the case's seed), wraps it with get_peft_model(LoraConfig(r 4, alpha 8, the seven
projections q/k/v/o/gate/up/down, dropout 0, bias none, task_type)), and makes the adapter matter: lora_A uniform
+-1/sqrt(in) and lora_B N(0, 0.1) drawn from a seeded generator (PEFT's lora_B is zeros), and every tensor of the task
head's trainable copy (PEFT's modules_to_save) gets + N(0, 0.1), so the saved copy differs from the original head.
Everything runs in eval() mode (LlamaForTokenClassification's dropout, p 0.1, is off).

Inputs (all cases): B 3, T 10, right-padded with the case's pad id, bos 1 at position 0:
  row 0  10 real tokens, no padding
  row 1  7 real tokens, the pad id also at position 3 among them (a real token, attention 1), then 3 pads: the
         rightmost non-pad token (6) is not the token before the first pad (2)
  row 2  4 real tokens, then 6 pads
  seq_cls_qwen2 (pad id 2 = eos): rows 1 and 2 end their real tokens with eos, so their rightmost non-pad token is
  the one before that eos (attention-mask length - 2), not the last attended one.

For each case it writes
  OUT/<case>/adapter/              PeftModel.save_pretrained: adapter_config.json, adapter_model.safetensors, README.md
  OUT/<case>/expected.safetensors
      input_ids        int64 [3, 10]
      attention_mask   int64 [3, 10]   1 on real tokens, 0 on padding
      labels           the labels passed (seq_cls: int64 [3] or f32 [3, C] multi-hot or f32 [3] regression targets;
                       token_cls: int64 [3, 10] with -100 on padding and a few real positions)
      start_positions, end_positions   int64 [3] (question_ans; end_positions[2] = 12 > T, clamped by transformers)
      logits_lora      f32 the model's logits with the adapter active: [3, C] for seq_cls (pooled), [3, 10, C] for
                       token_cls; question_ans: start_logits_lora, end_logits_lora f32 [3, 10]
      logits_base      the same inside disable_adapter() (start_logits_base, end_logits_base for question_ans)
      last_hidden_state_lora, last_hidden_state_base   f32 [3, 10, 64] (feature_extraction)
      pooled_index     int64 [3] (seq_cls) the position whose score output transformers returned for each row
                       (read off a hook on the head, not computed by a rule)
      probe            f32 [64] (feature_extraction) the fixed vector of its scalar loss, see below
      loss             f32 [1] with the adapter active: model(input_ids, attention_mask=..., labels=...).loss
                       (start_positions=/end_positions= for question_ans)
      loss_base        f32 [1] the same inside disable_adapter()
      grad.<key>       f32 d loss / d tensor for every tensor of adapter_model.safetensors, named by its key there
      head_original.<param>   f32 the task head as transformers initialised it (before PEFT made its trainable
                       copy), named as in the transformers model (head_original.score.weight): with it the engine
                       reproduces logits_base
  OUT/<case>/expected.json   versions, the model and head config (num_labels, problem_type as configured and as
                       transformers inferred it, pad_token_id, id2label if given), the LoRA config, adapter_config.json
                       as saved (modules_to_save, task_type), the adapter's keys and shapes, the head's parameter
                       names, the backbone's parameter prefix, PEFT's trainable-parameters line, losses, the inputs
                       as lists, and every self-check with its value and limit
  OUT/index.json       versions, pins, every case with ok (written only when all cases are made, not with --cases)

Cases: seq_cls_single (LlamaForSequenceClassification, 3 labels, id2label, single_label_classification, CE),
seq_cls_multi (multi_label_classification, BCE), seq_cls_regression (1 label, problem_type unset -> regression, MSE),
seq_cls_qwen2 (Qwen2ForSequenceClassification, 2 labels, problem_type unset -> single_label_classification, pad = eos),
token_cls (LlamaForTokenClassification, 5 labels), question_ans (LlamaForQuestionAnswering), feature_extraction
(LlamaModel with task_type FEATURE_EXTRACTION: PEFT saves no head; the "loss" is the scalar
mean_b( normalize(last_hidden_state[b, L_b - 1]) . probe ), L_b = attention_mask[b].sum(), normalize = x / max(||x||_2,
1e-12) as torch.nn.functional.normalize, probe ~ N(0, 1) from the case's generator).

question_ans: transformers 5.24's LlamaForQuestionAnswering keeps its backbone under "transformer." (base_model_prefix),
so from_pretrained of a causal-LM checkpoint ("model.*") loads none of it and initialises the whole model at random.
The script loads it with key_mapping {"^model\\.": "transformer."} and checks every backbone tensor against the file.

Only what HF computes goes into these files. Deterministic: a second run writes the same bytes (PYTHONHASHSEED=0, as
make_reference.py: PEFT saves target_modules in set order). Exit 0 all self-checks passed, 1 one failed (after
writing everything it could), 2 a package is missing or an argument is wrong.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import traceback
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
REFERENCE = os.path.join(REPO, "tests", "data", "reference")
DEFAULT_OUT = os.path.join(REFERENCE, "task_heads")
MADE_BY = "tests/reference/make_task_head_reference.py"
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # importing the sibling script must leave no __pycache__ in the source tree
import make_reference as ref  # noqa: E402  (imports only the standard library at module level; main() is guarded)

BATCH, SEQ = 3, 10
LORA = dict(r=4, lora_alpha=8, target_modules=list(ref.TARGETS), lora_dropout=0.0, bias="none")
LORA_B_STD = 0.1      # lora_B random (not PEFT's zeros): the adapter changes the output and has gradients
HEAD_NUDGE_STD = 0.1  # + N(0, 0.1) on each tensor of the head's trainable copy (transformers: N(0, 0.02), bias 0)
BOS = 1
QA_OUT_OF_RANGE = 12  # an end position past T: transformers clamps it to T, which is the ignore index

# Self-check limits (float32, CPU).
RELOAD_ABS, RELOAD_LOSS_ABS = 1e-5, 1e-6
MERGE_ABS = 1e-4
SAME_ABS = 1e-6       # disabled adapter vs the base model alone
MIN_EFFECT = 1e-2

LLAMA = "llama_tied_gqa"
QWEN2 = "qwen2_bias"

CASES = [
    {"name": "seq_cls_single", "seed": 4001, "model": LLAMA, "auto": "AutoModelForSequenceClassification",
     "kind": "seq_cls", "task_type": "SEQ_CLS",
     "doc": "LlamaForSequenceClassification, 3 labels with id2label, problem_type single_label_classification "
            "(cross-entropy over the pooled logits), integer labels, pad id 0",
     "config": {"num_labels": 3, "pad_token_id": 0, "id2label": {0: "law", 1: "prophets", 2: "gospels"},
                "problem_type": "single_label_classification"},
     "labels": [2, 0, 1], "labels_dtype": "int64", "problem_type": "single_label_classification"},
    {"name": "seq_cls_multi", "seed": 4002, "model": LLAMA, "auto": "AutoModelForSequenceClassification",
     "kind": "seq_cls", "task_type": "SEQ_CLS",
     "doc": "LlamaForSequenceClassification, 3 labels, problem_type multi_label_classification "
            "(BCEWithLogitsLoss, mean over all 3 x 3 entries), float multi-hot labels, pad id 0",
     "config": {"num_labels": 3, "pad_token_id": 0, "problem_type": "multi_label_classification"},
     "labels": [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0]], "labels_dtype": "float32",
     "problem_type": "multi_label_classification"},
    {"name": "seq_cls_regression", "seed": 4003, "model": LLAMA, "auto": "AutoModelForSequenceClassification",
     "kind": "seq_cls", "task_type": "SEQ_CLS",
     "doc": "LlamaForSequenceClassification, 1 label, problem_type left unset (transformers infers regression from "
            "num_labels 1: MSELoss(pooled.squeeze(), labels.squeeze())), float targets, pad id 0",
     "config": {"num_labels": 1, "pad_token_id": 0},
     "labels": [0.75, -1.5, 2.25], "labels_dtype": "float32", "problem_type": "regression"},
    {"name": "seq_cls_qwen2", "seed": 4004, "model": QWEN2, "auto": "AutoModelForSequenceClassification",
     "kind": "seq_cls", "task_type": "SEQ_CLS", "eos_ends_rows": True,
     "doc": "Qwen2ForSequenceClassification (q/k/v biases), 2 labels, problem_type left unset (int64 labels -> "
            "single_label_classification), pad id 2 = eos: rows 1 and 2 end with a real eos, which the pooling "
            "skips as padding",
     "config": {"num_labels": 2, "pad_token_id": 2},
     "labels": [1, 0, 1], "labels_dtype": "int64", "problem_type": "single_label_classification"},
    {"name": "token_cls", "seed": 4005, "model": LLAMA, "auto": "AutoModelForTokenClassification",
     "kind": "token_cls", "task_type": "TOKEN_CLS",
     "doc": "LlamaForTokenClassification, 5 labels: cross-entropy over every position whose label is not -100 "
            "(padding, bos and a few real tokens are -100); head score with bias; its dropout (p 0.1) is off in eval()",
     "config": {"num_labels": 5, "pad_token_id": 0}},
    {"name": "question_ans", "seed": 4006, "model": LLAMA, "auto": "AutoModelForQuestionAnswering",
     "kind": "qa", "task_type": "QUESTION_ANS",
     "doc": "LlamaForQuestionAnswering (backbone under 'transformer.', head qa_outputs 64 -> 2 with bias): loss = "
            "(CE(start) + CE(end)) / 2, positions clamped to [0, T] and T ignored; end_positions[2] = 12 > T is "
            "ignored",
     "config": {"pad_token_id": 0},
     "start_positions": [2, 1, 3], "end_positions": [7, 5, QA_OUT_OF_RANGE]},
    {"name": "feature_extraction", "seed": 4007, "model": LLAMA, "auto": "AutoModel",
     "kind": "feature", "task_type": "FEATURE_EXTRACTION",
     "doc": "LlamaModel with task_type FEATURE_EXTRACTION: no head, nothing in modules_to_save; last_hidden_state and "
            "the gradients of the scalar mean_b(normalize(h[b, L_b - 1]) . probe)",
     "config": {"pad_token_id": 0}},
]
HEAD_NAMES = {"seq_cls": "score", "token_cls": "score", "qa": "qa_outputs", "feature": None}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir", nargs="?", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    p.add_argument("--cases", default="", help="comma-separated subset of: " + ", ".join(c["name"] for c in CASES))
    return p.parse_args()


def make_inputs(case, gen):
    """input_ids and attention_mask as the module docstring describes."""
    import torch
    pad = case["config"]["pad_token_id"]
    eos_ends = case.get("eos_ends_rows", False)
    # Ordinary tokens from 3.. (never bos 1, eos 2 or pad 0 by chance).
    ids = torch.randint(3, 128, (BATCH, SEQ), generator=gen, dtype=torch.int64)
    ids[:, 0] = BOS
    lengths = [SEQ, 7, 4]
    ids[1, 3] = pad  # the pad id among real tokens
    if eos_ends:
        for row in (1, 2):
            ids[row, lengths[row] - 1] = 2
    mask = torch.zeros(BATCH, SEQ, dtype=torch.int64)
    for row, length in enumerate(lengths):
        mask[row, :length] = 1
        ids[row, length:] = pad
    return ids, mask


def make_labels(case, input_ids, attention_mask, gen):
    import torch
    kind = case["kind"]
    if kind == "seq_cls":
        dtype = getattr(torch, case["labels_dtype"])
        return {"labels": torch.tensor(case["labels"], dtype=dtype)}
    if kind == "token_cls":
        labels = torch.randint(0, case["config"]["num_labels"], (BATCH, SEQ), generator=gen, dtype=torch.int64)
        labels[attention_mask == 0] = -100
        labels[:, 0] = -100   # bos
        labels[0, 4] = -100   # real tokens without a label (e.g. a word's continuation pieces)
        labels[1, 5] = -100
        return {"labels": labels}
    if kind == "qa":
        return {"start_positions": torch.tensor(case["start_positions"], dtype=torch.int64),
                "end_positions": torch.tensor(case["end_positions"], dtype=torch.int64)}
    return {}


def load_model(case, rel_model):
    """The case's Auto class on the base checkpoint, CPU float32, eager attention, eval()."""
    import torch
    import transformers
    cls = getattr(transformers, case["auto"])
    kwargs = dict(case["config"])
    if case["kind"] == "qa":
        # The checkpoint's backbone is "model.*"; LlamaForQuestionAnswering's is "transformer.*".
        kwargs["key_mapping"] = {r"^model\.": "transformer."}
    model = cls.from_pretrained(rel_model, attn_implementation="eager", **ref.dtype_kwargs(torch.float32), **kwargs)
    model.eval()
    return model


def outputs_of(kind, out):
    """The tensors of a forward output that go into the fixture, by fixture name (without _lora/_base)."""
    if kind == "qa":
        return {"start_logits": out.start_logits, "end_logits": out.end_logits}
    if kind == "feature":
        return {"last_hidden_state": out.last_hidden_state}
    return {"logits": out.logits}


def feature_loss(hidden, attention_mask, probe):
    """The feature_extraction case's scalar (see the docstring): mean over rows of normalize(h at the last attended
    position) . probe."""
    import torch
    last = attention_mask.sum(dim=1) - 1
    pooled = hidden[torch.arange(hidden.shape[0]), last]
    return (torch.nn.functional.normalize(pooled, dim=-1) @ probe).mean()


def forward(model, kind, input_ids, attention_mask, label_kwargs, probe):
    out = model(input_ids=input_ids, attention_mask=attention_mask, **label_kwargs)
    loss = feature_loss(out.last_hidden_state, attention_mask, probe) if kind == "feature" else out.loss
    return out, loss


def randomize_adapter_(peft_model, gen):
    """lora_A uniform +-1/sqrt(in) (PEFT's own bound), lora_B N(0, LORA_B_STD), in module-name order; then every other
    trainable tensor (the head's modules_to_save copy) + N(0, HEAD_NUDGE_STD). Returns the nudged tensors' names."""
    import math
    import torch
    from peft.tuners.lora import LoraLayer
    nudged = []
    with torch.no_grad():
        for _, module in sorted(peft_model.named_modules(), key=lambda item: item[0]):
            if isinstance(module, LoraLayer):
                a = module.lora_A["default"].weight
                b = module.lora_B["default"].weight
                bound = 1.0 / math.sqrt(a.shape[1])
                a.copy_((torch.rand(a.shape, generator=gen) * 2.0 - 1.0) * bound)
                b.copy_(torch.randn(b.shape, generator=gen) * LORA_B_STD)
        for name, p in peft_model.named_parameters():
            if p.requires_grad and ".lora_A." not in name and ".lora_B." not in name:
                p.add_(torch.randn(p.shape, generator=gen) * HEAD_NUDGE_STD)
                nudged.append(name)
    return nudged


def make_case(case, out_dir, scratch, versions):
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model, get_peft_model_state_dict
    from safetensors.torch import load_file, save_file

    name, kind = case["name"], case["kind"]
    case_dir = os.path.join(out_dir, name)
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)  # stale files from an older run must not survive next to new ones
    adapter_dir = os.path.join(case_dir, "adapter")
    os.makedirs(adapter_dir)
    # Loaded through "../../../<model case>/model" from <scratch>/task_heads/<case>/adapter, where <scratch>/<model
    # case> links to the real folder: PEFT records that relative path, the one that is right from OUT/<case>/adapter
    # when OUT is the default.
    load_dir = os.path.join(scratch, "task_heads", name, "adapter")
    os.makedirs(load_dir)
    rel_model = os.path.join("..", "..", "..", case["model"], "model")
    checkpoint = os.path.join(REFERENCE, case["model"], "model", "model.safetensors")

    checks = ref.Checks()
    seed = case["seed"]
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)  # transformers initialises the missing head from the global RNG
    with ref.working_dir(load_dir):
        model = load_model(case, rel_model)
    input_ids, attention_mask = make_inputs(case, gen)
    label_kwargs = make_labels(case, input_ids, attention_mask, gen)
    probe = torch.randn(model.config.hidden_size, generator=gen) if kind == "feature" else None

    # The backbone is the checkpoint's, tensor for tensor (the QA class needs key_mapping for that).
    saved = load_file(checkpoint)
    params = dict(model.named_parameters())
    backbone_prefix = getattr(model, "base_model_prefix", "model") if kind != "feature" else ""
    wrong = []
    unused = sorted(k for k in saved if not k.startswith("model."))  # an untied lm_head: no part of a task model
    for key, value in saved.items():
        if key in unused:
            continue
        mine = backbone_prefix + key[len("model"):] if backbone_prefix else key[len("model."):]
        if mine not in params or not torch.equal(params[mine].detach(), value):
            wrong.append(key)
    checks.fact(f"backbone equals the checkpoint ({len(saved) - len(unused)} tensors)", not wrong, wrong or "yes")

    head = HEAD_NAMES[kind]
    head_params = sorted(n for n in params if head and (n == head or n.startswith(head + ".")))
    head_original = {n: params[n].detach().clone() for n in head_params}
    problem_type_configured = model.config.problem_type if kind == "seq_cls" else None

    # The base model alone, before PEFT touches it.
    with torch.no_grad():
        out_model, loss_model = forward(model, kind, input_ids, attention_mask, label_kwargs, probe)
    model_outputs = {k: v.detach().clone() for k, v in outputs_of(kind, out_model).items()}

    lora_config = LoraConfig(task_type=case["task_type"], **LORA)
    peft_model = get_peft_model(model, lora_config)
    nudged = randomize_adapter_(peft_model, gen)
    peft_model.eval()
    lora_config_dict = ref.json_safe(peft_model.peft_config["default"].to_dict())
    printed_line, formatted_line, n_trainable, n_total = ref.trainable_line(peft_model)
    checks.fact("print_trainable_parameters line", printed_line == formatted_line, repr(printed_line))
    layers = ref.lora_layers_info(peft_model)
    checks.equal("lora layer count", len(layers), 14)
    checks.equal("head copies nudged", len(nudged), len(head_params))

    # seq_cls: which position the pooled logits come from, read off the head's output at every position.
    per_position = {}
    hook = None
    if kind == "seq_cls":
        hook = peft_model.get_base_model().score.register_forward_hook(
            lambda module, args, output: per_position.__setitem__("logits", output.detach().clone()))

    peft_model.zero_grad(set_to_none=True)
    out, loss = forward(peft_model, kind, input_ids, attention_mask, label_kwargs, probe)
    loss.backward()
    lora_outputs = {k: v.detach().clone() for k, v in outputs_of(kind, out).items()}
    loss = loss.detach().reshape(1).clone()
    grads = {n: p.grad.detach().clone() for n, p in peft_model.named_parameters(remove_duplicate=False)
             if p.requires_grad and p.grad is not None}
    no_grad = [n for n, p in peft_model.named_parameters() if p.requires_grad and p.grad is None]
    checks.fact("every trainable tensor has a gradient", not no_grad, no_grad or "yes")
    if hook is not None:
        hook.remove()

    with torch.no_grad(), peft_model.disable_adapter():
        out_base, loss_base = forward(peft_model, kind, input_ids, attention_mask, label_kwargs, probe)
    base_outputs = {k: v.detach().clone() for k, v in outputs_of(kind, out_base).items()}
    loss_base = loss_base.detach().reshape(1).clone()

    peft_model.save_pretrained(adapter_dir, safe_serialization=True, save_embedding_layers=False)
    adapter_file = os.path.join(adapter_dir, "adapter_model.safetensors")
    adapter_keys = ref.safetensors_keys(adapter_file)
    with open(os.path.join(adapter_dir, "adapter_config.json"), encoding="utf-8") as f:
        adapter_config = json.load(f)
    grad_by_key = get_peft_model_state_dict(peft_model, state_dict=grads, save_embedding_layers=False)
    only_grad = sorted(set(grad_by_key) - set(adapter_keys))
    only_file = sorted(set(adapter_keys) - set(grad_by_key))
    checks.fact(f"gradient keys == adapter file keys ({len(adapter_keys)})", not only_grad and not only_file,
                "yes" if not only_grad and not only_file else f"only gradients {only_grad}, only file {only_file}")
    bad_shapes = [k for k, g in grad_by_key.items() if k in adapter_keys and list(g.shape) != adapter_keys[k]]
    checks.fact("gradient shapes == adapter tensor shapes", not bad_shapes, bad_shapes or "yes")

    # The head: saved under base_model.model.<head param>, equal to the trained copy, away from the original.
    adapter_tensors = load_file(adapter_file)
    inner = peft_model.get_base_model()
    for pname in head_params:
        key = "base_model.model." + pname
        copy = inner.get_parameter(pname.replace(head + ".", head + ".modules_to_save.default.", 1))
        original = inner.get_parameter(pname.replace(head + ".", head + ".original_module.", 1))
        same_copy = key in adapter_tensors and torch.equal(adapter_tensors[key], copy.detach())
        checks.fact(f"adapter file holds {key} = the trained copy", same_copy,
                    "yes" if same_copy else ("differs" if key in adapter_tensors else "missing"))
        untouched = torch.equal(original.detach(), head_original[pname])
        checks.fact(f"original {pname} untouched by PEFT", untouched, "yes" if untouched else "changed")
        checks.at_least(f"saved {pname} differs from the original",
                        ref.max_abs_diff(adapter_tensors.get(key, head_original[pname]), head_original[pname]),
                        MIN_EFFECT)
    checks.equal("modules_to_save in adapter_config.json", adapter_config.get("modules_to_save"),
                 {"seq_cls": ["classifier", "score"], "token_cls": ["classifier", "score"],
                  "qa": ["qa_outputs"], "feature": None}[kind])
    checks.equal("task_type in adapter_config.json", adapter_config.get("task_type"), case["task_type"])

    for field in lora_outputs:
        checks.at_least(f"adapter changes {field}", ref.max_abs_diff(lora_outputs[field], base_outputs[field]),
                        MIN_EFFECT)
        checks.at_most(f"disabled adapter {field} == base model alone",
                       ref.max_abs_diff(base_outputs[field], model_outputs[field]), SAME_ABS)
    checks.at_most("disabled adapter loss == base model alone", abs(float(loss_base) - float(loss_model)), SAME_ABS)

    extra = {}
    info_extra = {}
    if kind == "seq_cls":
        full = per_position["logits"]
        pooled = lora_outputs["logits"]
        index = []
        for b in range(BATCH):
            hits = [t for t in range(SEQ) if torch.equal(full[b, t], pooled[b])]
            index.append(hits[0] if len(hits) == 1 else -1)
        extra["pooled_index"] = torch.tensor(index, dtype=torch.int64)
        pad = case["config"]["pad_token_id"]
        rightmost = [max(t for t in range(SEQ) if int(input_ids[b, t]) != pad) for b in range(BATCH)]
        before_first_pad = [next((t for t in range(SEQ) if int(input_ids[b, t]) == pad), SEQ) - 1 for b in range(BATCH)]
        last_attended = [int(attention_mask[b].sum()) - 1 for b in range(BATCH)]
        checks.equal("pooled position = the rightmost non-pad token", index, rightmost)
        checks.fact("row 1: rightmost non-pad != token before the first pad", rightmost[1] != before_first_pad[1],
                    f"{rightmost[1]} vs {before_first_pad[1]}")
        if case.get("eos_ends_rows"):
            checks.fact("pad = eos: pooled position != last attended position (rows 1, 2)",
                        index[1] != last_attended[1] and index[2] != last_attended[2],
                        f"{index} vs {last_attended}")
        checks.equal("problem_type after forward", peft_model.config.problem_type, case["problem_type"])
        info_extra["pooling"] = {"pooled_index": index, "rightmost_non_pad": rightmost,
                                 "before_first_pad": before_first_pad, "last_attended": last_attended}
    if kind == "qa":
        # transformers clamps positions to [0, T] and ignores T: the out-of-range end gives the loss that T gives,
        # not the one of T - 1.
        def qa_loss(end_last):
            ends = label_kwargs["end_positions"].clone()
            ends[2] = end_last
            with torch.no_grad():
                return float(peft_model(input_ids=input_ids, attention_mask=attention_mask,
                                        start_positions=label_kwargs["start_positions"], end_positions=ends).loss)
        checks.at_most(f"end position {QA_OUT_OF_RANGE} gives the loss of end position T = {SEQ} (clamped, ignored)",
                       abs(qa_loss(SEQ) - float(loss)), 0.0)
        checks.at_least(f"end position {QA_OUT_OF_RANGE} does not give the loss of T - 1",
                        abs(qa_loss(SEQ - 1) - float(loss)), MIN_EFFECT)
    if kind == "token_cls":
        dropout = peft_model.get_base_model().dropout
        info_extra["head_dropout"] = {"module": "dropout", "p": dropout.p, "active": dropout.training}
        checks.equal("token_cls dropout off (eval)", dropout.training, False)

    # The saved files, loaded afresh, give the adapter's numbers. The fresh head is initialised again under the same
    # seed; the adapter's copy replaces it while the adapter is active.
    torch.manual_seed(seed)
    with ref.working_dir(load_dir):
        fresh = load_model(case, rel_model)
    fresh_params = dict(fresh.named_parameters())
    if head_params:
        again = all(torch.equal(fresh_params[n].detach(), head_original[n]) for n in head_params)
        checks.fact("transformers initialises the head the same way again (same seed)", again,
                    "yes" if again else "no")
    reloaded = PeftModel.from_pretrained(fresh, adapter_dir)
    reloaded.eval()
    with torch.no_grad():
        out_reloaded, loss_reloaded = forward(reloaded, kind, input_ids, attention_mask, label_kwargs, probe)
    reloaded_outputs = outputs_of(kind, out_reloaded)
    for field in lora_outputs:
        checks.at_most(f"reloaded adapter {field}", ref.max_abs_diff(reloaded_outputs[field], lora_outputs[field]),
                       RELOAD_ABS)
    checks.at_most("reloaded adapter loss", abs(float(loss_reloaded) - float(loss)), RELOAD_LOSS_ABS)
    del reloaded, fresh
    merged = peft_model.merge_and_unload()
    merged.eval()
    with torch.no_grad():
        out_merged, _ = forward(merged, kind, input_ids, attention_mask, label_kwargs, probe)
    merged_outputs = outputs_of(kind, out_merged)
    for field in lora_outputs:
        checks.at_most(f"merge_and_unload {field}", ref.max_abs_diff(merged_outputs[field], lora_outputs[field]),
                       MERGE_ABS)

    tensors = {"input_ids": input_ids, "attention_mask": attention_mask, "loss": loss, "loss_base": loss_base}
    tensors.update(label_kwargs)
    tensors.update(extra)
    for field, value in lora_outputs.items():
        tensors[field + "_lora"] = value
    for field, value in base_outputs.items():
        tensors[field + "_base"] = value
    if probe is not None:
        tensors["probe"] = probe
    for key in sorted(grad_by_key):
        tensors["grad." + key] = grad_by_key[key]
    for pname in head_params:
        tensors["head_original." + pname] = head_original[pname]
    tensors = {k: v.contiguous() for k, v in sorted(tensors.items())}
    save_file(tensors, os.path.join(case_dir, "expected.safetensors"), metadata={"format": "pt"})

    config = model.config
    head_config = {"num_labels": int(config.num_labels) if kind in ("seq_cls", "token_cls") else None,
                   "problem_type": problem_type_configured,
                   "problem_type_after_forward": config.problem_type if kind == "seq_cls" else None,
                   "pad_token_id": config.pad_token_id,
                   "id2label": ref.json_safe(case["config"].get("id2label"))}
    inputs = {"input_ids": input_ids.tolist(), "attention_mask": attention_mask.tolist()}
    inputs.update({k: v.tolist() for k, v in label_kwargs.items()})
    info = {
        "made_by": MADE_BY,
        "case": name,
        "description": case["doc"],
        "architecture": type(model).__name__,
        "auto_class": case["auto"],
        "base_model": f"tests/data/reference/{case['model']}/model",
        "backbone_prefix": backbone_prefix,
        "checkpoint_tensors_unused": unused,
        "seed": seed,
        "versions": versions,
        "config": head_config,
        "task_type": case["task_type"],
        "lora_config": lora_config_dict,
        "adapter_config": adapter_config,
        "lora_layers": layers,
        "head_module": head,
        "head_parameters": {n: list(head_original[n].shape) for n in head_params},
        "head_init": "transformers _init_weights: weight normal(0, initializer_range 0.02), bias zeros "
                     "(drawn from torch's global RNG after torch.manual_seed(seed))" if head else None,
        "adapter_init": {"lora_A": "uniform(-1/sqrt(in), 1/sqrt(in))", "lora_B": f"normal(0, {LORA_B_STD})",
                         "modules_to_save copy": f"original + normal(0, {HEAD_NUDGE_STD})", "nudged": nudged},
        "trainable_params": n_trainable,
        "all_params": n_total,
        "trainable_line": formatted_line,
        "printed_trainable_line": printed_line,
        "loss": float(loss),
        "loss_base": float(loss_base),
        "loss_definition": "feature_extraction: mean_b(normalize(last_hidden_state[b, attention_mask[b].sum() - 1]) "
                           ". probe)" if kind == "feature" else "the model's own loss (outputs.loss)",
        "inputs": inputs,
        "checks": checks.items,
        "tolerances_fp32": {"logits_abs": 1e-4, "loss_abs": 1e-5, "grad_rel": 1e-4},
        "adapter_tensors": adapter_keys,
        "expected_tensors": {k: list(v.shape) for k, v in tensors.items()},
        "problems": checks.problems,
    }
    info.update(info_extra)
    with open(os.path.join(case_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    print(f"{name}: {type(model).__name__}, loss {float(loss):.6f} (adapter off {float(loss_base):.6f}); "
          f"{formatted_line}; {len(adapter_keys)} adapter tensors")
    for line in checks.lines():
        print(line)
    return {"case": name, "ok": not checks.problems, "problems": checks.problems,
            "trainable_line": formatted_line}


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
    cases = ref.selected_cases(args.cases, CASES)
    if cases is None:
        return 2
    for model in sorted({c["model"] for c in cases}):
        if not os.path.isfile(os.path.join(REFERENCE, model, "model", "model.safetensors")):
            print(f"error: no base model at tests/data/reference/{model}/model; make it with make_reference.py",
                  file=sys.stderr)
            return 2

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()  # the load reports list the (expected) missing head
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True, warn_only=True)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions.get(k), v) for k, v in pins.items()
               if k in versions and (versions.get(k) or "").split("+")[0] != v}  # gguf etc. are not used here
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    os.makedirs(args.out_dir, exist_ok=True)
    summaries = []
    with tempfile.TemporaryDirectory() as scratch:
        for model in sorted({c["model"] for c in CASES}):
            os.symlink(os.path.join(REFERENCE, model), os.path.join(scratch, model))
        for case in cases:
            try:
                summaries.append(make_case(case, args.out_dir, scratch, versions))
            except Exception:
                traceback.print_exc()
                summaries.append({"case": case["name"], "ok": False, "problems": ["exception, see log"]})
    if not args.cases:
        index = {"made_by": MADE_BY, "versions": versions, "pinned": pins, "cases": summaries,
                 "layout": "<case>/{adapter/, expected.safetensors, expected.json}; base models under "
                           "tests/data/reference/<model case>/model"}
        with open(os.path.join(args.out_dir, "index.json"), "w", encoding="utf-8") as f:
            json.dump(index, f, indent=1)
            f.write("\n")
    size = ref.folder_size(args.out_dir)
    failed = [s["case"] for s in summaries if not s["ok"]]
    print(f"wrote {args.out_dir}: {len(summaries)} cases, {size / 1024:.0f} KiB")
    if failed:
        print(f"FAILED: {failed} (see above and expected.json)", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
