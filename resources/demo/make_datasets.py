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

The token-classification (NER) demo (task_type TOKEN_CLS): names.jsonl / names_test.jsonl, each record a verse of
retain.txt as {"tokens": [...], "tags": [...]} with IOB2 tags from O, B-PER, I-PER, B-LOC, I-LOC, and
names_test.conll, the test records again in CoNLL column format ("word TAG" per line, a blank line between
sentences, no -DOCSTART- line). Tokens are the verse split on whitespace with the punctuation , ; : . ? ! ( ) ' " at
either end of a word split off as tokens of their own (one character each), CoNLL style; an apostrophe inside a word
stays ("king's").
Tags come only from the fixed gazetteer below (PERSONS, PLACES, and a few two-word names such as "Jesus Christ" ->
B-PER I-PER, the longest match first), matched against exact, case-sensitive words, a possessive "David's" counting
as "David": a word's tag depends on the gazetteer alone, so an ambiguous word is tagged the same everywhere (tribes
and kingdoms named after a person, such as Israel, Judah and Benjamin, are always LOC; Haran, Abram's brother and a
city, is LOC; titles, peoples and God are never entities). Whole chapters go to the test file (every third chapter of
retain.txt), verses of more than MAX_NAME_TOKENS tokens are dropped, and each file keeps as many verses without an
entity as with one (both seeded samples, at most NAMES_TRAIN / NAMES_TEST verses in all), so that answering O
everywhere scores 0 entity F1. The counts per file are printed.

The question-answering demo (task_type QUESTION_ANS, data.format squad): places_qa.json / places_qa_test.json in
SQuAD v2.0 form, the contexts verses of retain.txt (whole chapters split between the files as for the NER demo) and
two questions on each: "Who is named first in this verse?" and "Which place is named first in this verse?". The
answer is the first person (place) the NER demo's gazetteer finds in the verse, its text as the verse writes it (a
possessive "David's" answers "David"); a verse naming none has that question unanswerable (is_impossible). Each file
draws as many verses naming somebody or some place as naming nobody (seeded samples, at most QA_TRAIN / QA_TEST
verses) and then keeps as many unanswerable questions as answerable ones (a seeded sample), so that never answering
scores an exact match of 50 %.

The embedding demo (task_type FEATURE_EXTRACTION, data.format pairs): verse_pairs.jsonl / verse_pairs_test.jsonl,
overlapping passages as a chunked document has them: each record a verse of retain.txt of at least
PAIR_MIN_WORDS words as {"query": its first two thirds of words, "positive": its last two thirds (the middle third is
in both), "negative": the last two thirds of the next verse of the same chapter (the previous one for a chapter's last
verse)}. Whole chapters go to the test file as for the NER demo; each file is a seeded sample of at most PAIRS_TRAIN /
PAIRS_TEST verses. Recall@1 asks a query to find the passage it overlaps among every positive and negative of the
test file, the neighbouring verse's included.

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


NAMES_SEED = 20261209
NAMES_TRAIN, NAMES_TEST = 600, 150  # at most this many verses per file, half with an entity and half without
MAX_NAME_TOKENS = 40
PUNCTUATION = ",;:.?!()'\""
PERSONS = ["Aaron", "Abner", "Abraham", "Abram", "Ahab", "Barnabas", "Benhadad", "Ben-hadad", "Caleb", "Christ",
           "Daniel", "David", "Eleazar", "Elijah", "Elisha", "Esau", "Esther", "Haman", "Herod", "Hezekiah", "Isaac",
           "Jacob", "Jehoiada", "Jeremiah", "Jesus", "Joab", "John", "Jonah", "Jonathan", "Joseph", "Joshua", "Judas",
           "Laban", "Leah", "Mordecai", "Moses", "Nebuchadnezzar", "Nebuchadrezzar", "Noah", "Paul", "Peter",
           "Philip", "Rachel", "Samuel", "Sarai", "Saul", "Simon", "Solomon", "Terah"]
PLACES = ["Antioch", "Assyria", "Babylon", "Beersheba", "Benjamin", "Bethel", "Bethlehem", "Canaan", "Damascus", "Dan",
          "Edom", "Egypt", "Ephraim", "Euphrates", "Galilee", "Gibeah", "Gilead", "Gilgal", "Haran", "Hebron",
          "Israel", "Jericho", "Jerusalem", "Jordan", "Judaea", "Judah", "Laodicea", "Mizpeh", "Nazareth", "Samaria",
          "Shechem", "Shiloh", "Shinar", "Syria", "Tyrus", "Ur", "Zion"]
# Two-word names, matched before the one-word ones (the second word may be lowercase, as in the KJV's "Red sea").
PHRASES = {("Jesus", "Christ"): "PER", ("Christ", "Jesus"): "PER", ("Simon", "Peter"): "PER",
           ("Judas", "Iscariot"): "PER", ("Red", "sea"): "LOC"}


def retain_chapter_list(path):
    """[(book, [verse text, ...])] of retain.txt in file order. Unlike retain_chapters (whose output the testament
    files are made from, and so stays as it is) it also knows headings of numbered books ("1 Samuel 15"), which
    retain_chapters reads as a verse "Samuel 15" of the chapter before."""
    chapters = []
    with open(path, encoding="utf-8") as text:
        for line in text:
            line = line.strip()
            if not line:
                continue
            words = line.split(" ")
            heading = words[-1].isdigit() and all(w[:1].isupper() or w.isdigit() for w in words) and (
                not words[0].isdigit() or len(words) == 3)
            if heading or not chapters:
                chapters.append((line.rsplit(" ", 1)[0], []))
            else:
                chapters[-1][1].append(line.partition(" ")[2])
    return chapters


def ner_tokens(text):
    """The verse split on whitespace, with the PUNCTUATION at either end of each word split off, one character a
    token (CoNLL style); inner apostrophes stay."""
    tokens = []
    for word in text.split():
        lead, trail = [], []
        while word and word[0] in PUNCTUATION:
            lead.append(word[0])
            word = word[1:]
        while word and word[-1] in PUNCTUATION:
            trail.insert(0, word[-1])
            word = word[:-1]
        tokens += lead + ([word] if word else []) + trail
    return tokens


def ner_tags(tokens):
    """IOB2 tags of tokens from the gazetteer alone: two-word PHRASES first, then PERSONS and PLACES; exact,
    case-sensitive words, "X's" counting as X."""
    kinds = {**{w: "PER" for w in PERSONS}, **{w: "LOC" for w in PLACES}}
    base = [t[:-2] if t.endswith("'s") else t for t in tokens]
    tags, i = [], 0
    while i < len(tokens):
        kind = PHRASES.get(tuple(base[i:i + 2]))
        if kind:
            tags += ["B-" + kind, "I-" + kind]
            i += 2
            continue
        kind = kinds.get(base[i])
        tags.append("B-" + kind if kind else "O")
        i += 1
    return tags


def names_records(retain_path):
    """(train, test) records {"tokens", "tags"} of the TOKEN_CLS demo."""
    rng = random.Random(NAMES_SEED)
    splits = []
    for test, cap in ((False, NAMES_TRAIN), (True, NAMES_TEST)):
        with_entity, without = [], []
        for i, (_, verses) in enumerate(retain_chapter_list(retain_path)):
            if (i % 3 == 2) != test:
                continue
            for verse in verses:
                tokens = ner_tokens(verse)
                if len(tokens) > MAX_NAME_TOKENS:
                    continue
                record = {"tokens": tokens, "tags": ner_tags(tokens)}
                (with_entity if any(t != "O" for t in record["tags"]) else without).append(record)
        size = min(len(with_entity), len(without), cap // 2)
        records = rng.sample(with_entity, size) + rng.sample(without, size)
        rng.shuffle(records)
        splits.append(records)
    return splits


QA_SEED = 20261212
QA_TRAIN, QA_TEST = 400, 100  # verses per file (two questions each), half naming somebody or some place
QA_QUESTIONS = (("per", "PER", "Who is named first in this verse?"),
                ("loc", "LOC", "Which place is named first in this verse?"))


def first_entity(verse, tokens, tags, kind):
    """(text, character offset in verse) of the first entity of kind, or None."""
    offsets, pos = [], 0
    for token in tokens:
        pos = verse.index(token, pos)
        offsets.append(pos)
        pos += len(token)
    for i, tag in enumerate(tags):
        if tag != "B-" + kind:
            continue
        last = i
        while last + 1 < len(tags) and tags[last + 1] == "I-" + kind:
            last += 1
        word = tokens[last][:-2] if tokens[last].endswith("'s") else tokens[last]
        start, end = offsets[i], offsets[last] + len(word)
        return verse[start:end], start
    return None


def qa_files(retain_path):
    """(train, test) SQuAD v2.0 documents of the QUESTION_ANS demo."""
    rng = random.Random(QA_SEED)
    documents = []
    for test, cap, name in ((False, QA_TRAIN, "train"), (True, QA_TEST, "test")):
        named, unnamed = [], []
        for i, (_, verses) in enumerate(retain_chapter_list(retain_path)):
            if (i % 3 == 2) != test:
                continue
            for verse in verses:
                tokens = ner_tokens(verse)
                if len(tokens) > MAX_NAME_TOKENS:
                    continue
                tags = ner_tags(tokens)
                (named if any(t != "O" for t in tags) else unnamed).append((verse, tokens, tags))
        size = min(len(named), len(unnamed), cap // 2)
        verses = rng.sample(named, size) + rng.sample(unnamed, size)
        rng.shuffle(verses)
        paragraphs = []
        for v, (verse, tokens, tags) in enumerate(verses):
            qas = []
            for key, kind, question in QA_QUESTIONS:
                found = first_entity(verse, tokens, tags, kind)
                qas.append({"id": f"{name}-{v + 1:04d}-{key}", "question": question,
                            "answers": [{"text": found[0], "answer_start": found[1]}] if found else [],
                            "is_impossible": found is None})
            paragraphs.append({"context": verse, "qas": qas})
        # As many unanswerable questions as answerable ones (a seeded sample), so that never answering scores 50 %.
        answerable = sum(not qa["is_impossible"] for p in paragraphs for qa in p["qas"])
        impossible = [qa["id"] for p in paragraphs for qa in p["qas"] if qa["is_impossible"]]
        kept = set(rng.sample(impossible, min(answerable, len(impossible))))
        for p in paragraphs:
            p["qas"] = [qa for qa in p["qas"] if not qa["is_impossible"] or qa["id"] in kept]
        paragraphs = [p for p in paragraphs if p["qas"]]
        documents.append({"version": "v2.0", "data": [{"title": f"retain.txt verses ({name})",
                                                        "paragraphs": paragraphs}]})
    return documents


PAIRS_SEED = 20261207
PAIRS_TRAIN, PAIRS_TEST = 800, 200
PAIR_MIN_WORDS = 6


def overlapping_passages(verse):
    """(first two thirds, last two thirds) of a verse's words; the middle third is in both."""
    words = verse.split(" ")
    keep = round(len(words) * 2 / 3)
    return " ".join(words[:keep]), " ".join(words[len(words) - keep:])


def pairs_records(retain_path):
    """(train, test) records {"query", "positive", "negative"} of the FEATURE_EXTRACTION demo."""
    rng = random.Random(PAIRS_SEED)
    splits = []
    for test, cap in ((False, PAIRS_TRAIN), (True, PAIRS_TEST)):
        records = []
        for i, (_, verses) in enumerate(retain_chapter_list(retain_path)):
            if (i % 3 == 2) != test or len(verses) < 2:
                continue
            passages = [overlapping_passages(v) for v in verses]
            for v, (query, positive) in enumerate(passages):
                if len(verses[v].split(" ")) < PAIR_MIN_WORDS:
                    continue
                neighbour = passages[v + 1 if v + 1 < len(passages) else v - 1][1]
                if neighbour == positive:
                    continue
                records.append({"query": query, "positive": positive, "negative": neighbour})
        records = rng.sample(records, min(cap, len(records)))
        splits.append(records)
    return splits[0], splits[1]


def qa_counts(document):
    """'N questions, A answerable (P about people, L about places)'."""
    qas = [qa for article in document["data"] for p in article["paragraphs"] for qa in p["qas"]]
    answerable = [qa for qa in qas if not qa["is_impossible"]]
    return (f"{len(qas)} questions, {len(answerable)} answerable ("
            f"{sum(qa['id'].endswith('per') for qa in answerable)} about people, "
            f"{sum(qa['id'].endswith('loc') for qa in answerable)} about places)")


def names_counts(records):
    """'N sentences, T tokens, entities PER p, LOC l'."""
    entities = {"PER": 0, "LOC": 0}
    for record in records:
        for tag in record["tags"]:
            if tag.startswith("B-"):
                entities[tag[2:]] += 1
    return (f"{len(records)} sentences, {sum(len(r['tokens']) for r in records)} tokens, entities "
            + ", ".join(f"{k} {v}" for k, v in entities.items()))


def write_conll(path, records):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join("".join(f"{word} {tag}\n" for word, tag in zip(r["tokens"], r["tags"]))
                            for r in records))


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
    train, test = names_records(os.path.join(os.path.dirname(os.path.abspath(__file__)), "retain.txt"))
    for split, records in (("", train), ("_test", test)):
        path = os.path.join(args.out, "names" + split + ".jsonl")
        write_jsonl(path, records)
        print(f"{path}: {names_counts(records)}")
    path = os.path.join(args.out, "names_test.conll")
    write_conll(path, test)
    print(f"{path}: the records of names_test.jsonl in CoNLL column format")
    train, test = qa_files(os.path.join(os.path.dirname(os.path.abspath(__file__)), "retain.txt"))
    for split, document in (("", train), ("_test", test)):
        path = os.path.join(args.out, "places_qa" + split + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
        print(f"{path}: {qa_counts(document)}")
    train, test = pairs_records(os.path.join(os.path.dirname(os.path.abspath(__file__)), "retain.txt"))
    for split, records in (("", train), ("_test", test)):
        path = os.path.join(args.out, "verse_pairs" + split + ".jsonl")
        write_jsonl(path, records)
        print(f"{path}: {len(records)} pairs, each with a hard negative")


if __name__ == "__main__":
    main()
