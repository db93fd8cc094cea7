#!/usr/bin/env python3
"""Makes the golden reference fixtures for LoRA Workbench with Hugging Face transformers + PEFT themselves.

Usage:  python tests/reference/make_reference.py [OUT_DIR] [--cases a,b]     (default OUT_DIR: tests/data/reference)

Needs the pinned stack of tests/reference/requirements.txt (bash tests/reference/setup-venv.sh makes a venv with it);
runs on CPU in float32 in well under a minute.

For each case (one tiny random base model) it writes
  OUT/<case>/model/            the base model, saved by save_pretrained (config.json, model.safetensors,
                               generation_config.json) plus a tiny sentencepiece tokenizer.model
and for each adapter variant of that case
  OUT/<case>/<variant>/adapter/              the PEFT adapter, saved by PeftModel.save_pretrained
                                             (adapter_config.json, adapter_model.safetensors, README.md)
  OUT/<case>/<variant>/expected.safetensors
      input_ids     int64 [2, 12]   the fixed input (the same for every variant of a case)
      logits_model  f32 [2, 12, V]  the base model alone, before PEFT touched it
      logits_base   f32 [2, 12, V]  the PEFT model inside disable_adapter() (differs from logits_model only when
                                    bias != "none": then the adapter carries its own biases)
      logits_lora   f32 [2, 12, V]  the PEFT model with the adapter active
      loss          f32 [1]         model(input_ids, labels=input_ids).loss with the adapter active
      loss_base     f32 [1]         the same inside disable_adapter()
      grad.<key>    f32             d loss / d tensor, for every tensor of adapter_model.safetensors, named by its
                                    key there (e.g. grad.base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight)
      merged.<name> f32             (variants with "merged") after merge_and_unload: the weight (and bias) of every
                                    module the adapter targeted, named as in the base checkpoint
                                    (merged.model.layers.0.self_attn.q_proj.weight)
  OUT/<case>/<variant>/expected.json   versions, configs, the LoRA layers PEFT made (r, alpha, scaling), PEFT's
                                       trainable-parameters line, and every self-check with its value and limit.
  OUT/index.json              every case and variant, the versions, and whether every self-check passed.

Only what HF computes goes into these files; nothing here re-implements a formula. The script exits 1 if any
self-check fails (after writing everything it could), 2 if a package is missing or an argument is wrong.
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
LORA_B_STD = 0.1      # lora_B is random (not PEFT's zeros) so that the adapter changes the output and has gradients
BIAS_NUDGE_STD = 0.1  # trainable biases are nudged after wrapping, so that the adapter file's copy matters
SAVED_NUDGE = 0.3     # modules_to_save copies get noise of 0.3 x their own std, so that the saved copy matters
LORA_NUDGE = 0.2      # PiSSA / OLoRA: A and B move by 0.2 x their own std from the start PEFT computed

# Self-check limits (float32 on CPU).
RELOAD_ABS, RELOAD_LOSS_ABS = 1e-5, 1e-6
MERGE_ABS = 1e-4
SDPA_ABS = 1e-5
MIN_EFFECT = 1e-2  # the adapter (and a sliding window) must move the logits by at least this much

# The cases. Shapes differ between cases (and in/out sizes differ within each) so that a transposed or swapped
# weight cannot pass by accident. Every model gets bos=1, eos=2 to match the sentencepiece model made below.
# Each variant is one adapter on the case's model: "lora" overrides the LoraConfig defaults below, "merged" also
# dumps the merge_and_unload weights, "expect" are checks of what PEFT built (see check_structure).
LORA_DEFAULTS = dict(r=LORA_R, lora_alpha=LORA_ALPHA, target_modules=list(TARGETS), lora_dropout=0.0, bias="none",
                     use_rslora=False, init_lora_weights=True, task_type="CAUSAL_LM")

CASES = [
    {
        "name": "llama_tied_gqa",
        "doc": "Llama, tied input/output embeddings (no lm_head.weight in the file), grouped-query attention "
               "(4 query heads, 2 kv heads)",
        "arch": "LlamaForCausalLM",
        "seed": 1001,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=True),
        "rope": {"rope_type": "default", "rope_theta": 10000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections, bias none; merged weights dumped",
             "lora": {}, "merged": True, "expect": {"lora_layers": 14}},
            {"name": "lm_head_saved",
             "doc": "modules_to_save ['lm_head'] on the tied model, PEFT's default ensure_weight_tying=False: PEFT "
                    "trains and saves a copy of lm_head, the input embedding stays as it was (tying is broken)",
             "lora": {"modules_to_save": ["lm_head"]},
             "expect": {"lora_layers": 14, "adapter_keys_present": ["base_model.model.lm_head.weight"],
                        "lm_head_tied": False}},
            {"name": "lm_head_saved_tied",
             "doc": "modules_to_save ['lm_head'] with ensure_weight_tying=True: PEFT trains one copy of the tied "
                    "embedding that serves as input embedding and lm_head",
             "lora": {"modules_to_save": ["lm_head"], "ensure_weight_tying": True},
             "expect": {"lora_layers": 14, "lm_head_tied": True,
                        "same_tensors": [["base_model.model.lm_head.weight",
                                          "base_model.model.model.embed_tokens.weight"]]}},
        ],
    },
    {
        "name": "llama3_rope",
        # With head_dim 16 and theta 500000 the rotary wavelengths are 6.3, 32.5, 169, ... positions; an original
        # context of 64 puts them in all three branches of the llama3 rule (kept < 16, smoothed in 16..64, / 8).
        "doc": "Llama with rope scaling type llama3 (factor 8, low 1, high 4, original context 64), 1 kv head, untied",
        "arch": "LlamaForCausalLM",
        "seed": 1002,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=112, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=1, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False),
        "rope": {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 8.0, "low_freq_factor": 1.0,
                 "high_freq_factor": 4.0, "original_max_position_embeddings": 64},
        "variants": [
            {"name": "rslora", "doc": "rsLoRA: scaling alpha/sqrt(r) = 4", "lora": {"use_rslora": True},
             "expect": {"lora_layers": 14, "scaling": {"model.layers.0.self_attn.q_proj": 4.0}}},
            {"name": "patterns",
             "doc": "rank_pattern {q_proj: 2, model.layers.1.mlp.down_proj: 8} and alpha_pattern {v_proj: 32, "
                    "layers.0.self_attn.o_proj: 2} (PEFT matches a key as a regex against the end of the module "
                    "name); merged weights dumped",
             "lora": {"rank_pattern": {"q_proj": 2, "model.layers.1.mlp.down_proj": 8},
                      "alpha_pattern": {"v_proj": 32, "layers.0.self_attn.o_proj": 2}},
             "merged": True,
             "expect": {"lora_layers": 14,
                        "r": {"model.layers.0.self_attn.q_proj": 2, "model.layers.1.self_attn.q_proj": 2,
                              "model.layers.1.mlp.down_proj": 8, "model.layers.0.mlp.down_proj": 4,
                              "model.layers.0.self_attn.v_proj": 4},
                        "scaling": {"model.layers.0.self_attn.q_proj": 4.0, "model.layers.1.mlp.down_proj": 1.0,
                                    "model.layers.0.self_attn.v_proj": 8.0, "model.layers.1.self_attn.v_proj": 8.0,
                                    "model.layers.0.self_attn.o_proj": 0.5, "model.layers.1.self_attn.o_proj": 2.0}}},
        ],
    },
    {
        "name": "qwen2_bias",
        "doc": "Qwen2: q/k/v projections with biases, GQA, untied",
        "arch": "Qwen2ForCausalLM",
        "seed": 1003,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=80, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-6, tie_word_embeddings=False, use_sliding_window=False),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "variants": [
            {"name": "lora_only",
             "doc": "bias 'lora_only': the biases of the adapted q/k/v train, are nudged and saved in the adapter; "
                    "merged weights and biases dumped",
             "lora": {"bias": "lora_only"}, "merged": True,
             "expect": {"lora_layers": 14,
                        "adapter_keys_present": ["base_model.model.model.layers.0.self_attn.k_proj.base_layer.bias"]}},
            {"name": "bias_all",
             "doc": "bias 'all' with k_proj not targeted: every bias of the model trains, also k_proj's (saved "
                    "without '.base_layer', as that layer is not wrapped)",
             "lora": {"bias": "all", "target_modules": [t for t in TARGETS if t != "k_proj"]},
             "expect": {"lora_layers": 12, "not_adapted": ["model.layers.0.self_attn.k_proj"],
                        "adapter_keys_present": ["base_model.model.model.layers.0.self_attn.k_proj.bias",
                                                 "base_model.model.model.layers.1.self_attn.q_proj.base_layer.bias"]}},
        ],
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
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections", "lora": {},
             "expect": {"lora_layers": 14}},
            {"name": "layers_to_transform", "doc": "layers_to_transform [1]: only the second decoder layer is adapted",
             "lora": {"layers_to_transform": [1]},
             "expect": {"lora_layers": 7, "only_layers": [1]}},
            {"name": "exclude_modules",
             "doc": "exclude_modules ['o_proj', 'layers.1.mlp.up_proj'] (exact name or '.'-suffix)",
             "lora": {"exclude_modules": ["o_proj", "layers.1.mlp.up_proj"]},
             "expect": {"lora_layers": 11,
                        "not_adapted": ["model.layers.0.self_attn.o_proj", "model.layers.1.self_attn.o_proj",
                                        "model.layers.1.mlp.up_proj"]}},
            {"name": "exclude_regex",
             "doc": "exclude_modules as a string: PEFT's re.fullmatch over the whole module name (layer 0's MLP)",
             "lora": {"exclude_modules": r".*layers\.0\.mlp\..*"},
             "expect": {"lora_layers": 11,
                        "not_adapted": ["model.layers.0.mlp.gate_proj", "model.layers.0.mlp.up_proj",
                                        "model.layers.0.mlp.down_proj"]}},
            {"name": "exact_name_layers",
             "doc": "target_modules with an exact module name and layers_to_transform [1]: the exact name escapes "
                    "layers_to_transform (PEFT's check_target_module_exists), the suffix entry does not",
             "lora": {"target_modules": ["model.layers.0.self_attn.q_proj", "v_proj"], "layers_to_transform": [1]},
             "expect": {"lora_layers": 2,
                        "not_adapted": ["model.layers.0.self_attn.v_proj", "model.layers.1.self_attn.q_proj"]}},
            {"name": "saved_not_targeted",
             "doc": "down_proj both targeted and in modules_to_save: PEFT saves it whole and puts no adapter on it",
             "lora": {"target_modules": ["q_proj", "v_proj", "down_proj"], "modules_to_save": ["down_proj"]},
             "expect": {"lora_layers": 4,
                        "not_adapted": ["model.layers.0.mlp.down_proj", "model.layers.1.mlp.down_proj"]}},
            {"name": "unmatched_entry",
             "doc": "target_modules with an entry that matches nothing beside ones that do: PEFT fails only when "
                    "nothing matches",
             "lora": {"target_modules": ["q_proj", "v_proj", "not_a_module"]},
             "expect": {"lora_layers": 4}},
            {"name": "dora",
             "doc": "use_dora: DoRA's magnitude vector (one per output row, PEFT's ||W + s·BA|| at creation, then "
                    "nudged) rescales the adapted weight row by row; merged weights dumped",
             "lora": {"use_dora": True}, "merged": True, "expect": {"lora_layers": 14}},
        ],
    },
    {
        "name": "mistral_sliding",
        # A window of 5 < 12 positions: from position 5 on, the oldest positions drop out of each query's view.
        "doc": "Mistral with sliding_window 5, shorter than the 12-token input (HF: position q sees keys "
               "q-4..q); 4 query heads of 12 dims, 1 kv head",
        "arch": "MistralForCausalLM",
        "seed": 1005,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=1, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False, sliding_window=5),
        "rope": {"rope_type": "default", "rope_theta": 10000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections", "lora": {},
             "expect": {"lora_layers": 14}},
        ],
    },
    {
        "name": "qwen2_window_layers",
        # transformers derives layer_types from max_window_layers: layer i slides when i >= it.
        "doc": "Qwen2 with use_sliding_window, sliding_window 5 < the 12-token input and max_window_layers 1: layer 0 "
               "attends to every earlier position, layer 1 only to the last 5 (HF's layer_types)",
        "arch": "Qwen2ForCausalLM",
        "seed": 1012,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=64, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       rms_norm_eps=1e-6, tie_word_embeddings=False, use_sliding_window=True, sliding_window=5,
                       max_window_layers=1),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections", "lora": {},
             "expect": {"lora_layers": 14}},
        ],
    },
    {
        "name": "llama_head_dim",
        "doc": "Llama with an explicit head_dim 16 != hidden 48 / 4 heads (q_proj 48->64, o_proj 64->48), "
               "2 kv heads, untied; projection weights with singular values decaying by 0.85 per index, as trained "
               "weights have (PiSSA's top-r directions well separated)",
        "decaying_spectrum": 0.85,
        "arch": "LlamaForCausalLM",
        "seed": 1006,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=72, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False),
        "rope": {"rope_type": "default", "rope_theta": 10000.0},
        "variants": [
            {"name": "gaussian",
             "doc": "init_lora_weights 'gaussian': lora_A as PEFT drew it (normal, std 1/r), lora_B random; "
                    "merged weights dumped",
             "lora": {"init_lora_weights": "gaussian"}, "merged": True,
             "expect": {"lora_layers": 14}},
            {"name": "pissa",
             "doc": "init_lora_weights 'pissa': A and B from the top-r singular triplets of each base weight, the base "
                    "rewritten to the residual (PEFT's pissa_init), then A and B nudged as training would; the folder "
                    "converted_adapter/ is PEFT's conversion to plain LoRA on the original base (rank 2r); merged "
                    "weights dumped",
             "lora": {"init_lora_weights": "pissa"}, "merged": True, "rewrites_base": True,
             "expect": {"lora_layers": 14}},
            {"name": "olora",
             "doc": "init_lora_weights 'olora': B = Q[:, :r], A = R[:r] of each base weight's QR, the base rewritten "
                    "to W - s·BA (PEFT's olora_init), then nudged; converted_adapter/ as for pissa; merged weights "
                    "dumped",
             "lora": {"init_lora_weights": "olora"}, "merged": True, "rewrites_base": True,
             "expect": {"lora_layers": 14}},
        ],
    },
    {
        "name": "qwen3",
        # Qwen3's q_norm / k_norm: an RMSNorm over head_dim (weight [head_dim], shared by the heads) applied to each
        # head of q and k before RoPE. randomize_ gives them 1 + N(0, 0.1) like every norm; make_case checks that
        # they change the logits.
        "doc": "Qwen3: q_norm / k_norm (RMSNorm over head_dim on each q and k head before RoPE), explicit head_dim "
               "16 != hidden 48 / 4 heads, 2 kv heads, no biases, tied embeddings (as Qwen3-0.6B/1.7B/4B)",
        "arch": "Qwen3ForCausalLM",
        "seed": 1007,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=80, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=512,
                       rms_norm_eps=1e-6, tie_word_embeddings=True, attention_bias=False, use_sliding_window=False),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections, bias none; merged weights dumped",
             "lora": {}, "merged": True, "expect": {"lora_layers": 14}},
            {"name": "lm_head_saved_tied",
             "doc": "modules_to_save ['lm_head'] with ensure_weight_tying=True: PEFT trains one copy of the tied "
                    "embedding that serves as input embedding and lm_head",
             "lora": {"modules_to_save": ["lm_head"], "ensure_weight_tying": True},
             "expect": {"lora_layers": 14, "lm_head_tied": True,
                        "same_tensors": [["base_model.model.lm_head.weight",
                                          "base_model.model.model.embed_tokens.weight"]]}},
        ],
    },
    {
        "name": "mistral_nemo_head_dim",
        # Mistral-Nemo's shape in small: head_dim is given (128 there, with hidden 5120 / 32 heads = 160), so q_proj
        # and o_proj are not square and a loader that derives head_dim from hidden_size gets every shape wrong.
        "doc": "Mistral with an explicit head_dim 8 != hidden 48 / 4 heads (q_proj 48->32, o_proj 32->48), 2 kv heads, "
               "no sliding window, untied (as Mistral-Nemo)",
        "arch": "MistralForCausalLM",
        "seed": 1008,
        "config": dict(vocab_size=128, hidden_size=48, intermediate_size=96, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, head_dim=8, max_position_embeddings=512,
                       rms_norm_eps=1e-5, tie_word_embeddings=False, sliding_window=None),
        "rope": {"rope_type": "default", "rope_theta": 1000000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, the seven projections; merged weights dumped", "lora": {},
             "merged": True, "expect": {"lora_layers": 14}},
        ],
    },
    {
        "name": "phi3",
        # Phi-3's fused projections: qkv_proj's output is q, k and v side by side (here 64 + 32 + 32 rows with 4
        # query and 2 kv heads of 16 dims), gate_up_proj's is gate then up. LoRA wraps each fused layer whole.
        "doc": "Phi-3: fused qkv_proj (4 query + 2 kv heads of 16 dims) and gate_up_proj (gate first, up second), "
               "no biases, untied (as Phi-3-mini/medium)",
        "arch": "Phi3ForCausalLM",
        "seed": 1008,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=88, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                       original_max_position_embeddings=512, rms_norm_eps=1e-5, tie_word_embeddings=False,
                       resid_pdrop=0.0, embd_pdrop=0.0, attention_dropout=0.0, sliding_window=None),
        "rope": {"rope_type": "default", "rope_theta": 10000.0},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, Phi-3's four linear layers; merged weights dumped",
             "lora": {"target_modules": ["qkv_proj", "o_proj", "gate_up_proj", "down_proj"]}, "merged": True,
             "expect": {"lora_layers": 8}},
            {"name": "qkv_only", "doc": "PEFT's default target for phi3: qkv_proj alone",
             "lora": {"target_modules": ["qkv_proj"]}, "expect": {"lora_layers": 2}},
        ],
    },
    {
        "name": "phi3_longrope",
        # longrope as Phi-3.5-mini / Phi-4-mini: the pretraining length (8) is shorter than the input (12), so HF
        # uses the long factors and scales cos/sin by sqrt(1 + ln(512/8) / ln 8); partial_rotary_factor 0.75 rotates
        # 12 of the 16 dims of each head (Phi-4-mini); tied embeddings (Phi-4-mini).
        "doc": "Phi-3 with longrope (short/long factors, original_max_position_embeddings 8 < the 12 input "
               "positions: the long factors and the attention factor apply), partial_rotary_factor 0.75, tied",
        "arch": "Phi3ForCausalLM",
        "seed": 1009,
        "config": dict(vocab_size=128, hidden_size=64, intermediate_size=80, num_hidden_layers=2,
                       num_attention_heads=4, num_key_value_heads=4, max_position_embeddings=512,
                       original_max_position_embeddings=8, rms_norm_eps=1e-5, tie_word_embeddings=True,
                       resid_pdrop=0.0, embd_pdrop=0.0, attention_dropout=0.0, sliding_window=None),
        "rope": {"rope_type": "longrope", "rope_theta": 10000.0, "partial_rotary_factor": 0.75,
                 "short_factor": [1.0, 1.05, 1.1, 1.2, 1.35, 1.5], "long_factor": [1.0, 1.5, 2.5, 4.0, 6.0, 9.0]},
        "variants": [
            {"name": "default", "doc": "r 4, alpha 8, Phi-3's four linear layers",
             "lora": {"target_modules": ["qkv_proj", "o_proj", "gate_up_proj", "down_proj"]},
             "expect": {"lora_layers": 8}},
        ],
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
    import numpy
    import peft
    import safetensors
    import sentencepiece
    import tokenizers
    import torch
    import transformers
    return {"python": platform.python_version(), "torch": torch.__version__,
            "transformers": transformers.__version__, "peft": peft.__version__,
            "safetensors": getattr(safetensors, "__version__", "?"), "tokenizers": tokenizers.__version__,
            "sentencepiece": sentencepiece.__version__, "numpy": numpy.__version__}


def pinned_versions():
    """name -> version of every 'name==version' line of requirements.txt (what setup-venv.sh installs)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")
    pins = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[name.strip().lower()] = version.strip()
    return pins


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


def load_base_model(model_cls, folder, attn="eager", **overrides):
    import torch
    # Eager attention is the plain softmax(QK^T/sqrt(d) + mask)V, the textbook reference; SDPA is checked against
    # it. `overrides` change config fields at load time (the sliding-window check loads without the window).
    model = model_cls.from_pretrained(folder, attn_implementation=attn, **dtype_kwargs(torch.float32), **overrides)
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


def decay_spectrum_(model, ratio):
    """Gives every projection weight singular values s0 * ratio^i (its own singular vectors and largest value kept),
    as trained weights have a decaying spectrum. The top-r singular directions are then well separated, so float32
    SVDs of different LAPACKs (PiSSA's init) agree to ~1e-6 instead of ~1e-5 on a random matrix's close values."""
    import torch
    with torch.no_grad():
        for name, p in model.named_parameters():
            if p.dim() != 2 or "embed" in name or "lm_head" in name:
                continue
            u, s, vh = torch.linalg.svd(p.detach().double(), full_matrices=False)
            values = s[0] * ratio ** torch.arange(s.numel(), dtype=torch.float64)
            p.copy_(((u * values) @ vh).float())


def randomize_adapter_(peft_model, gen, keep_lora_a, nudge_lora=False):
    """lora_A as PEFT's own default (uniform +-1/sqrt(in)) unless keep_lora_a (then PEFT's draw stays, e.g. the
    gaussian init), lora_B random instead of zero; every other trainable tensor (biases under bias='lora_only'/'all',
    modules_to_save copies) is nudged, so that the adapter file's copy differs from the base model's.
    nudge_lora (PiSSA, OLoRA: A and B start from the base weight): both keep PEFT's start and move by LORA_NUDGE x
    their own std, as a few training steps would."""
    import torch
    from peft.tuners.lora import LoraLayer
    with torch.no_grad():
        for _, module in sorted(peft_model.named_modules(), key=lambda item: item[0]):
            if not isinstance(module, LoraLayer):
                continue
            a = module.lora_A["default"].weight
            b = module.lora_B["default"].weight
            if nudge_lora:
                a.add_(torch.randn(a.shape, generator=gen) * LORA_NUDGE * float(a.std()))
                b.add_(torch.randn(b.shape, generator=gen) * LORA_NUDGE * float(b.std()))
                continue
            if not keep_lora_a:
                bound = 1.0 / math.sqrt(a.shape[1])
                a.copy_((torch.rand(a.shape, generator=gen) * 2.0 - 1.0) * bound)
            b.copy_(torch.randn(b.shape, generator=gen) * LORA_B_STD)
        for name, p in peft_model.named_parameters():  # once per tensor, also for a tied copy
            if not p.requires_grad or ".lora_A." in name or ".lora_B." in name:
                continue
            noise = torch.randn(p.shape, generator=gen)
            if name.endswith(".bias"):
                p.add_(noise * BIAS_NUDGE_STD)
            else:
                p.add_(noise * SAVED_NUDGE * float(p.std()))


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


def lora_layers_info(peft_model):
    """{module name as in the base model: {r, lora_alpha, scaling, in, out}} for every LoRA layer PEFT made."""
    from peft.tuners.lora import LoraLayer
    prefix = "base_model.model."
    info = {}
    for name, module in peft_model.named_modules():
        if isinstance(module, LoraLayer) and "default" in module.lora_A:
            short = name[len(prefix):] if name.startswith(prefix) else name
            info[short] = {"r": int(module.r["default"]), "lora_alpha": float(module.lora_alpha["default"]),
                           "scaling": float(module.scaling["default"]),
                           "in": int(module.lora_A["default"].weight.shape[1]),
                           "out": int(module.lora_B["default"].weight.shape[0])}
    return dict(sorted(info.items()))


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
    """A 128-piece unigram sentencepiece model (ids 0 unk, 1 bos, 2 eos, as the configs say)."""
    import sentencepiece as spm
    with open(os.path.join(work_dir, "tokenizer_text.txt"), "w", encoding="utf-8") as f:
        f.write(TOKENIZER_TEXT)
    # Relative paths: the model file records its trainer's input and prefix, and must name no machine path.
    with working_dir(work_dir):
        spm.SentencePieceTrainer.train(
            input="tokenizer_text.txt", model_prefix="tokenizer", vocab_size=128, model_type="unigram",
            character_coverage=1.0, hard_vocab_limit=False, normalization_rule_name="identity",
            remove_extra_whitespaces=False, user_defined_symbols=["\n"], unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
            num_threads=1, shuffle_input_sentence=False, minloglevel=2)
    return os.path.join(work_dir, "tokenizer.model")


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


class Checks:
    """Named self-checks: each has a value and a limit, is printed and lands in expected.json."""

    def __init__(self):
        self.items = {}
        self.problems = []

    def at_most(self, name, value, limit):
        self._add(name, value, "<=", limit, value <= limit)

    def at_least(self, name, value, limit):
        self._add(name, value, ">=", limit, value >= limit)

    def equal(self, name, value, wanted):
        self._add(name, value, "==", wanted, value == wanted)

    def fact(self, name, ok, detail):
        self._add(name, detail, "", None, bool(ok))

    def _add(self, name, value, op, limit, ok):
        self.items[name] = {"value": value, "op": op, "limit": limit, "ok": bool(ok)}
        if not ok:
            self.problems.append(f"{name}: {value} (wanted {op} {limit})" if op else f"{name}: {value}")

    def lines(self):
        out = []
        for name, c in self.items.items():
            value = f"{c['value']:.3e}" if isinstance(c["value"], float) else str(c["value"])
            limit = f"{c['limit']:.0e}" if isinstance(c["limit"], float) else str(c["limit"])
            rule = f" {c['op']} {limit}" if c["op"] else ""
            out.append(f"  {'ok  ' if c['ok'] else 'FAIL'} {name}: {value}{rule}")
        return out


def check_structure(checks, expect, layers, adapter_file, grad_by_key, peft_model):
    """What PEFT built must be what the variant says: the number of LoRA layers, modules left out, layers, ranks,
    scalings, adapter keys, whether lm_head and the input embedding are one tensor, and keys that PEFT saves twice
    for one tensor (same values, same gradient)."""
    import torch
    from safetensors.torch import load_file
    saved = load_file(adapter_file)
    adapter_keys = set(saved)
    if "lora_layers" in expect:
        checks.equal("lora layer count", len(layers), expect["lora_layers"])
    for name in expect.get("not_adapted", []):
        checks.fact(f"{name} not adapted", name not in layers, "adapted" if name in layers else "not adapted")
    if "only_layers" in expect:
        wrong = [n for n in layers if not any(f".layers.{i}." in n for i in expect["only_layers"])]
        checks.fact(f"only layers {expect['only_layers']} adapted", not wrong, wrong or "yes")
    for name, r in expect.get("r", {}).items():
        checks.equal(f"r of {name}", layers.get(name, {}).get("r"), r)
    for name, s in expect.get("scaling", {}).items():
        got = layers.get(name, {}).get("scaling")
        checks.fact(f"scaling of {name} is {s:g}", got is not None and abs(got - s) < 1e-12, got)
    for key in expect.get("adapter_keys_present", []):
        checks.fact(f"adapter file has {key}", key in adapter_keys, "yes" if key in adapter_keys else "missing")
    if "lm_head_tied" in expect:
        inner = peft_model.get_base_model()
        tied = inner.get_output_embeddings().weight is inner.get_input_embeddings().weight
        checks.equal("lm_head weight is the input embedding's", tied, expect["lm_head_tied"])
    for a, b in expect.get("same_tensors", []):
        same = a in saved and b in saved and torch.equal(saved[a], saved[b])
        same_grad = a in grad_by_key and b in grad_by_key and torch.equal(grad_by_key[a], grad_by_key[b])
        checks.fact(f"{a} and {b}: one tensor, one gradient", same and same_grad,
                    f"values {'equal' if same else 'differ'}, gradients {'equal' if same_grad else 'differ'}")


def make_case(case, out_dir, tokenizer_path, versions):
    """Builds one case's model and all its variants; returns a list of (summary dict, problems) per variant."""
    import torch
    import transformers

    name = case["name"]
    case_dir = os.path.join(out_dir, name)
    model_dir = os.path.join(case_dir, "model")
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)  # stale files from an older run must not survive next to new ones
    os.makedirs(case_dir)

    model_cls = getattr(transformers, case["arch"])
    config_cls = getattr(transformers, case["arch"].replace("ForCausalLM", "Config"))
    gen = torch.Generator().manual_seed(case["seed"])
    torch.manual_seed(case["seed"])

    # 1. The base model: built from its config, randomized, saved; everything below is computed from the files.
    config = make_config(config_cls, case["config"], case["rope"])
    fresh = model_cls(config)
    randomize_(fresh, gen)
    if case.get("decaying_spectrum"):
        decay_spectrum_(fresh, case["decaying_spectrum"])
    save_base_model(fresh, model_dir)
    del fresh
    shutil.copyfile(tokenizer_path, os.path.join(model_dir, "tokenizer.model"))
    vocab = case["config"]["vocab_size"]
    input_ids = torch.randint(0, vocab, (BATCH, SEQ), generator=gen, dtype=torch.int64)

    base = load_base_model(model_cls, model_dir)
    with torch.no_grad():
        logits_model = base(input_ids=input_ids).logits.detach().clone()
        # The model's own checks, shared by its variants: SDPA agrees with eager; a sliding window matters.
        model_checks = Checks()
        sdpa = load_base_model(model_cls, model_dir, attn="sdpa")
        model_checks.at_most("sdpa vs eager logits (base model)", max_abs_diff(sdpa(input_ids=input_ids).logits,
                                                                               logits_model), SDPA_ABS)
        del sdpa
        window = case["config"].get("sliding_window")
        if window:
            model_checks.fact(f"sliding_window {window} < sequence {SEQ}", window < SEQ, f"{window} vs {SEQ}")
            model_checks.equal("config.json keeps sliding_window", base.config.sliding_window, window)
            if "max_window_layers" in case["config"]:  # a window of None on a sliding layer breaks HF's cache
                no_window = load_base_model(model_cls, model_dir,
                                            layer_types=["full_attention"] * case["config"]["num_hidden_layers"])
            else:
                no_window = load_base_model(model_cls, model_dir, sliding_window=None)
            effect = max_abs_diff(no_window(input_ids=input_ids).logits, logits_model)
            model_checks.at_least("sliding window changes the logits (vs no window)", effect, MIN_EFFECT)
            first = max_abs_diff(no_window(input_ids=input_ids).logits[:, :window], logits_model[:, :window])
            model_checks.at_most(f"first {window} positions unaffected by the window", first, SDPA_ABS)
            if "max_window_layers" in case["config"]:
                layers = case["config"]["num_hidden_layers"]
                model_checks.equal("layer_types from max_window_layers", list(base.config.layer_types),
                                   ["full_attention" if i < case["config"]["max_window_layers"] else
                                    "sliding_attention" for i in range(layers)])
                every = load_base_model(model_cls, model_dir, layer_types=["sliding_attention"] * layers)
                model_checks.at_least("the full layers matter (vs every layer sliding)",
                                      max_abs_diff(every(input_ids=input_ids).logits, logits_model), MIN_EFFECT)
            del no_window
        # Per-head q/k norms (Qwen3's q_norm / k_norm): their random weights must matter, so that an engine that
        # skips them, or applies them after RoPE, fails.
        qk_norms = [n for n, _ in base.named_parameters() if ".q_norm." in n or ".k_norm." in n]
        if qk_norms:
            all_ones = [n for n in qk_norms if bool((base.get_parameter(n) == 1.0).all())]
            model_checks.fact(f"q_norm/k_norm weights are not ones ({len(qk_norms)} tensors)", not all_ones,
                              all_ones or "yes")
            ones = load_base_model(model_cls, model_dir)
            for n in qk_norms:
                ones.get_parameter(n).fill_(1.0)
            effect = max_abs_diff(ones(input_ids=input_ids).logits, logits_model)
            model_checks.at_least("q_norm/k_norm weights change the logits (vs all ones)", effect, MIN_EFFECT)
            del ones
        # longrope: with the input past the pretraining length, the long factors and the attention factor apply;
        # the same model with a pretraining length that covers the input (short factors) must differ.
        if case["rope"].get("rope_type") == "longrope":
            covering = load_base_model(model_cls, model_dir, original_max_position_embeddings=SEQ)
            effect = max_abs_diff(covering(input_ids=input_ids).logits, logits_model)
            model_checks.at_least("longrope: long factors past the pretraining length change the logits", effect,
                                  MIN_EFFECT)
            del covering
    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        model_config_dict = json.load(f)  # as saved: config.to_dict() would add the machine path of the folder
    del base
    print(f"{name}: {case['arch']}, V {vocab}, input {BATCH}x{SEQ}")
    for line in model_checks.lines():
        print(line)

    results = []
    for index, variant in enumerate(case["variants"]):
        try:
            summary, problems = make_variant(case, variant, index, case_dir, model_cls, input_ids, logits_model,
                                             model_config_dict, model_checks, versions)
        except Exception:
            traceback.print_exc()
            summary = {"case": name, "variant": variant["name"], "ok": False, "problems": ["exception, see log"]}
            problems = summary["problems"]
        results.append((summary, problems))
    return results


def make_variant(case, variant, index, case_dir, model_cls, input_ids, logits_model, model_config_dict,
                 model_checks, versions):
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model, get_peft_model_state_dict
    from safetensors.torch import save_file

    variant_dir = os.path.join(case_dir, variant["name"])
    adapter_dir = os.path.join(variant_dir, "adapter")
    os.makedirs(adapter_dir)
    model_dir = os.path.join(case_dir, "model")
    seed = case["seed"] * 10 + index
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)  # PEFT's own init (e.g. the gaussian lora_A) draws from the global RNG
    checks = Checks()
    for key, item in model_checks.items.items():
        checks.items[key] = dict(item)
    checks.problems = list(model_checks.problems)

    # Loaded through the relative path as seen from the adapter folder: PEFT writes the base model's name_or_path
    # into adapter_config.json and README.md, and this way the committed files name no machine path.
    with working_dir(adapter_dir):
        base = load_base_model(model_cls, os.path.join("..", "..", "model"))

    lora_kwargs = dict(LORA_DEFAULTS, **variant["lora"])
    lora_config = LoraConfig(**lora_kwargs)
    peft_model = get_peft_model(base, lora_config)
    keep_a = lora_kwargs["init_lora_weights"] is not True
    rewrites_base = bool(variant.get("rewrites_base"))
    init_dir = os.path.join(case_dir, "_initial_" + variant["name"])
    if rewrites_base:
        # PEFT's recipe for converting PiSSA / OLoRA to plain LoRA: save the adapter as initialised, with
        # init_lora_weights True so that loading it does not rewrite the base again.
        peft_model.peft_config["default"].init_lora_weights = True
        peft_model.save_pretrained(init_dir, safe_serialization=True, save_embedding_layers=False)
        peft_model.peft_config["default"].init_lora_weights = lora_kwargs["init_lora_weights"]
    randomize_adapter_(peft_model, gen, keep_lora_a=keep_a, nudge_lora=rewrites_base)
    peft_model.eval()
    lora_config_dict = json_safe(peft_model.peft_config["default"].to_dict())
    layers = lora_layers_info(peft_model)
    targeted = sorted(peft_model.base_model.targeted_module_names)
    printed_line, formatted_line, n_trainable, n_total = trainable_line(peft_model)
    checks.fact("print_trainable_parameters line", printed_line == formatted_line, repr(printed_line))

    # Forward with the adapter, loss, backward: gradients of every trainable tensor.
    peft_model.zero_grad(set_to_none=True)
    out = peft_model(input_ids=input_ids, labels=input_ids)
    out.loss.backward()
    logits_lora = out.logits.detach().clone()
    loss = out.loss.detach().reshape(1).clone()
    # Every name of a tensor, also a tied one's second name (state_dict() has both, and PEFT's key mapping below
    # looks a tied lm_head copy up by its own name).
    grads = {n: p.grad.detach().clone() for n, p in peft_model.named_parameters(remove_duplicate=False)
             if p.requires_grad and p.grad is not None}
    no_grad = [n for n, p in peft_model.named_parameters() if p.requires_grad and p.grad is None]
    checks.fact("every trainable tensor has a gradient", not no_grad, no_grad or "yes")

    with torch.no_grad(), peft_model.disable_adapter():
        out_base = peft_model(input_ids=input_ids, labels=input_ids)
    logits_base = out_base.logits.detach().clone()
    loss_base = out_base.loss.detach().reshape(1).clone()

    # Save the adapter the way users do. save_embedding_layers="auto" would probe the base model path (and possibly
    # the Hub); no embedding is LoRA-targeted here (modules_to_save copies are saved regardless).
    peft_model.save_pretrained(adapter_dir, safe_serialization=True, save_embedding_layers=False)
    adapter_file = os.path.join(adapter_dir, "adapter_model.safetensors")
    adapter_keys = safetensors_keys(adapter_file)

    # Gradients named as in the adapter file: PEFT's own key mapping (drops ".default", handles biases and
    # modules_to_save copies), applied to the gradient dict instead of the weights.
    grad_by_key = get_peft_model_state_dict(peft_model, state_dict=grads, save_embedding_layers=False)
    only_grad = sorted(set(grad_by_key) - set(adapter_keys))
    only_file = sorted(set(adapter_keys) - set(grad_by_key))
    checks.fact(f"gradient keys == adapter file keys ({len(adapter_keys)})", not only_grad and not only_file,
                "yes" if not only_grad and not only_file else f"only gradients {only_grad}, only file {only_file}")
    bad_shapes = [k for k, g in grad_by_key.items() if k in adapter_keys and list(g.shape) != adapter_keys[k]]
    checks.fact("gradient shapes == adapter tensor shapes", not bad_shapes, bad_shapes or "yes")
    check_structure(checks, variant.get("expect", {}), layers, adapter_file, grad_by_key, peft_model)

    # The adapter must change the output, or the fixture tests nothing.
    lora_effect = max_abs_diff(logits_lora, logits_base)
    checks.at_least("adapter changes the logits", lora_effect, MIN_EFFECT)
    base_vs_model = max_abs_diff(logits_base, logits_model)
    if rewrites_base:
        # PEFT's disable_adapter leaves the residual base (W - s·B0A0), not the model that was loaded.
        checks.at_least("disabled adapter != base model (the base was rewritten)", base_vs_model, MIN_EFFECT)
    elif lora_kwargs["bias"] == "none":
        checks.at_most("disabled adapter == base model", base_vs_model, 1e-6)
    else:
        checks.at_least("disabled adapter != base model (the adapter's biases stay)", base_vs_model, MIN_EFFECT)
    # The saved files, loaded afresh (what the engine does), give the same logits and loss.
    # (Through the relative path as above: a converted adapter's README.md names the base the way it was loaded.)
    with working_dir(adapter_dir):
        reloaded = PeftModel.from_pretrained(load_base_model(model_cls, os.path.join("..", "..", "model")), adapter_dir)
    reloaded.eval()
    with torch.no_grad():
        out_reloaded = reloaded(input_ids=input_ids, labels=input_ids)
    checks.at_most("reloaded adapter logits", max_abs_diff(out_reloaded.logits, logits_lora), RELOAD_ABS)
    checks.at_most("reloaded adapter loss", abs(float(out_reloaded.loss) - float(loss)), RELOAD_LOSS_ABS)
    converted_keys = {}
    if rewrites_base:
        # PEFT reloaded the adapter onto the original base and computed the residual again (its config still says
        # pissa / olora); the same model converts to plain LoRA against the initial adapter.
        converted_dir = os.path.join(variant_dir, "converted_adapter")
        reloaded.save_pretrained(converted_dir, safe_serialization=True, save_embedding_layers=False,
                                 path_initial_model_for_weight_conversion=init_dir)
        shutil.rmtree(init_dir)
        with working_dir(converted_dir):
            on_original = PeftModel.from_pretrained(load_base_model(model_cls, os.path.join("..", "..", "model")),
                                                    converted_dir)
        on_original.eval()
        with torch.no_grad():
            out_converted = on_original(input_ids=input_ids, labels=input_ids)
        checks.at_most("converted adapter on the original base: logits", max_abs_diff(out_converted.logits,
                                                                                      logits_lora), RELOAD_ABS)
        converted_config = on_original.peft_config["default"]
        checks.equal("converted adapter: rank 2r", converted_config.r, 2 * LORA_R)
        checks.equal("converted adapter: init_lora_weights True", converted_config.init_lora_weights, True)
        converted_keys = safetensors_keys(os.path.join(converted_dir, "adapter_model.safetensors"))
        del on_original
    del reloaded
    # merge_and_unload (W0 += scaling * B @ A, modules_to_save copies put in place) gives the adapter's logits.
    merged = peft_model.merge_and_unload()
    merged.eval()
    with torch.no_grad():
        logits_merged = merged(input_ids=input_ids).logits
    checks.at_most("merge_and_unload logits", max_abs_diff(logits_merged, logits_lora), MERGE_ABS)

    tensors = {"input_ids": input_ids.contiguous(), "logits_model": logits_model.contiguous(),
               "logits_base": logits_base.contiguous(), "logits_lora": logits_lora.contiguous(),
               "loss": loss.contiguous(), "loss_base": loss_base.contiguous()}
    for key in sorted(grad_by_key):
        tensors["grad." + key] = grad_by_key[key].contiguous()
    merged_names = []
    if variant.get("merged"):
        for module_name in targeted:
            module = merged.get_submodule(module_name)
            for pname in ("weight", "bias"):
                p = getattr(module, pname, None)
                if p is not None:
                    tensors[f"merged.{module_name}.{pname}"] = p.detach().clone().contiguous()
                    merged_names.append(f"{module_name}.{pname}")
        checks.equal("merged tensors of targeted modules", len(merged_names) > 0, True)
    save_file(tensors, os.path.join(variant_dir, "expected.safetensors"), metadata={"format": "pt"})

    info = {
        "case": case["name"],
        "variant": variant["name"],
        "description": case["doc"],
        "variant_description": variant["doc"],
        "architecture": case["arch"],
        "seed": case["seed"],
        "variant_seed": seed,
        "versions": versions,
        "input_shape": [BATCH, SEQ],
        "model_config": model_config_dict,
        "lora_config": lora_config_dict,
        "lora_layers": layers,
        "targeted_modules": targeted,
        "lora_init": {"lora_A": ("as PEFT drew it for init_lora_weights=" + repr(lora_kwargs["init_lora_weights"]))
                      if keep_a else "uniform(-1/sqrt(in), 1/sqrt(in))",
                      "lora_B": f"normal(0, {LORA_B_STD})",
                      "other_trainable": f"biases + normal(0, {BIAS_NUDGE_STD}), other tensors + "
                                         f"{SAVED_NUDGE} x std x normal(0, 1)"},
        "trainable_params": n_trainable,
        "all_params": n_total,
        "trainable_line": formatted_line,
        "printed_trainable_line": printed_line,
        "loss": float(loss),
        "loss_base": float(loss_base),
        "checks": checks.items,
        "tolerances_fp32": {"logits_abs": 1e-4, "loss_abs": 1e-5, "grad_rel": 1e-4, "merged_abs": 1e-5},
        "model_tensors": safetensors_keys(os.path.join(model_dir, "model.safetensors")),
        "adapter_tensors": adapter_keys,
        "converted_adapter_tensors": converted_keys,
        "disabled_adapter": "residual base (PEFT rewrote the base weights)" if rewrites_base else "base model",
        "merged_tensors": merged_names,
        "expected_tensors": {k: list(v.shape) for k, v in tensors.items()},
        "problems": checks.problems,
    }
    with open(os.path.join(variant_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{case['name']}/{variant['name']}: loss {float(loss):.6f} (adapter off {float(loss_base):.6f}); "
          f"{formatted_line}; {len(adapter_keys)} adapter tensors, {len(layers)} LoRA layers"
          + (f", {len(merged_names)} merged tensors" if merged_names else ""))
    for name, line in zip(checks.items, checks.lines()):
        if name not in model_checks.items:  # the model's own checks were printed once above
            print(line)
    summary = {"case": case["name"], "variant": variant["name"], "ok": not checks.problems,
               "problems": checks.problems, "trainable_line": formatted_line}
    return summary, checks.problems


def rerun_with_fixed_hash_seed():
    """PEFT keeps target_modules as a set and saves it in set order, which follows the string hash seed: the script
    runs itself again with PYTHONHASHSEED=0 so that a second run writes adapter_config.json byte for byte the same."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable] + sys.argv)


def missing_packages(error):
    """Exit status 2 with the message for an ImportError of the pinned stack."""
    print(f"error: {error}. This script needs the packages of tests/reference/requirements.txt: run "
          "bash tests/reference/setup-venv.sh and use build/reference-venv/bin/python.", file=sys.stderr)
    return 2


def selected_cases(spec, cases):
    """The cases a --cases a,b argument names (all of them when it is empty); None, after an error message, when a
    name is unknown."""
    if not spec:
        return cases
    wanted = [c.strip() for c in spec.split(",") if c.strip()]
    unknown = [w for w in wanted if w not in {c["name"] for c in cases}]
    if unknown:
        print(f"error: unknown case(s) {unknown}; choose from {[c['name'] for c in cases]}", file=sys.stderr)
        return None
    return [c for c in cases if c["name"] in wanted]


def folder_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def main():
    args = parse_args()
    rerun_with_fixed_hash_seed()
    try:
        import torch
        import transformers
        versions = hf_versions()
    except ImportError as e:
        return missing_packages(e)
    cases = selected_cases(args.cases, CASES)
    if cases is None:
        return 2

    transformers.utils.logging.disable_progress_bar()  # "Loading weights" bars would bury the checks
    torch.set_num_threads(max(1, min(8, os.cpu_count() or 1)))
    torch.use_deterministic_algorithms(True, warn_only=True)
    os.makedirs(args.out_dir, exist_ok=True)
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = pinned_versions()
    off_pin = {k: (versions.get(k), v) for k, v in pins.items() if (versions.get(k) or "").split("+")[0] != v}
    if off_pin:
        print("WARN: not the versions of requirements.txt (test_reference_hf will refuse these fixtures): "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    summaries, failed = [], 0
    with tempfile.TemporaryDirectory() as work:
        tokenizer_path = train_tokenizer(work)
        for case in cases:
            try:
                results = make_case(case, args.out_dir, tokenizer_path, versions)
            except Exception:
                traceback.print_exc()
                results = [({"case": case["name"], "variant": None, "ok": False,
                             "problems": ["exception, see log"]}, ["exception"])]
            for summary, problems in results:
                summaries.append(summary)
                failed += bool(problems)

    size = folder_size(args.out_dir)
    index = {"versions": versions, "pinned": pins, "variants": summaries, "total_bytes": size,
             "layout": "<case>/model/ and <case>/<variant>/{adapter/, expected.safetensors, expected.json}",
             "tokenizer": "tokenizer.model in each model folder"}
    with open(os.path.join(args.out_dir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print(f"wrote {args.out_dir}: {len(cases)} cases, {len(summaries)} variants, {size / 1024:.0f} KiB")
    if size > 10 * 1024 * 1024:
        print("WARN: the fixtures exceed 10 MiB", file=sys.stderr)
    if failed:
        print(f"FAILED: {failed} variant(s) have problems (see above and expected.json)", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
