#!/usr/bin/env python3
"""Makes the classification-metric reference fixtures: entity-level scores computed by seqeval and single-label
scores computed by scikit-learn themselves.

Usage:  python tests/reference/make_metric_reference.py [OUT_DIR]
        (default OUT_DIR: tests/data/reference/metrics)

Needs seqeval, scikit-learn and numpy at the pins of tests/reference/requirements.txt (bash
tests/reference/setup-venv.sh makes a venv with them; no torch); runs in about a second.

Writes, deterministically (a second run writes the same bytes; every case is handwritten or drawn from
random.Random(seed), and dictionaries are written in sorted order):
  seqeval.json  {"made_by", "versions", "cases": [...]}, each case
                  name, doc, y_true, y_pred   lists of sentences, each a list of tags
                  precision, recall, f1, accuracy
                      seqeval.metrics.precision_score / recall_score / f1_score / accuracy_score(y_true, y_pred) in
                      seqeval's default mode (no scheme, no mode, zero_division "warn": a 0/0 is 0.0), which is what
                      HF's token-classification example reports (evaluate's "seqeval" metric reads the same numbers
                      off classification_report's "micro avg" row; the script checks they agree)
                  per_type    {type: {precision, recall, f1, support}} from classification_report(y_true, y_pred,
                              output_dict=True) without its "micro avg" / "macro avg" / "weighted avg" rows
                              (f1 is its "f1-score"; support is the number of true entities of the type)
  sklearn_single_label.json  {"made_by", "versions", "cases": [...]}, each case
                  name, doc, num_labels, y_true, y_pred   (class ids 0..num_labels-1)
                  accuracy          sklearn.metrics.accuracy_score(y_true, y_pred)
                  macro_f1          f1_score(y_true, y_pred, average="macro"): the mean over the labels present in
                                    y_true or y_pred (sklearn's default labels; a class in neither does not count), a
                                    class never predicted (or never true) contributes 0.0 (zero_division "warn")
                  micro_f1          f1_score(y_true, y_pred, average="micro")
                  confusion_matrix  confusion_matrix(y_true, y_pred, labels=range(num_labels)).tolist(): row = true
                                    class, column = predicted class

What seqeval's default mode does (seqeval 1.2.2, metrics/sequence_labeling.py get_entities / start_of_chunk /
end_of_chunk), which the cases pin down:
  - the sentences are joined with an "O" between them, so an entity never runs across a sentence boundary;
  - a tag's prefix is its first character and its type what follows the first "-" ("B-DATE-TIME" is B of DATE-TIME);
    the bare tags "B", "I", "E", "S" are accepted with the type "_";
  - a chunk starts at B- or S-, at an I- or E- after O, E- or S-, and at any tag whose type differs from the previous
    tag's (so IOB1's leading I- starts an entity, and B-PER I-LOC is two entities); it ends before B-, S-, O, a
    change of type, and after E- or S-;
  - an entity counts as correct when type, first and last position all match.
Tags without a B/I/E/S prefix other than "O" ("PER") are not covered: seqeval warns "seems not to be NE tag" and
reads "PER" as prefix "P" of type "ER". The script fails if seqeval or scikit-learn warns anything but
UndefinedMetricWarning (0/0 set to 0.0) and numpy's RuntimeWarnings of classification_report's macro row over no
types (both expected, and suppressed).

Only what seqeval and scikit-learn compute goes into these files. Exit 0 written and all self-checks passed, 1 a
self-check failed (after writing), 2 a package is missing or an argument is wrong.
"""

import argparse
import importlib.metadata
import json
import os
import platform
import random
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_OUT = os.path.join(REPO, "tests", "data", "reference", "metrics")
MADE_BY = "tests/reference/make_metric_reference.py"
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # importing the sibling script must leave no __pycache__ in the source tree
import make_reference as ref  # noqa: E402  (imports only the standard library at module level; main() is guarded)

PACKAGES = ["seqeval", "scikit-learn", "numpy", "scipy"]
RANDOM_TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
AVERAGE_ROWS = {"micro avg", "macro avg", "weighted avg"}


def sentences(text):
    """'B-PER I-PER O | O B-LOC' -> [["B-PER", "I-PER", "O"], ["O", "B-LOC"]]."""
    return [part.split() for part in text.split("|")]


SEQEVAL_CASES = [
    {"name": "iob2_basic", "doc": "IOB2 with PER / LOC / ORG: one entity right, one with a wrong end, one of the "
                                  "wrong type, one missed, one spurious",
     "y_true": sentences("B-PER I-PER O O B-LOC O B-ORG I-ORG I-ORG O | O B-PER O B-LOC I-LOC O"),
     "y_pred": sentences("B-PER I-PER O O B-LOC O B-ORG I-ORG O O | O B-LOC O O O B-ORG")},
    {"name": "iob1", "doc": "IOB1: entities start with I- after O, B- only between two entities of one type",
     "y_true": sentences("I-PER I-PER B-PER O I-LOC O I-ORG I-ORG | O I-PER O I-LOC B-LOC"),
     "y_pred": sentences("I-PER I-PER I-PER O I-LOC O I-ORG B-ORG | O I-PER O I-LOC B-LOC")},
    {"name": "i_after_o_or_other_type",
     "doc": "an I- that follows O, or a different type's I-, starts a new chunk in the default mode",
     "y_true": sentences("O I-PER I-PER O B-LOC I-LOC I-PER O | I-ORG O I-LOC I-ORG"),
     "y_pred": sentences("O B-PER I-PER O B-LOC I-LOC B-PER O | B-ORG O B-LOC B-ORG")},
    {"name": "b_then_i_other_type", "doc": "B-X directly followed by I-Y: two one-token entities X and Y",
     "y_true": sentences("B-PER I-LOC O B-ORG I-ORG | B-LOC I-PER I-PER"),
     "y_pred": sentences("B-PER I-PER O B-ORG I-LOC | B-LOC B-PER I-PER")},
    {"name": "entity_at_end", "doc": "entities on the last token of a sentence, single and multi-token",
     "y_true": sentences("O O B-LOC | O B-PER I-PER | B-ORG"),
     "y_pred": sentences("O O B-LOC | O B-PER O | B-ORG")},
    {"name": "no_true_entities", "doc": "no entity in the truth, some predicted: precision 0, recall 0/0 -> 0",
     "y_true": sentences("O O O O | O O O"),
     "y_pred": sentences("B-PER O O B-LOC | O I-ORG O")},
    {"name": "all_o", "doc": "O everywhere on both sides: every entity score is 0/0 -> 0, accuracy 1, no types",
     "y_true": sentences("O O O | O O"),
     "y_pred": sentences("O O O | O O")},
    {"name": "iobes", "doc": "IOBES tags: S- single entities, E- ends, an E- after O starts a chunk, an I- after E- "
                             "starts a new one",
     "y_true": sentences("S-PER O B-LOC I-LOC E-LOC O B-ORG E-ORG | S-LOC S-LOC O B-PER E-PER"),
     "y_pred": sentences("S-PER O B-LOC E-LOC I-LOC O O E-ORG | S-LOC B-LOC O B-PER E-PER")},
    {"name": "long_type_names",
     "doc": "multi-character types, one with an underscore and one with a '-' inside (the type is what follows "
            "the first '-')",
     "y_true": sentences("B-WORK_OF_ART I-WORK_OF_ART O B-GPE O B-DATE-TIME I-DATE-TIME | B-NORP O B-GPE I-GPE"),
     "y_pred": sentences("B-WORK_OF_ART I-WORK_OF_ART O B-GPE O B-DATE-TIME I-DATE | B-NORP O B-GPE B-GPE")},
    {"name": "bare_bio_tags", "doc": "the bare tags B / I (no type), which seqeval accepts as the type '_'",
     "y_true": sentences("B I O B O | I I O"),
     "y_pred": sentences("B I O B I | B I O")},
    {"name": "sentence_boundary",
     "doc": "sentences that end in B-PER followed by sentences that start with I-PER: seqeval puts an O between "
            "sentences, so these are separate entities (joining the sentences without it would make one)",
     "y_true": sentences("O B-PER | I-PER O | O B-LOC I-LOC | I-LOC"),
     "y_pred": sentences("O B-PER | B-PER O | O B-LOC I-LOC | B-LOC")},
]

# Seeded random cases: (name, seed).
SEQEVAL_RANDOM = [("random_1", 20260101), ("random_2", 20260102), ("random_3", 20260103)]

SKLEARN_CASES = [
    {"name": "perfect", "doc": "every prediction right", "num_labels": 3,
     "y_true": [0, 1, 2, 2, 1, 0, 1], "y_pred": [0, 1, 2, 2, 1, 0, 1]},
    {"name": "all_wrong", "doc": "every prediction wrong", "num_labels": 3,
     "y_true": [0, 1, 2, 0, 1, 2], "y_pred": [1, 2, 0, 2, 0, 1]},
    {"name": "class_never_predicted", "doc": "class 2 occurs in y_true but is never predicted (its F1 is 0)",
     "num_labels": 3, "y_true": [0, 1, 2, 2, 0, 1, 2, 0], "y_pred": [0, 1, 1, 0, 0, 1, 1, 0]},
    {"name": "class_in_neither",
     "doc": "num_labels 5, classes 1 and 4 occur nowhere: macro F1 averages over 0, 2, 3 only; the confusion matrix "
            "still has 5 rows and columns",
     "num_labels": 5, "y_true": [0, 2, 3, 3, 0, 2, 2], "y_pred": [0, 2, 3, 0, 0, 3, 2]},
    {"name": "binary", "doc": "two labels", "num_labels": 2,
     "y_true": [0, 1, 1, 0, 1, 1, 0, 0, 1, 0], "y_pred": [0, 1, 0, 0, 1, 1, 1, 0, 1, 1]},
    {"name": "one_item", "doc": "a single item, predicted right", "num_labels": 4, "y_true": [3], "y_pred": [3]},
]

SKLEARN_RANDOM = {"name": "random_5_classes", "seed": 20260201, "num_labels": 5, "items": 200}


def random_seqeval_case(name, seed):
    """5-20 sentences of 3-15 tags from RANDOM_TAGS (so also invalid IOB2: I- after O, I- of another type); y_pred is
    y_true with each tag replaced by a random one with probability 0.2."""
    rng = random.Random(seed)
    y_true = [[rng.choice(RANDOM_TAGS) for _ in range(rng.randint(3, 15))] for _ in range(rng.randint(5, 20))]
    y_pred = [[rng.choice(RANDOM_TAGS) if rng.random() < 0.2 else tag for tag in sentence] for sentence in y_true]
    return {"name": name, "doc": f"random.Random({seed}): {len(y_true)} sentences from {RANDOM_TAGS}, y_pred = "
                                 "y_true with each tag replaced at random with probability 0.2",
            "y_true": y_true, "y_pred": y_pred}


def random_sklearn_case(spec):
    """Uniform random labels; y_pred keeps the true label with probability 0.6, else draws one at random."""
    rng = random.Random(spec["seed"])
    n, k = spec["items"], spec["num_labels"]
    y_true = [rng.randrange(k) for _ in range(n)]
    y_pred = [t if rng.random() < 0.6 else rng.randrange(k) for t in y_true]
    return {"name": spec["name"], "doc": f"random.Random({spec['seed']}): {n} items of {k} classes, y_pred = y_true "
                                         "with probability 0.6, else a random class",
            "num_labels": k, "y_true": y_true, "y_pred": y_pred}


class Quiet:
    """Catches the warnings of a metric call; the expected ones (0/0 set to 0.0, numpy's mean of no types) are
    dropped, anything else is kept in .unexpected."""

    def __enter__(self):
        self._catcher = warnings.catch_warnings(record=True)
        self._caught = self._catcher.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        from sklearn.exceptions import UndefinedMetricWarning
        self._catcher.__exit__(*exc)
        self.unexpected = sorted({f"{w.category.__name__}: {w.message}" for w in self._caught
                                  if not issubclass(w.category, (UndefinedMetricWarning, RuntimeWarning))})
        return False


def seqeval_case(case, problems):
    from seqeval.metrics import accuracy_score, classification_report, f1_score, precision_score, recall_score
    y_true, y_pred = case["y_true"], case["y_pred"]
    with Quiet() as quiet:
        out = {"name": case["name"], "doc": case["doc"], "y_true": y_true, "y_pred": y_pred,
               "precision": float(precision_score(y_true, y_pred)), "recall": float(recall_score(y_true, y_pred)),
               "f1": float(f1_score(y_true, y_pred)), "accuracy": float(accuracy_score(y_true, y_pred))}
        report = classification_report(y_true, y_pred, output_dict=True)
    out["per_type"] = {t: {"precision": float(row["precision"]), "recall": float(row["recall"]),
                           "f1": float(row["f1-score"]), "support": int(row["support"])}
                       for t, row in sorted(report.items()) if t not in AVERAGE_ROWS}
    name = case["name"]
    for warning in quiet.unexpected:
        problems.append(f"seqeval/{name}: unexpected warning {warning}")
    micro = report["micro avg"]
    for key, field in (("precision", "precision"), ("recall", "recall"), ("f1", "f1-score")):
        if out[key] != float(micro[field]):
            problems.append(f"seqeval/{name}: {key}_score {out[key]!r} != classification_report micro avg "
                            f"{float(micro[field])!r}")
    if sum(row["support"] for row in out["per_type"].values()) != int(micro["support"]):
        problems.append(f"seqeval/{name}: per-type supports do not add up to the micro avg support")
    return out


def sklearn_case(case, problems):
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
    y_true, y_pred, k = case["y_true"], case["y_pred"], case["num_labels"]
    with Quiet() as quiet:
        out = {"name": case["name"], "doc": case["doc"], "num_labels": k, "y_true": y_true, "y_pred": y_pred,
               "accuracy": float(accuracy_score(y_true, y_pred)),
               "macro_f1": float(f1_score(y_true, y_pred, average="macro")),
               "micro_f1": float(f1_score(y_true, y_pred, average="micro")),
               "confusion_matrix": [[int(v) for v in row]
                                    for row in confusion_matrix(y_true, y_pred, labels=list(range(k))).tolist()]}
    for warning in quiet.unexpected:
        problems.append(f"sklearn/{case['name']}: unexpected warning {warning}")
    if sum(map(sum, out["confusion_matrix"])) != len(y_true):
        problems.append(f"sklearn/{case['name']}: the confusion matrix does not count every item")
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
        import seqeval.metrics  # noqa: F401
        import sklearn.metrics  # noqa: F401
    except ImportError as e:
        return ref.missing_packages(e)
    versions = {"python": platform.python_version()}
    versions.update({name: importlib.metadata.version(name) for name in PACKAGES})
    print("versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    pins = ref.pinned_versions()
    off_pin = {k: (versions[k], pins[k]) for k in PACKAGES if k in pins and versions[k] != pins[k]}
    if off_pin:
        print("WARN: not the versions of requirements.txt: "
              + ", ".join(f"{k} {have} (pinned {want})" for k, (have, want) in off_pin.items()), file=sys.stderr)

    problems = []
    seqeval_cases = SEQEVAL_CASES + [random_seqeval_case(name, seed) for name, seed in SEQEVAL_RANDOM]
    sklearn_cases = SKLEARN_CASES + [random_sklearn_case(SKLEARN_RANDOM)]
    seq_out = [seqeval_case(c, problems) for c in seqeval_cases]
    skl_out = [sklearn_case(c, problems) for c in sklearn_cases]

    os.makedirs(args.out_dir, exist_ok=True)
    write_json(os.path.join(args.out_dir, "seqeval.json"), {"made_by": MADE_BY, "versions": versions, "cases": seq_out})
    write_json(os.path.join(args.out_dir, "sklearn_single_label.json"),
               {"made_by": MADE_BY, "versions": versions, "cases": skl_out})
    for c in seq_out:
        print(f"seqeval {c['name']:26s} P {c['precision']:.4f} R {c['recall']:.4f} F1 {c['f1']:.4f} "
              f"acc {c['accuracy']:.4f} types {sorted(c['per_type'])}")
    for c in skl_out:
        print(f"sklearn {c['name']:26s} acc {c['accuracy']:.4f} macro F1 {c['macro_f1']:.4f} "
              f"micro F1 {c['micro_f1']:.4f}")
    print(f"wrote {args.out_dir}: seqeval.json ({len(seq_out)} cases), sklearn_single_label.json "
          f"({len(skl_out)} cases)")
    if problems:
        for p in problems:
            print(f"FAILED: {p}", file=sys.stderr)
        return 1
    print("all self-checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
