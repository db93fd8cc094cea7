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

struct SideBySide {
    QString base;
    QString adapted;
};

QPlainTextEdit* outputBox(QWidget* parent, const QString& title, const char* name, QVBoxLayout*& layout)
{
    auto* group = new QGroupBox(title, parent);
    layout = new QVBoxLayout(group);
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
    m_prompt->setPlaceholderText(tr("An instruction, e.g. one from your dataset's task"));
    m_prompt->setMaximumHeight(120);
    auto* questionRow = new QHBoxLayout;
    m_question = new QLineEdit(this);
    m_question->setObjectName("tryQuestion");
    m_question->setPlaceholderText(tr("The question; the box above holds the context its answer is in"));
    m_allowNoAnswer = new QCheckBox(tr("may answer \"no answer\""), this);
    m_allowNoAnswer->setChecked(true);
    m_allowNoAnswer->setToolTip(tr("SQuAD v2.0: when the null span (the first token) outscores every span of the "
                                   "context, the answer is \"no answer\". Off: the best span always answers, as "
                                   "for SQuAD v1.1 models."));
    questionRow->addWidget(m_question, 1);
    questionRow->addWidget(m_allowNoAnswer);
    layout->addLayout(questionRow);
    layout->addWidget(m_prompt);

    auto* options = new QHBoxLayout;
    m_wrap = new QComboBox(this);
    m_wrap->setObjectName("tryWrap");
    m_wrap->addItems({tr("Alpaca template"), tr("Chat template"), tr("Raw text")});
    m_wrap->setToolTip(tr("How the prompt reaches the model: wrapped in the Alpaca template (as Alpaca records train), "
                          "as a user message through the model's chat template with its generation prompt (as chat "
                          "conversations train), or as raw text to continue."));
    m_maxNewTokens = new QSpinBox(this);
    m_maxNewTokens->setRange(1, 4096);
    m_maxNewTokens->setValue(64);
    m_maxNewTokens->setToolTip(tr("At most this many new tokens."));
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0.0, 5.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setToolTip(tr("0: greedy (always the most likely token; best for comparing). Higher: more varied "
                                 "samples (seeded, so repeatable)."));
    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName("generateButton");
    auto* chooseAdapter = new QPushButton(tr("Adapter…"), this);
    chooseAdapter->setToolTip(tr("Choose a PEFT adapter folder (adapter_config.json + adapter_model.safetensors)."));
    // Generation's settings, in one row that a task head's try hides.
    m_generationOptions = new QWidget(this);
    auto* generation = new QHBoxLayout(m_generationOptions);
    generation->setContentsMargins(0, 0, 0, 0);
    generation->addWidget(m_wrap);
    generation->addWidget(new QLabel(tr("max new tokens"), m_generationOptions));
    generation->addWidget(m_maxNewTokens);
    generation->addWidget(new QLabel(tr("temperature"), m_generationOptions));
    generation->addWidget(m_temperature);
    options->addWidget(m_generationOptions);
    options->addStretch();
    options->addWidget(chooseAdapter);
    options->addWidget(m_generate);
    layout->addLayout(options);
    m_adapterLabel = new QLabel(this);
    m_adapterLabel->setWordWrap(true);
    layout->addWidget(m_adapterLabel);

    auto* outputs = new QHBoxLayout;
    QVBoxLayout* unused = nullptr;
    m_base = outputBox(this, tr("Base model"), "baseOutput", unused);
    m_adapted = outputBox(this, tr("With adapter"), "adaptedOutput", unused);
    outputs->addWidget(m_base->parentWidget());
    outputs->addWidget(m_adapted->parentWidget());
    layout->addLayout(outputs, 1);

    connect(m_generate, &QPushButton::clicked, this, &TryItPanel::generate);
    connect(chooseAdapter, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose an adapter folder"), m_adapterDir);
        if (!dir.isEmpty())
            setAdapterDir(dir);
    });
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &TryItPanel::updateButton);
    connect(m_question, &QLineEdit::textChanged, this, &TryItPanel::updateButton);
    showTaskControls();
    updateButton();
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
        m_base->clear();
        m_adapted->clear();
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
    if (!generates && m_taskType != core::TaskType::FeatureExtraction) // a new head: nothing to compare with
        m_base->setPlainText(tr("%1 adds a new head to the base model, initialised at random: before training it "
                                "guesses. The adapter's trained head answers on the right.")
                                 .arg(QString::fromStdString(core::toString(m_taskType))));
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
    m_base->setPlainText(tr("Generating…"));
    m_adapted->setPlainText(m_adapterDir.isEmpty() ? tr("(no adapter)") : tr("Generating…"));
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
            out.base = run();
            if (!adapterDir.empty()) {
                core::loadAdapter(*loaded.model, adapterDir); // the same weights plus the adapter
                out.adapted = run();
            }
            return out;
        },
        [this](SideBySide out) {
            m_busy = false;
            m_base->setPlainText(out.base);
            if (!m_adapterDir.isEmpty())
                m_adapted->setPlainText(out.adapted);
            updateButton();
            Q_EMIT generated();
        },
        [this](const ErrorText& error) {
            m_busy = false;
            m_base->setPlainText(error.message);
            m_adapted->clear();
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
        m_base->setPlainText(tr("Searching…"));
    m_adapted->setPlainText(tr("Running…"));
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
                out.base = nearTextsText(core::nearestTexts(model, tok, text, corpus, embedding, kNearTexts),
                                         corpus.size());
            }
            const core::LoraConfig adapter = core::loadAdapter(model, adapterDir);
            LORAWB_CHECK(adapter.taskType == task, adapterDir, "/adapter_config.json: task_type ",
                         core::toString(adapter.taskType), ", not ", core::toString(task), "; choose a ",
                         core::toString(task), " adapter (or set task_type to match it on the Model tab).");
            const int64_t maxLength = data.maxLength;
            switch (task) {
            case core::TaskType::SeqCls:
                out.adapted = classScoresText(core::classifyText(model, tok, adapter.classes, text, "", maxLength));
                break;
            case core::TaskType::TokenCls:
                out.adapted = taggedWordsText(core::tagWords(model, tok, adapter.classes, text, maxLength));
                break;
            case core::TaskType::QuestionAns:
                out.adapted = triedAnswerText(core::answerQuestion(model, tok, question, text,
                                                                   {maxLength, settings.docStride},
                                                                   settings.maxAnswerLength, allowNoAnswer,
                                                                   core::batchPadId(tok)));
                break;
            default: // FEATURE_EXTRACTION: pooled as the adapter was trained
                if (adapter.contrastive)
                    embedding.pooling = adapter.contrastive->pooling;
                out.adapted = nearTextsText(core::nearestTexts(model, tok, text, corpus, embedding, kNearTexts),
                                            corpus.size());
            }
            return out;
        },
        [this](SideBySide out) {
            m_busy = false;
            if (!out.base.isEmpty())
                m_base->setPlainText(out.base);
            m_adapted->setPlainText(out.adapted);
            updateButton();
            Q_EMIT generated();
        },
        [this, searches](const ErrorText& error) {
            m_busy = false;
            if (searches)
                m_base->clear();
            m_adapted->setPlainText(error.message);
            updateButton();
            Q_EMIT generated();
        });
}

} // namespace ui
