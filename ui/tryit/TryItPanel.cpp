#include "ui/tryit/TryItPanel.h"

#include "core/common/Error.h"
#include "core/data/ChatFormatter.h"
#include "core/data/Collator.h"
#include "core/data/DatasetReader.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/Generation.h"
#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/tryit/TaskHeadText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ui {

namespace {

// FEATURE_EXTRACTION: how many of the nearest texts are listed.
constexpr int64_t kNearTexts = 5;

// What the base model and the adapter gave, made into text on the GUI thread (in the language of the moment).
struct SideBySide {
    std::function<QString()> base;
    std::function<QString()> adapted;
};

QPlainTextEdit* outputBox(QGroupBox* group, const char* name)
{
    auto* layout = new QVBoxLayout(group);
    auto* edit = new QPlainTextEdit(group);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    layout->addWidget(edit);
    return edit;
}

} // namespace

TryItPanel::TryItPanel(QWidget* parent) : QWidget(parent), m_runner(new BackgroundRunner(this))
{
    auto* layout = new QVBoxLayout(this);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName("tryPrompt");
    m_prompt->setMaximumHeight(120);
    auto* questionRow = new QHBoxLayout;
    m_question = new QLineEdit(this);
    m_question->setObjectName("tryQuestion");
    m_allowNoAnswer = new QCheckBox(this);
    m_allowNoAnswer->setChecked(true);
    questionRow->addWidget(m_question, 1);
    questionRow->addWidget(m_allowNoAnswer);
    layout->addLayout(questionRow);
    layout->addWidget(m_prompt);

    auto* options = new QHBoxLayout;
    m_wrap = new QComboBox(this);
    m_wrap->setObjectName("tryWrap");
    m_wrap->addItems({QString(), QString(), QString()}); // Alpaca template, chat template, raw text: retranslateUi()
    m_maxNewTokens = new QSpinBox(this);
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0.0, 5.0);
    m_temperature->setSingleStep(0.1);
    m_generate = new QPushButton(this);
    m_generate->setObjectName("generateButton");
    m_chooseAdapter = new QPushButton(this);
    // Generation's settings, in one row that a task head's try hides.
    m_generationOptions = new QWidget(this);
    auto* generation = new QHBoxLayout(m_generationOptions);
    generation->setContentsMargins(0, 0, 0, 0);
    m_maxNewTokensLabel = new QLabel(m_generationOptions);
    m_temperatureLabel = new QLabel(m_generationOptions);
    generation->addWidget(m_wrap);
    generation->addWidget(m_maxNewTokensLabel);
    generation->addWidget(m_maxNewTokens);
    generation->addWidget(m_temperatureLabel);
    generation->addWidget(m_temperature);
    options->addWidget(m_generationOptions);
    options->addStretch();
    options->addWidget(m_chooseAdapter);
    options->addWidget(m_generate);
    layout->addLayout(options);
    m_adapterLabel = new QLabel(this);
    m_adapterLabel->setWordWrap(true);
    layout->addWidget(m_adapterLabel);

    auto* outputs = new QHBoxLayout;
    m_baseGroup = new QGroupBox(this);
    m_base = outputBox(m_baseGroup, "baseOutput");
    m_adaptedGroup = new QGroupBox(this);
    m_adapted = outputBox(m_adaptedGroup, "adaptedOutput");
    outputs->addWidget(m_baseGroup);
    outputs->addWidget(m_adaptedGroup);
    layout->addLayout(outputs, 1);

    connect(m_generate, &QPushButton::clicked, this, &TryItPanel::generate);
    connect(m_chooseAdapter, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose an adapter folder"), m_adapterDir);
        if (!dir.isEmpty())
            setAdapterDir(dir);
    });
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &TryItPanel::updateButton);
    connect(m_question, &QLineEdit::textChanged, this, &TryItPanel::updateButton);
    showTaskControls();
    retranslateUi();
}

void TryItPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TryItPanel::retranslateUi()
{
    m_question->setPlaceholderText(tr("The question; the box above holds the context its answer is in"));
    m_allowNoAnswer->setText(tr("may answer \"no answer\""));
    m_allowNoAnswer->setToolTip(tr("SQuAD v2.0: when the null span (the first token) outscores every span of the "
                                   "context, the answer is \"no answer\". Off: the best span always answers, as "
                                   "for SQuAD v1.1 models."));
    m_wrap->setItemText(0, tr("Alpaca template"));
    m_wrap->setItemText(1, tr("Chat template"));
    m_wrap->setItemText(2, tr("Raw text"));
    m_wrap->setToolTip(tr("How the prompt reaches the model: wrapped in the Alpaca template (as Alpaca records train), "
                          "as a user message through the model's chat template with its generation prompt (as chat "
                          "conversations train), or as raw text to continue."));
    m_maxNewTokensLabel->setText(tr("max new tokens"));
    m_maxNewTokens->setToolTip(tr("At most this many new tokens."));
    m_temperatureLabel->setText(tr("temperature"));
    m_temperature->setToolTip(tr("0: greedy (always the most likely token; best for comparing). Higher: more varied "
                                 "samples (seeded, so repeatable)."));
    m_chooseAdapter->setText(tr("Adapter…"));
    m_chooseAdapter->setToolTip(tr("Choose a PEFT adapter folder (adapter_config.json + "
                                   "adapter_model.safetensors)."));
    m_baseGroup->setTitle(tr("Base model"));
    m_adaptedGroup->setTitle(tr("With adapter"));
    retranslateTaskControls();
    updateButton();
    // The outputs again from what they hold; a model's generated text and core's errors stay as they came.
    m_base->setPlainText(m_baseText ? m_baseText() : QString());
    m_adapted->setPlainText(m_adaptedText ? m_adaptedText() : QString());
}

TryItPanel::OutputText TryItPanel::fixedText(const QString& text)
{
    return [text]() { return text; };
}

void TryItPanel::setOutput(QPlainTextEdit* box, OutputText text)
{
    (box == m_base ? m_baseText : m_adaptedText) = text;
    box->setPlainText(text ? text() : QString());
}

void TryItPanel::setModelDir(const QString& dir)
{
    m_modelDir = dir;
    updateButton();
}

void TryItPanel::setAdapterDir(const QString& dir)
{
    m_adapterDir = dir;
    updateButton();
}

void TryItPanel::setTask(core::TaskType type, const core::TaskConfig& task, const core::DataConfig& data)
{
    m_task = task;
    m_data = data;
    if (type != m_taskType) {
        m_taskType = type;
        setOutput(m_base, {});
        setOutput(m_adapted, {});
        showTaskControls();
    }
    updateButton(); // FEATURE_EXTRACTION needs the pairs file
}

void TryItPanel::setQuestion(const QString& question) { m_question->setText(question); }

void TryItPanel::showTaskControls()
{
    const bool generates = m_taskType == core::TaskType::CausalLm;
    const bool answers = m_taskType == core::TaskType::QuestionAns;
    m_generationOptions->setVisible(generates);
    m_question->setVisible(answers);
    m_allowNoAnswer->setVisible(answers);
    retranslateTaskControls();
    if (!generates && m_taskType != core::TaskType::FeatureExtraction) { // a new head: nothing to compare with
        const QString taskType = QString::fromStdString(core::toString(m_taskType));
        setOutput(m_base, [taskType]() {
            return tr("%1 adds a new head to the base model, initialised at random: before training it guesses. The "
                      "adapter's trained head answers on the right.")
                .arg(taskType);
        });
    }
}

void TryItPanel::retranslateTaskControls()
{
    switch (m_taskType) {
    case core::TaskType::SeqCls:
        m_generate->setText(tr("Classify"));
        m_prompt->setPlaceholderText(tr("A text to classify, e.g. a record of your validation file"));
        break;
    case core::TaskType::TokenCls:
        m_generate->setText(tr("Tag"));
        m_prompt->setPlaceholderText(tr("A sentence to tag, its words separated by spaces (as a token_cls record's "
                                        "words: punctuation spaced off is a word of its own)"));
        break;
    case core::TaskType::QuestionAns:
        m_generate->setText(tr("Answer"));
        m_prompt->setPlaceholderText(tr("The context: a passage that holds the answer"));
        break;
    case core::TaskType::FeatureExtraction:
        m_generate->setText(tr("Search"));
        m_prompt->setPlaceholderText(tr("A query: its nearest texts among the validation pairs' positives and "
                                        "negatives are listed, by the base model and with the adapter"));
        break;
    default:
        m_generate->setText(tr("Generate"));
        m_prompt->setPlaceholderText(tr("An instruction, e.g. one from your dataset's task"));
    }
}

void TryItPanel::setPrompt(const QString& prompt) { m_prompt->setPlainText(prompt); }
QString TryItPanel::baseOutput() const { return m_base->toPlainText(); }
QString TryItPanel::adaptedOutput() const { return m_adapted->toPlainText(); }

void TryItPanel::updateButton()
{
    QString why;
    if (m_busy)
        why = m_taskType == core::TaskType::CausalLm ? tr("Generating…") : tr("Running…");
    else if (m_taskType == core::TaskType::FeatureExtraction && m_data.path.empty())
        why = tr("Choose the pairs file on the Data tab: its validation pairs are the texts searched.");
    else if (m_taskType != core::TaskType::CausalLm && m_adapterDir.isEmpty())
        why = tr("Train a %1 adapter first (Train tab), or choose one (Adapter…): its head answers here.")
                  .arg(QString::fromStdString(core::toString(m_taskType)));
    else if (m_taskType == core::TaskType::QuestionAns && m_question->text().trimmed().isEmpty())
        why = tr("Type a question, and its context in the box above.");
    else if (m_modelDir.isEmpty())
        why = tr("Load a base model first (Model & LoRA tab).");
    else if (m_prompt->toPlainText().trimmed().isEmpty())
        why = tr("Type a prompt first.");
    m_generate->setEnabled(why.isEmpty());
    m_generate->setToolTip(!why.isEmpty() ? why
                           : m_taskType == core::TaskType::CausalLm
                               ? tr("Generate with the base model and, when an adapter is set, with the adapter, "
                                    "side by side.")
                               : tr("Run the text through the adapter's %1 head.")
                                     .arg(QString::fromStdString(core::toString(m_taskType))));
    m_adapterLabel->setText(m_adapterDir.isEmpty()
                                ? tr("No adapter yet: train one (Train tab) or choose a folder. The base model "
                                     "generates alone.")
                                : tr("Adapter: %1").arg(QDir::toNativeSeparators(m_adapterDir)));
}

void TryItPanel::generate()
{
    if (m_taskType != core::TaskType::CausalLm) {
        tryTaskHead();
        return;
    }
    if (m_busy || m_modelDir.isEmpty())
        return;
    m_busy = true;
    updateButton();
    setOutput(m_base, [] { return tr("Generating…"); });
    if (m_adapterDir.isEmpty())
        setOutput(m_adapted, [] { return tr("(no adapter)"); });
    else
        setOutput(m_adapted, [] { return tr("Generating…"); });
    const std::string modelDir = m_modelDir.toStdString();
    const std::string adapterDir = m_adapterDir.toStdString();
    const std::string text = m_prompt->toPlainText().toStdString();
    const int wrap = m_wrap->currentIndex();
    const std::string prompt = wrap == 0 ? core::alpacaPrompt(text) : text;
    core::GenerationOptions options;
    options.maxNewTokens = m_maxNewTokens->value();
    options.temperature = m_temperature->value();
    m_runner->run<SideBySide>(
        [=]() {
            core::LoadOptions load;
            load.device = "cpu";
            core::LoadedModel loaded = core::loadModel(modelDir, load);
            LORAWB_CHECK(loaded.tokenizer, modelDir, ": no tokenizer (tokenizer.json or tokenizer.model), which generation needs.");
            // The chat template's text already holds its special tokens (BOS included) as text: encoded once here.
            std::vector<int64_t> chatIds;
            if (wrap == 1) {
                const core::ChatFormatter chat = core::ChatFormatter::forTokenizer("model", *loaded.tokenizer);
                nlohmann::ordered_json messages = nlohmann::ordered_json::array();
                messages.push_back({{"role", "user"}, {"content", text}});
                const std::vector<int> ids = core::encodeChatText(chat.generationPrompt(messages), *loaded.tokenizer);
                chatIds.assign(ids.begin(), ids.end());
            }
            const auto run = [&]() {
                return QString::fromStdString(
                    (wrap == 1 ? core::generateFromIds(*loaded.model, *loaded.tokenizer, chatIds, options)
                               : core::generate(*loaded.model, *loaded.tokenizer, prompt, options))
                        .text);
            };
            SideBySide out;
            out.base = fixedText(run());
            if (!adapterDir.empty()) {
                core::loadAdapter(*loaded.model, adapterDir); // the same weights plus the adapter
                out.adapted = fixedText(run());
            }
            return out;
        },
        [this](SideBySide out) {
            m_busy = false;
            setOutput(m_base, out.base);
            if (!m_adapterDir.isEmpty())
                setOutput(m_adapted, out.adapted);
            updateButton();
            Q_EMIT generated();
        },
        [this](const ErrorText& error) {
            m_busy = false;
            setOutput(m_base, fixedText(error.message));
            setOutput(m_adapted, {});
            updateButton();
            Q_EMIT generated();
        });
}

void TryItPanel::tryTaskHead()
{
    if (m_busy || !m_generate->isEnabled())
        return;
    m_busy = true;
    updateButton();
    const bool searches = m_taskType == core::TaskType::FeatureExtraction;
    if (searches)
        setOutput(m_base, [] { return tr("Searching…"); });
    setOutput(m_adapted, [] { return tr("Running…"); });
    const std::string modelDir = m_modelDir.toStdString();
    const std::string adapterDir = m_adapterDir.toStdString();
    const std::string text = m_prompt->toPlainText().toStdString();
    const std::string question = m_question->text().trimmed().toStdString();
    const core::TaskType task = m_taskType;
    const core::TaskConfig settings = m_task;
    const core::DataConfig data = m_data;
    const bool allowNoAnswer = m_allowNoAnswer->isChecked();
    m_runner->run<SideBySide>(
        [=]() {
            core::LoadOptions load;
            load.device = "cpu";
            core::LoadedModel loaded = core::loadModel(modelDir, load);
            LORAWB_CHECK(loaded.tokenizer, modelDir, ": no tokenizer (tokenizer.json or tokenizer.model), which "
                         "reading the text needs.");
            core::CausalLm& model = *loaded.model;
            const core::Tokenizer& tok = *loaded.tokenizer;
            SideBySide out;
            std::vector<std::string> corpus;
            core::EmbeddingOptions embedding;
            if (searches) { // the base model first, then the same model with the adapter
                core::DataConfig pairs = data;
                if (!data.validationPath.empty())
                    pairs.path = data.validationPath;
                corpus = core::pairDocuments(core::readAlpacaRecords(pairs.path, pairs));
                embedding.pooling = settings.pooling;
                embedding.maxLength = data.maxLength;
                out.base = [near = core::nearestTexts(model, tok, text, corpus, embedding, kNearTexts),
                            searched = corpus.size()] { return nearTextsText(near, searched); };
            }
            const core::LoraConfig adapter = core::loadAdapter(model, adapterDir);
            LORAWB_CHECK(adapter.taskType == task, adapterDir, "/adapter_config.json: task_type ",
                         core::toString(adapter.taskType), ", not ", core::toString(task), "; choose a ",
                         core::toString(task), " adapter (or set task_type to match it on the Model tab).");
            const int64_t maxLength = data.maxLength;
            // The results are kept and put into words on the GUI thread, again after a language switch.
            switch (task) {
            case core::TaskType::SeqCls:
                out.adapted = [scores = core::classifyText(model, tok, adapter.classes, text, "", maxLength)] {
                    return classScoresText(scores);
                };
                break;
            case core::TaskType::TokenCls:
                out.adapted = [words = core::tagWords(model, tok, adapter.classes, text, maxLength)] {
                    return taggedWordsText(words);
                };
                break;
            case core::TaskType::QuestionAns:
                out.adapted = [tried = core::answerQuestion(model, tok, question, text, {maxLength, settings.docStride},
                                                            settings.maxAnswerLength, allowNoAnswer,
                                                            core::batchPadId(tok))] { return triedAnswerText(tried); };
                break;
            default: // FEATURE_EXTRACTION: pooled as the adapter was trained
                if (adapter.contrastive)
                    embedding.pooling = adapter.contrastive->pooling;
                out.adapted = [near = core::nearestTexts(model, tok, text, corpus, embedding, kNearTexts),
                               searched = corpus.size()] { return nearTextsText(near, searched); };
            }
            return out;
        },
        [this](SideBySide out) {
            m_busy = false;
            if (out.base)
                setOutput(m_base, out.base);
            setOutput(m_adapted, out.adapted);
            updateButton();
            Q_EMIT generated();
        },
        [this, searches](const ErrorText& error) {
            m_busy = false;
            if (searches)
                setOutput(m_base, {});
            setOutput(m_adapted, fixedText(error.message));
            updateButton();
            Q_EMIT generated();
        });
}

} // namespace ui
