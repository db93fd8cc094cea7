#!/usr/bin/env python3
"""Writes the demo's Alpaca datasets (resources/demo/datasets/). Python 3, standard library only, seeded: running it
again gives byte-identical files.

Both tasks read the same kind of input, a line of three numbers from 1 to 99 ("12 7 40"), and differ only in the
instruction and the answer, so they conflict: a model that learns task B after task A tends to answer A's prompts the
B way. That is what the forgetting demo shows (learn A, then B, and watch A's accuracy fall).

  task A  "Repeat the first number."        12 7 40  ->  12
  task B  "Add one to the first number."    12 7 40  ->  13

The answers are exactly checkable (`lorawb eval --data`), short (1-3 digit tokens + EOS) and within reach of the tiny
demo model: it was pretrained on the numbered verses of the King James Bible, so a number at the start of a line and
"the next number" are things it has seen thousands of times. The base model scores 0 % on both (it has never seen the
Alpaca template and does not stop after the answer); a few minutes of LoRA on two CPU cores teach them.

Each task: TRAIN_RECORDS training records (task_a.jsonl) and TEST_RECORDS held-out test records (task_a_test.jsonl)
whose inputs occur in neither task's training file.

The SEQ_CLS demo (task_type SEQ_CLS, data.format seq_cls): testament.jsonl / testament_test.jsonl, each record a
verse of retain.txt (the 59 chapters held out of pretraining, so the model has never read them) labelled "old" or
"new" by its book. Whole chapters go to the test file (every third chapter of each testament), so no test verse has
a neighbour in training; both files have as many verses of each class (the old ones sampled, seeded), so that
always answering "old" scores 50 %.

Usage (from the repository root):  python3 resources/demo/make_datasets.py [--out resources/demo/datasets]
"""
import argparse
import json
import os
import random

SEED = 20261128
TRAIN_RECORDS = 1200
TEST_RECORDS = 100
LOW, HIGH = 1, 99

TASKS = {
    "task_a": ("Repeat the first number.", lambda numbers: numbers[0]),
    "task_b": ("Add one to the first number.", lambda numbers: numbers[0] + 1),
}


def unique_inputs(rng, count, taken):
    """count distinct inputs (tuples of three numbers) not in taken; adds them to taken."""
    inputs = []
    while len(inputs) < count:
        numbers = tuple(rng.randint(LOW, HIGH) for _ in range(3))
        if numbers not in taken:
            taken.add(numbers)
            inputs.append(numbers)
    return inputs


TESTAMENT_SEED = 20261207
NEW_TESTAMENT = {"Matthew", "Mark", "Luke", "John", "Acts", "Romans", "1 Corinthians", "2 Corinthians", "Galatians",
                 "Ephesians", "Philippians", "Colossians", "1 Thessalonians", "2 Thessalonians", "1 Timothy",
                 "2 Timothy", "Titus", "Philemon", "Hebrews", "James", "1 Peter", "2 Peter", "1 John", "2 John",
                 "3 John", "Jude", "Revelation"}


def retain_chapters(path):
    """[(book, [verse text, ...])] in file order; a chapter starts with a "Book N" line, verses with their number."""
    chapters = []
    with open(path, encoding="utf-8") as text:
        for line in text:
            line = line.rstrip("\n")
            number, _, verse = line.partition(" ")
            if number.isdigit() and verse and chapters:
                chapters[-1][1].append(verse)
            elif line.strip():
                chapters.append((line.rsplit(" ", 1)[0], []))
    return chapters


def testament_records(retain_path):
    """(train, test) records {"text", "label"} of the SEQ_CLS demo."""
    per_class = {"old": [], "new": []}
    for book, verses in retain_chapters(retain_path):
        per_class["new" if book in NEW_TESTAMENT else "old"].append(verses)
    rng = random.Random(TESTAMENT_SEED)
    train, test = {}, {}
    for label, chapters in per_class.items():
        train[label] = [v for i, c in enumerate(chapters) if i % 3 != 2 for v in c]
        test[label] = [v for i, c in enumerate(chapters) if i % 3 == 2 for v in c]

    def balanced(verses_per_label):
        size = min(len(verses) for verses in verses_per_label.values())
        records = [{"text": v, "label": label} for label, verses in verses_per_label.items()
                   for v in rng.sample(verses, size)]
        rng.shuffle(records)
        return records

    return balanced(train), balanced(test)


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(SEED)
    taken = set()
    # Test inputs first, shared by both tasks, so that no test input is ever trained on (by either task).
    test_inputs = unique_inputs(rng, TEST_RECORDS, taken)
    for name, (instruction, answer) in TASKS.items():
        train_inputs = unique_inputs(rng, TRAIN_RECORDS, taken)
        for split, inputs in (("", train_inputs), ("_test", test_inputs)):
            records = [{"instruction": instruction, "input": " ".join(map(str, numbers)),
                        "output": str(answer(numbers))} for numbers in inputs]
            path = os.path.join(args.out, name + split + ".jsonl")
            write_jsonl(path, records)
            print(f"{path}: {len(records)} records")
    train, test = testament_records(os.path.join(os.path.dirname(os.path.abspath(__file__)), "retain.txt"))
    for split, records in (("", train), ("_test", test)):
        path = os.path.join(args.out, "testament" + split + ".jsonl")
        write_jsonl(path, records)
        print(f"{path}: {len(records)} records")


if __name__ == "__main__":
    main()
