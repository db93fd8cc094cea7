// A training dataset as the Data tab and `lorawb train` read it. The input's first byte picks the kind: below 0x80,
// Alpaca records as a JSON array, JSONL, CSV or TSV, or chat records (messages) as a JSON array or JSONL; from 0x80,
// classification records (seq_cls) as JSONL, a JSON array or CSV, their labels settled into classes and targets
// (0x82, CSV, as regression: numbers); from 0xE0, tagged sentences (token_cls) as JSONL (even) or CoNLL columns (odd),
// their words and tags parsed and the tags settled; from 0xF0, SQuAD questions (squad) as JSON (even) or datasets'
// JSONL (odd), every answer_start checked against its context; from 0xF8, query / positive / negative records (pairs)
// as JSONL (even) or CSV (odd).
#include "FuzzSupport.h"
#include "core/data/ChatRecordReader.h"
#include "core/data/DatasetReader.h"
#include "core/data/LabelValues.h"
#include "core/data/SquadData.h"
#include "core/data/TokenClassificationData.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] >= 0xF8) {
        core::DataConfig cfg;
        cfg.path = data[0] & 1 ? "pairs.csv" : "pairs.jsonl";
        cfg.format = core::DataFormat::Pairs;
        fuzz::refusedClearlyOrRead(
            [&] { (void)core::readAlpacaRecordsFromString(cfg.path, fuzz::asText(data + 1, size - 1), cfg); });
        return 0;
    }
    if (data[0] >= 0xF0) {
        const std::string path = data[0] & 1 ? "squad.jsonl" : "squad.json";
        fuzz::refusedClearlyOrRead([&] { (void)core::readSquadText(path, fuzz::asText(data + 1, size - 1)); });
        return 0;
    }
    if (data[0] >= 0xE0) {
        core::DataConfig cfg;
        cfg.path = data[0] & 1 ? "tags.conll" : "tags.jsonl";
        cfg.format = core::DataFormat::TokenCls;
        fuzz::refusedClearlyOrRead([&] {
            const core::RecordSet set =
                core::readAlpacaRecordsFromString(cfg.path, fuzz::asText(data + 1, size - 1), cfg);
            std::vector<core::RawLabel> tags;
            std::vector<std::string> words, names;
            for (const auto& record : set.records) {
                core::parseTaggedWords(record, cfg.path, words, names);
                for (const auto& name : names)
                    tags.push_back(core::RawLabel{{name}, false});
            }
            core::TaskConfig task;
            task.problemType = core::ProblemType::SingleLabel;
            const core::ClassLabels classes = core::settleClassLabels(task, tags, cfg.path);
            for (const auto& tag : tags)
                (void)core::labelTarget(classes, tag, cfg.path);
        });
        return 0;
    }
    if (data[0] & 0x80) {
        static const char* const kClassification[] = {"cls.jsonl", "cls.json", "cls.csv"};
        const int kind = (data[0] & 0x7f) % 3;
        core::DataConfig cfg;
        cfg.path = kClassification[kind];
        cfg.format = core::DataFormat::SeqCls;
        core::TaskConfig task;
        task.numLabels = kind == 2 ? 1 : 0; // CSV as regression, the others as classes
        fuzz::refusedClearlyOrRead([&] {
            const core::RecordSet set =
                core::readAlpacaRecordsFromString(cfg.path, fuzz::asText(data + 1, size - 1), cfg);
            std::vector<core::RawLabel> labels;
            for (const auto& record : set.records)
                labels.push_back(core::parseRawLabel(record.output, cfg.path));
            const core::ClassLabels classes = core::settleClassLabels(task, labels, cfg.path);
            for (const auto& label : labels)
                (void)core::labelTarget(classes, label, cfg.path);
        });
        return 0;
    }
    static const char* const kNames[] = {"train.json", "train.jsonl", "train.csv", "train.tsv", "chat.json", "chat.jsonl"};
    const int kind = data[0] % 6;
    core::DataConfig cfg;
    cfg.path = kNames[kind];
    std::string text = fuzz::asText(data + 1, size - 1);
    fuzz::refusedClearlyOrRead([&] {
        if (kind < 4) {
            cfg.format = core::DataFormat::Alpaca;
            (void)core::readAlpacaRecordsFromString(cfg.path, std::move(text), cfg);
        } else {
            cfg.format = core::DataFormat::Messages;
            (void)core::readChatRecordsFromString(cfg.path, std::move(text), cfg);
        }
    });
    return 0;
}
