#pragma once
// The settings of a truncation run: which ranks k (empty: 1, 2, 4, … r) and whether, on how many records, to measure
// exact-match accuracy (greedy generation: the slow part).
#include "core/eval/TruncationCurve.h"

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace ui {

class TruncationSettings : public QWidget {
    Q_OBJECT
public:
    explicit TruncationSettings(QWidget* parent = nullptr);

    // The options the fields say; false, with a message naming the bad entry in *error, when the ranks are malformed.
    bool options(core::TruncationOptions& out, QString* error) const;

    QLineEdit* ranksEdit() const { return m_ranks; }
    QCheckBox* accuracyBox() const { return m_accuracy; }
    QSpinBox* accuracyLimitBox() const { return m_limit; }

private:
    QLineEdit* m_ranks;
    QCheckBox* m_accuracy;
    QSpinBox* m_limit;
};

} // namespace ui
