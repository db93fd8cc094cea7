#!/usr/bin/env bash
# Round trip through HF PEFT: adapters that `lorawb train` writes load with PeftModel.from_pretrained and give the
# loss `lorawb eval` reports (relative 1e-5), on an untied Llama, on a tied one with modules_to_save [lm_head]
# (PEFT's default breaks the tie: a trained copy of lm_head, the input embedding untouched), with DoRA (use_dora: the
# trained magnitude vectors), from PiSSA and OLoRA (written as plain LoRA of rank 2r), with overlapping rank_pattern
# keys (the file's order decides), on a Qwen3 with a tokenizer.json trained on chat records (HF tokenizers tokenizes
# the text on the Python side), on a Phi-3 with fused qkv_proj / gate_up_proj, longrope past its pretraining length
# and partial rotation, SEQ_CLS adapters (a score head, single- and multi-label) and a TOKEN_CLS adapter that PEFT loads onto
# AutoModelForSequenceClassification and that give lorawb's logits, and a QUESTION_ANS adapter (a qa_outputs head)
# that PEFT loads onto AutoModelForQuestionAnswering and that answers the demo's SQuAD v2.0 questions as lorawb does,
# and a FEATURE_EXTRACTION adapter trained on pairs that PEFT loads onto AutoModel and that embeds as lorawb embed does.
#
#   bash tests/reference/round_trip.sh BUILD_DIR/app/lorawb
#
# Needs the reference venv (tests/reference/setup-venv.sh; LORAWB_REFERENCE_VENV, default build/reference-venv).
# Exit 0 agree, 1 a difference (or PEFT could not load the adapter), 77 no venv (CTest reports it as skipped).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lorawb="${1:?usage: round_trip.sh PATH/TO/lorawb}"
python="${LORAWB_REFERENCE_VENV:-$root/build/reference-venv}/bin/python"
if [[ ! -x "$python" ]]; then
    echo "round_trip: no reference venv at $python; make it with bash tests/reference/setup-venv.sh" >&2
    exit 77
fi
data="$root/tests/data/reference/trajectory"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'The sky is blue and the sun is warm. Name the colour of the grass: it is green.\nSay hello to the world, then reverse the word cat.\n' >"$work/text.txt"

check() { # name model-dir extra-lora-yaml [data-yaml]; $targets: the target_modules (default: Llama's seven)
    local name="$1" model="$2" extra="$3"
    local target_list="${targets:-[q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}"
    local data_yaml="${4:-{path: $data/train.jsonl, validation_path: $data/validation.jsonl, max_length: 256\}}"
    cat >"$work/$name.yaml" <<YAML
model: $model
data: $data_yaml
lora: {r: 4, lora_alpha: 8, target_modules: $target_list$extra}
train: {max_steps: 4, batch_size: 2, learning_rate: 0.01, device: cpu, dtype: float32}
output_dir: $work/$name-out
YAML
    "$lorawb" train "$work/$name.yaml" --db "$work/runs.sqlite" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
    local adapter="$work/$name-out/adapter" loss
    # Plain text: Alpaca data would also compare the tokenizers, and this tiny unigram model has exact ties ("###")
    # that Python's sentencepiece 0.2.3 and Debian's 0.1.97 segment differently (test_trajectory_hf shows it).
    loss=$("$lorawb" eval --model "$model" --adapter "$adapter" --text "$work/text.txt" --json |
           "$python" -c 'import json, sys; print(repr(json.load(sys.stdin)["loss"]))')
    echo "== $name: lorawb eval loss $loss"
    "$python" "$here/check_lorawb_adapter.py" --model "$model" --adapter "$adapter" --text "$work/text.txt" \
        --lorawb-loss "$loss" --rtol 1e-5 2>&1 | grep -v -i "warn\|Loading weights"
}
check untied "$data/model" ""
check tied_lm_head "$root/tests/data/reference/llama_tied_gqa/model" ", modules_to_save: [lm_head]"
check dora "$data/model" ", use_dora: true"
# PiSSA / OLoRA train on a rewritten base and are saved as plain LoRA of rank 2r: PEFT loads them onto the original.
check pissa "$data/model" ", init_lora_weights: pissa"
check pissa_niter "$data/model" ", init_lora_weights: pissa_niter_4, use_rslora: true"
check olora "$data/model" ", init_lora_weights: olora"
# Overlapping rank_pattern / alpha_pattern keys: the first in the file's order wins, in PEFT as here; layer 0's q_proj
# takes r 2 from "q_proj" although the next key names it exactly.
check overlapping_patterns "$data/model" ", rank_pattern: {q_proj: 2, model.layers.0.self_attn.q_proj: 6}, alpha_pattern: {q_proj: 2, model.layers.0.self_attn.q_proj: 24}"
targets="[qkv_proj, o_proj, gate_up_proj, down_proj]" check phi3_fused_longrope "$root/tests/data/reference/phi3_longrope/model" ""
# A model laid out as Qwen3 ships (tokenizer.json + tokenizer_config.json with its chat template, tied embeddings,
# q_norm / k_norm), made by transformers with random weights, trained by lorawb on chat records: PEFT loads the
# adapter and, tokenizing with HF tokenizers itself, gets lorawb's loss.
"$python" - "$work/qwen3_json" "$root/tests/data/reference/tokenizers/qwen2" <<'PY'
import json, shutil, sys, torch
from transformers import Qwen3Config, Qwen3ForCausalLM
out, tok_dir = sys.argv[1], sys.argv[2]
spec = json.load(open(f"{tok_dir}/tokenizer.json"))
vocab = 1 + max(list(spec["model"]["vocab"].values()) + [t["id"] for t in spec["added_tokens"]])
torch.manual_seed(7)
cfg = Qwen3Config(vocab_size=vocab, hidden_size=48, intermediate_size=80, num_hidden_layers=2, num_attention_heads=4,
                  num_key_value_heads=2, head_dim=16, max_position_embeddings=512, tie_word_embeddings=True)
Qwen3ForCausalLM(cfg).save_pretrained(out)
for name in ("tokenizer.json", "tokenizer_config.json"):
    shutil.copy(f"{tok_dir}/{name}", out)
PY
printf '%s\n' '{"messages": [{"role": "user", "content": "Name the colour of the sky."}, {"role": "assistant", "content": "It is blue."}]}' \
    '{"messages": [{"role": "user", "content": "Reverse the word cat."}, {"role": "assistant", "content": "tac"}, {"role": "user", "content": "And dog?"}, {"role": "assistant", "content": "god"}]}' \
    >"$work/chats.jsonl"
check qwen3_tokenizer_json "$work/qwen3_json" "" "{path: $work/chats.jsonl, format: messages, max_length: 128}"
# SEQ_CLS and TOKEN_CLS: lorawb trains a score head beside the adapter; PEFT rebuilds AutoModelFor{Sequence,Token}-
# Classification from the classes in adapter_config.json, loads every tensor, and gives lorawb's logits on the very
# token ids lorawb read (records with and without text_pair; EOS as the pad token, set in task:; tagged words of
# several pieces).
classifier() { # name task_type data.format task-yaml records...
    local name="$1" type="$2" format="$3" task="$4"
    shift 4
    printf '%s\n' "$@" >"$work/$name.jsonl"
    cat >"$work/$name.yaml" <<YAML
model: $data/model
task_type: $type
data: {path: $work/$name.jsonl, format: $format, max_length: 64}
task: {$task}
lora: {r: 4, lora_alpha: 8, target_modules: [q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}
train: {max_steps: 4, batch_size: 2, learning_rate: 0.01, device: cpu, dtype: float32}
output_dir: $work/$name-out
YAML
    "$lorawb" train "$work/$name.yaml" --db "$work/runs.sqlite" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
    "$lorawb" eval --model "$data/model" --adapter "$work/$name-out/adapter" --data "$work/$name.jsonl" \
        --predictions "$work/$name-predictions.jsonl" --json >"$work/$name-eval.json"
    echo "== $name: $("$python" -c 'import json, sys; d = json.load(open(sys.argv[1])); print({k: d[k] for k in ("loss", "accuracy", "macro_f1", "micro_f1", "f1") if k in d})' "$work/$name-eval.json")"
    "$python" "$here/check_classifier_adapter.py" --model "$data/model" --adapter "$work/$name-out/adapter" \
        --predictions "$work/$name-predictions.jsonl" 2>&1 | grep -v -i "warn\|Loading weights\|Unexpected keyword\|newly initialized\|TRAIN this model"
}
classifier seq_cls_single SEQ_CLS seq_cls "pad_token_id: 2, labels: [sky, sea, land]" \
    '{"text": "The sky is blue.", "label": "sky"}' '{"text": "Waves on the water.", "label": "sea"}' \
    '{"text": "Green grass and hills.", "label": "land"}' '{"text": "Clouds drift by.", "label": "sky", "text_pair": "up high"}' \
    '{"text": "Fish swim deep.", "label": 1}' '{"text": "A stone wall.", "label": "land"}'
classifier seq_cls_multi SEQ_CLS seq_cls "pad_token_id: 2" \
    '{"text": "The sky over the sea.", "label": ["sky", "sea"]}' '{"text": "Hills.", "label": ["land"]}' \
    '{"text": "A beach.", "label": ["sea", "land"]}' '{"text": "Stars.", "label": ["sky"]}'
classifier token_cls TOKEN_CLS token_cls "" \
    '{"tokens": ["Moses", "went", "up", "to", "Jerusalem", "."], "tags": ["B-PER", "O", "O", "O", "B-LOC", "O"]}' \
    '{"tokens": ["Jesus", "Christ", "wept", "in", "Galilee"], "tags": ["B-PER", "I-PER", "O", "O", "B-LOC"]}' \
    '{"tokens": ["And", "the", "LORD", "spake", "unto", "Aaron", ","], "tags": ["O", "O", "O", "O", "O", "B-PER", "O"]}' \
    '{"tokens": ["Babylon", "fell"], "tags": ["B-LOC", "O"]}'
# QUESTION_ANS: lorawb trains a qa_outputs head (hidden -> 2, with bias) beside the adapter on the demo's SQuAD v2.0
# questions; check_qa_adapter.py loads it with PEFT onto AutoModelForQuestionAnswering (key_mapping "model." ->
# "transformer.", where transformers keeps a QA model's backbone), answers the held-out questions over windows of 48
# tokens sharing 16 as run_qa.py does (several windows for the longer verses; "" where the null score beats every
# span) and must give lorawb eval's answer text for each. The demo model, not $data/model: the windows' offsets need
# transformers' fast tokenizer, which rebuilds exactly from the demo's BPE tokenizer.model but not from the trajectory
# model's unigram one. 20 steps at 5e-3 leave the head answering some questions (about 40 of 110) and not others.
qa_model="$root/resources/demo/model"
qa_data="$root/resources/demo/datasets"
qa_windows=(--max-length 48 --doc-stride 16 --max-answer-length 8)
cat >"$work/question_ans.yaml" <<YAML
model: $qa_model
task_type: QUESTION_ANS
data: {path: $qa_data/places_qa.json, format: squad, max_length: 96}
task: {doc_stride: 32, max_answer_length: 8}
lora: {r: 4, lora_alpha: 8, target_modules: [q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}
train: {max_steps: 20, batch_size: 8, learning_rate: 0.005, device: cpu, dtype: float32}
output_dir: $work/question_ans-out
YAML
"$lorawb" train "$work/question_ans.yaml" --db "$work/runs.sqlite" >"$work/question_ans.log" 2>&1 ||
    { cat "$work/question_ans.log"; exit 1; }
"$lorawb" eval --model "$qa_model" --adapter "$work/question_ans-out/adapter" --data "$qa_data/places_qa_test.json" \
    "${qa_windows[@]}" --device cpu --dtype float32 --predictions "$work/question_ans-predictions.json" --json \
    >"$work/question_ans-eval.json"
echo "== question_ans: $("$python" -c 'import json, sys; d = json.load(open(sys.argv[1])); print({k: d[k] for k in ("loss", "exact_match", "f1", "questions", "windows")})' "$work/question_ans-eval.json")"
"$python" "$here/check_qa_adapter.py" --model "$qa_model" --adapter "$work/question_ans-out/adapter" \
    --data "$qa_data/places_qa_test.json" "${qa_windows[@]}" --predictions "$work/question_ans-predictions.json" 2>&1 |
    grep -v -i "warn\|Loading weights"
# lorawb embed: the vectors transformers' AutoModel (+ PEFT) gives on the same ids, mean and last-token pooling, with
# the FEATURE_EXTRACTION adapter PEFT saved from the bare backbone (tests/data/reference/task_heads).
printf '%s\n' "In the beginning God created the heaven and the earth." "Jesus wept." "" "12 7 40" >"$work/texts.txt"
fe="$root/tests/data/reference/task_heads/feature_extraction/adapter"
fe_model="$root/tests/data/reference/llama_tied_gqa/model"
for pooling in mean last; do
    "$lorawb" embed --model "$data/model" --input "$work/texts.txt" --output "$work/embed-$pooling.jsonl" \
        --pooling "$pooling" >/dev/null
    result=$("$python" "$here/check_embeddings.py" --model "$data/model" --embeddings "$work/embed-$pooling.jsonl" \
        --pooling "$pooling") || { echo "embed $pooling: $result"; exit 1; }
    echo "== embed $pooling: $result"
done
printf '%s\n' '{"text": "a b c"}' '{"text": "d e"}' >"$work/fe-texts.jsonl"
if [[ -f "$fe_model/tokenizer.model" || -f "$fe_model/tokenizer.json" ]]; then
    "$lorawb" embed --model "$fe_model" --adapter "$fe" --input "$work/fe-texts.jsonl" --output "$work/embed-fe.jsonl" \
        --pooling last >/dev/null
    result=$("$python" "$here/check_embeddings.py" --model "$fe_model" --adapter "$fe" \
        --embeddings "$work/embed-fe.jsonl" --pooling last) || { echo "embed FEATURE_EXTRACTION: $result"; exit 1; }
    echo "== embed FEATURE_EXTRACTION adapter: $result"
fi
# FEATURE_EXTRACTION trained here (last-token pooling, recorded in adapter_config.json): PEFT loads the adapter onto
# AutoModel, and the vectors lorawb embed gives with it (pooling as the adapter records it) are transformers'.
printf '%s\n' '{"query": "The sky is blue.", "positive": "Blue sky above the hills.", "negative": "Fish swim deep."}' \
    '{"query": "Waves on the water.", "positive": "The sea is rough today."}' \
    '{"query": "Green grass and hills.", "positive": "A meadow on the land."}' \
    '{"query": "Stars at night.", "positive": "The sky is dark and full of stars."}' >"$work/pairs.jsonl"
cat >"$work/pairs.yaml" <<YAML
model: $data/model
task_type: FEATURE_EXTRACTION
data: {path: $work/pairs.jsonl, format: pairs, max_length: 64}
task: {pooling: last, temperature: 0.1}
lora: {r: 4, lora_alpha: 8, target_modules: [q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj]}
train: {max_steps: 4, batch_size: 4, learning_rate: 0.01, device: cpu, dtype: float32}
output_dir: $work/pairs-out
YAML
"$lorawb" train "$work/pairs.yaml" --db "$work/runs.sqlite" >"$work/pairs.log" 2>&1 || { cat "$work/pairs.log"; exit 1; }
"$lorawb" embed --model "$data/model" --adapter "$work/pairs-out/adapter" --input "$work/texts.txt" \
    --output "$work/embed-pairs.jsonl" >/dev/null
result=$("$python" "$here/check_embeddings.py" --model "$data/model" --adapter "$work/pairs-out/adapter" \
    --embeddings "$work/embed-pairs.jsonl" --pooling last) || { echo "embed pairs-trained: $result"; exit 1; }
echo "== FEATURE_EXTRACTION trained by lorawb, embedded with its recorded pooling (last): $result"
echo "round trip OK"
