#!/usr/bin/env python3
"""Makes the training-trajectory fixture: 8 optimizer steps of HF transformers' Trainer + PEFT on a tiny Llama.

Usage:  python tests/reference/make_trajectory.py [OUT_DIR]     (default OUT_DIR: tests/data/reference/trajectory)

Needs the pinned stack of tests/reference/requirements.txt (bash tests/reference/setup-venv.sh makes a venv with it);
runs on CPU in float32 in a few seconds. A C++ test trains the same model on the same data with the engine and
compares the per-step numbers.

It writes
  OUT/model/             a tiny random LlamaForCausalLM (untied), saved by save_pretrained, plus the tiny
                         sentencepiece tokenizer.model of make_reference.py (the same 112 pieces)
  OUT/train.jsonl        14 Alpaca records {instruction, input, output}, one JSON object per line
  OUT/validation.jsonl   3 more
  OUT/initial_adapter/   the LoRA adapter before training (PEFT save_pretrained; lora_A and lora_B random)
  OUT/final_adapter/     the same adapter after the 8 optimizer steps
  OUT/expected.json      versions, the settings (HF TrainingArguments next to the engine's experiment keys), pad id,
                         per optimizer step: lr used, loss, pre-clip gradient norm, label tokens, micro-batches;
                         HF's log_history, eval_loss, train_loss, per-record losses before and after, and every
                         record's input_ids and labels.

Data follow the engine's Alpaca rules (DESIGN.md, check_lorawb_adapter.py): BOS + encode(prompt + output) + EOS,
labels -100 on BOS and the prompt. The train dataloader keeps file order (SequentialSampler). Only HF computes the
numbers; the script records them (TrainerCallback, Trainer method overrides) and checks them against each other.
Exit 0 all self-checks passed, 1 a check failed (after writing everything), 2 a package is missing.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # importing the sibling scripts must leave no __pycache__ in the source tree
import make_reference as ref  # noqa: E402  (imports only the standard library at module level; main() is guarded)
from check_lorawb_adapter import Tokens, alpaca_prompt, read_records  # noqa: E402  (the engine's Alpaca rules)

MODEL_SEED = 3001    # base model weights (make_reference's randomize_: N(0, 1/fan_in), norms 1 + N(0, 0.1))
ADAPTER_SEED = 3002  # lora_A uniform +-1/sqrt(in), lora_B N(0, 0.1) (make_reference's randomize_adapter_)
TRAIN_SEED = 42      # TrainingArguments.seed (nothing random is left: no dropout, no shuffling)

MODEL_CONFIG = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
                    num_key_value_heads=2, max_position_embeddings=256, rms_norm_eps=1e-5, tie_word_embeddings=False)
ROPE = {"rope_type": "default", "rope_theta": 10000.0}
LORA = dict(r=4, lora_alpha=8, lora_dropout=0.0, target_modules=list(ref.TARGETS), bias="none", task_type="CAUSAL_LM")
MAX_LENGTH = 256     # data.max_length: no record comes near it, so nothing is cut

# Training settings: engine experiment key -> (TrainingArguments name, value). None: HF has no such argument.
LR = 2e-3
SETTINGS = [
    ("train.batch_size", "per_device_train_batch_size", 2),
    ("train.gradient_accumulation_steps", "gradient_accumulation_steps", 2),
    ("train.epochs", "num_train_epochs", 2),
    ("train.max_steps", "max_steps", -1),
    ("train.learning_rate", "learning_rate", LR),
    ("train.weight_decay", "weight_decay", 0.01),
    ("train.lr_scheduler", "lr_scheduler_type", "cosine"),
    ("train.warmup_steps", "warmup_steps", 2),
    ("train.max_grad_norm", "max_grad_norm", 1.0),
    ("train.adam_beta1", "adam_beta1", 0.9),
    ("train.adam_beta2", "adam_beta2", 0.999),
    ("train.adam_epsilon", "adam_epsilon", 1e-8),
    ("train.seed", "seed", TRAIN_SEED),
    ("train.eval_every", "eval_steps", 4),
    ("train.log_every", "logging_steps", 1),
    ("train.device", "use_cpu", True),
]
# TrainingArguments that have no engine key but decide the numbers (or keep the run quiet and deterministic).
HF_ONLY = dict(
    # torch.optim.AdamW without fused=True (this transformers' default is "adamw_torch_fused" for torch >= 2.8,
    # training_args.py:806-811): the plain per-tensor loop is the textbook update the engine implements.
    optim="adamw_torch",
    per_device_eval_batch_size=1,  # eval_loss = mean over validation records of each record's token mean
    eval_strategy="steps",
    logging_strategy="steps",
    save_strategy="no",
    # File order: SequentialSampler (trainer.py:1142-1143); RecordingTrainer._get_train_sampler checks it.
    train_sampling_strategy="sequential",
    dataloader_drop_last=False,
    dataloader_num_workers=0,
    remove_unused_columns=False,
    report_to="none",
    disable_tqdm=True,
    bf16=False,
    fp16=False,
)

# 14 training records (7 micro-batches of 2: 4 optimizer steps per epoch, the 4th with one micro-batch) and 3
# validation records. Only characters the tokenizer was trained on, so no record has an unknown piece.
TRAIN_RECORDS = [
    {"instruction": "Say hello.", "input": "", "output": "hello, world"},
    {"instruction": "Reverse the word.", "input": "cat", "output": "tac"},
    {"instruction": "What is 2 + 3?", "input": "", "output": "It is 5."},
    {"instruction": "Name the colour of the sky.", "input": "", "output": "The sky is blue."},
    {"instruction": "Sum the numbers.", "input": "4 + 4", "output": "8"},
    {"instruction": "Name the colour of the grass.", "input": "", "output": "The grass is green."},
    {"instruction": "Reverse the word.", "input": "dog", "output": "god"},
    {"instruction": "Say goodbye.", "input": "", "output": "goodbye, world - and hello."},
    {"instruction": "What is 1 + 6?", "input": "", "output": "It is 7."},
    {"instruction": "Tell me about the fox.", "input": "The quick brown fox", "output": "The fox is quick and brown."},
    {"instruction": "Write a response.", "input": "Pack my box", "output": "with five dozen liquor jugs!"},
    {"instruction": "How quick is the zebra?", "input": "", "output": "It is very quick."},
    {"instruction": "Sum the numbers.", "input": "2 + 7", "output": "9"},
    {"instruction": "Write the rest.", "input": "the lazy dog", "output": "The dog jumps over the fox."},
]
VALIDATION_RECORDS = [
    {"instruction": "Reverse the word.", "input": "box", "output": "xob"},
    {"instruction": "What is 3 + 3?", "input": "", "output": "It is 6."},
    {"instruction": "Name the colour of the fox.", "input": "", "output": "The fox is brown."},
]

EXPECTED_STEPS = 8
RELOAD_ABS = 1e-6     # a reloaded adapter gives the in-memory model's loss
CROSS_ABS = 1e-6      # two HF paths to one number (log_history vs the recorded value, float32 sums)
STEP1_ABS = 1e-5      # step 1's loss vs the initial adapter's loss on the first 4 records, computed without Trainer
MIN_MOVE = 1e-2       # training must move the train loss by at least this much
# Timing fields of log_history and of the metrics: they differ between runs and say nothing about the numbers.
TIMING_KEY = re.compile(r"(_runtime|_per_second|_preparation_time)$")

# Where the pinned transformers (5.24.0) defines what the numbers mean; see tests/reference/README.md.
DEFINITIONS = {
    "optimizer_steps": "ceil(7 micro-batches / 2) = 4 per epoch, 8 for 2 epochs (trainer.py:2522-2529); the last "
                       "step of an epoch takes the one micro-batch left (trainer.py:1870-1881)",
    "loss_normalisation": "num_items_in_batch = number of labels != -100 in labels[..., 1:] summed over the "
                          "micro-batches of one optimizer step (trainer.py:2306-2343, _loss_shifts_labels "
                          "trainer.py:535-545); the model's loss is sum of token cross-entropies / num_items_in_batch "
                          "(loss/loss_utils.py:34-73); no further division by the accumulation steps "
                          "(trainer.py:2110-2119)",
    "steps.loss": "sum over the step's micro-batches of training_step's value = sum of token losses of the step / "
                  "its label tokens; log_history 'loss' is that, divided by the steps since the last log (1 here), "
                  "not rounded (trainer.py:2256-2262)",
    "steps.lr": "optimizer.param_groups[0]['lr'] just before optimizer.step(); log_history 'learning_rate' is read "
                "after optimizer.step() and before lr_scheduler.step() (trainer.py:1940-1952), so it is the lr used "
                "by that step; cosine with warmup: step k (1-based) uses lr * f(k - 1), f(s) = s / warmup for "
                "s < warmup, else 0.5 (1 + cos(pi (s - warmup) / (total - warmup))) (optimization.py:134-140): "
                "step 1 runs with lr 0",
    "steps.grad_norm": "total 2-norm of all gradients before clipping, returned by clip_grad_norm_ "
                       "(trainer.py:1936-1940, 2781-2787); clipping multiplies the gradients by "
                       "min(1, max_grad_norm / (norm + 1e-6)) (torch.nn.utils.clip_grads_with_norm_)",
    "weight_decay": "applied to every LoRA tensor (names without bias/norm, trainer.py:1408-1418), decoupled "
                    "(torch AdamW: p *= 1 - lr * weight_decay)",
    "eval_loss": "mean over evaluation batches of each batch's loss (repeated by the eval batch size, "
                 "trainer.py:3005-3008, 3097-3102); a batch's loss is its label tokens' mean (num_items_in_batch of "
                 "that batch, trainer.py:3270-3277); with per_device_eval_batch_size 1: the mean over validation "
                 "records of each record's token mean",
    "train_loss": "sum of all logged losses / optimizer steps = mean of steps.loss (trainer.py:2005-2019)",
}


def parse_args():
    default_out = os.path.normpath(os.path.join(HERE, "..", "data", "reference", "trajectory"))
    p = argparse.ArgumentParser(description="Make the HF Trainer + PEFT training-trajectory fixture.")
    p.add_argument("out_dir", nargs="?", default=default_out, help="output folder (default: %(default)s)")
    return p.parse_args()


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps({"instruction": record["instruction"], "input": record.get("input", ""),
                                "output": record["output"]}, ensure_ascii=False) + "\n")


def build_examples(tokens, records):
    """input_ids and labels per record, exactly as the engine builds them (check_lorawb_adapter.Tokens.record)."""
    examples = []
    for record in records:
        ids, n_masked = tokens.record(record, 0)
        labels = [-100] * n_masked + ids[n_masked:]
        examples.append({"input_ids": ids, "labels": labels, "prompt_tokens": n_masked,
                         "label_tokens": len(ids) - n_masked, "text": alpaca_prompt(record) + record["output"]})
    return examples


def record_losses(model, examples):
    """HF's own loss (model(input_ids, labels).loss: the mean over the record's shifted label tokens) per record."""
    import torch
    model.eval()
    out = []
    with torch.no_grad():
        for ex in examples:
            loss = model(input_ids=torch.tensor([ex["input_ids"]]), labels=torch.tensor([ex["labels"]])).loss
            out.append(float(loss))
    return out


def token_mean(losses, examples):
    """The mean over all label tokens of a set, from per-record means (what lorawb eval --data reports)."""
    total = sum(l * ex["label_tokens"] for l, ex in zip(losses, examples))
    return total / sum(ex["label_tokens"] for ex in examples)


def compact_json(value):
    """indent=1 JSON, but every list of plain numbers on one line (the token lists would take a line per id)."""
    text = json.dumps(value, indent=1, ensure_ascii=False)
    number = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
    return re.sub(r"\[\s*(" + number + r"(?:,\s*" + number + r")*)\s*\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)


def make_trainer_classes(recorder):
    """A Trainer that records each micro-batch and the pre-clip norm, and a callback that records each step."""
    import torch
    from torch.utils.data import SequentialSampler
    from transformers import Trainer, TrainerCallback

    class RecordingTrainer(Trainer):
        def _get_train_sampler(self, train_dataset=None):
            sampler = super()._get_train_sampler(train_dataset)
            if not isinstance(sampler, SequentialSampler):
                raise RuntimeError(f"train sampler is {type(sampler).__name__}, not SequentialSampler: the fixture "
                                   "needs file order (train_sampling_strategy='sequential')")
            recorder["sampler"] = type(sampler).__name__
            return sampler

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            indices = inputs["record_index"].tolist()
            inputs = {k: v for k, v in inputs.items() if k != "record_index"}
            result = super().compute_loss(model, inputs, return_outputs=return_outputs,
                                          num_items_in_batch=num_items_in_batch)
            if model.training:
                labels = inputs["labels"]
                recorder["pending"].append({
                    "records": indices,
                    "label_tokens": int((labels[..., 1:] != -100).sum()),
                    "num_items_in_batch": None if num_items_in_batch is None else float(num_items_in_batch),
                    "shape": list(inputs["input_ids"].shape),
                })
            return result

        def training_step(self, model, inputs, num_items_in_batch=None):
            loss = super().training_step(model, inputs, num_items_in_batch)
            recorder["pending"][-1]["loss"] = float(loss)  # what Trainer adds to its running loss
            return loss

        def _clip_grad_norm(self, model):
            grads = [p.grad for p in model.parameters() if p.grad is not None]
            own = float(torch.nn.utils.get_total_norm(grads))  # before HF clips
            hf = super()._clip_grad_norm(model)
            recorder["norms"].append({"hf": float(hf), "own": own})
            return hf

    class StepRecorder(TrainerCallback):
        def on_pre_optimizer_step(self, args, state, control, optimizer=None, **kwargs):
            micro = recorder["pending"]
            recorder["pending"] = []
            norm = recorder["norms"][-1] if recorder["norms"] else {"hf": None, "own": None}
            grads = [p.grad for group in optimizer.param_groups for p in group["params"] if p.grad is not None]
            recorder["steps"].append({
                "step": state.global_step + 1,
                "lr": float(optimizer.param_groups[0]["lr"]),
                "loss": sum(m["loss"] for m in micro),
                "grad_norm": norm["hf"],
                "grad_norm_own": norm["own"],
                "grad_norm_after_clip": float(torch.nn.utils.get_total_norm(grads)),
                "clipped": norm["hf"] is not None and norm["hf"] > args.max_grad_norm,
                "label_tokens": sum(m["label_tokens"] for m in micro),
                "micro_batches": [m["records"] for m in micro],
                "micro_batch_label_tokens": [m["label_tokens"] for m in micro],
                "micro_batch_losses": [m["loss"] for m in micro],
                "micro_batch_shapes": [m["shape"] for m in micro],
                "num_items_in_batch": [m["num_items_in_batch"] for m in micro],
                "epoch": recorder["epoch"],
            })

        def on_epoch_begin(self, args, state, control, **kwargs):
            recorder["epoch"] += 1

    return RecordingTrainer, StepRecorder


def main():
    args = parse_args()
    ref.rerun_with_fixed_hash_seed()
    try:
        import accelerate
        import torch
        import transformers
        from peft import LoraConfig, PeftModel, get_peft_model
        from transformers import LlamaConfig, LlamaForCausalLM, PrinterCallback, TrainingArguments
        versions = ref.hf_versions()
    except ImportError as e:
        return ref.missing_packages(e)
    started = time.time()
    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()
    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True, warn_only=True)
    warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions.get(k), v) for k, v in pins.items() if (versions.get(k) or "").split("+")[0] != v}
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    out = args.out_dir
    if os.path.isdir(out):
        shutil.rmtree(out)  # stale files from an older run must not survive next to new ones
    model_dir = os.path.join(out, "model")
    initial_dir = os.path.join(out, "initial_adapter")
    final_dir = os.path.join(out, "final_adapter")
    for d in (model_dir, initial_dir, final_dir):
        os.makedirs(d)
    checks = ref.Checks()

    # 1. The base model and the tokenizer (make_reference.py's, shared by every fixture).
    with tempfile.TemporaryDirectory() as work:
        tokenizer_path = ref.train_tokenizer(work)
        shutil.copyfile(tokenizer_path, os.path.join(model_dir, "tokenizer.model"))
    import sentencepiece as spm
    vocab = spm.SentencePieceProcessor(model_file=os.path.join(model_dir, "tokenizer.model")).get_piece_size()
    gen = torch.Generator().manual_seed(MODEL_SEED)
    torch.manual_seed(MODEL_SEED)
    config = ref.make_config(LlamaConfig, dict(MODEL_CONFIG, vocab_size=vocab), ROPE)
    fresh = LlamaForCausalLM(config)
    ref.randomize_(fresh, gen)
    ref.save_base_model(fresh, model_dir)
    del fresh
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        model_config_dict = json.load(f)

    # 2. The data, written, read back and tokenized the engine's way.
    write_jsonl(os.path.join(out, "train.jsonl"), TRAIN_RECORDS)
    write_jsonl(os.path.join(out, "validation.jsonl"), VALIDATION_RECORDS)
    tokens = Tokens(model_dir, model_config_dict)
    pad_id = tokens.sp.unk_id()  # the tokenizer has no pad piece (pad_id -1); unk is 0 and occurs in no record
    train_ex = build_examples(tokens, read_records(os.path.join(out, "train.jsonl")))
    val_ex = build_examples(tokens, read_records(os.path.join(out, "validation.jsonl")))
    all_ids = [i for ex in train_ex + val_ex for i in ex["input_ids"]]
    checks.fact("no record has the pad/unk id", pad_id not in all_ids, "none" if pad_id not in all_ids else "found")
    longest = max(len(ex["input_ids"]) for ex in train_ex + val_ex)
    checks.at_most("longest record (tokens)", longest, MAX_LENGTH - 1)
    print(f"model: LlamaForCausalLM V {vocab}; data: {len(train_ex)} train, {len(val_ex)} validation records, "
          f"{min(len(ex['input_ids']) for ex in train_ex + val_ex)}..{longest} tokens, pad id {pad_id}")

    # 3. The initial adapter. Loaded through the path as seen from the adapter folders, so that
    #    adapter_config.json names "../model" and no machine path.
    with ref.working_dir(initial_dir):
        base = ref.load_base_model(LlamaForCausalLM, os.path.join("..", "model"))
    torch.manual_seed(ADAPTER_SEED)
    peft_model = get_peft_model(base, LoraConfig(**LORA))
    ref.randomize_adapter_(peft_model, torch.Generator().manual_seed(ADAPTER_SEED), keep_lora_a=False)
    peft_model.save_pretrained(initial_dir, safe_serialization=True, save_embedding_layers=False)
    lora_config_dict = ref.json_safe(peft_model.peft_config["default"].to_dict())
    _, trainable_line, _, _ = ref.trainable_line(peft_model)
    initial_train = record_losses(peft_model, train_ex)
    initial_val = record_losses(peft_model, val_ex)

    # 4. Train with Trainer.
    class RecordDataset(torch.utils.data.Dataset):
        def __init__(self, examples):
            self.examples = examples

        def __len__(self):
            return len(self.examples)

        def __getitem__(self, i):
            ex = self.examples[i]
            return {"input_ids": ex["input_ids"], "labels": ex["labels"], "record_index": i}

    def collate(features):
        # Right padding: input_ids with pad_id, labels with -100, attention_mask 1 on tokens and 0 on padding.
        # Under causal attention the padding (at the end) changes no real position; its labels are -100.
        width = max(len(f["input_ids"]) for f in features)
        ids = [f["input_ids"] + [pad_id] * (width - len(f["input_ids"])) for f in features]
        labels = [f["labels"] + [-100] * (width - len(f["labels"])) for f in features]
        mask = [[1] * len(f["input_ids"]) + [0] * (width - len(f["input_ids"])) for f in features]
        return {"input_ids": torch.tensor(ids, dtype=torch.int64), "labels": torch.tensor(labels, dtype=torch.int64),
                "attention_mask": torch.tensor(mask, dtype=torch.int64),
                "record_index": torch.tensor([f["record_index"] for f in features], dtype=torch.int64)}

    recorder = {"pending": [], "norms": [], "steps": [], "sampler": None, "epoch": 0}
    RecordingTrainer, StepRecorder = make_trainer_classes(recorder)
    hf_kwargs = {hf: value for _, hf, value in SETTINGS}
    hf_kwargs.update(HF_ONLY)
    with tempfile.TemporaryDirectory() as trainer_out:
        training_args = TrainingArguments(output_dir=trainer_out, **hf_kwargs)
        trainer = RecordingTrainer(model=peft_model, args=training_args, train_dataset=RecordDataset(train_ex),
                                   eval_dataset=RecordDataset(val_ex), data_collator=collate,
                                   callbacks=[StepRecorder()])
        trainer.remove_callback(PrinterCallback)  # its lines carry timings; the table below says it all
        accepts_loss_kwargs = bool(trainer.model_accepts_loss_kwargs)
        shifts_labels = bool(trainer._loss_shifts_labels)
        train_output = trainer.train()
        final_eval = trainer.evaluate()
        log_history = [dict(entry) for entry in trainer.state.log_history]
        global_step = trainer.state.global_step
        optimizer_name = type(trainer.optimizer.optimizer if hasattr(trainer.optimizer, "optimizer")
                              else trainer.optimizer).__name__
        optimizer_defaults = {k: v for k, v in (trainer.optimizer.optimizer if hasattr(trainer.optimizer, "optimizer")
                                                else trainer.optimizer).defaults.items()
                              if isinstance(v, (bool, int, float, str, type(None), tuple))}
        used_args = {k: ref.json_safe(getattr(training_args, k)) for k in sorted(hf_kwargs)
                     if k not in ("output_dir",)}
        for k in ("average_tokens_across_devices", "lr_scheduler_kwargs", "warmup_steps", "logging_nan_inf_filter",
                  "label_smoothing_factor", "max_steps", "include_num_input_tokens_seen"):
            used_args[k] = ref.json_safe(getattr(training_args, k))
        del trainer
    peft_model.save_pretrained(final_dir, safe_serialization=True, save_embedding_layers=False)
    final_train = record_losses(peft_model, train_ex)
    final_val = record_losses(peft_model, val_ex)

    # 5. Self-checks.
    steps = recorder["steps"]
    checks.equal("optimizer steps (recorded)", len(steps), EXPECTED_STEPS)
    checks.equal("optimizer steps (state.global_step)", global_step, EXPECTED_STEPS)
    checks.equal("train sampler", recorder["sampler"], "SequentialSampler")
    checks.fact("Trainer passes num_items_in_batch to the model", accepts_loss_kwargs and shifts_labels,
                f"model_accepts_loss_kwargs {accepts_loss_kwargs}, _loss_shifts_labels {shifts_labels}")
    wanted = [[[0, 1], [2, 3]], [[4, 5], [6, 7]], [[8, 9], [10, 11]], [[12, 13]]] * 2  # per step, both epochs
    got = [s["micro_batches"] for s in steps]
    checks.fact("micro-batches in file order, last step of each epoch one micro-batch", got == wanted, got)
    bad_items = [s["step"] for s in steps if any(n != s["label_tokens"] for n in s["num_items_in_batch"])]
    checks.fact("num_items_in_batch == label tokens of the step", not bad_items, bad_items or "yes")
    bad_norm = [s["step"] for s in steps if abs(s["grad_norm"] - s["grad_norm_own"]) > 1e-6 * s["grad_norm_own"]]
    checks.fact("HF's grad_norm == total norm of the gradients before clipping", not bad_norm, bad_norm or "yes")
    train_logs = [e for e in log_history if "loss" in e and "eval_loss" not in e and "train_loss" not in e]
    checks.equal("log_history training entries", len(train_logs), EXPECTED_STEPS)
    for s, e in zip(steps, train_logs):
        checks.at_most(f"step {s['step']}: log_history loss vs recorded", abs(e["loss"] - s["loss"]), CROSS_ABS)
        checks.fact(f"step {s['step']}: log_history learning_rate == lr used", e["learning_rate"] == s["lr"],
                    f"{e['learning_rate']!r} vs {s['lr']!r}")
        checks.fact(f"step {s['step']}: log_history grad_norm == pre-clip norm", e["grad_norm"] == s["grad_norm"],
                    f"{e['grad_norm']!r} vs {s['grad_norm']!r}")
    mean_steps = sum(s["loss"] for s in steps) / len(steps)
    checks.at_most("train_loss == mean of the step losses", abs(train_output.training_loss - mean_steps), CROSS_ABS)
    checks.at_most("eval_loss == mean of per-record validation losses",
                   abs(final_eval["eval_loss"] - sum(final_val) / len(final_val)), CROSS_ABS)
    # Step 1's loss, recomputed without Trainer from the saved initial adapter: the definition of steps.loss.
    first = [i for mb in steps[0]["micro_batches"] for i in mb]
    with ref.working_dir(initial_dir):
        reloaded = PeftModel.from_pretrained(ref.load_base_model(LlamaForCausalLM, os.path.join("..", "model")), ".")
    reload_initial = record_losses(reloaded, train_ex)
    checks.at_most("initial_adapter reloaded: train loss", max(abs(a - b) for a, b in zip(reload_initial,
                                                                                        initial_train)), RELOAD_ABS)
    step1 = token_mean([reload_initial[i] for i in first], [train_ex[i] for i in first])
    checks.at_most("step 1 loss == token mean of its records under initial_adapter", abs(step1 - steps[0]["loss"]),
                   STEP1_ABS)
    del reloaded
    reloaded = PeftModel.from_pretrained(ref.load_base_model(LlamaForCausalLM, model_dir), final_dir)
    reload_final = record_losses(reloaded, train_ex)
    checks.at_most("final_adapter reloaded: train loss (token mean)",
                   abs(token_mean(reload_final, train_ex) - token_mean(final_train, train_ex)), RELOAD_ABS)
    checks.at_most("final_adapter reloaded: per-record train losses",
                   max(abs(a - b) for a, b in zip(reload_final, final_train)), RELOAD_ABS)
    del reloaded
    moved = token_mean(initial_train, train_ex) - token_mean(final_train, train_ex)
    checks.at_least("training lowers the train loss", moved, MIN_MOVE)

    # 6. expected.json.
    dropped = sorted({k for e in log_history for k in e if TIMING_KEY.search(k)})
    log_history = [{k: v for k, v in e.items() if not TIMING_KEY.search(k)} for e in log_history]
    metrics = {k: v for k, v in train_output.metrics.items() if not TIMING_KEY.search(k)}
    public_steps = [{k: s[k] for k in ("step", "lr", "loss", "grad_norm", "label_tokens", "micro_batches",
                                       "clipped", "grad_norm_after_clip", "micro_batch_label_tokens",
                                       "micro_batch_losses", "epoch")} for s in steps]
    settings = {key: {"value": value, "hf_argument": hf} for key, hf, value in SETTINGS}
    settings["train.epochs"]["note"] = "the run ends after the epochs: 8 optimizer steps"
    settings["train.max_steps"]["value"] = None
    settings["train.max_steps"]["note"] = "unset (HF -1): train.epochs decides"
    settings["train.device"] = {"value": "cpu", "hf_argument": "use_cpu", "note": "HF use_cpu=True"}
    settings["train.dtype"] = {"value": "float32", "hf_argument": None}
    settings["data.max_length"] = {"value": MAX_LENGTH, "hf_argument": None,
                                   "note": f"the script cuts nothing; the longest record has {longest} tokens"}
    settings["data.format"] = {"value": "alpaca", "hf_argument": None}
    settings["data.path"] = {"value": "train.jsonl", "hf_argument": "train_dataset"}
    settings["data.validation_path"] = {"value": "validation.jsonl", "hf_argument": "eval_dataset"}
    settings["data.train_on_prompt"] = {"value": False, "hf_argument": None,
                                        "note": "labels -100 on BOS and the prompt"}
    for k in ("r", "lora_alpha", "lora_dropout", "bias", "target_modules"):
        settings["lora." + k] = {"value": LORA[k], "hf_argument": f"LoraConfig.{k}"}
    doc = {
        "description": "8 optimizer steps of transformers.Trainer + PEFT LoRA on a tiny random Llama (CPU, "
                       "float32): 14 Alpaca records in file order, batch 2, gradient accumulation 2, 2 epochs, "
                       "cosine with 2 warmup steps, AdamW, clipping at 1.0",
        "versions": versions,
        "other_versions": {"accelerate": accelerate.__version__},
        "settings": settings,
        "hf_training_arguments": used_args,
        "optimizer": {"class": f"torch.optim.{optimizer_name}", "optim": HF_ONLY["optim"],
                      "defaults": optimizer_defaults,
                      "why": "torch's AdamW in its plain (not fused) form; this transformers' default would be "
                             "adamw_torch_fused"},
        "pad_id": pad_id,
        "padding": "right; input_ids padded with pad_id (the tokenizer's unk, as it has no pad piece), labels with "
                   "-100, attention_mask 1 on tokens and 0 on padding; positions are 0..n-1 in every row",
        "bos_id": tokens.bos,
        "eos_id": tokens.eos,
        "seeds": {"model": MODEL_SEED, "adapter": ADAPTER_SEED, "train": TRAIN_SEED},
        "model_config": model_config_dict,
        "lora_config": lora_config_dict,
        "trainable_line": trainable_line,
        "lora_init": "lora_A uniform(-1/sqrt(in), 1/sqrt(in)), lora_B normal(0, 0.1) (not PEFT's zeros)",
        "definitions": DEFINITIONS,
        "steps": public_steps,
        "log_history": log_history,
        "log_history_dropped_keys": dropped,
        "eval_loss": final_eval["eval_loss"],
        "eval_history": [{"step": e["step"], "eval_loss": e["eval_loss"]} for e in log_history if "eval_loss" in e],
        "train_loss": train_output.training_loss,
        "train_metrics": metrics,
        "losses": {
            "note": "per-record model(input_ids, labels).loss (token mean of the record) and the token mean over "
                    "all records of the set (what lorawb eval --data reports), before and after training",
            "initial": {"train": initial_train, "validation": initial_val,
                        "train_token_mean": token_mean(initial_train, train_ex),
                        "validation_token_mean": token_mean(initial_val, val_ex)},
            "final": {"train": final_train, "validation": final_val,
                      "train_token_mean": token_mean(final_train, train_ex),
                      "validation_token_mean": token_mean(final_val, val_ex)},
        },
        "records": {
            "train": [{k: ex[k] for k in ("input_ids", "labels", "prompt_tokens", "label_tokens")} for ex in train_ex],
            "validation": [{k: ex[k] for k in ("input_ids", "labels", "prompt_tokens", "label_tokens")}
                           for ex in val_ex],
        },
        "tolerances_fp32": {"loss_abs": 1e-4, "lr_abs": 1e-10, "grad_norm_rel": 1e-4, "final_adapter_abs": 1e-4},
        "checks": checks.items,
        "problems": checks.problems,
    }
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        f.write(compact_json(doc) + "\n")

    print(f"{'step':>4} {'lr':>12} {'loss':>10} {'grad_norm':>10} {'tokens':>6}  micro-batches")
    for s in steps:
        print(f"{s['step']:>4} {s['lr']:>12.6e} {s['loss']:>10.6f} {s['grad_norm']:>10.6f} {s['label_tokens']:>6}  "
              f"{s['micro_batches']}{'  (clipped)' if s['clipped'] else ''}")
    print(f"eval_loss {final_eval['eval_loss']:.6f}, train_loss {train_output.training_loss:.6f}, train loss (token "
          f"mean) {token_mean(initial_train, train_ex):.6f} -> {token_mean(final_train, train_ex):.6f}")
    for line in checks.lines():
        print(line)
    size = ref.folder_size(out)
    print(f"wrote {out}: {size / 1024:.0f} KiB in {time.time() - started:.1f} s")
    if size > 1024 * 1024:
        print("WARN: the trajectory fixture exceeds 1 MiB", file=sys.stderr)
    if checks.problems:
        print("FAILED: " + "; ".join(checks.problems), file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
