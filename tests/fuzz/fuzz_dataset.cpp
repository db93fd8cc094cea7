// A training dataset as the Data tab and `lorawb train` read it. The input's first byte picks the kind: Alpaca
// records as a JSON array, JSONL, CSV or TSV, or chat records (messages) as a JSON array or JSONL.
#include "FuzzSupport.h"
#include "core/data/ChatRecordReader.h"
#include "core/data/DatasetReader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
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
