#include "KjvCorpus.h"

#include "core/common/Error.h"
#include "core/data/DatasetReader.h"

#include <cctype>
#include <cstdio>
#include <memory>
#include <sstream>

namespace demo {

namespace {

// The whole KJV, one verse per line (-l100000: no line wrapping). The output does not depend on the terminal.
std::string runBible()
{
    const char* command = "bible -l100000 Gen1:1-Rev22:21 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command, "r"), pclose);
    LORAWB_CHECK(pipe, "cannot run `bible`; install it with apt-get install bible-kjv bible-kjv-text.");
    std::string out;
    char buffer[1 << 16];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0)
        out.append(buffer, n);
    LORAWB_CHECK(out.size() > 1000000, "`bible` printed ", out.size(), " bytes, not the KJV; install it with "
                                        "apt-get install bible-kjv bible-kjv-text (or set corpus.dump_file).");
    return out;
}

std::string trimmedRight(std::string s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.pop_back();
    return s;
}

} // namespace

CorpusSplit makeKjvCorpus(const CorpusRecipe& recipe)
{
    const std::string raw = recipe.dumpFile.empty() ? runBible() : core::readTextFile(recipe.dumpFile);
    CorpusSplit split;
    std::istringstream in(raw);
    std::string line, chapter;
    const auto flush = [&] {
        if (chapter.empty())
            return;
        const bool held = split.chapters % recipe.retainEvery == recipe.retainOffset;
        (held ? split.retain : split.pretrain) += chapter + "\n";
        split.retainChapters += held ? 1 : 0;
        ++split.chapters;
        chapter.clear();
    };
    while (std::getline(in, line)) {
        line = trimmedRight(line);
        if (line.empty())
            continue;
        if (line[0] != ' ') { // "Genesis 1": a chapter heading
            flush();
            chapter = line + "\n";
            continue;
        }
        // "  12 And God said, …": the verse number stays (the model learns to count verses).
        size_t start = line.find_first_not_of(' ');
        LORAWB_CHECK(!chapter.empty() && std::isdigit(static_cast<unsigned char>(line[start])),
                     "unexpected line in the KJV text (expected \"  N verse\"): ", line);
        chapter += line.substr(start) + "\n";
        ++split.verses;
    }
    flush();
    LORAWB_CHECK(split.chapters == 1189 && split.verses == 31102, "the KJV text has ", split.chapters, " chapters and ",
                 split.verses, " verses, expected 1189 and 31102; is it the bible-kjv-text package's text?");
    return split;
}

} // namespace demo
