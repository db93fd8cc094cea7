#pragma once
// The dataset: file, column mapping, template, validation split and max_length; a preview of any record as the model
// sees it; statistics with a length histogram. Reading and tokenizing the whole file run in the background; errors
// show inline, naming the record.
#include "core/data/AlpacaRecord.h"
#include "core/data/ChatRecord.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetStats.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace core {
class Tokenizer;
}

namespace ui {

class BackgroundRunner;
class DatasetStatsView;
class DataSettingsForm;
class RecordPreviewView;

class DataPanel : public QWidget {
    Q_OBJECT
public:
    explicit DataPanel(QWidget* parent = nullptr);

    void setTokenizer(std::shared_ptr<const core::Tokenizer> tokenizer);
    void setDatasetPath(const QString& path);
    QString datasetPath() const;

    void apply(core::DataConfig& cfg) const;
    void load(const core::DataConfig& cfg);

    // Shows record i (0-based among the valid records).
    void showRecord(int index);
    int recordCount() const;
    bool isBusy() const;
    QString errorText() const;
    QString statsText() const;
    QString tokenCountText() const;
    RecordPreviewView* previewView() const { return m_preview; }
    QCustomPlot* histogramPlot() const;

Q_SIGNALS:
    void changed();      ///< a setting changed (max_length feeds the memory estimate)
    void recordsLoaded(); ///< the file was read (or failed: errorText())
    void statsReady();

private:
    void scheduleReload();
    void reload();
    void computeStats();
    void showError(const QString& message);

    BackgroundRunner* m_runner;
    DataSettingsForm* m_settings;
    QTimer* m_reloadTimer;
    QSpinBox* m_recordIndex;
    QLabel* m_recordInfo;
    QLabel* m_error;
    DatasetStatsView* m_stats;
    RecordPreviewView* m_preview;

    std::shared_ptr<const core::Tokenizer> m_tokenizer;
    // The file's valid records, of the format it is read as: Alpaca records or chat conversations (one is null).
    std::shared_ptr<const core::RecordSet> m_records;
    std::shared_ptr<const core::ChatRecordSet> m_chats;
    int loadedCount() const;
    int m_request = 0;
    int m_busy = 0;
};

} // namespace ui
