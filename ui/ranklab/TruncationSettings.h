#pragma once
// The settings of a truncation run: which ranks k (empty: 1, 2, 4, … r) and whether, on how many records, to measure
// exact-match accuracy (greedy generation: the slow part).
#include "core/eval/TruncationCurve.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ui {

class TruncationSettings : public QWidget {
    Q_OBJECT
public:
    explicit TruncationSettings(QWidget* parent = nullptr);

    // The options the fields say; false, with a message naming the bad entry in *error, when the ranks are malformed.
    bool options(core::TruncationOptions& out, QString* error) const;
    // The ranks field's text → ks; false, with the message in the current language, when an entry is not a rank.
    static bool parseRanks(const QString& text, std::vector<int>& ks, QString* error);

    QLineEdit* ranksEdit() const { return m_ranks; }
    QCheckBox* accuracyBox() const { return m_accuracy; }
    QSpinBox* accuracyLimitBox() const { return m_limit; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QLabel* m_ranksLabel;
    QLineEdit* m_ranks;
    QCheckBox* m_accuracy;
    QSpinBox* m_limit;
};

} // namespace ui
