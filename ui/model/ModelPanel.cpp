#include "ui/model/ModelPanel.h"

#include "ui/common/BackgroundRunner.h"
#include "ui/common/ResourcePaths.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
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

ModelPanel::ModelPanel(QWidget* parent)
    : QWidget(parent), m_runner(new BackgroundRunner(this)), m_demoDir(demoModelDir())
{
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_recent = new QComboBox(this);
    m_recent->setObjectName("modelRecent");
    m_recent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recent->setMinimumContentsLength(24);
    m_choose = new QPushButton(this);
    m_demo = new QPushButton(this);
    m_demo->setObjectName("demoModelButton");
    m_demo->setEnabled(!m_demoDir.isEmpty());
    row->addWidget(m_recent, 1);
    row->addWidget(m_choose);
    row->addWidget(m_demo);
    layout->addLayout(row);

    m_status = new QLabel(this);
    m_status->setObjectName("modelStatus");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName("modelSummary");
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summaryLabel->setWordWrap(true);
    layout->addWidget(m_summaryLabel);

    refreshRecent();
    retranslateUi();
    connect(m_choose, &QPushButton::clicked, this, &ModelPanel::chooseDirectory);
    connect(m_demo, &QPushButton::clicked, this, [this]() { loadModel(demoModelDir()); });
    connect(m_recent, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        const QString dir = m_recent->itemData(index).toString();
        if (!dir.isEmpty() && dir != m_directory)
            loadModel(dir);
    });
}

void ModelPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ModelPanel::retranslateUi()
{
    m_recent->setToolTip(tr("Recently used base models. A base model is a Hugging Face directory with config.json, "
                            "model.safetensors and its tokenizer (tokenizer.json, or sentencepiece's tokenizer.model)."));
    if (m_recent->count() == 1 && m_recent->itemData(0).isNull()) // the placeholder entry
        m_recent->setItemText(0, tr("(no recent models)"));
    m_choose->setText(tr("Choose…"));
    m_choose->setToolTip(tr("Pick a Hugging Face model directory (LLaMA, Mistral or Qwen2 family)."));
    m_demo->setText(tr("Demo model"));
    m_demo->setToolTip(m_demoDir.isEmpty()
                           ? tr("No bundled demo model was found next to this program.")
                           : tr("The bundled tiny model (%1): trains on a laptop CPU in seconds.").arg(m_demoDir));
    if (m_showsLoading)
        showLoading(); // a loaded model's path and a failure's message (core's) stay as they are
    showSummary();
}

void ModelPanel::showSummary()
{
    if (m_summary.isValid())
        m_summaryLabel->setText(m_summary.describe());
    else
        m_summaryLabel->setText(m_failed ? tr("No model loaded.") : tr("No model loaded yet."));
}

void ModelPanel::showLoading()
{
    m_status->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(m_directory)));
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
        m_failed = false;
        m_showsLoading = false;
        showSummary();
        m_status->clear();
        return;
    }
    ++m_loading;
    m_status->setStyleSheet(QString());
    m_showsLoading = true;
    showLoading();
    m_runner->run<ModelSummary>(
        [directory]() { return inspectModel(directory); },
        [this, request](ModelSummary summary) {
            --m_loading;
            if (request != m_request)
                return;
            m_summary = std::move(summary);
            m_failed = false;
            m_showsLoading = false;
            m_status->setText(QDir::toNativeSeparators(m_summary.directory));
            showSummary();
            rememberRecent(m_summary.directory);
            Q_EMIT modelLoaded(m_summary);
        },
        [this, request](const ErrorText& error) {
            --m_loading;
            if (request != m_request)
                return;
            m_summary = ModelSummary();
            m_failed = true;
            m_showsLoading = false;
            m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
            m_status->setText(error.message);
            showSummary();
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
