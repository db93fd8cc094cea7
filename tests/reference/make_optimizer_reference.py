#!/usr/bin/env python3
"""Makes the optimizer reference fixture: torch.optim.AdamW's updates on a float32 and a bfloat16 parameter.

Usage:  python tests/reference/make_optimizer_reference.py [OUT_DIR]
        (default OUT_DIR: tests/data/reference/optimizer)

HF Trainer's default optimizer is torch.optim.AdamW (adamw_torch; on the CPU its single-tensor path). Its state is
zeros_like(param): a bfloat16 parameter (a bias with bias "all", a modules_to_save copy of a bfloat16 model) keeps
bfloat16 moments and rounds after every operation. core/train/AdamW must do the same; test_adamw_reference checks it
against what this script records.

Writes, deterministically (a second run writes the same bytes):
  adamw.safetensors  for each dtype D in {float32, bfloat16}: "D.param0" [6, 10] the parameter before the first step,
                     "D.grad.<k>" the gradient given at step k (1..STEPS), "D.param.<k>" the parameter after step k,
                     "D.exp_avg", "D.exp_avg_sq" the state after the last step (all in dtype D)
  expected.json      versions, the options (lr per step, betas, eps, weight_decay), the tensor list
Exit 0 on success, 2 if torch or safetensors is missing.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "data", "reference", "optimizer")
MADE_BY = "tests/reference/make_optimizer_reference.py"

STEPS = 5
# Large enough that every update moves bfloat16 values (its spacing near 1 is 2^-7), with a schedule as warmup +
# decay give, and weight decay on, so that the decoupled decay's own rounding is exercised too.
LRS = [0.02, 0.05, 0.05, 0.03, 0.01]
BETAS = (0.9, 0.999)
EPS = 1e-8
WEIGHT_DECAY = 0.1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=DEFAULT_OUT)
    args = parser.parse_args()
    try:
        import torch
        from safetensors.torch import save_file
        import safetensors
    except ImportError as e:
        print(f"make_optimizer_reference: {e}; make the venv with bash tests/reference/setup-venv.sh", file=sys.stderr)
        return 2

    generator = torch.Generator().manual_seed(20261207)
    base = torch.randn(6, 10, generator=generator)
    # Gradients over four orders of magnitude, so that the second moment's rounding matters.
    scales = torch.logspace(-3, 1, 10)
    grads = [torch.randn(6, 10, generator=generator) * scales for _ in range(STEPS)]

    tensors = {}
    for dtype_name, dtype in (("float32", torch.float32), ("bfloat16", torch.bfloat16)):
        param = torch.nn.Parameter(base.to(dtype).clone())
        optimizer = torch.optim.AdamW([param], lr=LRS[0], betas=BETAS, eps=EPS, weight_decay=WEIGHT_DECAY,
                                      foreach=False, fused=False)
        tensors[f"{dtype_name}.param0"] = param.detach().clone()
        for k, (lr, grad) in enumerate(zip(LRS, grads), start=1):
            for group in optimizer.param_groups:
                group["lr"] = lr
            param.grad = grad.to(dtype)
            optimizer.step()
            tensors[f"{dtype_name}.grad.{k}"] = param.grad.detach().clone()
            tensors[f"{dtype_name}.param.{k}"] = param.detach().clone()
        state = optimizer.state[param]
        assert state["exp_avg"].dtype == dtype, "torch keeps the state in the parameter's dtype"
        tensors[f"{dtype_name}.exp_avg"] = state["exp_avg"].clone()
        tensors[f"{dtype_name}.exp_avg_sq"] = state["exp_avg_sq"].clone()

    os.makedirs(args.out, exist_ok=True)
    save_file({k: v.contiguous() for k, v in sorted(tensors.items())}, os.path.join(args.out, "adamw.safetensors"),
              metadata={"made_by": MADE_BY})
    expected = {
        "made_by": MADE_BY,
        "versions": {"torch": torch.__version__, "safetensors": safetensors.__version__},
        "optimizer": "torch.optim.AdamW(foreach=False, fused=False)",
        "steps": STEPS,
        "lr": LRS,
        "betas": list(BETAS),
        "eps": EPS,
        "weight_decay": WEIGHT_DECAY,
        "tensors": sorted(tensors),
    }
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"wrote {len(tensors)} tensors to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
