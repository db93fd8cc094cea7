#!/usr/bin/env python3
"""Checks a QUESTION_ANS adapter written by `lorawb train` against HF transformers + PEFT: the answers it predicts.

It loads the base model with AutoModelForQuestionAnswering.from_pretrained(model, key_mapping={"^model\\.":
"transformer."}) — transformers 5.24's LlamaForQuestionAnswering (and Qwen2's) keeps its backbone under
"transformer.", so without the mapping it would find none of a causal-LM checkpoint's "model.*" tensors and start
from random weights (make_task_head_reference.py loads it the same way) — checks that every backbone tensor is the
checkpoint's, loads the adapter with PeftModel.from_pretrained, checks that every tensor of
adapter_model.safetensors (the LoRA factors and the qa_outputs head) landed in the model, and answers every question
of the SQuAD file itself, in eval() mode, one window at a time (no padding):

  windows     as run_qa.py's prepare_validation_features makes them: tokenizer(question.lstrip(), context,
              truncation="only_second", max_length=--max-length, stride=--doc-stride, return_overflowing_tokens=True,
              return_offsets_mapping=True) — [BOS] question [BOS] context piece with a Llama tokenizer. The tokenizer
              is transformers' own for a tokenizer.json model; for a tokenizer.model it is the fast LlamaTokenizer
              rebuilt from the sentencepiece pieces as make_squad_reference.py rebuilds it (no protobuf needed),
              and every question and context must encode exactly as sentencepiece encodes it (else exit 2: the
              model's tokenizer cannot be rebuilt that way, e.g. a unigram model).
  spans       per window, every (start, end) with start <= end, end - start + 1 <= --max-answer-length and both
              tokens in the context (sequence id 1), scored start_logit + end_logit; the question's answer is its
              best span over all its windows.
  no answer   when the file has any unanswerable question (SQuAD v2.0 is_impossible, or an empty answers list in
              the JSONL export; decided on the whole file, also with --limit) the answer is "" if the null score
              (start_logits[0] + end_logits[0], its minimum over the question's windows) is greater than the best
              span's score, as run_qa's --version_2_with_negative with null_score_diff_threshold 0.
  text        context[offset start of the start token : offset end of the end token], without the leading space
              that the offset of a word-initial Llama piece ("▁David") covers.

This follows utils_qa.postprocess_qa_predictions for the top-1 answer, with three deliberate differences:
  - run_qa searches only the n_best_size (20) highest start and 20 highest end logits of each window; this script
    searches every valid span, so it finds the true best one. When the restriction would change an answer (an
    untrained head whose top logits sit on question tokens) a note says for how many questions; it is not a failure.
  - run_qa's text keeps the leading space of the offsets (" David"); lorawb and this script drop it (the official
    SQuAD normalisation scores both alike).
  - run_qa skips a best span whose text is empty when it weighs the null answer; here the best span is the best by
    score, whatever its text (only a lone "▁" piece can have an empty text once its space is dropped).

Then it compares with `lorawb eval --predictions FILE` (the SQuAD predictions object {question id: answer text}):
every question (the first --limit ones, as lorawb eval --limit keeps) must be there, no other, and each answer text
must equal this script's. When the two picks score within --tie (default 1e-4) of each other — a tie or near-tie of
span scores, or of the best span and the null score, which float rounding in another order of operations may tip —
the difference is reported separately and does not fail the check.

    lorawb eval --model M --adapter A --data squad.json --max-length N --doc-stride S --max-answer-length L \\
        --predictions P.json --json
    python3 tests/reference/check_qa_adapter.py --model M --adapter A --data squad.json --max-length N \\
        --doc-stride S --max-answer-length L --predictions P.json

Exit status: 0 agree (near-ties allowed); 1 an answer differs, a question is missing from the predictions (or one is
there that the file does not ask), or PEFT / transformers did not load every tensor; 2 bad input or a package
missing.
"""

import argparse
import glob
import json
import os
import sys


class BadInput(Exception):
    """Something given is wrong; the message names the file and what is wrong."""


def read_questions(path):
    """Every question of a SQuAD v1.1 / v2.0 JSON file, or of its flattened export (JSONL or a JSON array), in file
    order: dicts with id, question, context, impossible."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise BadInput(f"{path}: {e.strerror}")
    questions = []
    try:
        doc = json.loads(text)
        records = None
        if isinstance(doc, dict) and isinstance(doc.get("data"), list):
            for article in doc["data"]:
                for paragraph in article["paragraphs"]:
                    for qa in paragraph["qas"]:
                        questions.append({"id": qa["id"], "question": qa["question"], "context": paragraph["context"],
                                          "impossible": bool(qa.get("is_impossible", False)) or not qa["answers"]})
        elif isinstance(doc, list):
            records = doc
        else:
            raise BadInput(f"{path}: neither SQuAD JSON (a \"data\" list) nor an array of question records")
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            raise BadInput(f"{path}: neither JSON nor JSON lines ({e})")
    except (KeyError, TypeError) as e:
        raise BadInput(f"{path}: not SQuAD JSON ({e!r} missing or of the wrong type)")
    if records is not None:
        try:
            for r in records:
                questions.append({"id": r["id"], "question": r["question"], "context": r["context"],
                                  "impossible": bool(r.get("is_impossible", False)) or not r["answers"]["text"]})
        except (KeyError, TypeError) as e:
            raise BadInput(f"{path}: not SQuAD's flattened records ({e!r} missing or of the wrong type)")
    if not questions:
        raise BadInput(f"{path}: no questions")
    ids = [q["id"] for q in questions]
    if len(set(ids)) != len(ids):
        raise BadInput(f"{path}: duplicate question ids")
    return questions


def load_tokenizer(model_dir):
    """transformers' tokenizer for a tokenizer.json model; for a tokenizer.model the fast LlamaTokenizer rebuilt from
    the sentencepiece pieces (as make_squad_reference.py builds it) and the sentencepiece processor to check it
    against (None for tokenizer.json)."""
    if os.path.isfile(os.path.join(model_dir, "tokenizer.json")):
        from transformers import AutoTokenizer
        return AutoTokenizer.from_pretrained(model_dir), None
    path = os.path.join(model_dir, "tokenizer.model")
    if not os.path.isfile(path):
        raise BadInput(f"{model_dir}: neither tokenizer.json nor tokenizer.model")
    import sentencepiece as spm
    from transformers import LlamaTokenizer
    sp = spm.SentencePieceProcessor(model_file=path)
    vocab = {sp.id_to_piece(i): i for i in range(sp.vocab_size())}
    merges = []
    for piece, pid in vocab.items():
        if sp.is_control(pid) or sp.is_unknown(pid) or sp.is_byte(pid):
            continue
        local = [(piece[:i], piece[i:]) for i in range(1, len(piece)) if piece[:i] in vocab and piece[i:] in vocab]
        local.sort(key=lambda ab: (vocab[ab[0]], vocab[ab[1]]))
        merges += [(a, b, pid) for a, b in local]
    merges.sort(key=lambda m: m[2])
    config = {"legacy": True, "add_bos_token": True, "add_eos_token": False, "bos_token": "<s>", "eos_token": "</s>",
              "unk_token": "<unk>"}
    config_path = os.path.join(model_dir, "tokenizer_config.json")
    if os.path.isfile(config_path):
        with open(config_path, encoding="utf-8") as f:
            config.update({k: v for k, v in json.load(f).items() if k in config and v is not None})
    tok = LlamaTokenizer(vocab=vocab, merges=[(a, b) for a, b, _ in merges], legacy=config["legacy"],
                         add_bos_token=config["add_bos_token"], add_eos_token=config["add_eos_token"],
                         bos_token=config["bos_token"], eos_token=config["eos_token"], unk_token=config["unk_token"])
    return tok, sp


def windows_of(tok, question, max_length, doc_stride):
    """run_qa's prepare_validation_features for one question: [(input_ids, offsets or None outside the context)]."""
    enc = tok(question["question"].lstrip(), question["context"], truncation="only_second", max_length=max_length,
              stride=doc_stride, return_overflowing_tokens=True, return_offsets_mapping=True)
    windows = []
    for i, ids in enumerate(enc["input_ids"]):
        sequence_ids = enc.sequence_ids(i)
        offsets = [tuple(o) if sequence_ids[k] == 1 else None for k, o in enumerate(enc["offset_mapping"][i])]
        windows.append((ids, offsets))
    return windows


def span_text(context, offsets, start, end):
    a, b = offsets[start][0], offsets[end][1]
    if a < b and context[a] == " ":  # the space a word-initial "▁" piece's offset covers
        a += 1
    return context[a:b]


def answer(context, windows, logits, max_answer_length, with_null, n_best=None):
    """The question's answer: (text, score of the pick, {text: best score of a span with that text}, null score).
    n_best=None: every valid span; n_best=20: run_qa's search over the 20 best start and end logits per window."""
    import numpy as np
    best, texts, null = None, {}, None
    for (ids, offsets), (start_logits, end_logits) in zip(windows, logits):
        feature_null = float(start_logits[0]) + float(end_logits[0])
        null = feature_null if null is None else min(null, feature_null)
        if n_best is None:
            starts = range(len(ids))
            ends = None
        else:
            starts = np.argsort(start_logits, kind="stable")[-1:-n_best - 1:-1].tolist()
            ends = set(np.argsort(end_logits, kind="stable")[-1:-n_best - 1:-1].tolist())
        for s in starts:
            if offsets[s] is None:
                continue
            for e in range(s, min(len(ids), s + max_answer_length)):
                if offsets[e] is None or (ends is not None and e not in ends):
                    continue
                score = float(start_logits[s]) + float(end_logits[e])
                text = span_text(context, offsets, s, e)
                if text not in texts or score > texts[text]:
                    texts[text] = score
                if best is None or score > best[1]:
                    best = (text, score)
    if best is None:  # no context token in any window (run_qa would say "empty")
        return "", null, texts, null
    if with_null and null > best[1]:
        return "", null, texts, null
    return best[0], best[1], texts, null


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True)
    p.add_argument("--adapter", required=True)
    p.add_argument("--data", required=True, help="the SQuAD file lorawb eval read")
    p.add_argument("--predictions", required=True, help="lorawb eval --predictions output ({id: answer} JSON)")
    p.add_argument("--max-length", type=int, default=384, help="as given to lorawb eval (its default 384)")
    p.add_argument("--doc-stride", type=int, default=128, help="as given to lorawb eval (its default 128)")
    p.add_argument("--max-answer-length", type=int, default=30, help="as given to lorawb eval (its default 30)")
    p.add_argument("--limit", type=int, default=0, help="as given to lorawb eval: the first N questions (0: all)")
    p.add_argument("--tie", type=float, default=1e-4, help="score difference below which another pick is a tie")
    p.add_argument("--show", type=int, default=5, help="disagreements listed (default 5)")
    args = p.parse_args()
    try:
        import numpy  # noqa: F401
        import torch
        from peft import PeftModel
        from safetensors.torch import load_file
        from transformers import AutoModelForQuestionAnswering
        from transformers.utils import logging as transformers_logging
        transformers_logging.set_verbosity_error()  # its load report lists qa_outputs, built anew: expected here
    except ImportError as e:
        print(f"check_qa_adapter: {e}; run inside the reference venv (tests/reference/setup-venv.sh)", file=sys.stderr)
        return 2
    try:
        with open(os.path.join(args.adapter, "adapter_config.json"), encoding="utf-8") as f:
            config = json.load(f)
        if config.get("task_type") != "QUESTION_ANS":
            raise BadInput(f"{args.adapter}: not a QUESTION_ANS adapter (task_type {config.get('task_type')})")
        with open(args.predictions, encoding="utf-8") as f:
            predicted = json.load(f)
        if not isinstance(predicted, dict) or not all(isinstance(v, str) for v in predicted.values()):
            raise BadInput(f"{args.predictions}: not a SQuAD predictions object {{question id: answer text}}")
        questions = read_questions(args.data)
        tok, sp = load_tokenizer(args.model)
    except (BadInput, OSError, json.JSONDecodeError, ImportError) as e:
        print(f"check_qa_adapter: {e}", file=sys.stderr)
        return 2
    with_null = any(q["impossible"] for q in questions)  # the whole file decides, as lorawb eval does
    if args.limit > 0:
        questions = questions[:args.limit]
    if sp is not None:
        for q in questions:
            for text in (q["question"].lstrip(), q["context"]):
                if tok(text, add_special_tokens=False)["input_ids"] != sp.encode(text):
                    print(f"check_qa_adapter: question {q['id']}: the fast tokenizer rebuilt from "
                          f"{args.model}/tokenizer.model encodes {text[:40]!r} unlike sentencepiece; this checker "
                          f"needs a BPE tokenizer.model or a tokenizer.json", file=sys.stderr)
                    return 2

    base = AutoModelForQuestionAnswering.from_pretrained(args.model, dtype=torch.float32,
                                                         key_mapping={r"^model\.": "transformer."})
    # The backbone must be the checkpoint's, tensor for tensor (what the key mapping is for).
    prefix = getattr(base, "base_model_prefix", "model")
    params = dict(base.named_parameters())
    wrong, backbone = [], 0
    for path in sorted(glob.glob(os.path.join(args.model, "*.safetensors"))):
        for key, value in load_file(path).items():
            if not key.startswith("model."):  # lm_head: no part of a QA model
                continue
            backbone += 1
            name = prefix + key[len("model"):]
            if name not in params or not torch.equal(params[name].detach(), value.float()):
                wrong.append(key)
    if wrong or backbone == 0:
        print(f"transformers did not load {len(wrong)} of {backbone} backbone tensors as saved: {wrong[:5]}",
              file=sys.stderr)
        return 1
    model = PeftModel.from_pretrained(base, args.adapter).eval()

    # Every saved tensor must be in the model under PEFT's own name for it (lora_X.default, modules_to_save.default).
    state = model.state_dict()
    missing = []
    for key, value in load_file(os.path.join(args.adapter, "adapter_model.safetensors")).items():
        name = key.replace(".lora_A.weight", ".lora_A.default.weight").replace(".lora_B.weight", ".lora_B.default.weight")
        if name not in state:
            owner, _, leaf = name.rpartition(".")
            name = owner + ".modules_to_save.default." + leaf
        if name not in state or not torch.equal(state[name].float(), value.float()):
            missing.append(key)
    if missing:
        print(f"PEFT did not load {len(missing)} adapter tensors as saved: {missing[:5]}", file=sys.stderr)
        return 1
    if not any("qa_outputs" in key for key in state if "modules_to_save" in key):
        print(f"{args.adapter}: no trained qa_outputs head (modules_to_save) in the PEFT model", file=sys.stderr)
        return 1

    asked = {q["id"] for q in questions}
    absent = [q["id"] for q in questions if q["id"] not in predicted]
    extra = [i for i in predicted if i not in asked]
    answered = agreeing = windows_total = n_best_differs = 0
    ties, differ = [], []
    for q in questions:
        windows = windows_of(tok, q, args.max_length, args.doc_stride)
        windows_total += len(windows)
        logits = []
        with torch.no_grad():
            for ids, _ in windows:
                out = model(input_ids=torch.tensor([ids]))
                logits.append((out.start_logits[0].float().numpy(), out.end_logits[0].float().numpy()))
        text, score, texts, null = answer(q["context"], windows, logits, args.max_answer_length, with_null)
        restricted = answer(q["context"], windows, logits, args.max_answer_length, with_null, n_best=20)[0]
        n_best_differs += restricted != text
        if q["id"] not in predicted:
            continue
        theirs = predicted[q["id"]]
        answered += theirs != ""
        if theirs == text:
            agreeing += 1
            continue
        # The score of lorawb's pick: the null score, or the best span with its text (none: a plain disagreement).
        their_score = null if theirs == "" and with_null else texts.get(theirs) if theirs else None
        line = f"{q['id']}: lorawb {theirs!r}, HF {text!r} (score {score:.6g}"
        if their_score is not None and abs(score - their_score) < args.tie:
            ties.append(line + f", lorawb's pick {their_score:.6g})")
        else:
            differ.append(line + (f", lorawb's pick {their_score:.6g})" if their_score is not None else
                                  ", lorawb's text is no span of any window)"))
    print(f"{len(questions)} questions ({windows_total} windows): lorawb answered {answered}, "
          f"{agreeing} agreeing, {len(ties)} near-ties (|score difference| < {args.tie:g}), {len(differ)} differing"
          + (f", {len(absent)} missing" if absent else "") + (f", {len(extra)} not asked" if extra else ""))
    for line in ties[:args.show]:
        print(f"  near-tie {line}")
    if n_best_differs:
        print(f"  note: run_qa's n_best_size 20 (20 best start and end logits per window) would answer "
              f"{n_best_differs} questions otherwise")
    for line in differ[:args.show]:
        print(f"  DIFFERS {line}")
    if absent:
        print(f"  missing from {args.predictions}: {absent[:args.show]}")
    if extra:
        print(f"  in {args.predictions} but not asked: {extra[:args.show]}")
    return 1 if differ or absent or extra else 0


if __name__ == "__main__":
    sys.exit(main())
