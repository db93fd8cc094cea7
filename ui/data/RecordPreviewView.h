#pragma once
// One record exactly as the model sees it: every token of the formatted text, coloured by whether it carries loss
// (trained) or not (masked prompt), with BOS/EOS shown. Built from core::RecordPreview, the same code that makes the
// training examples.
#include "core/data/RecordPreview.h"

#include <QColor>
#include <QTextEdit>

#include <utility>
#include <vector>

namespace ui {

class RecordPreviewView : public QTextEdit {
    Q_OBJECT
public:
    explicit RecordPreviewView(QWidget* parent = nullptr);

    void showPreview(const core::RecordPreview& preview);
    // Text only (no tokenizer yet): prompt and completion in the two colours.
    void showText(const core::RecordPreview& preview);

    int tokenCount() const { return static_cast<int>(m_spans.size()); }
    // The background the document really shows for token i (read back from the document, for tests and a11y).
    QColor tokenBackground(int i) const;
    static bool isTrainedColor(const QColor& color);

private:
    std::vector<std::pair<int, int>> m_spans; // per token: document position and length
};

} // namespace ui
