#include "ui/tryit/TaskHeadText.h"

#include <QCoreApplication>
#include <QLocale>

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
} // namespace

// The texts are translated when made (context "ui::TaskHeadText"): Try it makes them again after a language switch.

QString classScoresText(const core::ClassScores& scores)
{
    QStringList lines;
    if (scores.problemType == core::ProblemType::Regression) {
        for (size_t i = 0; i < scores.scores.size(); ++i)
            lines << QStringLiteral("%1 = %L2")
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
        const QString line = QStringLiteral("%1  %L2 %  %3")
                                 .arg(QString::fromStdString(scores.names[i]), -width)
                                 .arg(100.0 * p, 5, 'f', 1)
                                 .arg(bar(p));
        lines << (multi && p > 0.5 ? QCoreApplication::translate("ui::TaskHeadText", "%1  predicted").arg(line)
                                   : line);
    }
    lines << QString()
          << (multi ? QCoreApplication::translate("ui::TaskHeadText", "Multi-label: each class's own probability "
                                                                      "(sigmoid); those above 50 % are predicted.")
                    : QCoreApplication::translate("ui::TaskHeadText", "Single-label: the probabilities (softmax) add "
                                                                      "up to 100 %; the first is the prediction."));
    return lines.join(QLatin1Char('\n'));
}

QString taggedWordsText(const std::vector<core::TaggedWord>& words)
{
    int width = 0;
    for (const core::TaggedWord& w : words)
        width = std::max(width, static_cast<int>(QString::fromStdString(w.word).size()));
    QStringList lines;
    for (const core::TaggedWord& w : words)
        lines << (w.tag.empty() ? QStringLiteral("%1  %2")
                                      .arg(QString::fromStdString(w.word), -width)
                                      .arg(QCoreApplication::translate("ui::TaskHeadText", "(cut off by max_length)"))
                                : QStringLiteral("%1  %2  %L3 %")
                                      .arg(QString::fromStdString(w.word), -width)
                                      .arg(QString::fromStdString(w.tag), -8)
                                      .arg(100.0 * w.probability, 5, 'f', 1));
    lines << QString()
          << QCoreApplication::translate("ui::TaskHeadText", "Each word's tag is its first sub-token's most likely "
                                                             "one, as training labels it.");
    return lines.join(QLatin1Char('\n'));
}

QString triedAnswerText(const core::TriedAnswer& tried)
{
    const core::QaAnswer& a = tried.answer;
    if (a.noAnswer)
        return QCoreApplication::translate("ui::TaskHeadText",
                                           "No answer: the null span scores %L1, above every span of the context.")
            .arg(a.score, 0, 'f', 2);
    if (a.text.empty())
        return QCoreApplication::translate("ui::TaskHeadText", "No span of the context could be an answer.");
    // One arg() call for all: an answer's own "%1" must not be taken for a placeholder.
    const QLocale locale;
    const QString answer = QString::fromStdString(a.text);
    const QString score = locale.toString(a.score, 'f', 2);
    if (tried.windows > 1) // the context was read in several windows: say which one answered
        return QCoreApplication::translate("ui::TaskHeadText",
                                           "Answer: %1\n\nscore %2 (start + end logit) (window %3 of %4)")
            .arg(answer, score, locale.toString(a.window + 1), locale.toString(tried.windows));
    return QCoreApplication::translate("ui::TaskHeadText", "Answer: %1\n\nscore %2 (start + end logit)")
        .arg(answer, score);
}

QString nearTextsText(const std::vector<core::NearText>& near, size_t searched)
{
    QStringList lines;
    for (const core::NearText& t : near)
        lines << QStringLiteral("%L1  %2").arg(t.cosine, 6, 'f', 3).arg(QString::fromStdString(t.text));
    lines << QString()
          << QCoreApplication::translate("ui::TaskHeadText", "The %L1 nearest of %Ln text(s) (the validation pairs' "
                                                             "positives and negatives), by cosine similarity.",
                                         nullptr, int(searched))
                 .arg(near.size());
    return lines.join(QLatin1Char('\n'));
}

} // namespace ui
