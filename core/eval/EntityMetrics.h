#pragma once
// Entity-level scores of tagged sentences as seqeval computes them in its default mode (what transformers'
// token-classification example reports): entities are read from IOB1, IOB2 or IOBES tags leniently, as the conlleval
// script does (an I- after O or after another type starts an entity), and an entity counts as found when its type,
// first and last word all match. Sentences are scored as one sequence with an "O" between them, so no entity crosses
// a sentence boundary.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace core {

struct Entity {
    std::string type;
    int64_t first = 0, last = 0; ///< word positions in the concatenated sequence, inclusive
    bool operator<(const Entity& o) const;
    bool operator==(const Entity& o) const;
};

// seqeval's get_entities over the sentences (tags such as "B-PER", "I-LOC", "O"; "E-" and "S-" too).
std::vector<Entity> entitiesOf(const std::vector<std::vector<std::string>>& sentences);

struct EntityScore {
    double precision = 0, recall = 0, f1 = 0; ///< 0 where seqeval divides by zero (its default zero_division)
    int64_t support = 0;                      ///< the entities of this type in the truth
    int64_t predicted = 0, correct = 0;
};

struct EntityScores {
    EntityScore overall;                      ///< micro average over every type (seqeval's precision_score, …)
    std::map<std::string, EntityScore> types; ///< per type, for each type in the truth or the predictions
    double accuracy = 0;                      ///< tags equal, word by word (seqeval's accuracy_score)
    int64_t words = 0;
};

// truth and predicted: the same sentences, tag by tag (equal lengths; an internal error otherwise).
EntityScores scoreEntities(const std::vector<std::vector<std::string>>& truth,
                           const std::vector<std::vector<std::string>>& predicted);

// Whether the tag names follow an IOB scheme ("O" or a B-, I-, E-, S- prefix), so that entity scores mean something;
// names such as LABEL_3 do not.
bool looksLikeEntityTags(const std::vector<std::string>& names);

} // namespace core
