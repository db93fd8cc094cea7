#pragma once
// A SEQ_CLS adapter's answer for one text, for people: each class with its probability as a percentage and a bar,
// most likely first (multi-label: every class's own probability, those above 50 % marked as predicted); regression
// prints the value.
#include "core/eval/ClassifyText.h"

#include <QString>

namespace ui {

QString classScoresText(const core::ClassScores& scores);

} // namespace ui
