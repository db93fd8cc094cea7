#!/usr/bin/env python3
"""Makes the question-answering reference fixtures: SQuAD exact match / F1 computed by torchmetrics (an
implementation of the official SQuAD evaluation script, which is not on PyPI) and answer spans picked by transformers'
select_starts_ends / decode_spans.

Usage:  python tests/reference/make_qa_metric_reference.py [OUT_DIR]
        (default OUT_DIR: tests/data/reference/metrics, next to make_metric_reference.py's files)

Needs torchmetrics, torch, transformers and numpy at the pins of tests/reference/requirements.txt; runs in seconds.
Deterministic: every case is handwritten or drawn from random.Random(seed), keys are written in a fixed order.

squad.json  {"made_by", "versions", "normalization": [...], "sets": [...]}
  normalization  each {text, normalized, lorawb_differs, doc}: torchmetrics' _normalize_text(text), which is the
                 official normalize_answer (the script checks it against a copy of evaluate-v2.0.py's). lorawb_differs
                 marks text that core/eval/SquadScore lowers differently on purpose (capitals outside the blocks it
                 covers); the test requires that it does differ there, so the mark cannot go stale.
  sets           each {name, doc, questions, exact_match, f1, total, has_answer_total, no_answer_total,
                 has_answer_exact, has_answer_f1, no_answer_exact, no_answer_f1}; a question is
                 {prediction, gold, gold_scored, exact, f1}:
                   gold        the gold answers as a dataset holds them ([] for an unanswerable question)
                   gold_scored what evaluate-v2.0.py scores against: the gold answers that do not normalise to "",
                               or [""] when none is left (its get_raw_scores; copied here, three lines)
                   exact, f1   torchmetrics' _metric_max_over_ground_truths(_compute_exact_match_score /
                               _compute_f1_score, prediction, gold_scored), in 0..1
                 exact_match, f1: torchmetrics.functional.text.squad.squad over the set, in percent; has_answer_* /
                 no_answer_*: the same over the questions with / without gold answers (evaluate-v2.0.py's HasAns /
                 NoAns), null when there are none. torch's default dtype is set to float64 first: torchmetrics
                 computes in default-dtype tensors, and float32 would differ from the official script's Python
                 floats around 1e-6; in float64 the operations are the script's, so the numbers are its numbers.

answer_spans.json  {"made_by", "versions", "cases": [...]}, each case
  name, doc, start_logits, end_logits (float32 values), allowed (0/1: the tokens that may be part of an answer),
  max_answer_len, top_k, and what select_starts_ends(start[None], end[None], p_mask=1-allowed, attention_mask=None,
  top_k, max_answer_len=...) returns: starts, ends, scores (p_start * p_end after its masked softmax). Logits go in
  as float64. Position 0 (the pipeline's CLS, whose probability it zeroes) is never allowed, so that step is a no-op.
  What decode_spans does, which the cases pin down: np.tril(np.triu(outer), max_answer_len - 1) keeps end - start
  <= max_answer_len - 1 (its comment says "end - start > max_answer_len" is removed: one off); it picks the top_k of
  all T*T products first and then drops spans whose start or end is not allowed, so when top_k exceeds the possible
  spans it pads with probability-0 entries that may be impossible (too long, or end < start;
  "top_k_exceeds_spans"). The script checks that
  the spans of positive probability are, in order, the best spans by start_logit + end_logit (the product is
  exp(sum) / (Z_start Z_end)), with no near-tie that could swap them.

Exit 0 written and all self-checks passed, 1 a self-check failed (after writing), 2 a package is missing.
"""

import argparse
import collections
import importlib.metadata
import json
import math
import os
import platform
import random
import re
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "data", "reference", "metrics")
MADE_BY = "tests/reference/make_qa_metric_reference.py"
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import make_reference as ref  # noqa: E402

PACKAGES = ["torchmetrics", "torch", "transformers", "numpy"]
# The capitals core/eval/SquadScore lowers: Latin-1, Latin Extended-A, Greek, Cyrillic, Latin Extended Additional.
COVERED = [(0xC0, 0x17F), (0x386, 0x3AB), (0x400, 0x52F), (0x1E00, 0x1EFF)]


def squad_module():
    """torchmetrics.functional.text.squad (the package re-exports a function of that name, which hides the module
    from 'import ... as')."""
    import importlib
    return importlib.import_module("torchmetrics.functional.text.squad")


def official_normalize_answer(s):
    """evaluate-v2.0.py's normalize_answer, verbatim but for names: the cross-check of torchmetrics'."""
    def remove_articles(text):
        return re.compile(r"\b(a|an|the)\b", re.UNICODE).sub(" ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)
    return white_space_fix(remove_articles(remove_punc(s.lower())))


def official_f1(a_gold, a_pred):
    """evaluate-v2.0.py's compute_f1."""
    gold_toks = official_normalize_answer(a_gold).split() if a_gold else []
    pred_toks = official_normalize_answer(a_pred).split() if a_pred else []
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        return int(gold_toks == pred_toks)
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(pred_toks)
    recall = 1.0 * num_same / len(gold_toks)
    return (2 * precision * recall) / (precision + recall)


def covered_capitals():
    return " ".join(chr(c) for lo, hi in COVERED for c in range(lo, hi + 1) if chr(c).lower() != chr(c))


# (text, doc, lorawb_differs)
NORMALIZATION = [
    ("The Eiffel Tower", "a leading article", False),
    ("  an   apple,  a pear; THE plum!  ", "articles, punctuation, runs of spaces", False),
    ("U.S.A.", "punctuation goes before the article pass: U.S.A. -> usa", False),
    ("the-end a-b", "a hyphen is punctuation, removed, so 'the-end' is one word 'theend' and no article", False),
    ("Tab\tand\nnew\r\nline\x0bvt\x1cfs", "ASCII whitespace, \\x0b and \\x1c included (str.split)", False),
    ("_a_ [an] {the}", "brackets and underscores are punctuation: the articles come free and go", False),
    ("1,000.5 km; 3 a.m.", "numbers lose their separators", False),
    ("", "empty", False),
    ("   ", "only spaces", False),
    ("...!?", "only punctuation", False),
    ("The a AN the", "only articles", False),
    ("theater another banana", "articles inside words stay", False),
    ("Café Crème ÀÉÎÕÜ ÇÑ ß Ø", "Latin-1 capitals", False),
    ("Łódź ŒUVRE ŸES Ĳssel", "Latin Extended-A; Ÿ lowers to U+00FF", False),
    ("İstanbul", "İ lowers to i + U+0307 (two code points), as Python does", False),
    ("Tiếng Việt ĐỨC Ẫ ẞ", "Vietnamese: Latin Extended-A and Additional; ẞ lowers to ß", False),
    ("Η ΟΔΟΣ. ΣΟΦΙΑ Σ ΑΣ'Β ΆΈΉΊΌΎΏ", "Greek, final sigma at a word end (also before '.'), medial and alone σ", False),
    ("МОСКВА Ёлка ЇЖАК Ѣ Ӂ Ӏ", "Cyrillic", False),
    ("“The” ‘a’ «an»", "curly quotes and guillemets are not ASCII punctuation: kept, and the articles inside go",
     False),
    ("a—b the…end", "em dash and ellipsis are not word characters: the articles before them go", False),
    ("a\u00a0b the\u2003c x\u3000an\u2028y", "no-break space, em space, ideographic space, line separator",
     False),
    ("éa aé thé the\u0301", "a non-ASCII letter joins an article into a word; a combining mark does not", False),
    ("½ a ² an ª", "½, ² and ª are word characters in Python (isalnum)", False),
    ("a€ the© an±", "currency and Latin-1 signs are not word characters", False),
    ("a 🙂 the end 中文 a日本", "emoji; CJK letters are word characters", False),
    ("Zero\u200bwidth", "U+200B is not whitespace for str.split", False),
    (covered_capitals(), "every capital of the covered blocks that Python lowers, one a word", False),
    ("Ｔｈｅ ＡＢＣ", "fullwidth capitals: lowered as Python lowers them", False),
    ("Ǆ Ɓ ԱԲԳ Ⴀ", "Latin Extended-B, Armenian, Georgian capitals: Python lowers them, SquadScore does not", True),
]


def q(prediction, *gold):
    return (prediction, list(gold))


SQUAD_SETS = [
    {"name": "v1_basic", "doc": "answerable questions, one or several gold answers, partial and no overlap",
     "questions": [q("Denver Broncos", "Denver Broncos", "The Denver Broncos"),
                   q("the broncos", "Denver Broncos"),
                   q("Santa Clara, California", "Santa Clara", "Levi's Stadium", "Levi's Stadium in the San "
                                                                                "Francisco Bay Area at Santa Clara"),
                   q("1976", "1976"),
                   q("in 1976 and 1977", "1976"),
                   q("golden anniversary", "gold", "gold-themed"),
                   q("Beyoncé", "Beyonce"),
                   q("the the the", "the cat")]},
    {"name": "v2_mixed", "doc": "answerable and unanswerable questions; empty predictions on both",
     "questions": [q("", ),
                   q("Normandy", ),
                   q("", "France"),
                   q("France", "France", "in France"),
                   q("   ", ),
                   q("a the an", ),
                   q("10th and 11th centuries", "10th and 11th centuries", "in the 10th and 11th centuries")]},
    {"name": "gold_normalises_empty",
     "doc": "gold answers that normalise to '' are dropped, as evaluate-v2.0.py does (the question stays "
            "answerable); with none left the gold is ['']",
     "questions": [q("", "the", "Paris"), q("Paris", "The", "Paris"), q("", "."), q("x", "a", "!")]},
    {"name": "repeated_tokens", "doc": "token counts are a multiset: repeats count up to their gold count",
     "questions": [q("new new york", "new york"), q("york york york", "new york york"),
                   q("one two three four", "four three two one five")]},
    {"name": "unicode", "doc": "non-ASCII answers, curly quotes, accents, Greek and Cyrillic",
     "questions": [q("“Société Générale”", "Société Générale"), q("ΟΔΟΣ", "οδος"), q("Москва", "МОСКВА"),
                   q("Zürich, Schweiz", "Zürich"), q("Ａ", "a")]},
    {"name": "all_unanswerable", "doc": "no answerable question: the HasAns group is empty (null)",
     "questions": [q(""), q("something")]},
    {"name": "one_question", "doc": "a single answerable question", "questions": [q("the answer", "answer")]},
]

RANDOM_SETS = [("random_1", 20260301, 60), ("random_2", 20260302, 40)]
VOCAB = ["the", "a", "an", "red", "Red", "fox", "Fox,", "jumps", "over", "lazy", "dog.", "dog", "1999", "Paris",
         "Île", "ÉCOLE", "école", "new", "york", "!", "--"]


def random_set(name, seed, n):
    """Gold: 0-3 answers of 1-5 words from VOCAB (0: unanswerable); the prediction is a gold answer with words
    dropped / added at random, a random phrase, or empty."""
    rng = random.Random(seed)

    def phrase():
        return " ".join(rng.choice(VOCAB) for _ in range(rng.randint(1, 5)))
    questions = []
    for _ in range(n):
        gold = [phrase() for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        kind = rng.random()
        if gold and kind < 0.5:
            words = rng.choice(gold).split()
            words = [w for w in words if rng.random() > 0.3] + [rng.choice(VOCAB) for _ in range(rng.randint(0, 2))]
            pred = "  ".join(words) if rng.random() < 0.2 else " ".join(words)
        elif kind < 0.8:
            pred = phrase()
        else:
            pred = ""
        questions.append((pred, gold))
    return {"name": name, "doc": f"random.Random({seed}): {n} questions from a small vocabulary",
            "questions": questions}


def squad_set(case, problems):
    tm = squad_module()
    questions = []
    for pred, gold in case["questions"]:
        scored = [g for g in gold if tm._normalize_text(g)] or [""]
        exact = float(tm._metric_max_over_ground_truths(tm._compute_exact_match_score, pred, scored))
        f1 = float(tm._metric_max_over_ground_truths(tm._compute_f1_score, pred, scored))
        if f1 != max(float(official_f1(g, pred)) for g in scored):
            problems.append(f"squad/{case['name']}: torchmetrics F1 {f1!r} differs from evaluate-v2.0.py's")
        questions.append({"prediction": pred, "gold": gold, "gold_scored": scored, "exact": exact, "f1": f1})

    def aggregate(subset):
        if not subset:
            return None, None
        preds = [{"prediction_text": x["prediction"], "id": str(i)} for i, x in enumerate(subset)]
        targets = [{"answers": {"text": x["gold_scored"], "answer_start": [0] * len(x["gold_scored"])},
                    "id": str(i)} for i, x in enumerate(subset)]
        out = tm.squad(preds, targets)
        return float(out["exact_match"]), float(out["f1"])
    has = [x for x in questions if x["gold"]]
    no = [x for x in questions if not x["gold"]]
    em, f1 = aggregate(questions)
    has_em, has_f1 = aggregate(has)
    no_em, no_f1 = aggregate(no)
    return {"name": case["name"], "doc": case["doc"], "questions": questions, "exact_match": em, "f1": f1,
            "total": len(questions), "has_answer_total": len(has), "no_answer_total": len(no),
            "has_answer_exact": has_em, "has_answer_f1": has_f1, "no_answer_exact": no_em, "no_answer_f1": no_f1}


def normalization_cases(problems):
    tm = squad_module()
    out = []
    for text, doc, differs in NORMALIZATION:
        normalized = tm._normalize_text(text)
        if normalized != official_normalize_answer(text):
            problems.append(f"normalization of {text!r}: torchmetrics differs from evaluate-v2.0.py")
        out.append({"text": text, "normalized": normalized, "lorawb_differs": differs, "doc": doc})
    return out


def float32(rng, sigma):
    import numpy as np
    return float(np.float32(rng.gauss(0.0, sigma)))


SPAN_CASES = [
    {"name": "tiny", "doc": "6 tokens, question at 0-1, context 2-5", "start_logits": [9, 8, 1, 3, 0.5, -1],
     "end_logits": [9, 8, -2, 0, 2.5, 1], "allowed": [0, 0, 1, 1, 1, 1], "max_answer_len": 15, "top_k": 3},
    {"name": "max_len_boundary", "doc": "the best unconstrained span has length 4: max_answer_len 4 keeps it, 3 "
                                        "does not (length = end - start + 1 <= max_answer_len)",
     "start_logits": [0, 5, 0, 0, 0, 0, 0], "end_logits": [0, 0.5, 0, 1, 5, 0, 0], "allowed": [0, 1, 1, 1, 1, 1, 1],
     "max_answer_len": 4, "top_k": 2},
    {"name": "max_len_boundary_short", "doc": "as max_len_boundary with max_answer_len 3",
     "start_logits": [0, 5, 0, 0, 0, 0, 0], "end_logits": [0, 0.5, 0, 1, 5, 0, 0], "allowed": [0, 1, 1, 1, 1, 1, 1],
     "max_answer_len": 3, "top_k": 2},
    {"name": "max_len_1", "doc": "single-token answers only", "start_logits": [0, 1, 4, 2.5, 0],
     "end_logits": [0, 3, 1, 2, 0], "allowed": [0, 1, 1, 1, 1], "max_answer_len": 1, "top_k": 4},
    {"name": "hole_in_mask", "doc": "a disallowed token inside the context: a span may run across it, but may "
                                    "not start or end on it",
     "start_logits": [0, 1, 6, 0, 0, 0], "end_logits": [0, 0, 0, 7, 2, 0], "allowed": [0, 1, 0, 1, 1, 0],
     "max_answer_len": 15, "top_k": 3},
    {"name": "constant_logits", "doc": "every span ties: decode_spans' np.argmax takes the first (smallest start, "
                                       "then end)", "start_logits": [1] * 8, "end_logits": [1] * 8,
     "allowed": [0, 0, 0, 1, 1, 1, 1, 0], "max_answer_len": 3, "top_k": 1},
    {"name": "no_context", "doc": "no token allowed: no span", "start_logits": [1, 2, 3], "end_logits": [3, 2, 1],
     "allowed": [0, 0, 0], "max_answer_len": 5, "top_k": 1},
    {"name": "top_k_exceeds_spans", "doc": "4 possible spans (max_answer_len 1), top_k 10: decode_spans fills its "
                                           "top 10 with probability-0 candidates and returns those with both ends "
                                           "allowed, impossible ones among them: here two longer than max_answer_len (the "
                                           "test keeps the positive ones)",
     "start_logits": [0, 2, 1, 0.5, 0], "end_logits": [0, 1, 3, 2, -1], "allowed": [0, 1, 1, 1, 1],
     "max_answer_len": 1, "top_k": 10},
]
# (name, seed, tokens, question tokens, padding tokens, max_answer_len, top_k)
SPAN_RANDOM = [("random_short", 20260311, 24, 5, 3, 15, 5), ("random_len_3", 20260312, 48, 10, 0, 3, 10),
               ("random_long", 20260313, 128, 12, 20, 30, 20), ("random_top1", 20260314, 64, 8, 8, 15, 1),
               ("random_wide", 20260315, 40, 4, 0, 64, 30)]


def random_span_case(name, seed, tokens, question, padding, max_len, top_k):
    rng = random.Random(seed)
    return {"name": name, "doc": f"random.Random({seed}): {tokens} tokens, gauss(0, 3) float32 logits, CLS and "
                                 f"{question - 1} question tokens, then context, then {padding} padding",
            "start_logits": [float32(rng, 3.0) for _ in range(tokens)],
            "end_logits": [float32(rng, 3.0) for _ in range(tokens)],
            "allowed": [1 if question <= i < tokens - padding else 0 for i in range(tokens)],
            "max_answer_len": max_len, "top_k": top_k}


def span_case(case, problems):
    import numpy as np
    from transformers.pipelines.document_question_answering import select_starts_ends
    start = np.array(case["start_logits"], dtype=np.float64)
    end = np.array(case["end_logits"], dtype=np.float64)
    allowed = np.array(case["allowed"], dtype=np.int64)
    assert allowed[0] == 0, "position 0 is the pipeline's CLS"
    starts, ends, scores, _ = select_starts_ends(start[None], end[None], 1 - allowed, None, top_k=case["top_k"],
                                                 max_answer_len=case["max_answer_len"])
    out = dict(case)
    out.update({"start_logits": [float(x) for x in case["start_logits"]],
                "end_logits": [float(x) for x in case["end_logits"]],
                "starts": [int(x) for x in starts], "ends": [int(x) for x in ends],
                "scores": [float(x) for x in scores]})
    # Self-check: the spans of positive probability are the best by logit sum, in order, with no near-tie.
    L, T = case["max_answer_len"], len(start)
    spans = sorted(((start[s] + end[e], s, e) for s in range(T) for e in range(s, min(T, s + L))
                    if allowed[s] and allowed[e]), key=lambda x: (-x[0], x[1], x[2]))
    positive = [(s, e) for s, e, p in zip(out["starts"], out["ends"], out["scores"]) if p > 0]
    if positive != [(s, e) for _, s, e in spans[:len(positive)]]:
        problems.append(f"spans/{case['name']}: decode_spans' order is not the logit-sum order")
    if len(positive) != min(case["top_k"], len(spans)):
        problems.append(f"spans/{case['name']}: {len(positive)} positive spans, expected "
                        f"{min(case['top_k'], len(spans))}")
    gaps = [spans[i][0] - spans[i + 1][0] for i in range(min(len(positive), len(spans) - 1))]
    if case["name"] != "constant_logits" and any(g < 1e-6 for g in gaps):
        problems.append(f"spans/{case['name']}: a near-tie among the top spans; pick another seed")
    return out


def write_json(path, payload):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    args = parser.parse_args()
    try:
        import numpy  # noqa: F401
        import torch
        import torchmetrics.functional.text.squad  # noqa: F401
        import transformers.pipelines.document_question_answering  # noqa: F401
    except ImportError as e:
        return ref.missing_packages(e)
    torch.set_default_dtype(torch.float64)  # see the docstring: torchmetrics then computes in the script's doubles
    versions = {"python": platform.python_version()}
    versions.update({name: importlib.metadata.version(name) for name in PACKAGES})
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions[k], pins[k]) for k in PACKAGES if k in pins and versions[k] != pins[k]}
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    problems = []
    normalization = normalization_cases(problems)
    sets = [squad_set(c, problems) for c in SQUAD_SETS + [random_set(*r) for r in RANDOM_SETS]]
    spans = [span_case(c, problems) for c in SPAN_CASES + [random_span_case(*r) for r in SPAN_RANDOM]]
    os.makedirs(args.out_dir, exist_ok=True)
    write_json(os.path.join(args.out_dir, "squad.json"),
               {"made_by": MADE_BY, "versions": versions, "normalization": normalization, "sets": sets})
    write_json(os.path.join(args.out_dir, "answer_spans.json"),
               {"made_by": MADE_BY, "versions": versions, "cases": spans})
    for s in sets:
        print(f"squad {s['name']:22s} EM {s['exact_match']:7.3f} F1 {s['f1']:7.3f} ({s['total']} questions, "
              f"{s['no_answer_total']} unanswerable)")
    for c in spans:
        print(f"spans {c['name']:22s} {list(zip(c['starts'], c['ends']))[:5]}")
    print(f"wrote {args.out_dir}: squad.json ({len(normalization)} strings, {len(sets)} sets), answer_spans.json "
          f"({len(spans)} cases)")
    if problems:
        for p in problems:
            print(f"FAILED: {p}", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
