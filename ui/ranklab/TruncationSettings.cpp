#include "ui/ranklab/TruncationSettings.h"

#include <QCheckBox>
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
    m_ranks->setPlaceholderText(tr("default: 1, 2, 4, … r"));
    m_ranks->setToolTip(tr("Ranks k to cut every ΔW to, separated by commas; each between 1 and the adapter's r."));
    m_accuracy = new QCheckBox(tr("accuracy on the first"), this);
    m_accuracy->setObjectName("truncationAccuracy");
    m_accuracy->setChecked(true);
    m_accuracy->setToolTip(tr("Exact-match accuracy of greedy answers (Alpaca data only). Generation is the slow "
                              "part; the loss always uses every record."));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName("truncationAccuracyLimit");
    m_limit->setRange(0, 1000000);
    m_limit->setValue(20);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setSuffix(tr(" records"));
    layout->addWidget(new QLabel(tr("Ranks k"), this));
    layout->addWidget(m_ranks, 1);
    layout->addWidget(m_accuracy);
    layout->addWidget(m_limit);
    connect(m_accuracy, &QCheckBox::toggled, m_limit, &QWidget::setEnabled);
}

bool TruncationSettings::options(core::TruncationOptions& out, QString* error) const
{
    out = {};
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    for (const QString& entry : m_ranks->text().split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        const int k = entry.toInt(&ok);
        if (!ok || k < 1) {
            if (error)
                *error = tr("Ranks k: '%1' is not a whole number ≥ 1. Write ranks separated by commas, e.g. "
                            "1, 2, 4, 8, or leave the field empty for the default.").arg(entry);
            return false;
        }
        out.ks.push_back(k);
    }
    out.measureAccuracy = m_accuracy->isChecked();
    out.accuracyLimit = m_limit->value();
    return true;
}

} // namespace ui
