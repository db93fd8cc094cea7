#!/usr/bin/env python3
"""Makes the question-answering window fixture: what transformers' run_qa.py example makes of a question + context
with the demo model's tokenizer, the authority for core::buildQaWindows (tests/core/test_squad_data.cpp).

Usage:  python tests/reference/make_squad_reference.py [OUT_FILE]   (default: tests/data/reference/squad/windows.json)

Needs transformers, tokenizers and sentencepiece as pinned in tests/reference/requirements.txt (no protobuf): the
fast LlamaTokenizer is built from resources/demo/model/tokenizer.model's pieces (vocab, and the merges
sentencepiece's BPE implies, ordered as transformers' SentencePieceExtractor orders them), with the demo's
tokenizer_config.json settings; the script first checks that it encodes every question and context exactly as
sentencepiece does, so the fixture tests the windowing, not a second tokenizer.

For each case it calls, as prepare_train_features does,
    tok(question.lstrip(), context, truncation="only_second", max_length, stride=doc_stride,
        return_overflowing_tokens=True, return_offsets_mapping=True)
and labels each window with run_qa's rule (cls_index 0: Llama has no CLS token). It writes one JSON file
    {"made_by", "versions", "cases": [{"id", "question", "context", "answers": {"text": [...], "answer_start": [...]},
      "max_length", "doc_stride", "windows": [{"input_ids", "start_position", "end_position"}]}]}
Deterministic; names no machine path. Exit 0 on success, 1 if a self-check failed, 2 if a package is missing.
"""

import importlib.metadata
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
MODEL = os.path.join(REPO, "resources", "demo", "model")
MADE_BY = "tests/reference/make_squad_reference.py"
PACKAGES = ["transformers", "tokenizers", "sentencepiece"]


def kjv(n_chars):
    with open(os.path.join(REPO, "resources", "demo", "retain.txt"), encoding="utf-8") as f:
        text = " ".join(line.strip() for line in f if line.strip())
    return text[:n_chars].rsplit(" ", 1)[0]


def cases():
    long_context = kjv(1500)
    answer = long_context.split(". ")[-2].split(" ")[-3:]  # three words near the end
    answer = " ".join(answer)
    unicode_context = "Le café « Zoë » à Genève, près du lac Léman, sert du thé 中文 depuis 1984. " * 3
    return [
        {"id": "short", "question": "What did God create in the beginning?",
         "context": "In the beginning God created the heaven and the earth.",
         "answer": "the heaven and the earth", "max_length": 384, "doc_stride": 128},
        {"id": "long", "question": "  What is told near the end?", "context": long_context,
         "answer": answer, "max_length": 96, "doc_stride": 32},
        {"id": "long_no_stride", "question": "What is told?", "context": long_context,
         "answer": answer, "max_length": 64, "doc_stride": 0},
        {"id": "unicode", "question": "Where is the café?", "context": unicode_context, "answer": "Genève",
         "nth": 1, "max_length": 40, "doc_stride": 8},
        {"id": "impossible", "question": "Who built the ark?", "context": long_context, "answer": None,
         "max_length": 128, "doc_stride": 64},
    ]


def build_tokenizer():
    import sentencepiece as spm
    from transformers import LlamaTokenizer
    sp = spm.SentencePieceProcessor(model_file=os.path.join(MODEL, "tokenizer.model"))
    vocab = {sp.id_to_piece(i): i for i in range(sp.vocab_size())}
    merges = []
    for piece, pid in vocab.items():
        if sp.is_control(pid) or sp.is_unknown(pid) or sp.is_byte(pid):
            continue
        local = [(piece[:i], piece[i:]) for i in range(1, len(piece)) if piece[:i] in vocab and piece[i:] in vocab]
        local.sort(key=lambda ab: (vocab[ab[0]], vocab[ab[1]]))
        merges += [(a, b, pid) for a, b in local]
    merges.sort(key=lambda m: m[2])
    with open(os.path.join(MODEL, "tokenizer_config.json"), encoding="utf-8") as f:
        config = json.load(f)
    tok = LlamaTokenizer(vocab=vocab, merges=[(a, b) for a, b, _ in merges], legacy=config["legacy"],
                         add_bos_token=config["add_bos_token"], add_eos_token=config["add_eos_token"],
                         bos_token=config["bos_token"], eos_token=config["eos_token"], unk_token=config["unk_token"])
    return tok, sp


def run_qa_positions(enc, i, tok, answer_start, answer_text):
    """prepare_train_features' labelling of window i."""
    input_ids = enc["input_ids"][i]
    offsets = enc["offset_mapping"][i]
    cls_index = input_ids.index(tok.cls_token_id) if tok.cls_token_id in input_ids else 0
    sequence_ids = enc.sequence_ids(i)
    if answer_text is None:
        return cls_index, cls_index
    start_char = answer_start
    end_char = start_char + len(answer_text)
    token_start_index = 0
    while sequence_ids[token_start_index] != 1:
        token_start_index += 1
    token_end_index = len(input_ids) - 1
    while sequence_ids[token_end_index] != 1:
        token_end_index -= 1
    if not (offsets[token_start_index][0] <= start_char and offsets[token_end_index][1] >= end_char):
        return cls_index, cls_index
    while token_start_index < len(offsets) and offsets[token_start_index][0] <= start_char:
        token_start_index += 1
    while offsets[token_end_index][1] >= end_char:
        token_end_index -= 1
    return token_start_index - 1, token_end_index + 1


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "tests", "data", "reference", "squad",
                                                             "windows.json")
    try:
        tok, sp = build_tokenizer()
    except ImportError as e:
        print("error: %s (bash tests/reference/setup-venv.sh makes the pinned venv)" % e, file=sys.stderr)
        return 2
    problems = []
    written = []
    for case in cases():
        question = case["question"].lstrip()
        context = case["context"]
        for text in (question, context):
            if tok(text, add_special_tokens=False)["input_ids"] != sp.encode(text):
                problems.append("%s: transformers and sentencepiece encode %r differently" % (case["id"], text[:40]))
        answer = case["answer"]
        start = None
        if answer is not None:
            start = -1
            for _ in range(case.get("nth", 0) + 1):
                start = context.index(answer, start + 1)
        enc = tok(question, context, truncation="only_second", max_length=case["max_length"],
                  stride=case["doc_stride"], return_overflowing_tokens=True, return_offsets_mapping=True)
        windows = []
        for i in range(len(enc["input_ids"])):
            s, e = run_qa_positions(enc, i, tok, start, answer)
            windows.append({"input_ids": enc["input_ids"][i], "start_position": s, "end_position": e})
            if s > 0 and tok.decode(enc["input_ids"][i][s:e + 1]).strip() != answer:
                problems.append("%s: window %d's answer tokens decode to %r" %
                                (case["id"], i, tok.decode(enc["input_ids"][i][s:e + 1])))
        if answer is not None and not any(w["start_position"] > 0 for w in windows):
            problems.append("%s: no window holds the answer" % case["id"])
        written.append({"id": case["id"], "question": case["question"], "context": context,
                        "answers": {"text": [answer] if answer else [], "answer_start": [start] if answer else []},
                        "max_length": case["max_length"], "doc_stride": case["doc_stride"], "windows": windows})
        print("%-16s %d window(s), answer in %s" % (case["id"], len(windows),
                                                     [i for i, w in enumerate(windows) if w["start_position"] > 0]))
    versions = {name: importlib.metadata.version(name) for name in PACKAGES}
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps({"made_by": MADE_BY, "versions": versions, "cases": written}, ensure_ascii=False))
        f.write("\n")
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
