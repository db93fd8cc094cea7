#include "ui/model/ModelPanel.h"

#include "ui/common/BackgroundRunner.h"
#include "ui/common/ResourcePaths.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace ui {

namespace {
const char* kRecentKey = "model/recent";
constexpr int kMaxRecent = 8;
} // namespace

ModelPanel::ModelPanel(QWidget* parent) : QWidget(parent), m_runner(new BackgroundRunner(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_recent = new QComboBox(this);
    m_recent->setObjectName("modelRecent");
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recent->setMinimumContentsLength(24);
    m_recent->setToolTip(tr("Recently used base models. A base model is a Hugging Face directory with config.json, "
                            "model.safetensors and its tokenizer (tokenizer.json, or sentencepiece's tokenizer.model)."));
    m_choose = new QPushButton(tr("Choose…"), this);
    m_choose->setToolTip(tr("Pick a Hugging Face model directory (LLaMA, Mistral or Qwen2 family)."));
    m_demo = new QPushButton(tr("Demo model"), this);
    m_demo->setObjectName("demoModelButton");
    const QString demo = demoModelDir();
    m_demo->setEnabled(!demo.isEmpty());
    m_demo->setToolTip(demo.isEmpty() ? tr("No bundled demo model was found next to this program.")
                                      : tr("The bundled tiny model (%1): trains on a laptop CPU in seconds.").arg(demo));
    row->addWidget(m_recent, 1);
    row->addWidget(m_choose);
    row->addWidget(m_demo);
    layout->addLayout(row);

    m_status = new QLabel(this);
    m_status->setObjectName("modelStatus");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_summaryLabel = new QLabel(tr("No model loaded yet."), this);
    m_summaryLabel->setObjectName("modelSummary");
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);

    refreshRecent();
    connect(m_choose, &QPushButton::clicked, this, &ModelPanel::chooseDirectory);
    connect(m_demo, &QPushButton::clicked, this, [this]() { loadModel(demoModelDir()); });
    connect(m_recent, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        const QString dir = m_recent->itemData(index).toString();
        if (!dir.isEmpty() && dir != m_directory)
            loadModel(dir);
    });
}

void ModelPanel::chooseDirectory()
{
    const QString start = m_directory.isEmpty() ? QDir::homePath() : m_directory;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a model directory"), start);
    if (!dir.isEmpty())
        loadModel(dir);
}

void ModelPanel::loadModel(const QString& directory)
{
    const int request = ++m_request;
    m_directory = directory;
    if (directory.isEmpty()) {
        m_summary = ModelSummary();
        m_summaryLabel->setText(tr("No model loaded yet."));
        m_status->clear();
        return;
    }
    ++m_loading;
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(directory)));
    m_runner->run<ModelSummary>(
        [directory]() { return inspectModel(directory); },
        [this, request](ModelSummary summary) {
            --m_loading;
            if (request != m_request)
                return;
            m_summary = std::move(summary);
            m_status->setText(QDir::toNativeSeparators(m_summary.directory));
            m_summaryLabel->setText(m_summary.describe());
            rememberRecent(m_summary.directory);
            Q_EMIT modelLoaded(m_summary);
        },
        [this, request](const ErrorText& error) {
            --m_loading;
            if (request != m_request)
                return;
            m_summary = ModelSummary();
            m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
            m_status->setText(error.message);
            m_summaryLabel->setText(tr("No model loaded."));
            Q_EMIT modelFailed(error.message);
        });
}

void ModelPanel::rememberRecent(const QString& directory)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    refreshRecent();
}

void ModelPanel::refreshRecent()
{
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    m_recent->clear();
    if (recent.isEmpty())
        m_recent->addItem(tr("(no recent models)"));
    for (const QString& dir : recent)
        m_recent->addItem(QDir(dir).dirName() + QStringLiteral("  —  ") + QDir::toNativeSeparators(dir), dir);
    const int current = m_recent->findData(m_directory);
    if (current >= 0)
        m_recent->setCurrentIndex(current);
}

} // namespace ui
