#include "core/eval/EntityMetrics.h"

#include "core/common/Error.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace core {

namespace {

// seqeval: the prefix is the tag's first character and the type what follows its first '-' ("_" when empty).
void splitTag(const std::string& chunk, char& tag, std::string& type)
{
    tag = chunk.empty() ? 'O' : chunk[0];
    const std::string rest = chunk.empty() ? std::string() : chunk.substr(1);
    const size_t dash = rest.find('-');
    type = dash == std::string::npos ? rest : rest.substr(dash + 1);
    if (type.empty())
        type = "_";
}

bool endOfChunk(char prevTag, char tag, const std::string& prevType, const std::string& type)
{
    if (prevTag == 'E' || prevTag == 'S')
        return true;
    if ((prevTag == 'B' || prevTag == 'I') && (tag == 'B' || tag == 'S' || tag == 'O'))
        return true;
    return prevTag != 'O' && prevTag != '.' && prevType != type;
}

bool startOfChunk(char prevTag, char tag, const std::string& prevType, const std::string& type)
{
    if (tag == 'B' || tag == 'S')
        return true;
    if ((prevTag == 'E' || prevTag == 'S' || prevTag == 'O') && (tag == 'E' || tag == 'I'))
        return true;
    return tag != 'O' && tag != '.' && prevType != type;
}

double ratio(int64_t a, int64_t b)
{
    return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b);
}

void finishScore(EntityScore& s)
{
    s.precision = ratio(s.correct, s.predicted);
    s.recall = ratio(s.correct, s.support);
    s.f1 = s.precision + s.recall == 0 ? 0.0 : 2 * s.precision * s.recall / (s.precision + s.recall);
}

} // namespace

bool Entity::operator<(const Entity& o) const
{
    return std::tie(type, first, last) < std::tie(o.type, o.first, o.last);
}

bool Entity::operator==(const Entity& o) const
{
    return type == o.type && first == o.first && last == o.last;
}

std::vector<Entity> entitiesOf(const std::vector<std::vector<std::string>>& sentences)
{
    std::vector<std::string> sequence;
    for (const auto& sentence : sentences) {
        sequence.insert(sequence.end(), sentence.begin(), sentence.end());
        sequence.emplace_back("O");
    }
    sequence.emplace_back("O"); // seqeval appends one more, which closes the last entity
    std::vector<Entity> out;
    char prevTag = 'O';
    std::string prevType;
    int64_t begin = 0;
    for (size_t i = 0; i < sequence.size(); ++i) {
        char tag = 'O';
        std::string type;
        splitTag(sequence[i], tag, type);
        if (endOfChunk(prevTag, tag, prevType, type))
            out.push_back({prevType, begin, static_cast<int64_t>(i) - 1});
        if (startOfChunk(prevTag, tag, prevType, type))
            begin = static_cast<int64_t>(i);
        prevTag = tag;
        prevType = type;
    }
    return out;
}

EntityScores scoreEntities(const std::vector<std::vector<std::string>>& truth,
                           const std::vector<std::vector<std::string>>& predicted)
{
    LORAWB_ASSERT(truth.size() == predicted.size(), "truth and predictions differ in sentences");
    EntityScores out;
    int64_t same = 0;
    for (size_t s = 0; s < truth.size(); ++s) {
        LORAWB_ASSERT(truth[s].size() == predicted[s].size(), "truth and predictions differ in words");
        for (size_t w = 0; w < truth[s].size(); ++w)
            same += truth[s][w] == predicted[s][w];
        out.words += static_cast<int64_t>(truth[s].size());
    }
    out.accuracy = ratio(same, out.words);
    const std::vector<Entity> trueList = entitiesOf(truth), predictedList = entitiesOf(predicted);
    const std::set<Entity> trueSet(trueList.begin(), trueList.end());
    const std::set<Entity> predictedSet(predictedList.begin(), predictedList.end());
    for (const Entity& e : trueSet) {
        ++out.types[e.type].support;
        ++out.overall.support;
    }
    for (const Entity& e : predictedSet) {
        EntityScore& type = out.types[e.type];
        ++type.predicted;
        ++out.overall.predicted;
        if (trueSet.count(e)) {
            ++type.correct;
            ++out.overall.correct;
        }
    }
    for (auto& [name, score] : out.types)
        finishScore(score);
    finishScore(out.overall);
    return out;
}

bool looksLikeEntityTags(const std::vector<std::string>& names)
{
    bool anyEntity = false;
    for (const std::string& name : names) {
        if (name == "O")
            continue;
        if (name.size() < 3 || name[1] != '-' || std::string("BIES").find(name[0]) == std::string::npos)
            return false;
        anyEntity = true;
    }
    return anyEntity;
}

} // namespace core
