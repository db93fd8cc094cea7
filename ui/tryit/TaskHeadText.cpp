#include "ui/tryit/TaskHeadText.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

namespace ui {

namespace {
constexpr int kBarWidth = 24;

QString bar(double share)
{
    const int filled = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * kBarWidth));
    return QString(filled, QChar(0x2588)) + QString(kBarWidth - filled, QChar(0x2591));
}

QString tr(const char* text) { return QCoreApplication::translate("ui::TaskHeadText", text); }
} // namespace

QString classScoresText(const core::ClassScores& scores)
{
    QStringList lines;
    if (scores.problemType == core::ProblemType::Regression) {
        for (size_t i = 0; i < scores.scores.size(); ++i)
            lines << QStringLiteral("%1 = %2")
                         .arg(QString::fromStdString(scores.names[i]))
                         .arg(scores.scores[i], 0, 'g', 6);
        return lines.join(QLatin1Char('\n'));
    }
    std::vector<size_t> order(scores.scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return scores.scores[a] > scores.scores[b]; });
    int width = 0;
    for (const std::string& name : scores.names)
        width = std::max(width, static_cast<int>(QString::fromStdString(name).size()));
    const bool multi = scores.problemType == core::ProblemType::MultiLabel;
    for (size_t i : order) {
        const double p = scores.scores[i];
        QString line = QStringLiteral("%1  %2 %  %3")
                           .arg(QString::fromStdString(scores.names[i]), -width)
                           .arg(100.0 * p, 5, 'f', 1)
                           .arg(bar(p));
        if (multi && p > 0.5)
            line += tr("  predicted");
        lines << line;
    }
    lines << QString()
          << (multi ? tr("Multi-label: each class's own probability (sigmoid); those above 50 % are predicted.")
                    : tr("Single-label: the probabilities (softmax) add up to 100 %; the first is the prediction."));
    return lines.join(QLatin1Char('\n'));
}

QString taggedWordsText(const std::vector<core::TaggedWord>& words)
{
    int width = 0;
    for (const core::TaggedWord& w : words)
        width = std::max(width, static_cast<int>(QString::fromStdString(w.word).size()));
    QStringList lines;
    for (const core::TaggedWord& w : words)
        lines << (w.tag.empty() ? QStringLiteral("%1  %2").arg(QString::fromStdString(w.word), -width).arg(tr("(cut off by max_length)"))
                                : QStringLiteral("%1  %2  %3 %")
                                      .arg(QString::fromStdString(w.word), -width)
                                      .arg(QString::fromStdString(w.tag), -8)
                                      .arg(100.0 * w.probability, 5, 'f', 1));
    lines << QString() << tr("Each word's tag is its first sub-token's most likely one, as training labels it.");
    return lines.join(QLatin1Char('\n'));
}

QString triedAnswerText(const core::TriedAnswer& tried)
{
    const core::QaAnswer& a = tried.answer;
    const QString where = tried.windows > 1 ? tr(" (window %1 of %2)").arg(a.window + 1).arg(tried.windows) : QString();
    if (a.noAnswer)
        return tr("No answer: the null span scores %1, above every span of the context.").arg(a.score, 0, 'f', 2);
    if (a.text.empty())
        return tr("No span of the context could be an answer.");
    return tr("Answer: %1\n\nscore %2 (start + end logit)%3")
        .arg(QString::fromStdString(a.text))
        .arg(a.score, 0, 'f', 2)
        .arg(where);
}

QString nearTextsText(const std::vector<core::NearText>& near, size_t searched)
{
    QStringList lines;
    for (const core::NearText& t : near)
        lines << QStringLiteral("%1  %2").arg(t.cosine, 6, 'f', 3).arg(QString::fromStdString(t.text));
    lines << QString() << tr("The %1 nearest of %2 texts (the validation pairs' positives and negatives), by cosine "
                             "similarity.")
                              .arg(near.size())
                              .arg(searched);
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui
