#pragma once
// Every text a user can read in a window, collected from its widgets (labels, buttons, tooltips, titles, tabs, combo
// entries, headers, menus, spin box affixes, plot axes and legends), and a judge of which of them are still English
// when the window should speak another language. Data the user brought (records, module names, logs, paths) is not
// UI text and is not collected: only what the program itself words.
#include "ui/common/QCustomPlotInclude.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSet>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextEdit>

namespace uitest {

// Widgets (by objectName) whose entries are the user's data, not the program's words, and the language menu, whose
// entries name each language in itself in every language.
inline bool showsUserData(const QObject* w)
{
    static const QSet<QString> names = {"modelRecent", "demoExperimentsMenu", "languageMenu"};
    return names.contains(w->objectName());
}

inline void addLegendNames(QCPLegend* legend, QStringList& texts)
{
    if (!legend || !legend->visible())
        return;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            texts << item->plottable()->name();
}

inline QStringList surveyTexts(QWidget& root)
{
    QStringList texts;
    const auto add = [&texts](const QString& text) {
        if (!text.trimmed().isEmpty())
            texts << text;
    };
    add(root.windowTitle());
    QList<QWidget*> widgets = root.findChildren<QWidget*>();
    widgets.prepend(&root);
    for (QWidget* w : widgets) {
        if (showsUserData(w))
            continue;
        add(w->toolTip());
        if (auto* label = qobject_cast<QLabel*>(w))
            add(label->text());
        if (auto* button = qobject_cast<QAbstractButton*>(w))
            add(button->text());
        if (auto* box = qobject_cast<QGroupBox*>(w))
            add(box->title());
        if (auto* edit = qobject_cast<QLineEdit*>(w))
            add(edit->placeholderText());
        if (auto* edit = qobject_cast<QTextEdit*>(w))
            add(edit->placeholderText());
        if (auto* edit = qobject_cast<QPlainTextEdit*>(w))
            add(edit->placeholderText());
        if (auto* spin = qobject_cast<QSpinBox*>(w)) {
            add(spin->prefix());
            add(spin->suffix());
        }
        if (auto* spin = qobject_cast<QDoubleSpinBox*>(w)) {
            add(spin->prefix());
            add(spin->suffix());
        }
        if (auto* spin = qobject_cast<QAbstractSpinBox*>(w))
            add(spin->specialValueText());
        if (auto* tabs = qobject_cast<QTabWidget*>(w))
            for (int i = 0; i < tabs->count(); ++i) {
                add(tabs->tabText(i));
                add(tabs->tabToolTip(i));
            }
        if (auto* combo = qobject_cast<QComboBox*>(w))
            for (int i = 0; i < combo->count(); ++i) {
                add(combo->itemText(i));
                add(combo->itemData(i, Qt::ToolTipRole).toString());
            }
        if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model() && !qobject_cast<QComboBox*>(w->parent()))
            for (int c = 0; c < view->model()->columnCount(); ++c) {
                add(view->model()->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
                add(view->model()->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
            }
        if (auto* menu = qobject_cast<QMenu*>(w)) {
            add(menu->title());
            for (QAction* action : menu->actions()) {
                add(action->text());
                add(action->toolTip());
            }
        }
        if (auto* plot = qobject_cast<QCustomPlot*>(w)) {
            for (QCPAxisRect* rect : plot->axisRects())
                for (QCPAxis* axis : rect->axes())
                    add(axis->label());
            // Graph names are read only where a visible legend shows them.
            QSet<QCPLegend*> legends{plot->legend};
            for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
                if (auto* title = qobject_cast<QCPTextElement*>(element))
                    add(title->text());
                if (auto* legend = qobject_cast<QCPLegend*>(element))
                    legends.insert(legend);
            }
            QStringList names;
            for (QCPLegend* legend : legends)
                addLegendNames(legend, names);
            for (const QString& name : names)
                add(name);
        }
    }
    return texts;
}

// Words that stay as they are in every language: PEFT's and the experiment file's names and values, formats, model
// families, metric abbreviations and product names (the Korean glossary keeps them verbatim on purpose).
inline const QSet<QString>& verbatimWords()
{
    static const QSet<QString> words = {
        "LoRA", "PEFT", "PiSSA", "OLoRA", "DoRA", "rsLoRA", "QLoRA", "CUDA", "CPU", "GPU", "GGUF", "JSONL", "YAML",
        "SVD", "MLP", "F1", "MRR", "EM", "LLaMA", "Llama", "Mistral", "Qwen", "Hugging", "Face", "Ollama",
        "Modelfile", "libtorch", "safetensors", "CSV", "PNG", "SVG", "SQLite", "none", "all", "alpaca", "messages",
        "text", "pairs", "squad", "temperature", "top", "greedy", "bias", "alpha", "Workbench", "seqeval", "SQuAD",
        "ppl", "dtype", "float32", "bfloat16", "float16", "auto", "cpu", "cuda", "cosine", "linear", "constant",
        "truncate", "drop", "lorawb", "PyTorch", "Transformers", "Ctrl", "Return", "Esc", "Qt", "HF", "ETA",
        "instruction", "input", "output", "system", "user", "assistant", "query", "positive", "negative", "label",
        "tokens", "tags", "question", "context", "answers", "recall", "gaussian", "eva", "pissa", "olora", "loftq",
        "true", "false", "mean", "last", "first", "llama", "chatml", "conll", "default", "Alpaca", "ChatML", "BIO",
        "Ln", "ln", "Adam", "AdamW", "adamw", "inf", "NaN", "nan", "log", "SEQ", "CLS", "TOKEN", "QUESTION",
        "ANS", "FEATURE", "EXTRACTION", "CAUSAL", "LM", "LLM", "MSE", "BCE", "CE", "ID", "IDs", "UTF", "lm", "head",
        "mistral", "zephyr", "vicuna", "gemma", "phi",  // chat template names
        "attention", "mlp", "qv", "gate", "up", "down", // target presets and module names as the files write them
        "max", "KL", "logit",                           // formulas: max |Δlogit|
        "trainable", "params",                          // PEFT's print_trainable_parameters line, as PEFT prints it
    };
    return words;
}

// The texts that read as English: no Hangul and an English word that is not kept verbatim, or, beside Hangul, three
// English words in a row (a sentence left untranslated). Identifiers (a_b, x.y, paths, numbers) are not words.
inline QStringList untranslatedTexts(const QStringList& texts)
{
    static const QRegularExpression markup(QStringLiteral("<[^>]*>|&[a-zA-Z]+;|&(?=\\S)"));
    static const QRegularExpression identifier(QStringLiteral("\\S*[_/\\\\.:=@#%0-9()\\[\\]{}'\"`<>+*-]\\S*"));
    static const QRegularExpression word(QStringLiteral("\\b[A-Za-z]{2,}\\b"));
    static const QRegularExpression threeWords(QStringLiteral("\\b[A-Za-z]{2,}\\s+[a-z]{2,}\\s+[a-z]{2,}\\b"));
    QStringList english;
    for (const QString& text : texts) {
        QString plain = text;
        plain.replace(markup, QStringLiteral(" "));
        plain.replace(identifier, QStringLiteral(" "));
        QString words;
        for (auto it = word.globalMatch(plain); it.hasNext();) {
            const QString w = it.next().captured(0);
            if (!verbatimWords().contains(w) && !(w.size() <= 3 && w == w.toUpper()))
                words += w + QLatin1Char(' ');
        }
        bool hangul = false;
        for (QChar c : text)
            hangul = hangul || c.script() == QChar::Script_Hangul;
        if ((!hangul && !words.isEmpty()) || (hangul && threeWords.match(words).hasMatch()))
            english << text.left(160);
    }
    english.removeDuplicates();
    return english;
}

} // namespace uitest
