#!/usr/bin/env python3
"""Makes the retrieval-metric reference fixture: recall@1, recall@10 and MRR as torchmetrics computes them per query
(torchmetrics.functional.retrieval_recall / retrieval_reciprocal_rank, imported from torchmetrics.functional.retrieval:
the top-level names warn that they are deprecated), averaged over the queries.

Usage:  python tests/reference/make_retrieval_metric_reference.py [OUT_DIR]
        (default OUT_DIR: tests/data/reference/metrics; writes OUT_DIR/retrieval.json only)

Needs torch and torchmetrics at the pins of tests/reference/requirements.txt (2.15.0, 1.9.0); runs in about a second.
Deterministic: scores come from torch.Generator().manual_seed(seed) or are handwritten, keys are written in a fixed
order, floats by json.dumps.

retrieval.json  {"made_by", "versions", "definition", "torchmetrics_positive_filter", "cases": [...]}, each case
  name, doc
  scores     per query, one float per document. Random cases draw float32 N(0, 1) (torch.randn with the case's
             generator) and store each as the float64 value of that float32, so a reader that parses a double and
             casts it to float gets the same float32; handwritten values are exact in float32.
  relevant   per query, the indices of its relevant documents (ascending; at least one per query)
  expected   {"recall_at_1", "recall_at_10", "mrr", "per_query": [{"recall_at_1", "recall_at_10",
             "reciprocal_rank"}]}: per query recall@k = (relevant documents among the k best-scored) / (all relevant
             documents), reciprocal rank = 1 / (1-based position of the best-ranked relevant document); the three
             means are math.fsum over the queries / their number. Values are the exact doubles (k / n, 1 / r).
  source     "torchmetrics": retrieval_recall(preds, target, top_k=1 / 10) and retrieval_reciprocal_rank(preds,
             target) give, as float32, exactly float32(expected per-query value) for every query (checked), and the
             float32 mean of its per-query values is the mean within 1e-6 (checked). "rule": exact ties between a
             relevant and a non-relevant document, where torchmetrics' answer depends on torch's unstable sort; the
             values follow the pessimistic rule below.

The rule (implemented here for every case; for the torchmetrics cases the script checks that it agrees with
torchmetrics, exit 1 if not): order the documents by score descending; among equal scores non-relevant documents
come before relevant ones (0.0 and -0.0 are equal); recall@k = relevant documents among the first k / all relevant
(k past the number of documents takes them all: recall@10 with 4 documents is 1); reciprocal rank = 1 / (1-based
position of the first relevant document).

torchmetrics 1.9.0 also drops every relevant document whose score is not > 0 (torch.where(preds > 0, target, 0) in
both functions): such a document counts as not relevant for the reciprocal rank and as not retrieved for recall (the
denominator still counts it). Retrieval by cosine similarity has negative scores, and the metric is a ranking metric,
so the script hands torchmetrics positive scores with the same order and ties instead: each document's dense rank from
the bottom (1 + the number of distinct scores of that query below its score), as float32. torchmetrics_positive_filter
lists, per torchmetrics case, the queries where torchmetrics on the raw scores would give something else (recorded,
not used).

Cases: random_12x20 (12 queries x 20 documents, one relevant each), multi_relevant_6x15 (6 x 15, 1-3 relevant),
few_docs_5x4 (5 x 4, fewer documents than 10), ties (rule: relevant tied with non-relevant at the top, everything
tied, a tie across the recall@10 boundary, 0.0 vs -0.0, ties among relevant documents only).

Exit 0 written and all self-checks passed, 1 a self-check failed (after writing), 2 a package is missing.
"""

import argparse
import importlib.metadata
import json
import math
import os
import platform
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "data", "reference", "metrics")
MADE_BY = "tests/reference/make_retrieval_metric_reference.py"
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import make_reference as ref  # noqa: E402  (standard library only at module level)

PACKAGES = ["torch", "torchmetrics"]
KS = (1, 10)
MEAN_ABS = 1e-6

DEFINITION = (
    "Per query: recall@k = (relevant documents among the k best-scored) / (all relevant documents of the query), "
    "k = 1 and 10 (all documents when there are fewer than k); reciprocal rank = 1 / (1-based position of the "
    "best-ranked relevant document). recall_at_1, recall_at_10 and mrr are the means over the queries (math.fsum / "
    "count). Documents are ordered by score descending; source 'torchmetrics': torchmetrics.functional."
    "retrieval_recall(preds, target, top_k=k) and retrieval_reciprocal_rank(preds, target) per query (no ties in "
    "these cases), values stored as exact doubles whose float32 is torchmetrics' float32 result; torchmetrics 1.9.0 "
    "treats relevant documents with score <= 0 as not relevant, so it is given each score's dense rank from the "
    "bottom (positive, same order) instead of the raw score. Source 'rule': exact ties between relevant and "
    "non-relevant documents; equal scores put the non-relevant documents first (pessimistic), 0.0 equals -0.0.")


def random_case(name, seed, queries, docs, relevant_counts, doc):
    import torch
    gen = torch.Generator().manual_seed(seed)
    scores = torch.randn(queries, docs, generator=gen, dtype=torch.float32)
    relevant = [sorted(int(i) for i in torch.randperm(docs, generator=gen)[:relevant_counts[q]])
                for q in range(queries)]
    return {"name": name, "doc": doc, "scores": [[float(x) for x in row] for row in scores.tolist()],
            "relevant": relevant, "source": "torchmetrics"}


def ties_case():
    n = 12
    rows = []
    # 0: a relevant document tied with a non-relevant one for the best score -> rank 2.
    rows.append(([0.5, 0.5, 0.125, -0.25] + [-1.0 - i for i in range(8)], [1]))
    # 1: every score equal: the 10 non-relevant documents first, the two relevant at 11 and 12.
    rows.append(([0.25] * n, [0, 3]))
    # 2: nine better documents, then 0.0 (non-relevant) tied with -0.0 (relevant) across the recall@10 boundary.
    rows.append(([4.0, 3.5, 3.0, 2.5, 2.0, 1.5, 1.0, 0.75, 0.5, 0.0, -0.0, -2.0], [10]))
    # 3: two relevant and one non-relevant tied for the best score: the non-relevant first.
    rows.append(([1.0, 1.0, 1.0] + [0.5 - 0.0625 * i for i in range(9)], [0, 2]))
    # 4: the best document is relevant and alone; the second relevant ties with three non-relevant lower down.
    rows.append(([0.75, 2.0, 0.75, 0.75, 0.75] + [-0.5] * 7, [1, 3]))
    # 5: ties among relevant documents only (no effect) at the top.
    rows.append(([3.0, 3.0, -1.0, 3.0] + [0.0] * 8, [0, 1]))
    # 6: a relevant document tied with non-relevant ones at the bottom, the other relevant strictly inside the top 10.
    rows.append(([-3.0] * 4 + [1.0 + 0.25 * i for i in range(8)], [2, 6]))
    return {"name": "ties", "doc": "exact ties between relevant and non-relevant documents (and a 0.0 / -0.0 pair): "
                                   "the pessimistic rule, non-relevant first among equal scores",
            "scores": [s for s, _ in rows], "relevant": [r for _, r in rows], "source": "rule"}


def cases():
    return [
        random_case("random_12x20", 6108, 12, 20, [1] * 12,
                    "12 queries x 20 documents, one relevant each; float32 N(0, 1) scores (generator seed 6108, "
                    "picked so that the relevant document ranks 1 for two queries, 10 for two and 11 for one)"),
        random_case("multi_relevant_6x15", 6102, 6, 15, [1, 2, 3, 2, 3, 1],
                    "6 queries x 15 documents with 1, 2, 3, 2, 3, 1 relevant; recall = relevant in top k / all "
                    "relevant; float32 N(0, 1) scores (seed 6102)"),
        random_case("few_docs_5x4", 6103, 5, 4, [1, 2, 1, 1, 2],
                    "5 queries x 4 documents, fewer than 10: recall@10 is 1; float32 N(0, 1) scores (seed 6103)"),
        ties_case(),
    ]


def rule(scores, relevant, k):
    """(recall@k, reciprocal rank) by the pessimistic rule of the docstring, exact in double."""
    rel = set(relevant)
    order = sorted(range(len(scores)), key=lambda j: (-scores[j], j in rel))  # stable; -0.0 == 0.0
    hits = sum(1 for j in order[:k] if j in rel)
    first = next(i for i, j in enumerate(order) if j in rel)
    return hits / len(rel), 1.0 / (first + 1)


def dense_rank(scores):
    distinct = sorted(set(scores))  # 0.0 and -0.0 are one element
    return [1.0 + sum(1 for d in distinct if d < s) for s in scores]


def torchmetrics_query(scores, relevant, docs):
    """torchmetrics' per-query {recall_at_1, recall_at_10, reciprocal_rank} as float32 tensors."""
    import torch
    from torchmetrics.functional.retrieval import retrieval_recall, retrieval_reciprocal_rank
    preds = torch.tensor(scores, dtype=torch.float32)
    target = torch.zeros(docs, dtype=torch.bool)
    target[relevant] = True
    return {"recall_at_1": retrieval_recall(preds, target, top_k=1),
            "recall_at_10": retrieval_recall(preds, target, top_k=10),
            "reciprocal_rank": retrieval_reciprocal_rank(preds, target)}


def as_float32(x):
    import torch
    return torch.tensor(x, dtype=torch.float32).item()


def make_case(case, problems, positive_filter):
    import torch
    name = case["name"]
    scores, relevant = case["scores"], case["relevant"]
    docs = len(scores[0])
    if any(len(row) != docs for row in scores) or len(relevant) != len(scores):
        problems.append(f"{name}: ragged scores or relevant lists")
    if any(not r or len(set(r)) != len(r) or any(not 0 <= j < docs for j in r) for r in relevant):
        problems.append(f"{name}: every query needs distinct relevant indices in range, at least one")
    if any(as_float32(x) != x for row in scores for x in row):
        problems.append(f"{name}: a score is not a float32 value")
    per_query = []
    tm_values = {"recall_at_1": [], "recall_at_10": [], "reciprocal_rank": []}
    differs_raw = []
    for q, (row, rel) in enumerate(zip(scores, relevant)):
        r1, rr = rule(row, rel, 1)
        r10, _ = rule(row, rel, 10)
        values = {"recall_at_1": r1, "recall_at_10": r10, "reciprocal_rank": rr}
        has_tie = any(row[a] == row[b] and (a in rel) != (b in rel) for a in range(docs) for b in range(a))
        if case["source"] == "torchmetrics":
            if len(set(row)) != docs:
                problems.append(f"{name}: query {q} has tied scores; torchmetrics' order would be arbitrary")
            tm = torchmetrics_query(dense_rank(row), rel, docs)
            for key, value in tm.items():
                tm_values[key].append(value)
                if value.dtype != torch.float32 or value.item() != as_float32(values[key]):
                    problems.append(f"{name}: query {q} {key}: torchmetrics {value.item()!r}, rule {values[key]!r}")
            raw = torchmetrics_query(row, rel, docs)
            if any(raw[k].item() != tm[k].item() for k in tm):
                differs_raw.append(q)
        elif not has_tie:
            problems.append(f"{name}: query {q} has no relevant / non-relevant tie; it belongs to a torchmetrics case")
        per_query.append(values)
    n = len(per_query)
    expected = {"recall_at_1": math.fsum(v["recall_at_1"] for v in per_query) / n,
                "recall_at_10": math.fsum(v["recall_at_10"] for v in per_query) / n,
                "mrr": math.fsum(v["reciprocal_rank"] for v in per_query) / n,
                "per_query": per_query}
    if case["source"] == "torchmetrics":
        for key, mean_key in (("recall_at_1", "recall_at_1"), ("recall_at_10", "recall_at_10"),
                              ("reciprocal_rank", "mrr")):
            tm_mean = torch.stack(tm_values[key]).mean().item()
            if abs(tm_mean - expected[mean_key]) > MEAN_ABS:
                problems.append(f"{name}: torchmetrics mean {key} {tm_mean!r} vs {expected[mean_key]!r}")
        positive_filter[name] = differs_raw
    return {"name": name, "doc": case["doc"], "scores": scores, "relevant": relevant, "expected": expected,
            "source": case["source"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    args = parser.parse_args()
    try:
        import torch  # noqa: F401
        import torchmetrics.functional.retrieval  # noqa: F401
    except ImportError as e:
        return ref.missing_packages(e)
    versions = {"python": platform.python_version()}
    versions.update({name: importlib.metadata.version(name) for name in PACKAGES})
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions[k], pins[k]) for k in PACKAGES
               if k in pins and versions[k].split("+")[0] != pins[k]}
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    problems = []
    positive_filter = {}
    out_cases = [make_case(c, problems, positive_filter) for c in cases()]
    if not any(positive_filter.values()):
        problems.append("torchmetrics on the raw scores agrees everywhere: the positive-score filter this script "
                        "works around is gone; revisit the docstring")
    payload = {"made_by": MADE_BY, "versions": versions, "definition": DEFINITION,
               "torchmetrics_positive_filter": {
                   "doc": "per torchmetrics case, the queries where torchmetrics 1.9.0 on the raw scores (relevant "
                          "documents with score <= 0 dropped) gives another value than on the ranks; not used",
                   "queries": positive_filter},
               "cases": out_cases}
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "retrieval.json"), "w", encoding="utf-8") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")
    for c in out_cases:
        e = c["expected"]
        print(f"{c['name']:20s} {len(c['scores'])} x {len(c['scores'][0])}: recall@1 {e['recall_at_1']:.4f} "
              f"recall@10 {e['recall_at_10']:.4f} mrr {e['mrr']:.4f} ({c['source']})")
    print(f"wrote {os.path.join(args.out_dir, 'retrieval.json')}")
    if problems:
        for p in problems:
            print(f"FAILED: {p}", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
