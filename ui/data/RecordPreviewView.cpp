#include "ui/data/RecordPreviewView.h"

#include "core/tokenizer/Utf8.h"

#include <QTextBlock>
#include <QTextCursor>

namespace ui {

namespace {

// Two shades per kind so that neighbouring tokens stay distinguishable.
const QColor kTrained[2] = {QColor(0xb9, 0xe8, 0xb9), QColor(0x9d, 0xdb, 0x9d)};
const QColor kMasked[2] = {QColor(0xe4, 0xe4, 0xe4), QColor(0xd0, 0xd0, 0xd0)};

// A token as readable text: what it stands for in the text (sentencepiece's word marker and byte-level BPE's Ġ as
// spaces), a newline a visible ↵ and a line break; a token holding part of a character shows its piece instead.
QString displayPiece(const core::TokenView& token)
{
    if (token.text == "\n")
        return QStringLiteral("↵\n");
    if (token.text == "\t")
        return QStringLiteral("→\t");
    if (!token.text.empty() && core::utf8::isValid(token.text))
        return QString::fromStdString(token.text);
    QString text = QString::fromStdString(token.piece);
    text.replace(QChar(0x2581), QLatin1Char(' '));
    return text;
}

} // namespace

RecordPreviewView::RecordPreviewView(QWidget* parent) : QTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setToolTip(tr("The record as the model sees it. Green tokens carry loss (the model learns to produce them); grey "
                  "tokens are the prompt, masked from the loss unless \"train on prompt\" is on. <s> and </s> are "
                  "the BOS and EOS tokens."));
}

void RecordPreviewView::showPreview(const core::RecordPreview& preview)
{
    clear();
    m_spans.clear();
    QTextCursor cursor(document());
    int shade = 0;
    for (const core::TokenView& token : preview.tokens) {
        QTextCharFormat format;
        format.setBackground(token.trained ? kTrained[shade] : kMasked[shade]);
        format.setToolTip(tr("id %1, %2").arg(token.id).arg(token.trained ? tr("trained") : tr("masked")));
        const bool special = token.piece.size() > 2 && token.piece.front() == '<' && token.piece.back() == '>' &&
                             token.piece.rfind("<0x", 0) != 0;
        if (special)
            format.setFontWeight(QFont::Bold);
        const int start = cursor.position();
        cursor.insertText(displayPiece(token), format);
        m_spans.emplace_back(start, cursor.position() - start);
        shade ^= 1;
    }
    moveCursor(QTextCursor::Start);
}

void RecordPreviewView::showText(const core::RecordPreview& preview)
{
    clear();
    m_spans.clear();
    QTextCursor cursor(document());
    QTextCharFormat prompt, completion;
    prompt.setBackground(kMasked[0]);
    completion.setBackground(kTrained[0]);
    cursor.insertText(QString::fromStdString(preview.prompt), prompt);
    cursor.insertText(QString::fromStdString(preview.completion), completion);
    moveCursor(QTextCursor::Start);
}

QColor RecordPreviewView::tokenBackground(int i) const
{
    if (i < 0 || i >= tokenCount() || m_spans[i].second == 0)
        return {};
    QTextCursor cursor(document());
    cursor.setPosition(m_spans[i].first + 1); // the format of the character before the cursor
    return cursor.charFormat().background().color();
}

bool RecordPreviewView::isTrainedColor(const QColor& color) { return color == kTrained[0] || color == kTrained[1]; }

} // namespace ui
