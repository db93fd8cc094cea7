#include "ui/ranklab/TruncationSettings.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace ui {

TruncationSettings::TruncationSettings(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_ranks = new QLineEdit(this);
    m_ranks->setObjectName("truncationRanks");
    m_accuracy = new QCheckBox(this);
    m_accuracy->setObjectName("truncationAccuracy");
    m_accuracy->setChecked(true);
    m_limit = new QSpinBox(this);
    m_limit->setObjectName("truncationAccuracyLimit");
    m_limit->setRange(0, 1000000);
    m_limit->setValue(20);
    m_ranksLabel = new QLabel(this);
    layout->addWidget(m_ranksLabel);
    layout->addWidget(m_ranks, 1);
    layout->addWidget(m_accuracy);
    layout->addWidget(m_limit);
    connect(m_accuracy, &QCheckBox::toggled, m_limit, &QWidget::setEnabled);
    retranslateUi();
}

void TruncationSettings::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TruncationSettings::retranslateUi()
{
    m_ranks->setPlaceholderText(tr("default: 1, 2, 4, … r"));
    m_ranks->setToolTip(tr("Ranks k to cut every ΔW to, separated by commas; each between 1 and the adapter's r."));
    m_accuracy->setText(tr("accuracy on the first"));
    m_accuracy->setToolTip(tr("Exact-match accuracy of greedy answers (Alpaca data only). Generation is the slow "
                              "part; the loss always uses every record."));
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setSuffix(tr(" records"));
    m_ranksLabel->setText(tr("Ranks k"));
}

bool TruncationSettings::parseRanks(const QString& text, std::vector<int>& ks, QString* error)
{
    ks.clear();
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    for (const QString& entry : text.split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = entry.toInt(&ok);
        if (!ok || k < 1) {
            if (error)
                *error = tr("Ranks k: '%1' is not a whole number ≥ 1. Write ranks separated by commas, e.g. "
                            "1, 2, 4, 8, or leave the field empty for the default.").arg(entry);
            return false;
        }
        ks.push_back(k);
    }
    return true;
}

bool TruncationSettings::options(core::TruncationOptions& out, QString* error) const
{
    out = {};
    if (!parseRanks(m_ranks->text(), out.ks, error))
        return false;
    out.measureAccuracy = m_accuracy->isChecked();
    out.accuracyLimit = m_limit->value();
    return true;
}

} // namespace ui
