#!/usr/bin/env bash
# Writes the seed corpora of tests/fuzz/corpus/<target>/ from files the repository already holds (fixtures made by
# HF, the demo's datasets and experiment files), plus a few hand-written edge cases. Deterministic; the output is
# committed, so run it only when a target or its sources change:   bash tests/fuzz/make_corpus.sh
# Targets whose first input byte picks a kind (tokenizer, dataset, experiment, checkpoint) get that byte prepended.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/tests/fuzz/corpus"
ref="$root/tests/data/reference"
rm -rf "$out"
mkdir -p "$out"/{safetensors,model_config,adapter_config,tokenizer,chat_template,dataset,experiment,checkpoint}

seed() { # target name [prefix-byte-octal] < content
    local file="$out/$1/$2"
    if [[ -n "${3:-}" ]]; then printf "\\$3" >"$file"; else : >"$file"; fi
    cat >>"$file"
}
flat() { echo "$1" | sed "s|^tests/data/reference/||; s|^resources/||; s|[/.]|_|g"; }

for f in $(cd "$root" && find tests/data/reference -name '*.safetensors' -size -24k | sort | head -12); do
    seed safetensors "$(flat "$f")" <"$root/$f"
done
for f in $(cd "$root" && find tests/data/reference -path '*/model/config.json' | sort); do
    seed model_config "$(flat "$f")" <"$root/$f"
done
for f in $(cd "$root" && find tests/data/reference -name adapter_config.json | sort | head -16); do
    seed adapter_config "$(flat "$f")" <"$root/$f"
done
for d in $(cd "$root" && find tests/data/reference/tokenizers -name tokenizer.json | sort); do
    seed tokenizer "$(flat "$d")" 000 <"$root/$d"
    seed tokenizer "$(flat "${d%tokenizer.json}tokenizer_config.json")" 001 <"$root/${d%tokenizer.json}tokenizer_config.json"
done
python3 - "$ref/chat_templates/cases.json" "$out/chat_template" <<'PY'
import json, sys
for name, t in sorted(json.load(open(sys.argv[1]))["templates"].items()):
    open(f"{sys.argv[2]}/{name}.jinja", "w").write(t["source"])
PY
head -c 4000 "$root/resources/demo/datasets/task_a.jsonl" | seed dataset alpaca_jsonl 001
printf '[{"instruction": "Add", "input": "2 and 3", "output": "5"}, {"instruction": "Greet", "output": "Hi"}]' | seed dataset alpaca_json 000
printf 'instruction,input,output\n"Add, please","2 and 3",5\nGreet,,"Hi ""there"""\n' | seed dataset alpaca_csv 002
printf 'instruction\tinput\toutput\nAdd\t2 and 3\t5\n' | seed dataset alpaca_tsv 003
printf '[{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}]' | seed dataset chat_json 004
printf '{"messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]}\n{"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]}\n' | seed dataset chat_jsonl 005
# seq_cls (first byte 0x80 + kind): names, indices, lists (multi-label), pairs; 0x82 + regression numbers.
head -c 3000 "$root/resources/demo/datasets/testament.jsonl" | seed dataset seq_cls_jsonl 200
printf '[{"text": "good", "label": 1}, {"text": "bad", "text_pair": "very", "label": 0}, {"text": "meh", "label": [0, 1]}]' | seed dataset seq_cls_json 201
printf 'text,label\n"fine, thanks",0.75\nawful,-1e3\n' | seed dataset seq_cls_csv_regression 202
# token_cls (first byte 0xE0 JSONL, 0xE1 CoNLL columns; octal 340, 341).
head -c 3000 "$root/resources/demo/datasets/names.jsonl" | seed dataset token_cls_jsonl 340
{ printf -- '-DOCSTART- -X- O\n\n'; head -c 2000 "$root/resources/demo/datasets/names_test.conll"; } | seed dataset token_cls_conll 341
# pairs (first byte 0xF8 JSONL, 0xF9 CSV; octal 370, 371).
head -c 3000 "$root/resources/demo/datasets/verse_pairs_test.jsonl" | seed dataset pairs_jsonl 370
printf 'anchor,positive,negative\n"a, b","c ""d""",\nq,p,n\n' | seed dataset pairs_csv 371
# squad (first byte 0xF0 SQuAD JSON, 0xF1 datasets' JSONL; octal 360, 361).
head -c 3000 "$root/resources/demo/datasets/places_qa_test.json" | seed dataset squad_json 360
printf '{"id": "a", "context": "Gen\xc3\xa8ve is far.", "question": "Where?", "answers": {"text": ["Gen\xc3\xa8ve"], "answer_start": [0]}}\n{"id": "b", "context": "Rain.", "question": "Who?", "answers": {"text": [], "answer_start": []}}\n' | seed dataset squad_jsonl 361
for f in $(cd "$root" && ls resources/experiments/*.yaml resources/demo/pretrain.yaml | sort); do
    seed experiment "$(flat "$f")" 000 <"$root/$f"
done
for f in $(cd "$root" && ls resources/sweeps/*.yaml | sort); do
    seed experiment "$(flat "$f")" 001 <"$root/$f"
done
printf '{"step": 50, "epoch": 1, "batch_in_epoch": 7, "last_loss": 1.25, "loss_sum": 70.5, "fingerprint": "ab12"}' |
    seed checkpoint trainer_state 000
printf '{"step": 3, "epoch": 0, "batch_in_epoch": 3, "last_loss": 2.0}' | seed checkpoint trainer_state_old 000
echo "seed corpora in $out: $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
