#include "DocumentWindows.h"

#include "core/common/Error.h"
#include "core/tokenizer/Tokenizer.h"

namespace demo {

std::vector<std::string> splitDocuments(const std::string& text)
{
    std::vector<std::string> documents;
    size_t begin = 0;
    while (begin < text.size()) {
        size_t end = text.find("\n\n", begin);
        end = end == std::string::npos ? text.size() : end + 1;
        if (end > begin + 1)
            documents.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return documents;
}

std::vector<core::Example> documentWindows(const std::vector<std::string>& documents, const core::Tokenizer& tok,
                                           int maxLength)
{
    LORAWB_ASSERT(tok.bosId() >= 0 && tok.eosId() >= 0 && maxLength >= 2);
    std::vector<int64_t> stream;
    for (const std::string& document : documents) {
        stream.push_back(tok.bosId());
        for (int id : tok.encode(document))
            stream.push_back(id);
        stream.push_back(tok.eosId());
    }
    std::vector<core::Example> windows;
    for (size_t begin = 0; begin + 2 <= stream.size(); begin += static_cast<size_t>(maxLength)) {
        core::Example e;
        const size_t end = std::min(stream.size(), begin + static_cast<size_t>(maxLength));
        e.inputIds.assign(stream.begin() + static_cast<std::ptrdiff_t>(begin),
                          stream.begin() + static_cast<std::ptrdiff_t>(end));
        e.labels = e.inputIds;
        e.recordIndex = static_cast<int64_t>(windows.size());
        windows.push_back(std::move(e));
    }
    return windows;
}

} // namespace demo
