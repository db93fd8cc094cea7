#include "ui/data/DataPanel.h"

#include "core/data/ChatRecordReader.h"
#include "core/data/DatasetReader.h"
#include "core/data/PreparedData.h"
#include "core/data/RecordPreview.h"
#include "core/tokenizer/Tokenizer.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/data/DataSettingsForm.h"
#include "ui/data/DatasetStatsView.h"
#include "ui/data/RecordPreviewView.h"


#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace ui {

DataPanel::DataPanel(QWidget* parent) : QWidget(parent), m_runner(new BackgroundRunner(this))
{
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(150);
    connect(m_reloadTimer, &QTimer::timeout, this, &DataPanel::reload);

    auto* layout = new QVBoxLayout(this);
    m_settings = new DataSettingsForm(this);
    layout->addWidget(m_settings);

    m_error = new QLabel(this);
    m_error->setObjectName("dataError");
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    layout->addWidget(m_error);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* previewBox = new QWidget(splitter);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    auto* recordRow = new QHBoxLayout;
    m_recordIndex = new QSpinBox(previewBox);
    m_recordIndex->setObjectName("recordIndex");
    m_recordIndex->setRange(0, 0);
    m_recordInfo = new QLabel(previewBox);
    m_recordInfo->setObjectName("recordInfo");
    recordRow->addWidget(new QLabel(tr("Record"), previewBox));
    recordRow->addWidget(m_recordIndex);
    recordRow->addWidget(m_recordInfo, 1);
    previewLayout->addLayout(recordRow);
    m_preview = new RecordPreviewView(previewBox);
    m_preview->setObjectName("recordPreview");
    previewLayout->addWidget(m_preview, 1);

    m_stats = new DatasetStatsView(splitter);
    splitter->addWidget(previewBox);
    splitter->addWidget(m_stats);
    layout->addWidget(splitter, 1);

    connect(m_recordIndex, qOverload<int>(&QSpinBox::valueChanged), this, &DataPanel::showRecord);
    connect(m_settings, &DataSettingsForm::sourceChanged, this, [this]() {
        scheduleReload();
        Q_EMIT changed();
    });
    connect(m_settings, &DataSettingsForm::changed, this, [this]() {
        showRecord(m_recordIndex->value());
        scheduleReload();
        Q_EMIT changed();
    });
}

void DataPanel::setDatasetPath(const QString& path)
{
    m_settings->setDatasetPath(path);
    scheduleReload();
    Q_EMIT changed();
}

QString DataPanel::datasetPath() const { return m_settings->datasetPath(); }

void DataPanel::setTokenizer(std::shared_ptr<const core::Tokenizer> tokenizer)
{
    m_tokenizer = std::move(tokenizer);
    showRecord(m_recordIndex->value());
    scheduleReload();
}

void DataPanel::apply(core::DataConfig& cfg) const { m_settings->apply(cfg); }

void DataPanel::load(const core::DataConfig& cfg)
{
    m_settings->load(cfg);
    scheduleReload();
    Q_EMIT changed();
}

void DataPanel::scheduleReload() { m_reloadTimer->start(); }

void DataPanel::reload()
{
    const int request = ++m_request;
    core::DataConfig cfg;
    apply(cfg);
    if (cfg.path.empty()) {
        m_records.reset();
        m_chats.reset();
        m_error->hide();
        m_preview->clear();
        m_recordInfo->setText(tr("Choose a dataset file."));
        Q_EMIT recordsLoaded();
        return;
    }
    ++m_busy;
    m_recordInfo->setText(tr("Reading…"));
    using Loaded = std::pair<std::shared_ptr<const core::RecordSet>, std::shared_ptr<const core::ChatRecordSet>>;
    m_runner->run<Loaded>(
        [cfg]() {
            if (cfg.format == core::DataFormat::Messages)
                return Loaded{nullptr, std::make_shared<const core::ChatRecordSet>(core::readChatRecords(cfg.path, cfg))};
            return Loaded{std::make_shared<const core::RecordSet>(core::readAlpacaRecords(cfg.path, cfg)), nullptr};
        },
        [this, request](Loaded loaded) {
            --m_busy;
            if (request != m_request)
                return;
            m_records = std::move(loaded.first);
            m_chats = std::move(loaded.second);
            m_error->hide();
            const int n = loadedCount();
            m_recordIndex->setRange(0, std::max(0, n - 1));
            showRecord(m_recordIndex->value());
            computeStats();
            Q_EMIT recordsLoaded();
        },
        [this, request](const ErrorText& error) {
            --m_busy;
            if (request != m_request)
                return;
            m_records.reset();
            m_chats.reset();
            showError(error.message);
            Q_EMIT recordsLoaded();
        });
}

void DataPanel::computeStats()
{
    if ((!m_records && !m_chats) || !m_tokenizer) {
        m_stats->showMessage(m_tokenizer ? QString() : tr("Load a model to tokenize the dataset and see its statistics."));
        return;
    }
    const int request = m_request;
    core::DataConfig cfg;
    apply(cfg);
    ++m_busy;
    auto tokenizer = m_tokenizer;
    m_runner->run<core::DatasetStats>(
        [cfg, tokenizer]() {
            const core::PreparedData data = core::prepareData(cfg, *tokenizer);
            return core::computeStats(data.train, data.validation, data.report, 20);
        },
        [this, request](core::DatasetStats stats) {
            --m_busy;
            if (request != m_request)
                return;
            m_stats->showStats(stats);
            Q_EMIT statsReady();
        },
        [this, request](const ErrorText& error) {
            --m_busy;
            if (request != m_request)
                return;
            showError(error.message);
            Q_EMIT statsReady();
        });
}

void DataPanel::showRecord(int index)
{
    const int count = loadedCount();
    if (count == 0)
        return;
    index = std::clamp(index, 0, count - 1);
    core::DataConfig cfg;
    apply(cfg);
    const std::vector<int64_t>& fileIndexes = m_chats ? m_chats->fileIndex : m_records->fileIndex;
    const int64_t fileIndex = fileIndexes.empty() ? index : fileIndexes[static_cast<size_t>(index)];
    try {
        if (m_chats && !m_tokenizer) {
            m_preview->clear();
            m_recordInfo->setText(tr("%1 of %2 · load a model: a conversation is shown as its chat template renders "
                                     "it").arg(index + 1).arg(count));
        } else if (m_tokenizer) {
            const core::RecordPreview preview =
                m_chats ? core::previewRecord(m_chats->records[static_cast<size_t>(index)], fileIndex, cfg, *m_tokenizer)
                        : core::previewRecord(m_records->records[index], fileIndex, cfg, *m_tokenizer);
            m_preview->showPreview(preview);
            QString info = tr("%1 of %2 · %3 tokens, %4 trained")
                               .arg(index + 1)
                               .arg(count)
                               .arg(preview.tokens.size())
                               .arg(preview.trainedTokens);
            if (preview.truncated)
                info += tr(" · truncated from %1 tokens").arg(preview.fullLength);
            if (preview.dropped)
                info += tr(" · dropped: training leaves this record out");
            m_recordInfo->setText(info);
        } else {
            m_preview->showText(core::previewRecord(m_records->records[index], fileIndex, cfg));
            m_recordInfo->setText(tr("%1 of %2 · load a model to see its tokens").arg(index + 1).arg(count));
        }
    } catch (...) {
        showError(describeException(std::current_exception()).message);
    }
}

void DataPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    m_recordInfo->setText(tr("The dataset could not be used; see the message above."));
}

int DataPanel::loadedCount() const
{
    return m_chats ? static_cast<int>(m_chats->records.size()) : m_records ? static_cast<int>(m_records->records.size()) : 0;
}

int DataPanel::recordCount() const { return loadedCount(); }
bool DataPanel::isBusy() const { return m_busy > 0 || m_reloadTimer->isActive(); }
QString DataPanel::errorText() const { return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString(); }
QString DataPanel::statsText() const { return m_stats->text(); }
QCustomPlot* DataPanel::histogramPlot() const { return m_stats->histogram(); }
QString DataPanel::tokenCountText() const { return m_recordInfo->text(); }

} // namespace ui
