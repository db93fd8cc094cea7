#!/usr/bin/env python3
"""LoRA training throughput of HF transformers + PEFT, the baseline for `lorawb bench`.

Usage:  python3 tests/gpu/peft_bench.py --config tinyllama-1.1b --batch 8 --seq 512 --steps 10 [--warmup 3]

A random-weight model of the named shape (the same shapes as `lorawb bench --config`), bf16 weights, SDPA
attention, LoRA r=8, alpha=32, dropout 0.05, bias none, targets q/k/v/o/gate/up/down (adapters in fp32, PEFT's
default autocast_adapter_dtype), AdamW lr 1e-4 on the adapter only, no gradient checkpointing, a fresh batch of
random tokens each step, loss = model(input_ids, labels=input_ids).loss, gradients clipped at 1.0 (transformers'
Trainer default max_grad_norm, which `lorawb bench` applies too). The warm-up steps are not timed.

Prints one JSON line:
  {"impl": "peft", "config": ..., "batch": ..., "seq": ..., "tokens_per_second": ..., "peak_memory_gib": ...,
   "step_time_ms": ..., ...}
peak_memory_gib is torch.cuda.max_memory_allocated() over the whole run (weights included), in GiB (2^30 bytes).
Out of GPU memory prints {"impl": "peft", ..., "error": "out of memory"} and exits 1.
"""

import argparse
import json
import math
import platform
import sys
import time

# The shapes, with random weights. "tiny" only checks this script itself (seconds on a CPU).
CONFIGS = {
    "tinyllama-1.1b": dict(vocab_size=32000, hidden_size=2048, intermediate_size=5632, num_hidden_layers=22,
                           num_attention_heads=32, num_key_value_heads=4, max_position_embeddings=2048,
                           rms_norm_eps=1e-5, rope_theta=10000.0),
    "llama3-8b": dict(vocab_size=128256, hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
                      num_attention_heads=32, num_key_value_heads=8, max_position_embeddings=8192,
                      rms_norm_eps=1e-5, rope_theta=500000.0),
    "tiny": dict(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                 num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                 rms_norm_eps=1e-5, rope_theta=10000.0),
}
TARGETS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def parse_args():
    p = argparse.ArgumentParser(description="HF transformers + PEFT LoRA training throughput on random tokens.")
    p.add_argument("--config", required=True, choices=sorted(CONFIGS))
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--seq", type=int, required=True)
    p.add_argument("--steps", type=int, default=10, help="timed steps (default %(default)s)")
    p.add_argument("--warmup", type=int, default=3, help="untimed steps first (default %(default)s)")
    p.add_argument("--device", default="cuda", help="cuda (default) or cpu")
    p.add_argument("--dtype", choices=["bf16", "fp32"], help="base weights (default: bf16 on cuda, fp32 on cpu)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    for name in ("batch", "seq", "steps"):
        if getattr(args, name) <= 0:
            p.error(f"--{name} must be positive")
    if args.warmup < 0:
        p.error("--warmup must be >= 0")
    if args.seq > CONFIGS[args.config]["max_position_embeddings"]:
        p.error(f"--seq {args.seq} exceeds {args.config}'s max_position_embeddings")
    return args


def build_model(shape, dtype, device):
    import torch
    import transformers
    from transformers import LlamaConfig, LlamaForCausalLM

    fields = dict(shape)
    rope_theta = fields.pop("rope_theta")
    if int(transformers.__version__.split(".")[0]) >= 5:
        fields["rope_parameters"] = {"rope_type": "default", "rope_theta": rope_theta}
    else:
        fields["rope_theta"] = rope_theta
    # use_cache off: training keeps no KV cache (transformers' Trainer does the same).
    config = LlamaConfig(**fields, tie_word_embeddings=False, use_cache=False, bos_token_id=1, eos_token_id=2)
    try:
        config._attn_implementation = "sdpa"  # the setter validates the name; SDPA is also the default on CUDA
    except Exception:
        pass
    # Create the weights directly on the device in the target dtype (an 8B model in fp32 on the CPU would take
    # minutes); the default dtype goes back to fp32 before PEFT creates its adapters.
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            model = LlamaForCausalLM(config)
    finally:
        torch.set_default_dtype(previous)
    return model


def main():
    args = parse_args()
    try:
        import torch
        import peft
        import transformers
        from peft import LoraConfig, get_peft_model
    except ImportError as e:
        print(f"error: {e}; peft_bench.py needs torch, transformers and peft", file=sys.stderr)
        return 2

    device = torch.device(args.device)
    cuda = device.type == "cuda"
    if cuda and not torch.cuda.is_available():
        print("error: --device cuda but torch sees no CUDA device", file=sys.stderr)
        return 2
    dtype = {"bf16": torch.bfloat16, "fp32": torch.float32}[args.dtype or ("bf16" if cuda else "fp32")]
    torch.manual_seed(args.seed)
    record = {"impl": "peft", "config": args.config, "batch": args.batch, "seq": args.seq, "steps": args.steps,
              "warmup": args.warmup, "dtype": str(dtype).replace("torch.", ""),
              "device": torch.cuda.get_device_name(device) if cuda else platform.processor() or "cpu",
              "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                           "peft": peft.__version__}}
    try:
        model = build_model(CONFIGS[args.config], dtype, device)
        lora = LoraConfig(r=8, lora_alpha=32, lora_dropout=0.05, bias="none", target_modules=list(TARGETS),
                          task_type="CAUSAL_LM")
        model = get_peft_model(model, lora)  # casts the adapters to fp32 (autocast_adapter_dtype=True)
        model.train()
        trainable, total = model.get_nb_trainable_parameters()
        record["trainable_params"], record["all_params"] = int(trainable), int(total)
        record["attn_implementation"] = str(getattr(model.config, "_attn_implementation", "?"))
        record["adapter_dtype"] = str(next(p.dtype for p in model.parameters() if p.requires_grad)).replace(
            "torch.", "")
        trainable = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(trainable, lr=1e-4)

        gen = torch.Generator(device=device).manual_seed(args.seed)
        vocab = CONFIGS[args.config]["vocab_size"]
        batches = [torch.randint(0, vocab, (args.batch, args.seq), generator=gen, device=device)
                   for _ in range(args.warmup + args.steps)]
        if cuda:
            torch.cuda.synchronize(device)
            torch.cuda.reset_peak_memory_stats(device)

        losses = []
        start = time.perf_counter()
        for step, x in enumerate(batches):
            if step == args.warmup:
                if cuda:
                    torch.cuda.synchronize(device)
                start = time.perf_counter()
            loss = model(input_ids=x, labels=x).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.detach())
        if cuda:
            torch.cuda.synchronize(device)
        elapsed = time.perf_counter() - start
    except torch.cuda.OutOfMemoryError:
        record["error"] = "out of memory"
        print(json.dumps(record))
        return 1

    final_loss = float(losses[-1])
    record.update({
        "tokens_per_second": args.batch * args.seq * args.steps / elapsed,
        "step_time_ms": 1000.0 * elapsed / args.steps,
        "peak_memory_gib": torch.cuda.max_memory_allocated(device) / 2**30 if cuda else 0.0,
        "peak_reserved_gib": torch.cuda.max_memory_reserved(device) / 2**30 if cuda else 0.0,
        "final_loss": final_loss,
    })
    if not math.isfinite(final_loss):
        record["error"] = "loss is not finite"
    print(json.dumps(record))
    return 0 if "error" not in record else 1


if __name__ == "__main__":
    sys.exit(main())
