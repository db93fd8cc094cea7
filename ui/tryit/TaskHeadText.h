#pragma once
// What a task head says about one input, for people (Try it): SEQ_CLS each class with its probability as a percentage
// and a bar, most likely first (multi-label: every class's own probability, those above 50 % marked as predicted;
// regression the value); TOKEN_CLS every word with its tag and probability; QUESTION_ANS the answer with its score;
// FEATURE_EXTRACTION the nearest texts with their cosine similarity. In the current language and locale: make them
// again after a language switch.
#include "core/eval/AnswerQuestion.h"
#include "core/eval/ClassifyText.h"
#include "core/eval/NearestTexts.h"
#include "core/eval/TagWords.h"

#include <QString>

namespace ui {

QString classScoresText(const core::ClassScores& scores);
QString taggedWordsText(const std::vector<core::TaggedWord>& words);
QString triedAnswerText(const core::TriedAnswer& tried);
QString nearTextsText(const std::vector<core::NearText>& near, size_t searched);

} // namespace ui
