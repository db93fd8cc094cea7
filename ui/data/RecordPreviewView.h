#pragma once
// One record exactly as the model sees it: every token of the formatted text, with BOS/EOS shown, coloured by what
// training does with it — a language model's trained (loss) or masked (prompt) tokens; SEQ_CLS's label and the one
// token whose hidden state the score head classifies; TOKEN_CLS's tags, one colour per entity type on the tokens that
// carry them; QUESTION_ANS's question and the answer span in its context window; FEATURE_EXTRACTION's query, positive
// and negative as embedding reads each. Built from core::RecordPreview, the same code that makes the training
// examples.
#include "core/data/RecordPreview.h"

#include <QColor>
#include <QTextEdit>

class QTextCursor;

#include <functional>

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
    // Shows no record (and forgets the last one, which a language change would otherwise show again).
    void clearRecord();

    // The main token list's tokens (the query's for pairs) as shown; their backgrounds read back from the document,
    // for tests and a11y.
    int tokenCount() const { return static_cast<int>(m_spans.size()); }
    QColor tokenBackground(int i) const;
    static bool isTrainedColor(const QColor& color);   ///< trained token, or the answer span
    static bool isPooledColor(const QColor& color);    ///< SEQ_CLS: the classified token
    static QColor tagColor(const std::string& tag);     ///< TOKEN_CLS: B-PER and I-PER share PER's colour

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class Shown { Nothing, Preview, Text };

    void retranslateUi(); // the tooltip, and the record shown again with its headings and token tooltips
    // Appends tokens with a background per token (alternating shades where two neighbours share one); the main
    // list records its spans.
    void writeTokens(QTextCursor& cursor, const std::vector<core::TokenView>& tokens,
                     const std::function<QColor(const core::TokenView&, int shade)>& background,
                     const std::function<QString(const core::TokenView&)>& toolTip, bool mainList);
    void writeHeading(QTextCursor& cursor, const QString& heading, const QString& text);

    std::vector<std::pair<int, int>> m_spans; // per token: document position and length
    Shown m_shown = Shown::Nothing;
    core::RecordPreview m_record; // the record shown, for a language change
};

} // namespace ui
