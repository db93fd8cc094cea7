#include "ui/forgetting/ForgettingExplanation.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ui {

namespace {

// Differences smaller than these read as "no change": what a class would call the same number.
constexpr double kSamePercent = 0.05; // retain perplexity, in percent
constexpr double kSamePoints = 0.5;   // accuracy, in points

// In the GUI's locale (the language menu sets it), with a real minus sign; "-0.0" is just 0.0.
QString grouped(double value, int decimals)
{
    const QLocale locale;
    const QString text = locale.toString(value, 'f', decimals);
    if (!text.startsWith(locale.negativeSign()))
        return text;
    const QString magnitude = text.mid(locale.negativeSign().size());
    const bool zero = !magnitude.contains(QRegularExpression(QStringLiteral("[1-9]")));
    return zero ? magnitude : QStringLiteral("\u2212") + magnitude;
}

// 4.2 → "4.2", 1830.4 → "1,830": one decimal only where it matters.
QString percentNumber(double value) { return grouped(value, std::abs(value) < 10 ? 1 : 0); }

// +4.2, −2.5
QString signedPercent(double value) { return (value >= 0 ? QStringLiteral("+") : QString()) + percentNumber(value); }

// 0.9 → "90 %", 0.925 → "92.5 %".
QString accuracy(double fraction)
{
    const double p = 100.0 * fraction;
    return grouped(p, std::abs(p - std::round(p)) < 0.05 ? 0 : 1) + QStringLiteral(" %");
}

QString share(int64_t trainable, int64_t all)
{
    const double p = 100.0 * static_cast<double>(trainable) / static_cast<double>(all);
    return (p < 1 ? QLocale().toString(p, 'g', 2) : grouped(p, 1)) + QStringLiteral(" %");
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// The run's name at the start of a sentence: "Full fine-tuning", "LoRA r=8".
QString sentenceSubject(const std::string& label) { return capitalized(runDisplayName(QString::fromStdString(label))); }

// The mean accuracy drop on the earlier tasks, in points; nullopt when none was measured before and after.
std::optional<double> earlierDrop(const core::ComparisonPoint& p)
{
    double sum = 0;
    int count = 0;
    for (const auto& [name, scores] : p.otherTasks)
        if (scores.first >= 0 && scores.second >= 0) {
            sum += 100.0 * (scores.first - scores.second);
            ++count;
        }
    return count ? std::optional<double>(sum / count) : std::nullopt;
}

bool hasRetain(const core::ComparisonPoint& p) { return p.retainPerplexityBefore > 0 && p.retainPerplexityAfter > 0; }

// One sentence per run: "<run> trained <share> of the weights: <clause>, <clause>." The clauses are a list (each one
// template); the sentence around them is one template per case, so that a language can put the run and the list where
// it needs them.
QString runSentence(const ExplainedRun& run, bool first)
{
    const core::ComparisonPoint& p = run.point;
    QStringList clauses;
    if (p.taskAfter >= 0) {
        const QString task = taskDisplayName(p.trainedTask);
        clauses << (p.taskBefore >= 0 ? ForgettingExplanation::tr("%1 went %2 → %3")
                                            .arg(task, accuracy(p.taskBefore), accuracy(p.taskAfter))
                                      : ForgettingExplanation::tr("%1 reached %2").arg(task, accuracy(p.taskAfter)));
    }
    for (const auto& [name, scores] : p.otherTasks) {
        const auto [before, after] = scores;
        const QString task = taskDisplayName(name);
        if (before < 0)
            clauses << ForgettingExplanation::tr("%1 ended at %2").arg(task, accuracy(after));
        else if (accuracy(before) == accuracy(after))
            clauses << ForgettingExplanation::tr("%1 stayed at %2").arg(task, accuracy(after));
        else
            clauses << (after < before ? ForgettingExplanation::tr("%1 fell from %2 to %3")
                                       : ForgettingExplanation::tr("%1 rose from %2 to %3"))
                           .arg(task, accuracy(before), accuracy(after));
    }
    if (hasRetain(p)) {
        const double inc = p.retainIncreasePercent;
        if (std::abs(inc) < kSamePercent)
            clauses << ForgettingExplanation::tr("retain perplexity did not change");
        else
            clauses << (inc > 0 ? ForgettingExplanation::tr("retain perplexity rose %1 %")
                                : ForgettingExplanation::tr("retain perplexity fell %1 %"))
                           .arg(percentNumber(std::abs(inc)));
    }
    const QString subject = sentenceSubject(p.label);
    const QString list = clauses.join(QStringLiteral(", "));
    const bool known = p.trainableParams > 0 && run.allParams > 0;
    if (known && p.trainableParams >= run.allParams) {
        if (clauses.isEmpty())
            return first ? ForgettingExplanation::tr("%1 trained all the weights.").arg(subject)
                         : ForgettingExplanation::tr("%1 trained all of them.").arg(subject);
        return (first ? ForgettingExplanation::tr("%1 trained all the weights: %2.")
                      : ForgettingExplanation::tr("%1 trained all of them: %2."))
            .arg(subject, list);
    }
    if (known) {
        const QString part = share(p.trainableParams, run.allParams);
        if (clauses.isEmpty())
            return ForgettingExplanation::tr("%1 trained %2 of the weights.").arg(subject, part);
        return ForgettingExplanation::tr("%1 trained %2 of the weights: %3.").arg(subject, part, list);
    }
    return clauses.isEmpty() ? subject + QLatin1Char('.') : ForgettingExplanation::tr("%1: %2.").arg(subject, list);
}

// Why `lora` forgot more than `full`, measure by measure ("" when it did not on any). Getting better (perplexity
// down, an earlier task up) counts as forgetting nothing, not as negative forgetting: a run that forgot nothing did
// not forget more than one that improved.
QString forgotMoreBecause(const core::ComparisonPoint& lora, const core::ComparisonPoint& full)
{
    QStringList reasons;
    if (hasRetain(lora) && hasRetain(full) &&
        lora.retainIncreasePercent > std::max(0.0, full.retainIncreasePercent) + kSamePercent)
        reasons << ForgettingExplanation::tr("retain perplexity %1 % against %2 %")
                       .arg(signedPercent(lora.retainIncreasePercent), signedPercent(full.retainIncreasePercent));
    const auto loraDrop = earlierDrop(lora), fullDrop = earlierDrop(full);
    if (loraDrop && fullDrop && *loraDrop > std::max(0.0, *fullDrop) + kSamePoints)
        reasons << ForgettingExplanation::tr("earlier tasks fell %1 points against %2")
                       .arg(percentNumber(*loraDrop), percentNumber(std::max(0.0, *fullDrop)));
    return reasons.join(QStringLiteral("; "));
}

QString verdict(const std::vector<const ExplainedRun*>& complete)
{
    const core::ComparisonPoint* full = nullptr;
    std::vector<const core::ComparisonPoint*> loras;
    for (const ExplainedRun* run : complete) {
        if (run->point.finetune == "full") {
            if (!full)
                full = &run->point;
        } else {
            loras.push_back(&run->point);
        }
    }
    if (!full || loras.empty())
        return {};
    QStringList worse;
    bool forgotSomething = false;
    for (const core::ComparisonPoint* lora : loras) {
        const QString because = forgotMoreBecause(*lora, *full);
        if (!because.isEmpty())
            worse << QStringLiteral("%1 (%2)").arg(runDisplayName(QString::fromStdString(lora->label)), because);
        const auto drop = earlierDrop(*lora);
        forgotSomething = forgotSomething || (hasRetain(*lora) && lora->retainIncreasePercent >= kSamePercent) ||
                          (drop && *drop >= kSamePoints);
    }
    const auto fullDrop = earlierDrop(*full);
    const bool fullForgot = (hasRetain(*full) && full->retainIncreasePercent >= kSamePercent) ||
                            (fullDrop && *fullDrop >= kSamePoints);
    QString text;
    if (worse.isEmpty() && !forgotSomething && !fullForgot)
        text = ForgettingExplanation::tr("Neither LoRA nor full fine-tuning forgot anything measurable here.");
    else if (worse.isEmpty())
        text = forgotSomething ? ForgettingExplanation::tr("LoRA forgot less than full fine-tuning — but not nothing.")
                               : ForgettingExplanation::tr("LoRA forgot less than full fine-tuning — here, practically "
                                                           "nothing.");
    else if (worse.size() == static_cast<int>(loras.size()))
        text = ForgettingExplanation::tr("Here LoRA forgot more than full fine-tuning: %1. LoRA usually forgets less, "
                                         "not always — look at the curves for where it happened.")
                   .arg(worse.join(QStringLiteral(", ")));
    else
        text = ForgettingExplanation::tr("Not every LoRA run forgot less: %1 forgot more than full fine-tuning; the "
                                         "other LoRA runs forgot less.")
                   .arg(worse.join(QStringLiteral(", ")));
    // What each side learned, so that "forgot less" is not read as "learned as much": a second sentence.
    const core::ComparisonPoint* bestLora = nullptr;
    for (const core::ComparisonPoint* lora : loras)
        if (lora->taskAfter >= 0 && (!bestLora || lora->taskAfter > bestLora->taskAfter))
            bestLora = lora;
    if (bestLora && full->taskAfter >= 0) {
        const QString task = taskDisplayName(full->trainedTask);
        const QString bestName = runDisplayName(QString::fromStdString(bestLora->label));
        text += QLatin1Char(' ') +
                (accuracy(bestLora->taskAfter) == accuracy(full->taskAfter)
                     ? ForgettingExplanation::tr("Both learned %1 equally well (%2).")
                           .arg(task, accuracy(full->taskAfter))
                     : ForgettingExplanation::tr("On %1, full fine-tuning reached %2 and the best LoRA run (%3) %4.")
                           .arg(task, accuracy(full->taskAfter), bestName, accuracy(bestLora->taskAfter)));
    }
    return text;
}

} // namespace

QString taskDisplayName(const std::string& stem)
{
    QString name = QString::fromStdString(stem);
    for (const char* suffix : {"_test", "-test", "_eval", "-eval"})
        if (name.size() > 5 && name.endsWith(QLatin1String(suffix)))
            name.chop(5);
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    const int space = name.lastIndexOf(QLatin1Char(' '));
    if (space >= 0 && space == name.size() - 2 && name.back().isLetter())
        name[name.size() - 1] = name.back().toUpper();
    return name.isEmpty() ? ForgettingExplanation::tr("the task") : name;
}

QString runDisplayName(const QString& label)
{
    return label == QLatin1String("full fine-tuning") ? ForgettingExplanation::tr("full fine-tuning") : label;
}

QString explainComparison(const std::vector<ExplainedRun>& runs)
{
    QStringList sentences;
    std::vector<const ExplainedRun*> complete;
    for (const ExplainedRun& run : runs)
        if (!run.stopped)
            complete.push_back(&run);
    for (size_t i = 0; i < complete.size(); ++i)
        sentences << runSentence(*complete[i], i == 0);
    const QString conclusion = verdict(complete);
    if (!conclusion.isEmpty())
        sentences << conclusion;
    const QLocale locale;
    for (const ExplainedRun& run : runs)
        if (run.stopped)
            sentences << ForgettingExplanation::tr("%1 was stopped at step %2 of %3, so its numbers are left out.")
                             .arg(sentenceSubject(run.point.label), locale.toString(static_cast<qlonglong>(run.steps)),
                                  locale.toString(static_cast<qlonglong>(run.totalSteps)));
    if (sentences.isEmpty())
        return ForgettingExplanation::tr("Run the comparison: the result appears here in plain words, with its "
                                         "numbers.");
    return sentences.join(QLatin1Char(' '));
}

ForgettingExplanation::ForgettingExplanation(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName("forgettingExplanation");
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setFrameShape(QFrame::StyledPanel);
    m_label->setMargin(8);
    QFont big = m_label->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_label->setFont(big);
    layout->addWidget(m_label);
    clear();
}

void ForgettingExplanation::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ForgettingExplanation::retranslateUi() { m_label->setText(explainComparison(m_runs)); }

void ForgettingExplanation::clear() { setRuns({}); }

void ForgettingExplanation::setRuns(const std::vector<ExplainedRun>& runs)
{
    m_runs = runs;
    retranslateUi();
}

QString ForgettingExplanation::text() const { return m_label->text(); }

} // namespace ui
