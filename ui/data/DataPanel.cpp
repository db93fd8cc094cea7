#include "ui/data/DataPanel.h"

#include "core/data/ChatRecordReader.h"
#include "core/data/DatasetReader.h"
#include "core/data/ExampleBuilder.h"
#include "core/data/PreparedData.h"
#include "core/data/RecordPreview.h"
#include "core/data/SquadData.h"
#include "core/tokenizer/Tokenizer.h"
#include "ui/common/BackgroundRunner.h"
#include "ui/data/DataSettingsForm.h"
#include "ui/data/DatasetStatsView.h"
#include "ui/data/RecordPreviewView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <tuple>

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
    m_recordLabel = new QLabel(previewBox);
    recordRow->addWidget(m_recordLabel);
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
    retranslateUi();
}

void DataPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DataPanel::retranslateUi()
{
    m_recordLabel->setText(tr("Record"));
    if (m_describeRecord)
        m_recordInfo->setText(m_describeRecord());
    if (m_statsMessage)
        m_stats->showMessage(m_statsMessage());
}

void DataPanel::showRecordInfo(std::function<QString()> describe)
{
    m_describeRecord = std::move(describe);
    m_recordInfo->setText(m_describeRecord());
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

void DataPanel::setTask(core::TaskType type, const core::TaskConfig& task)
{
    // Called on every LoRA setting's change: the file is read again only when what reading it depends on changed
    // (a new task_type that changes the format reloads through the form's sourceChanged).
    const auto keys = [](const core::TaskConfig& t) {
        return std::tie(t.numLabels, t.labels, t.problemType, t.padTokenId, t.docStride, t.maxAnswerLength);
    };
    const bool reread = keys(task) != keys(m_task);
    m_task = task;
    m_settings->setTaskType(type);
    if (reread)
        scheduleReload();
}

void DataPanel::scheduleReload() { m_reloadTimer->start(); }

namespace {

// What reload() reads: the records (those read by column, or conversations), or just how many there are (squad
// questions, plain text windows, which the preview reads from the file itself).
struct LoadedRecords {
    std::shared_ptr<const core::RecordSet> records;
    std::shared_ptr<const core::ChatRecordSet> chats;
    int counted = 0;
};

LoadedRecords readRecords(const core::DataConfig& cfg, const std::shared_ptr<const core::Tokenizer>& tok)
{
    LoadedRecords loaded;
    switch (cfg.format) {
    case core::DataFormat::Messages:
        loaded.chats = std::make_shared<const core::ChatRecordSet>(core::readChatRecords(cfg.path, cfg));
        break;
    case core::DataFormat::Squad:
        loaded.counted = static_cast<int>(core::readSquadFile(cfg.path).size());
        break;
    case core::DataFormat::Text: // windows of max_length tokens: counted once a tokenizer is there
        if (tok)
            loaded.counted = static_cast<int>(
                core::textWindows(core::textIds(core::readTextFile(cfg.path), *tok), cfg.maxLength).size());
        break;
    default:
        loaded.records = std::make_shared<const core::RecordSet>(core::readAlpacaRecords(cfg.path, cfg));
    }
    return loaded;
}

// The preview's one-line summary after "record i of n": its facts, each a sentence of its own, joined by " · ".
QString previewFacts(const core::RecordPreview& p)
{
    const QLocale locale;
    const int tokens = static_cast<int>(p.tokens.size());
    QStringList facts;
    if (p.classification)
        facts << DataPanel::tr("label %1 · %Ln token(s)", nullptr, tokens).arg(QString::fromStdString(p.label));
    else if (p.tagged)
        facts << DataPanel::tr("%Ln word(s) · %1 tokens, %2 trained", nullptr, static_cast<int>(p.words.size()))
                     .arg(locale.toString(tokens), locale.toString(p.trainedTokens));
    else if (p.answering)
        facts << DataPanel::tr("window %L1 of %L2 · %Ln token(s)", nullptr, tokens).arg(p.window + 1).arg(p.windows);
    else if (p.paired)
        facts << (p.negativeTokens.empty()
                      ? DataPanel::tr("query %Ln token(s), positive %L1", nullptr, tokens).arg(p.positiveTokens.size())
                      : DataPanel::tr("query %Ln token(s), positive %L1, negative %L2", nullptr, tokens)
                            .arg(p.positiveTokens.size())
                            .arg(p.negativeTokens.size()));
    else
        facts << DataPanel::tr("%Ln token(s), %L1 trained", nullptr, tokens).arg(p.trainedTokens);
    if (p.truncated)
        facts << DataPanel::tr("truncated from %Ln token(s)", nullptr, static_cast<int>(p.fullLength));
    if (p.dropped)
        facts << DataPanel::tr("dropped: training leaves this record out");
    return facts.join(QStringLiteral(" · "));
}

bool readsInMemory(core::DataFormat format)
{
    return format == core::DataFormat::Alpaca || format == core::DataFormat::Messages;
}

} // namespace

void DataPanel::reload()
{
    const int request = ++m_request;
    core::DataConfig cfg;
    apply(cfg);
    if (cfg.path.empty()) {
        m_records.reset();
        m_chats.reset();
        m_counted = 0;
        m_error->hide();
        m_preview->clearRecord();
        showRecordInfo([] { return tr("Choose a dataset file."); });
        Q_EMIT recordsLoaded();
        return;
    }
    ++m_busy;
    showRecordInfo([] { return tr("Reading…"); });
    auto tokenizer = m_tokenizer;
    m_runner->run<LoadedRecords>(
        [cfg, tokenizer]() { return readRecords(cfg, tokenizer); },
        [this, request, cfg](LoadedRecords loaded) {
            --m_busy;
            if (request != m_request)
                return;
            m_records = std::move(loaded.records);
            m_chats = std::move(loaded.chats);
            m_counted = loaded.counted;
            m_error->hide();
            const int n = loadedCount();
            m_recordIndex->setRange(0, std::max(0, n - 1));
            if (cfg.format == core::DataFormat::Text && !m_tokenizer)
                showRecordInfo([] { return tr("Load a model: plain text is cut into windows of max_length tokens."); });
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
            m_counted = 0;
            showError(error.message);
            Q_EMIT recordsLoaded();
        });
}

void DataPanel::computeStats()
{
    if (loadedCount() == 0 || !m_tokenizer) {
        const bool needsModel = !m_tokenizer;
        m_statsMessage = [needsModel] {
            return needsModel ? tr("Load a model to tokenize the dataset and see its statistics.") : QString();
        };
        m_stats->showMessage(m_statsMessage());
        return;
    }
    const int request = m_request;
    core::DataConfig cfg;
    apply(cfg);
    ++m_busy;
    auto tokenizer = m_tokenizer;
    const core::TaskConfig task = m_task;
    using StatsAndFacts = std::pair<core::DatasetStats, core::TaskDataFacts>;
    m_runner->run<StatsAndFacts>(
        [cfg, tokenizer, task]() {
            const core::PreparedData data = core::prepareData(cfg, *tokenizer, task);
            return StatsAndFacts{core::computeStats(data.train, data.validation, data.report, 20),
                                 core::taskDataFacts(data)};
        },
        [this, request](StatsAndFacts stats) {
            --m_busy;
            if (request != m_request)
                return;
            m_statsMessage = {};
            m_stats->showStats(stats.first, stats.second);
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
    if (!readsInMemory(cfg.format)) {
        showFileRecord(index, count, cfg);
        return;
    }
    const std::vector<int64_t>& fileIndexes = m_chats ? m_chats->fileIndex : m_records->fileIndex;
    const int64_t fileIndex = fileIndexes.empty() ? index : fileIndexes[static_cast<size_t>(index)];
    try {
        if (m_chats && !m_tokenizer) {
            m_preview->clearRecord();
            showRecordInfo([index, count] {
                return tr("%L1 of %L2 · load a model: a conversation is shown as its chat template renders it")
                    .arg(index + 1)
                    .arg(count);
            });
        } else if (m_tokenizer) {
            const core::RecordPreview preview =
                m_chats ? core::previewRecord(m_chats->records[static_cast<size_t>(index)], fileIndex, cfg, *m_tokenizer)
                        : core::previewRecord(m_records->records[index], fileIndex, cfg, *m_tokenizer);
            m_preview->showPreview(preview);
            showRecordInfo([index, count, preview] {
                return tr("%L1 of %L2 · %3").arg(index + 1).arg(count).arg(previewFacts(preview));
            });
        } else {
            m_preview->showText(core::previewRecord(m_records->records[index], fileIndex, cfg));
            showRecordInfo([index, count] {
                return tr("%L1 of %L2 · load a model to see its tokens").arg(index + 1).arg(count);
            });
        }
    } catch (...) {
        showError(describeException(std::current_exception()).message);
    }
}

void DataPanel::showFileRecord(int index, int count, const core::DataConfig& cfg)
{
    // Counted as in the file (skipped records included), as previewFileRecord and `lorawb data preview` count.
    const int64_t fileIndex =
        m_records && !m_records->fileIndex.empty() ? m_records->fileIndex[static_cast<size_t>(index)] : index;
    const int request = ++m_previewRequest;
    auto tokenizer = m_tokenizer;
    const int64_t docStride = m_task.docStride;
    ++m_busy;
    m_runner->run<core::RecordPreview>(
        [cfg, fileIndex, tokenizer, docStride]() {
            return core::previewFileRecord(cfg, fileIndex, tokenizer.get(), docStride);
        },
        [this, request, index, count](core::RecordPreview preview) {
            --m_busy;
            if (request != m_previewRequest)
                return;
            if (preview.tokens.empty()) {
                m_preview->showText(preview);
                showRecordInfo([index, count] {
                    return tr("%L1 of %L2 · load a model to see its tokens").arg(index + 1).arg(count);
                });
            } else {
                m_preview->showPreview(preview);
                showRecordInfo([index, count, preview] {
                    return tr("%L1 of %L2 · %3").arg(index + 1).arg(count).arg(previewFacts(preview));
                });
            }
        },
        [this, request](const ErrorText& error) {
            --m_busy;
            if (request == m_previewRequest)
                showError(error.message);
        });
}

void DataPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    showRecordInfo([] { return tr("The dataset could not be used; see the message above."); });
}

int DataPanel::loadedCount() const
{
    return m_chats     ? static_cast<int>(m_chats->records.size())
           : m_records ? static_cast<int>(m_records->records.size())
                       : m_counted;
}

int DataPanel::recordCount() const { return loadedCount(); }
bool DataPanel::isBusy() const { return m_busy > 0 || m_reloadTimer->isActive(); }
QString DataPanel::errorText() const { return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString(); }
QString DataPanel::statsText() const { return m_stats->text(); }
QCustomPlot* DataPanel::histogramPlot() const { return m_stats->histogram(); }
QString DataPanel::tokenCountText() const { return m_recordInfo->text(); }

} // namespace ui
