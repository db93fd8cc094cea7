#!/usr/bin/env bash
# The committed fixtures are what the committed scripts make: runs make_reference.py, make_trajectory.py,
# make_tokenizer_reference.py, make_chat_template_reference.py, make_optimizer_reference.py,
# make_task_head_reference.py (which reads the committed llama_tied_gqa and qwen2_bias models),
# make_contrastive_reference.py (MultipleNegativesRankingLoss on LoRA-adapted LlamaModel embeddings; it reads the
# committed llama_tied_gqa model), make_metric_reference.py (seqeval / scikit-learn) and make_qa_metric_reference.py
# (torchmetrics' SQuAD, transformers' decode_spans; it writes into the same metrics folder),
# make_retrieval_metric_reference.py (torchmetrics' recall@k / reciprocal rank: metrics/retrieval.json) and
# make_squad_reference.py (run_qa's windows by transformers' tokenizer) into a scratch folder with the pinned venv
# and compares every file they write with tests/data/reference: byte for byte, or where the bytes differ, with
# same_output.py (numbers within float32 rounding across CPUs, everything else exact; index.json's total_bytes aside:
# it counts whatever else lies in the output folder). make_export_reference.py is left out: it runs llama.cpp's
# converters for minutes; export_check.sh compares against its output instead.
#
#   bash tests/reference/reproduce_check.sh
#
# Exit 0 all equal, 1 a difference (listed) or a script failed, 77 no venv (CTest reports it as skipped).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${LORAWB_REFERENCE_VENV:-$root/build/reference-venv}/bin/python"
if [[ ! -x "$python" ]]; then
    echo "reproduce_check: no reference venv at $python; make it with bash tests/reference/setup-venv.sh" >&2
    exit 77
fi
data="$root/tests/data/reference"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
run() { # script output
    if ! "$python" "$here/$1" "$2" >"$work/$1.log" 2>&1; then
        echo "reproduce_check: $1 failed:" >&2
        tail -20 "$work/$1.log" >&2
        exit 1
    fi
}
same() { # made committed: equal, numbers within float rounding across CPUs (same_output.py says how)
    if [[ ! -f "$2" ]]; then
        echo "differs: ${2#$root/} is not committed (made again: $1)"
        status=1
    elif ! cmp -s "$1" "$2" && ! why="$("$python" "$here/same_output.py" "$1" "$2")"; then
        echo "differs: ${2#$root/}: $why (made again: $1)"
        status=1
    fi
}
run make_reference.py "$work/ref"
run make_trajectory.py "$work/trajectory"
run make_tokenizer_reference.py "$work/tokenizers"
run make_chat_template_reference.py "$work/chat_templates.json"
run make_optimizer_reference.py "$work/optimizer"
run make_task_head_reference.py "$work/task_heads"
run make_contrastive_reference.py "$work/contrastive"
run make_metric_reference.py "$work/metrics"
run make_qa_metric_reference.py "$work/metrics"
run make_retrieval_metric_reference.py "$work/metrics"
run make_squad_reference.py "$work/squad_windows.json"
count=0
while IFS= read -r -d '' made; do
    rel="${made#$work/ref/}"
    count=$((count + 1))
    if [[ "$rel" == index.json ]]; then
        "$python" - "$made" "$data/index.json" <<'PY' || { echo "differs: tests/data/reference/index.json"; status=1; }
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
a.pop("total_bytes", None); b.pop("total_bytes", None)
sys.exit(0 if a == b else 1)
PY
    else
        same "$made" "$data/$rel"
    fi
done < <(find "$work/ref" -type f -print0)
for folder in trajectory tokenizers optimizer task_heads contrastive metrics; do
    while IFS= read -r -d '' made; do
        count=$((count + 1))
        same "$made" "$data/$folder/${made#$work/$folder/}"
    done < <(find "$work/$folder" -type f -print0)
done
count=$((count + 1))
same "$work/chat_templates.json" "$data/chat_templates/cases.json"
count=$((count + 1))
same "$work/squad_windows.json" "$data/squad/windows.json"
if [[ $status -eq 0 ]]; then
    echo "reproduce_check: all $count files the eleven scripts write equal the committed ones (numbers within float32 rounding)"
fi
exit $status
