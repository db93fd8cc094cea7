#!/usr/bin/env python3
"""Makes the tokenizer.json reference fixtures with Hugging Face `tokenizers` itself.

Usage:  python tests/reference/make_tokenizer_reference.py [OUT_DIR]     (default OUT_DIR: tests/data/reference/tokenizers)

Needs only `tokenizers` (pinned in tests/reference/requirements.txt; bash tests/reference/setup-venv.sh makes a venv
with it). No model or data set is downloaded: for five model families the script BUILDS a tokenizer.json with that
family's real settings (normalizer, pre-tokenizer, model options, post-processor, decoder, added tokens, as the Hub
files have them), TRAINS a small BPE vocabulary for it with tokenizers' own BpeTrainer on text from this repository
(the KJV chapters of resources/demo/retain.txt plus the test corpus below), and records what tokenizers makes of every
case of the corpus. The C++ tokenizer must reproduce those ids, tokens and decoded strings exactly.

It writes
  OUT/versions.json                 {"tokenizers": version, "made_by": this script}
  OUT/<family>/tokenizer.json       saved by tokenizers (gpt2: rewritten with the legacy "a b" merges spelling and
                                    checked to load and encode the same)
  OUT/<family>/tokenizer_config.json  hand-written like the family's Hub file (special tokens, add_bos_token where
                                    the real file has it, model_max_length, chat_template, added_tokens_decoder);
                                    only stored, the expected ids do not depend on it
  OUT/<family>/cases.jsonl          one JSON object per corpus case:
      text                  the input
      ids, tokens           tok.encode(text, add_special_tokens=False)
      ids_with_special      tok.encode(text, add_special_tokens=True).ids (the post-processor applied)
      decoded               tok.decode(ids, skip_special_tokens=False)
      decoded_skip_special  tok.decode(ids, skip_special_tokens=True)
Every expected value comes from the tokenizer re-loaded from the tokenizer.json written, so what is tested is the
file as stored. The output is deterministic (a second run writes the same bytes) and names no machine path.
Exit 0 on success, 1 if a self-check failed, 2 if tokenizers is missing or an argument is wrong.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

# BpeTrainer counts words in parallel; the merges it picks do not depend on that (ties break on token ids), and the
# script checks its own output by running twice, but one thread keeps every run on the same path anyway.
os.environ.setdefault("RAYON_NUM_THREADS", "1")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
TRAIN_TEXT_FILE = os.path.join(REPO, "resources", "demo", "retain.txt")  # 59 KJV chapters, about 200 KB
MADE_BY = "tests/reference/make_tokenizer_reference.py"

BYTE_TOKENS = ["<0x%02X>" % b for b in range(256)]

# --------------------------------------------------------------------------------------------------------------------
# The test corpus. Every family encodes every case. Cases may contain newlines, so they live here and go to
# cases.jsonl, not to a text file.


def _long_paragraph():
    parts = [
        "LoRA Workbench trains low-rank adapters on top of a frozen base model, one small matrix pair per projection.",
        "The tokenizer must agree with the one the model was trained with, down to the last byte, or the loss means "
        "nothing.",
        "In the beginning God created the heaven and the earth; and the earth was without form, and void.",
        "Numbers such as 1234567, 3.14159 and 2024-03-15 are split in family-specific ways: three digits at a time for "
        "Llama 3, one digit at a time for Qwen2.",
        "Whitespace runs   of several    spaces, tabs\tand line breaks\nall take different paths through the "
        "pre-tokenizer.",
        "Contractions like don't, I'M, we'll and they're are matched case-insensitively by the newer patterns.",
        "Mixed scripts (English, 한국어, 中文, 日本語) and symbols (€, ©, ™, →) exercise byte-level fallback.",
        "A long paragraph also exercises the merge loop on long words: supercalifragilisticexpialidocious, "
        "antidisestablishmentarianism, pneumonoultramicroscopicsilicovolcanoconiosis.",
    ]
    out, i = [], 0
    while len(" ".join(out)) < 2000:
        out.append("(%d) %s" % (i + 1, parts[i % len(parts)]))
        i += 1
    text = " ".join(out)
    return text[:2000]


CORPUS = [
    # English
    "Hello world",
    "Hello, world! How are you today?",
    "The quick brown fox jumps over the lazy dog.",
    "In the beginning God created the heaven and the earth.",
    "And the LORD said unto Moses, Stretch out thine hand toward heaven.",
    "LoRA Workbench fine-tunes small language models on your own data.",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    # contractions, case
    "I'M HERE. WE'LL SEE. YOU'RE RIGHT. THEY'VE GONE. I'D GO. HE'S OK. DON'T!",
    "it's we'll they're I've you'd she's can't won't",
    "It'S mIxEd CaSe: We'Ll, tHeY'rE, i'D",
    "'tis ''quoted'' 's 'S rock'n'roll",
    # numbers, dates, punctuation
    "Numbers: 1234567 and 3.14159, also -42 and +7e10.",
    "1 12 123 1234 12345 123456 1234567 12345678",
    "Dates: 2024-03-15, 15/03/2024, 03.15.24 at 12:30:45.",
    "Price: $1,299.99 (was €1.499,00) — 20% off! ©2024 ™ → ← ≠ ≤",
    "!!!???...",
    "Wait... what?!?! No way!!! (really???)",
    "================ ---------- ****",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "email: test@example.com, url: https://example.com/path?q=1&r=2#frag",
    # the special-token strings inside text
    "Hello<|eot_id|>world",
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi there!<|eot_id|>",
    "<s>[INST] hi [/INST]",
    "<s> [INST] What is 2+2? [/INST] 4</s>",
    "<|im_start|>user\nhi<|im_end|>",
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>assistant\n",
    "text<|endoftext|>more text",
    "</s><unk><s>",
    "<think>\nLet me reason.\n</think>\n\nThe answer.",
    "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Seoul\"}}\n</tool_call>",
    # look-alikes that must not be special
    "<|eot_id |>",
    "< s>",
    "<|im_start",
    "<|endoftext|",
    "[INST ] [/ INST]",
    "<|EOT_ID|> <S> <thinking>",
    "<0x41> is not a byte token",
    # the GPT-2 family's non-special added tokens (lstrip <mask>, rstrip <rs>, single_word awesome, <|ñ|>)
    "a <mask> b",
    "a   <mask>   b",
    "x<mask>y",
    "a <rs>   b",
    "<rs>end",
    "theawesome",
    "an awesome day",
    "awesome! (awesome) awesomeness",
    "say <|ñ|> now",
    # Korean, Chinese, Japanese
    "안녕하세요, 세계! 한국어 문장을 토큰화합니다.",
    "저는 학생입니다. 오늘 날씨가 정말 좋네요.",
    "한국어 모델을 미세 조정합니다",
    "你好，世界！今天天气很好。",
    "机器学习是人工智能的一个分支。",
    "こんにちは、世界！カタカナとひらがなと漢字を混ぜます。",
    "東京タワーは高いです。ラーメンを食べました。",
    "Hello 世界 123 🌍! 한국어 and 日本語",
    "魑魅魍魎 鬱 龘",
    # emoji
    "I love 🍕 and 🎉!",
    "👩‍👩‍👧‍👦 family",
    "🏳️‍🌈 flag",
    "👍🏽 👋🏿 🤷‍♀️",
    "🇰🇷🇯🇵🇺🇸",
    "😀😃😄😁",
    # code and whitespace
    "def f(x):\n\treturn x + 1\n",
    "    if (a) {\n        b();\n    }\n",
    "for i in range(10):\n    print(i)  # comment\n",
    " " * 40 + "deeply_indented()",
    "\t\t\tindented with tabs",
    "line with trailing   \nnext line  ",
    "first\r\nsecond\r\n",
    "a\n\n\nb",
    "a  b   c    d     e",
    "  leading",
    "trailing ",
    "   ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " \n \n ",
    "",
    # Unicode
    "e\u0301",
    "é",
    "café vs cafe\u0301",
    "A\u030a vs Å",
    "\u1100\u1161\u11a8 vs 각",
    "ＡＢＣ１２３",
    "Ａｂｃ！？",
    "ß ẞ ﬁ x² ½ Ⅻ",
    "مرحبا بالعالم",
    "שלום עולם",
    "สวัสดีครับ",
    "नमस्ते दुनिया",
    "Привет, мир!",
    "Γειά σου Κόσμε",
    "non\u00a0breaking\u00a0space",
    "ideographic\u3000space\u3000",
    "\u200d",
    "a\u200db",
    "\ufeffBOM at start",
    "line\u2028separator and next\u0085line",
    "vertical\x0btab and form\x0cfeed",
    "NUL\x00inside and DEL\x7f and \x1b[31mred\x1b[0m",
    "▁already▁has▁metaspace",
    "ĠĊ literal byte-level characters",
    _long_paragraph(),
]

# Characters of the corpus kept out of the sentencepiece-style vocabularies, so that byte_fallback is exercised:
# emoji and their modifiers, scripts the KJV text does not have, rare CJK, and every control character (real
# Llama-2 has no "\n" or "\t" piece either: they come out as <0x0A>, <0x09>).
def _spm_excluded(c):
    cp = ord(c)
    return (cp < 0x20 or cp == 0x7F or 0x80 <= cp < 0xA0
            or cp >= 0x1F000                      # emoji, regional indicators, skin tones
            or 0x2000 <= cp <= 0x206F             # ZWJ, NBSP-like spaces, line separator
            or 0xFE00 <= cp <= 0xFE0F or cp == 0xFEFF
            or 0x0590 <= cp <= 0x06FF             # Hebrew, Arabic
            or 0x0900 <= cp <= 0x097F             # Devanagari
            or 0x0E00 <= cp <= 0x0E7F             # Thai
            or 0x2600 <= cp <= 0x27BF             # misc symbols (♀)
            or c in "魑魅魍魎鬱龘")


# --------------------------------------------------------------------------------------------------------------------
# Chat templates (stored only): written for this project in each family's turn layout (the same special-token text
# around the same roles), not copies of the models' own files.

LLAMA3_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for turn in messages %}"
    "{{ '<|start_header_id|>' ~ turn.role ~ '<|end_header_id|>\n\n' ~ (turn.content | trim) ~ '<|eot_id|>' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")

QWEN2_CHAT_TEMPLATE = (
    "{% if messages | length == 0 or messages[0].role != 'system' %}"
    "{{ '<|im_start|>system\nYou answer questions helpfully.<|im_end|>\n' }}{% endif %}"
    "{% for turn in messages %}{{ '<|im_start|>' ~ turn.role ~ '\n' ~ turn.content ~ '<|im_end|>\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")

LLAMA2_CHAT_TEMPLATE = (
    "{% set ns = namespace(system='') %}{% if messages and messages[0].role == 'system' %}"
    "{% set ns.system = '<<SYS>>\n' ~ messages[0].content ~ '\n<</SYS>>\n\n' %}{% endif %}"
    "{% for turn in messages if turn.role != 'system' %}"
    "{% if turn.role == 'user' %}{{ bos_token ~ '[INST] ' ~ (ns.system if loop.first else '') ~ (turn.content | trim)"
    " ~ ' [/INST]' }}{% elif turn.role == 'assistant' %}{{ ' ' ~ (turn.content | trim) ~ ' ' ~ eos_token }}"
    "{% else %}{{ raise_exception('this template takes system, user and assistant turns') }}{% endif %}{% endfor %}")

MISTRAL_CHAT_TEMPLATE = (
    "{{ bos_token }}{% for turn in messages %}{% if turn.role == 'user' %}{{ '[INST] ' ~ turn.content ~ ' [/INST]' }}"
    "{% elif turn.role == 'assistant' %}{{ turn.content ~ eos_token }}"
    "{% else %}{{ raise_exception('this template takes user and assistant turns') }}{% endif %}{% endfor %}")

GPT2_CHAT_TEMPLATE = (  # GPT-2 has none on the Hub: each message's text followed by the end-of-text token
    "{% for turn in messages %}{{ turn.content ~ eos_token }}{% endfor %}")

# int(1e30): what transformers writes when a checkpoint sets no limit (Llama-2-chat, Mistral-7B-Instruct-v0.2 files)
VERY_LARGE_INTEGER = int(1e30)

LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                r"\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
               r"\s*[\r\n]+|\s+(?!\S)|\s+")


def parse_args():
    default_out = os.path.normpath(os.path.join(HERE, "..", "data", "reference", "tokenizers"))
    p = argparse.ArgumentParser(description="Make the tokenizer.json reference fixtures with HF tokenizers.")
    p.add_argument("out_dir", nargs="?", default=default_out, help="output folder (default: %(default)s)")
    return p.parse_args()


def pinned_version(name):
    path = os.path.join(HERE, "requirements.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                n, v = line.split("==", 1)
                if n.strip().lower() == name:
                    return v.strip()
    return None


# --------------------------------------------------------------------------------------------------------------------
# Training


def kjv_lines():
    with open(TRAIN_TEXT_FILE, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def training_lines(repeat_non_ascii):
    """The KJV chapters plus the corpus; corpus cases with non-ASCII text are repeated so that Korean, CJK and
    kana merges make it into the small vocabularies."""
    lines = kjv_lines()
    for _ in range(repeat_non_ascii):
        lines.extend(c for c in CORPUS if any(ord(ch) > 0x7F for ch in c))
    lines.extend(CORPUS)
    return lines


def train_bpe(lines, vocab_size, normalizer, pre_tokenizer, initial_alphabet):
    """BpeTrainer on `lines` with the given normalizer / pre-tokenizer; returns (vocab dict, merges list of pairs)."""
    from tokenizers import Tokenizer, models, trainers
    tok = Tokenizer(models.BPE())
    if normalizer is not None:
        tok.normalizer = normalizer
    if pre_tokenizer is not None:
        tok.pre_tokenizer = pre_tokenizer
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, show_progress=False,
                                  initial_alphabet=initial_alphabet, special_tokens=[])
    tok.train_from_iterator(lines, trainer=trainer)
    model = json.loads(tok.to_str())["model"]
    merges = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model["merges"]]
    return dict(model["vocab"]), merges


def spm_vocab(lines, vocab_size, leading_tokens):
    """A sentencepiece-style BPE vocabulary like Llama-2's tokenizer.json: leading tokens (specials, byte tokens) at
    ids 0..n-1, then the merged pieces in merge order, then the single characters by falling frequency (so ids are
    not merge ranks, as in the real files). Training sees the text as Llama-2's normalizer leaves it ('▁' for spaces
    and in front of each line) and cut into '▁word' pieces and runs of '▁' (whitespace-only pieces, as
    sentencepiece's allow_whitespace_only_pieces gives)."""
    from tokenizers import Regex, pre_tokenizers
    clean = []
    for line in lines:
        line = "".join(c for c in line if not _spm_excluded(c))
        if line.strip():
            clean.append("▁" + line.replace(" ", "▁"))
    freq = {}
    for line in clean:
        for c in line:
            freq[c] = freq.get(c, 0) + 1
    split = pre_tokenizers.Split(Regex("▁?[^▁]+"), behavior="isolated", invert=False)
    trained, merges = train_bpe(clean, vocab_size - len(leading_tokens), None, split, [])
    vocab = {}
    for t in leading_tokens:
        vocab[t] = len(vocab)
    merged = [a + b for a, b in merges]
    chars = sorted((t for t in trained if len(t) == 1), key=lambda t: (-freq.get(t, 0), t))
    assert len(merged) + len(chars) == len(trained), "trained vocab is not chars + merges"
    for t in merged + chars:
        if t not in vocab:
            vocab[t] = len(vocab)
    return vocab, merges


# --------------------------------------------------------------------------------------------------------------------
# The families


def added_tokens_decoder(tok):
    out = {}
    for i, t in sorted(tok.get_added_tokens_decoder().items()):
        out[str(i)] = {"content": t.content, "lstrip": t.lstrip, "normalized": t.normalized, "rstrip": t.rstrip,
                       "single_word": t.single_word, "special": t.special}
    return out


def build_gpt2():
    """openai-community/gpt2: byte-level BPE, GPT-2's regex inside ByteLevel, no normalizer."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    bl = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
    vocab, merges = train_bpe(training_lines(4), 2000, None, bl, pre_tokenizers.ByteLevel.alphabet())
    tok = Tokenizer(models.BPE(vocab, merges, dropout=None, unk_token=None, continuing_subword_prefix="",
                               end_of_word_suffix="", fuse_unk=False, byte_fallback=False))
    tok.normalizer = None
    tok.pre_tokenizer = bl
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    # The real file has <|endoftext|> with normalized: true.
    tok.add_special_tokens([AddedToken("<|endoftext|>", special=True, normalized=True)])
    tok.add_tokens([
        AddedToken("<mask>", lstrip=True, normalized=True, special=False),   # as RoBERTa's <mask>, but not special
        AddedToken("<rs>", rstrip=True, normalized=True, special=False),
        AddedToken("awesome", single_word=True, normalized=True, special=False),
        AddedToken("<|ñ|>", normalized=False, special=False),
    ])
    config = {
        "add_bos_token": False, "add_prefix_space": False, "bos_token": "<|endoftext|>",
        "clean_up_tokenization_spaces": False, "eos_token": "<|endoftext|>", "errors": "replace",
        "model_max_length": 1024, "pad_token": None, "tokenizer_class": "GPT2Tokenizer",
        "unk_token": "<|endoftext|>", "chat_template": GPT2_CHAT_TEMPLATE,
    }
    return tok, config


def build_llama3():
    """meta-llama/Meta-Llama-3-8B-Instruct: byte-level BPE with ignore_merges, Split(Llama 3 regex) + ByteLevel
    without its own regex, BOS added by a TemplateProcessing post-processor (no add_bos_token in the config)."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, pre_tokenizers, processors
    pre = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False),
    ])
    vocab, merges = train_bpe(training_lines(4), 2500, None, pre, pre_tokenizers.ByteLevel.alphabet())
    # tiktoken vocabularies hold words their merges cannot build; with ignore_merges a word that is a vocabulary
    # entry is taken whole. These entries have no merge producing them, so only ignore_merges finds them.
    bl = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    for word in [" Workbench", " LoRA", "한국어", " supercalifragilisticexpialidocious", "!!!???..."]:
        piece = "".join(p for p, _ in bl.pre_tokenize_str(word))
        if piece not in vocab:
            vocab[piece] = len(vocab)
    tok = Tokenizer(models.BPE(vocab, merges, dropout=None, unk_token=None, fuse_unk=False, byte_fallback=False,
                               ignore_merges=True))
    tok.normalizer = None
    tok.pre_tokenizer = pre
    specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    bos = tok.token_to_id("<|begin_of_text|>")
    tok.post_processor = processors.Sequence([
        processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True),
        processors.TemplateProcessing(single="<|begin_of_text|> $A",
                                      pair="<|begin_of_text|> $A <|begin_of_text|>:1 $B:1",
                                      special_tokens=[("<|begin_of_text|>", bos)]),
    ])
    tok.decoder = decoders.ByteLevel()
    config = {  # no add_bos_token / add_eos_token / unk_token / pad_token keys: the Meta files have none
        "bos_token": "<|begin_of_text|>", "clean_up_tokenization_spaces": True, "eos_token": "<|eot_id|>",
        "model_input_names": ["input_ids", "attention_mask"], "model_max_length": 1000000000000000019884624838656,
        "tokenizer_class": "PreTrainedTokenizerFast", "chat_template": LLAMA3_CHAT_TEMPLATE,
    }
    assert config["model_max_length"] == VERY_LARGE_INTEGER
    return tok, config


def build_qwen2():
    """Qwen/Qwen2-7B-Instruct (and Qwen2.5/Qwen3): NFC, Split(Qwen2 regex, single digits) + ByteLevel, ChatML
    specials; Qwen3's <think>/<tool_call> tags as non-special added tokens."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    pre = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False),
    ])
    vocab, merges = train_bpe(training_lines(4), 2000, normalizers.NFC(), pre, pre_tokenizers.ByteLevel.alphabet())
    tok = Tokenizer(models.BPE(vocab, merges, dropout=None, unk_token=None, continuing_subword_prefix="",
                               end_of_word_suffix="", fuse_unk=False, byte_fallback=False, ignore_merges=False))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre
    tok.post_processor = processors.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False)
                            for s in ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]])
    tok.add_tokens([AddedToken(s, special=False, normalized=False)
                    for s in ["<tool_call>", "</tool_call>", "<think>", "</think>"]])
    config = {
        "add_prefix_space": False, "bos_token": None, "chat_template": QWEN2_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False, "eos_token": "<|im_end|>", "errors": "replace",
        "model_max_length": 32768, "pad_token": "<|endoftext|>", "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer", "unk_token": None,
    }
    return tok, config


def spm_decoder_legacy():
    from tokenizers import decoders
    return decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(),
                              decoders.Strip(content=" ", left=1, right=0)])


def build_llama2_spm():
    """meta-llama/Llama-2-7b-hf / TinyLlama tokenizer.json (transformers' LlamaConverter, legacy): Prepend('▁') +
    Replace(' ', '▁') normalizer, no pre-tokenizer, BPE with byte_fallback and fuse_unk, <unk> <s> </s> at 0-2 and
    the 256 byte tokens at 3-258."""
    from tokenizers import AddedToken, Tokenizer, models, normalizers, processors
    vocab, merges = spm_vocab(training_lines(8), 1500, ["<unk>", "<s>", "</s>"] + BYTE_TOKENS)
    tok = Tokenizer(models.BPE(vocab, merges, dropout=None, unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tok.pre_tokenizer = None
    tok.decoder = spm_decoder_legacy()
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in ["<unk>", "<s>", "</s>"]])
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s>:1 $B:1",
                                                       special_tokens=[("<s>", 1)])
    config = {
        "add_bos_token": True, "add_eos_token": False, "bos_token": "<s>", "chat_template": LLAMA2_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False, "eos_token": "</s>", "legacy": False,
        "model_max_length": 4096, "pad_token": None, "padding_side": "right", "sp_model_kwargs": {},
        "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>", "use_default_system_prompt": False,
    }
    return tok, config


def build_mistral_spm():
    """Mistral-7B-Instruct as transformers converts it with legacy=False: no normalizer, Metaspace pre-tokenizer
    (prepend_scheme 'first', split false), BPE with byte_fallback, [INST] [/INST] as special tokens 3 and 4 (as in
    v0.3) before the byte tokens. The decoder uses tokenizers' Metaspace decoder (prepend_scheme 'first') after
    ByteFallback, so that byte tokens decode to text (the Hub files use Replace/ByteFallback/Fuse/Strip)."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    specials = ["<unk>", "<s>", "</s>", "[INST]", "[/INST]"]
    vocab, merges = spm_vocab(training_lines(10), 1200, specials + BYTE_TOKENS)
    tok = Tokenizer(models.BPE(vocab, merges, dropout=None, unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tok.normalizer = None
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tok.decoder = decoders.Sequence([decoders.ByteFallback(),
                                     decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False)])
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s>:1 $B:1",
                                                       special_tokens=[("<s>", 1)])
    config = {
        "add_bos_token": True, "add_eos_token": False, "bos_token": "<s>", "chat_template": MISTRAL_CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False, "eos_token": "</s>", "legacy": False,
        "model_max_length": VERY_LARGE_INTEGER, "pad_token": None, "sp_model_kwargs": {},
        "spaces_between_special_tokens": False, "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>",
        "use_default_system_prompt": False,
    }
    return tok, config


FAMILIES = [
    ("gpt2", build_gpt2),
    ("llama3", build_llama3),
    ("qwen2", build_qwen2),
    ("llama2_spm", build_llama2_spm),
    ("mistral_spm", build_mistral_spm),
]

# Fields of the saved JSON set to what the Hub files have where the Python constructors write other values
# (decoders.ByteLevel() takes no arguments; the values do not change decoding).
JSON_PATCHES = {
    "qwen2": {"decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}},
}


# --------------------------------------------------------------------------------------------------------------------


def encode_all(tok):
    out = []
    for text in CORPUS:
        plain = tok.encode(text, add_special_tokens=False)
        with_special = tok.encode(text, add_special_tokens=True)
        out.append({
            "text": text,
            "ids": list(plain.ids),
            "tokens": list(plain.tokens),
            "ids_with_special": list(with_special.ids),
            "decoded": tok.decode(plain.ids, skip_special_tokens=False),
            "decoded_skip_special": tok.decode(plain.ids, skip_special_tokens=True),
        })
    return out


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2))
        f.write("\n")


def jsonl_line(obj):
    # json.dumps leaves U+2028/U+2029/U+0085 raw with ensure_ascii=False; escape them so that every reader
    # (also Python's str.splitlines) sees one case per "\n"-terminated line.
    s = json.dumps(obj, ensure_ascii=False)
    return s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085") + "\n"


def save_family(name, tok, folder, problems):
    from tokenizers import Tokenizer
    path = os.path.join(folder, "tokenizer.json")
    tok.save(path, pretty=True)
    if name in JSON_PATCHES:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for key, value in JSON_PATCHES[name].items():
            data[key] = value
        Tokenizer.from_str(json.dumps(data, ensure_ascii=False)).save(path, pretty=True)
    reloaded = Tokenizer.from_file(path)
    if name == "gpt2":
        # The legacy merges spelling ("a b" strings, tokenizers < 0.20 and most GPT-2-era files on the Hub).
        before = encode_all(reloaded)
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        pairs = data["model"]["merges"]
        if any(" " in a or " " in b for a, b in pairs):
            problems.append("gpt2: a merge part contains a space, no legacy spelling possible")
        data["model"]["merges"] = [a + " " + b for a, b in pairs]
        write_json(path, data)
        reloaded = Tokenizer.from_file(path)
        if encode_all(reloaded) != before:
            problems.append("gpt2: the tokenizer with legacy merges encodes differently")
        with open(path, encoding="utf-8") as f:
            if not all(isinstance(m, str) for m in json.load(f)["model"]["merges"]):
                problems.append("gpt2: merges not in the legacy spelling")
    return reloaded


def family_stats(name, tok, cases):
    from tokenizers import Tokenizer
    byte_tokens = set(BYTE_TOKENS)
    fallback = sum(1 for c in cases if any(t in byte_tokens for t in c["tokens"]))
    unk = sum(1 for c in cases if "<unk>" in c["tokens"] and "<unk>" not in c["text"])
    exact = sum(1 for c in cases if c["decoded"] == c["text"])
    stats = {"vocab": tok.get_vocab_size(with_added_tokens=True), "cases": len(cases), "byte_fallback": fallback,
             "unk": unk, "decode_equals_text": exact}
    model = json.loads(tok.to_str())["model"]
    if model.get("ignore_merges"):
        data = json.loads(tok.to_str())
        data["model"]["ignore_merges"] = False
        other = Tokenizer.from_str(json.dumps(data))
        stats["ignore_merges_matters"] = sum(
            1 for c in cases if other.encode(c["text"], add_special_tokens=False).ids != c["ids"])
    hangul = sum(1 for t in tok.get_vocab() if len(t) > 1 and any(
        0xAC00 <= ord(ch) <= 0xD7A3 for ch in bytes_or_text(t)))
    cjk = sum(1 for t in tok.get_vocab() if any(0x3040 <= ord(ch) <= 0x9FFF for ch in bytes_or_text(t))
              and len(bytes_or_text(t)) > 1)
    stats["multichar_hangul_tokens"] = hangul
    stats["multichar_cjk_kana_tokens"] = cjk
    return stats


_BYTE_DECODER = None


def bytes_or_text(token):
    """A byte-level token as the text it stands for (when its bytes are whole UTF-8), else the token itself."""
    global _BYTE_DECODER
    if _BYTE_DECODER is None:
        from tokenizers import pre_tokenizers
        bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
            list(range(ord("®"), ord("ÿ") + 1))
        cs, n = bs[:], 0
        for b in range(256):
            if b not in bs:
                bs.append(b)
                cs.append(256 + n)
                n += 1
        _BYTE_DECODER = {chr(c): b for b, c in zip(bs, cs)}
        assert sorted(_BYTE_DECODER) == sorted(pre_tokenizers.ByteLevel.alphabet())
    if all(ch in _BYTE_DECODER for ch in token):
        try:
            return bytes(_BYTE_DECODER[ch] for ch in token).decode("utf-8")
        except UnicodeDecodeError:
            return token
    return token


def check_cases_file(path, tok, problems, name):
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    lines = raw.split("\n")
    if lines[-1] != "":
        problems.append(name + ": cases.jsonl does not end with a newline")
    lines = lines[:-1]
    if len(lines) != len(CORPUS) or len(raw.splitlines()) != len(CORPUS):
        problems.append(name + ": cases.jsonl has %d lines, expected %d" % (len(lines), len(CORPUS)))
    for i, line in enumerate(lines):
        obj = json.loads(line)
        if obj["text"] != CORPUS[i]:
            problems.append(name + ": case %d text does not round-trip through JSON" % i)
        if tok.decode(obj["ids"], skip_special_tokens=False) != obj["decoded"]:
            problems.append(name + ": case %d decode differs" % i)
        # Encoding.tokens is the vocabulary string, except for an added token with lstrip/rstrip: there it is the
        # matched text, the whitespace the token swallowed included (" <mask>", "<rs>   ").
        added = tok.get_added_tokens_decoder()
        for t_id, t_str in zip(obj["ids"], obj["tokens"]):
            if t_str != tok.id_to_token(t_id) and not (t_id in added and t_str.strip() == added[t_id].content):
                problems.append(name + ": case %d: id %d is %r, token %r" % (i, t_id, tok.id_to_token(t_id), t_str))


def main():
    args = parse_args()
    try:
        import tokenizers
    except ImportError as e:
        print("error: %s (pip install -r tests/reference/requirements.txt, or bash tests/reference/setup-venv.sh)"
              % e, file=sys.stderr)
        return 2
    pin = pinned_version("tokenizers")
    if pin and tokenizers.__version__ != pin:
        print("warning: tokenizers %s, requirements.txt pins %s: the fixtures will name %s"
              % (tokenizers.__version__, pin, tokenizers.__version__), file=sys.stderr)
    if os.environ.get("RAYON_NUM_THREADS") != "1":
        print("warning: RAYON_NUM_THREADS is %r, not 1" % os.environ.get("RAYON_NUM_THREADS"), file=sys.stderr)

    out = args.out_dir
    os.makedirs(out, exist_ok=True)
    problems = []
    summary = []
    # Write into a fresh folder next to the target, then swap, so a failed run leaves no half-written family.
    for name, build in FAMILIES:
        folder = os.path.join(out, name)
        tmp = tempfile.mkdtemp(prefix="." + name + "-", dir=out)
        try:
            tok, config = build()
            reloaded = save_family(name, tok, tmp, problems)
            if encode_all(reloaded) != encode_all(tok):
                problems.append(name + ": the saved tokenizer.json encodes differently from the built one")
            cases = encode_all(reloaded)
            config = dict(config)
            config["added_tokens_decoder"] = added_tokens_decoder(reloaded)
            write_json(os.path.join(tmp, "tokenizer_config.json"), dict(sorted(config.items())))
            with open(os.path.join(tmp, "cases.jsonl"), "w", encoding="utf-8", newline="\n") as f:
                for c in cases:
                    f.write(jsonl_line(c))
            check_cases_file(os.path.join(tmp, "cases.jsonl"), reloaded, problems, name)
            stats = family_stats(name, reloaded, cases)
            if name.endswith("_spm") and stats["byte_fallback"] == 0:
                problems.append(name + ": no case uses byte fallback")
            if stats["multichar_hangul_tokens"] == 0 or stats["multichar_cjk_kana_tokens"] == 0:
                problems.append(name + ": no Korean or no CJK/kana merges in the vocabulary")
            if name == "llama3" and stats.get("ignore_merges_matters", 0) == 0:
                problems.append("llama3: ignore_merges changes no case")
            if os.path.isdir(folder):
                shutil.rmtree(folder)
            os.rename(tmp, folder)
            os.chmod(folder, 0o755)  # mkdtemp made it 0700
        finally:
            if os.path.isdir(tmp):
                shutil.rmtree(tmp)
        sizes = {f: os.path.getsize(os.path.join(folder, f)) for f in sorted(os.listdir(folder))}
        if sizes["tokenizer.json"] >= 400 * 1024:
            problems.append("%s: tokenizer.json is %d bytes (limit 400 KB)" % (name, sizes["tokenizer.json"]))
        summary.append((name, stats, sizes))

    write_json(os.path.join(out, "versions.json"), {"tokenizers": tokenizers.__version__, "made_by": MADE_BY})

    total = 0
    for root, _, files in os.walk(out):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    if total >= 2 * 1024 * 1024:
        problems.append("total size %d bytes (limit 2 MB)" % total)

    print("tokenizers %s, %d cases per family" % (tokenizers.__version__, len(CORPUS)))
    for name, stats, sizes in summary:
        extra = ""
        if "ignore_merges_matters" in stats:
            extra = ", ignore_merges changes %d" % stats["ignore_merges_matters"]
        print("  %-12s vocab %5d  cases %d  byte_fallback in %d, unk in %d  decode == text %d%s  "
              "multi-char Hangul tokens %d, CJK/kana %d  files %s"
              % (name, stats["vocab"], stats["cases"], stats["byte_fallback"], stats["unk"],
                 stats["decode_equals_text"], extra, stats["multichar_hangul_tokens"],
                 stats["multichar_cjk_kana_tokens"],
                 ", ".join("%s %d" % kv for kv in sizes.items())))
    print("total %d bytes under the output folder" % total)
    for p in problems:
        print("PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
