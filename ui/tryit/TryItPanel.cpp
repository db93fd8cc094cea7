#include "ui/tryit/TryItPanel.h"

#include "core/common/Error.h"
#include "core/data/ChatFormatter.h"
#include "core/data/PromptTemplate.h"
#include "core/eval/ClassifyText.h"
#include "core/eval/Generation.h"
#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/tryit/ClassScoresText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ui {

namespace {

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
    options->addWidget(m_wrap);
    options->addWidget(new QLabel(tr("max new tokens"), this));
    options->addWidget(m_maxNewTokens);
    options->addWidget(new QLabel(tr("temperature"), this));
    options->addWidget(m_temperature);
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

void TryItPanel::setTaskType(core::TaskType type)
{
    if (type == m_taskType)
        return;
    m_taskType = type;
    m_base->clear();
    m_adapted->clear();
    showTaskControls();
    updateButton();
}

void TryItPanel::showTaskControls()
{
    const bool classifier = m_taskType == core::TaskType::SeqCls;
    for (QWidget* w : std::initializer_list<QWidget*>{m_wrap, m_maxNewTokens, m_temperature})
        w->setEnabled(!classifier);
    m_generate->setText(classifier ? tr("Classify") : tr("Generate"));
    m_prompt->setPlaceholderText(classifier ? tr("A text to classify, e.g. a record of your validation file")
                                            : tr("An instruction, e.g. one from your dataset's task"));
    if (classifier)
        m_base->setPlainText(tr("SEQ_CLS adds a new score head to the base model, initialised at random: before "
                                "training it guesses. The adapter's trained head classifies on the right."));
}

void TryItPanel::setPrompt(const QString& prompt) { m_prompt->setPlainText(prompt); }
QString TryItPanel::baseOutput() const { return m_base->toPlainText(); }
QString TryItPanel::adaptedOutput() const { return m_adapted->toPlainText(); }

void TryItPanel::updateButton()
{
    QString why;
    if (m_busy)
        why = tr("Generating…");
    else if (m_taskType == core::TaskType::SeqCls && m_adapterDir.isEmpty())
        why = tr("Train a SEQ_CLS adapter first (Train tab), or choose one (Adapter…): its head classifies.");
    else if (m_taskType != core::TaskType::CausalLm && m_taskType != core::TaskType::SeqCls)
        why = tr("Try it generates text, and a %1 adapter does not: its head scores the validation records on the "
                 "Train tab (the task's metrics, and for SEQ_CLS the confusion matrix); lorawb eval --adapter DIR "
                 "--data FILE scores any file. Trying one input here is built for SEQ_CLS only so far.")
                  .arg(QString::fromStdString(core::toString(m_taskType)));
    else if (m_modelDir.isEmpty())
        why = tr("Load a base model first (Model & LoRA tab).");
    else if (m_prompt->toPlainText().trimmed().isEmpty())
        why = tr("Type a prompt first.");
    m_generate->setEnabled(why.isEmpty());
    m_generate->setToolTip(!why.isEmpty() ? why
                           : m_taskType == core::TaskType::SeqCls
                               ? tr("Classify the text with the adapter's score head: each class's probability.")
                               : tr("Generate with the base model and, when an adapter is set, with the adapter, "
                                    "side by side."));
    m_adapterLabel->setText(m_adapterDir.isEmpty()
                                ? tr("No adapter yet: train one (Train tab) or choose a folder. The base model "
                                     "generates alone.")
                                : tr("Adapter: %1").arg(QDir::toNativeSeparators(m_adapterDir)));
}

void TryItPanel::generate()
{
    if (m_taskType == core::TaskType::SeqCls) {
        classify();
        return;
    }
    if (m_busy || m_modelDir.isEmpty() || m_taskType != core::TaskType::CausalLm)
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

void TryItPanel::classify()
{
    if (m_busy || m_modelDir.isEmpty() || m_adapterDir.isEmpty())
        return;
    m_busy = true;
    updateButton();
    m_adapted->setPlainText(tr("Classifying…"));
    const std::string modelDir = m_modelDir.toStdString();
    const std::string adapterDir = m_adapterDir.toStdString();
    const std::string text = m_prompt->toPlainText().toStdString();
    m_runner->run<QString>(
        [=]() {
            core::LoadOptions load;
            load.device = "cpu";
            core::LoadedModel loaded = core::loadModel(modelDir, load);
            LORAWB_CHECK(loaded.tokenizer, modelDir, ": no tokenizer (tokenizer.json or tokenizer.model), which "
                         "classifying text needs.");
            const core::LoraConfig adapter = core::loadAdapter(*loaded.model, adapterDir);
            LORAWB_CHECK(adapter.taskType == core::TaskType::SeqCls, adapterDir, "/adapter_config.json: task_type ",
                         core::toString(adapter.taskType), ", not SEQ_CLS; choose a SEQ_CLS adapter to classify.");
            // As long as the model reads: a text longer than that is cut as training cuts it.
            const int64_t maxLength = loaded.model->config().maxPositionEmbeddings;
            return classScoresText(core::classifyText(*loaded.model, *loaded.tokenizer, adapter.classes, text, "",
                                                      maxLength));
        },
        [this](QString out) {
            m_busy = false;
            m_adapted->setPlainText(out);
            updateButton();
            Q_EMIT generated();
        },
        [this](const ErrorText& error) {
            m_busy = false;
            m_adapted->setPlainText(error.message);
            updateButton();
            Q_EMIT generated();
        });
}

} // namespace ui
