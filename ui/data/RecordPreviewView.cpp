#include "ui/data/RecordPreviewView.h"

#include "core/tokenizer/Utf8.h"

#include <QEvent>
#include <QTextBlock>
#include <QTextCursor>

namespace ui {

namespace {

// Two shades per kind so that neighbouring tokens stay distinguishable.
const QColor kTrained[2] = {QColor(0xb9, 0xe8, 0xb9), QColor(0x9d, 0xdb, 0x9d)};
const QColor kMasked[2] = {QColor(0xe4, 0xe4, 0xe4), QColor(0xd0, 0xd0, 0xd0)};
const QColor kPooled(0xff, 0xc8, 0x7a); // the palette's orange, light: the one token SEQ_CLS classifies
const QColor kOutsideTag(0xf2, 0xee, 0xd0); // TOKEN_CLS's "O": trained, but no entity

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

// TOKEN_CLS's sentence as "word/TAG word/TAG …", the way CoNLL files are often quoted.
QString wordsAndTags(const core::RecordPreview& preview)
{
    QStringList pairs;
    for (size_t i = 0; i < preview.words.size() && i < preview.tags.size(); ++i)
        pairs << QString::fromStdString(preview.words[i] + "/" + preview.tags[i]);
    return pairs.join(QLatin1Char(' '));
}

} // namespace

RecordPreviewView::RecordPreviewView(QWidget* parent) : QTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QTextEdit::WidgetWidth);
    retranslateUi();
}

void RecordPreviewView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QTextEdit::changeEvent(event);
}

void RecordPreviewView::retranslateUi()
{
    setToolTip(tr("The record as the model sees it. Green tokens carry loss (the model learns to produce them); grey "
                  "tokens are the prompt, masked from the loss unless \"train on prompt\" is on. <s> and </s> are "
                  "the BOS and EOS tokens."));
    // The headings and token tooltips are written into the document: write it again from the record kept (a copy,
    // since showing a record replaces the one kept).
    const core::RecordPreview record = m_record;
    if (m_shown == Shown::Preview)
        showPreview(record);
    else if (m_shown == Shown::Text)
        showText(record);
}

void RecordPreviewView::clearRecord()
{
    clear();
    m_spans.clear();
    m_shown = Shown::Nothing;
    m_record = {};
}

void RecordPreviewView::writeTokens(QTextCursor& cursor, const std::vector<core::TokenView>& tokens,
                                    const std::function<QColor(const core::TokenView&, int shade)>& background,
                                    const std::function<QString(const core::TokenView&)>& toolTip, bool mainList)
{
    int shade = 0;
    for (const core::TokenView& token : tokens) {
        QTextCharFormat format;
        format.setBackground(background(token, shade));
        format.setToolTip(tr("id %1, %2").arg(token.id).arg(toolTip(token)));
        const bool special = token.piece.size() > 2 && token.piece.front() == '<' && token.piece.back() == '>' &&
                             token.piece.rfind("<0x", 0) != 0;
        if (special)
            format.setFontWeight(QFont::Bold);
        const int start = cursor.position();
        cursor.insertText(displayPiece(token), format);
        if (mainList)
            m_spans.emplace_back(start, cursor.position() - start);
        shade ^= 1;
    }
}

void RecordPreviewView::writeHeading(QTextCursor& cursor, const QString& heading, const QString& text)
{
    if (cursor.position() > 0) // each heading starts a line
        cursor.insertText(QStringLiteral("\n"), QTextCharFormat());
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    cursor.insertText(heading + QLatin1Char(' '), bold);
    cursor.insertText(text, QTextCharFormat());
}

void RecordPreviewView::showPreview(const core::RecordPreview& preview)
{
    m_shown = Shown::Preview;
    m_record = preview;
    clear();
    m_spans.clear();
    QTextCursor cursor(document());
    const auto trainedOrMasked = [](const core::TokenView& t, int shade) {
        return t.trained ? kTrained[shade] : kMasked[shade];
    };
    const auto masked = [](const core::TokenView&, int shade) { return kMasked[shade]; };
    const auto plain = [](const core::TokenView&) { return QString(); };
    if (preview.classification) {
        writeHeading(cursor, tr("Label:"), QString::fromStdString(preview.label));
        writeHeading(cursor, tr("As the model reads it (orange: the token the score head classifies):"), QString());
        cursor.insertText(QStringLiteral("\n"), QTextCharFormat());
        writeTokens(
            cursor, preview.tokens,
            [](const core::TokenView& t, int shade) { return t.pooled ? kPooled : kMasked[shade]; },
            [this](const core::TokenView& t) {
                return t.pooled ? tr("the last non-pad token: its hidden state is classified") : QString();
            },
            true);
    } else if (preview.tagged) {
        writeTokens(
            cursor, preview.tokens,
            [](const core::TokenView& t, int shade) { return t.tag.empty() ? kMasked[shade] : tagColor(t.tag); },
            [this](const core::TokenView& t) {
                return t.tag.empty() ? tr("no tag (a later sub-token of its word, or special): -100")
                                     : tr("trained on tag %1").arg(QString::fromStdString(t.tag));
            },
            true);
        writeHeading(cursor, tr("Words and tags:"), wordsAndTags(preview));
    } else if (preview.answering) {
        writeHeading(cursor, tr("Question:"), QString::fromStdString(preview.prompt));
        writeHeading(cursor, tr("Answer:"), preview.answerOffset < 0 ? tr("none (the context does not answer it)")
                                                                      : QString::fromStdString(preview.label));
        writeHeading(cursor,
                     tr("Window %L1 of %L2 as the model reads it (green: the answer span it learns to point at):")
                         .arg(preview.window + 1)
                         .arg(preview.windows),
                     QString());
        cursor.insertText(QStringLiteral("\n"), QTextCharFormat());
        bool inAnswer = false;
        writeTokens(
            cursor, preview.tokens,
            [&inAnswer](const core::TokenView& t, int shade) {
                inAnswer = inAnswer || t.answerStart;
                const QColor color = inAnswer ? kTrained[shade] : kMasked[shade];
                inAnswer = inAnswer && !t.answerEnd;
                return color;
            },
            [this](const core::TokenView& t) {
                return t.answerStart && t.answerEnd ? tr("the answer (start and end)")
                       : t.answerStart                ? tr("the answer's start")
                       : t.answerEnd                  ? tr("the answer's end")
                                                      : QString();
            },
            true);
    } else if (preview.paired) {
        writeHeading(cursor, tr("Query:"), QString());
        writeTokens(cursor, preview.tokens, masked, plain, true);
        writeHeading(cursor, tr("Positive (its embedding should be nearest the query's):"), QString());
        writeTokens(
            cursor, preview.positiveTokens, [](const core::TokenView&, int shade) { return kTrained[shade]; }, plain,
            false);
        if (!preview.negativeTokens.empty()) {
            writeHeading(cursor, tr("Hard negative:"), QString());
            writeTokens(cursor, preview.negativeTokens, masked, plain, false);
        }
    } else {
        writeTokens(cursor, preview.tokens, trainedOrMasked,
                    [this](const core::TokenView& t) { return t.trained ? tr("trained") : tr("masked"); }, true);
    }
    moveCursor(QTextCursor::Start);
}

void RecordPreviewView::showText(const core::RecordPreview& preview)
{
    m_shown = Shown::Text;
    m_record = preview;
    clear();
    m_spans.clear();
    QTextCursor cursor(document());
    if (preview.classification || preview.answering || preview.paired || preview.tagged) {
        // A task record without a tokenizer: its fields, named.
        const bool pair = preview.paired;
        writeHeading(cursor, preview.answering ? tr("Question:") : pair ? tr("Query:") : tr("Text:"),
                     QString::fromStdString(preview.prompt));
        if (!preview.completion.empty())
            writeHeading(cursor, preview.answering ? tr("Context:") : pair ? tr("Positive:") : tr("Text pair:"),
                         QString::fromStdString(preview.completion));
        if (!preview.negative.empty())
            writeHeading(cursor, tr("Hard negative:"), QString::fromStdString(preview.negative));
        if (preview.classification || preview.answering)
            writeHeading(cursor, preview.answering ? tr("Answer:") : tr("Label:"),
                         QString::fromStdString(preview.label));
        if (preview.tagged) {
            writeHeading(cursor, tr("Words and tags:"), wordsAndTags(preview));
        }
        moveCursor(QTextCursor::Start);
        return;
    }
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
bool RecordPreviewView::isPooledColor(const QColor& color) { return color == kPooled; }

QColor RecordPreviewView::tagColor(const std::string& tag)
{
    // IOB prefixes (B-, I-, E-, S-) mark where an entity starts, not what it is: one colour per entity type.
    const std::string type = tag.size() > 2 && tag[1] == '-' ? tag.substr(2) : tag;
    if (type == "O")
        return kOutsideTag;
    const uint hue = qHash(QString::fromStdString(type)) % 360;
    return QColor::fromHsv(static_cast<int>(hue), 70, 250);
}

} // namespace ui
