#pragma once
// The dataset: file, format, column mapping, template, validation split and max_length; a preview of any record as
// the model sees it (a task head's label, tags, answer span or pair included); statistics with a length histogram.
// Reading and tokenizing the whole file run in the background; errors show inline, naming the record.
#include "core/data/AlpacaRecord.h"
#include "core/data/ChatRecord.h"
#include "core/data/DataConfig.h"
#include "core/data/DatasetStats.h"
#include "core/lora/LoraConfig.h"
#include "core/task/TaskConfig.h"

#include <QWidget>

#include <functional>
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
    // The task head the data trains (its formats; its task: keys, e.g. QUESTION_ANS's doc_stride, shape the preview
    // and the statistics as training will).
    void setTask(core::TaskType type, const core::TaskConfig& task);

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

protected:
    void changeEvent(QEvent* event) override;

private:
    // The "Record" label, the line about the record shown and the statistics' message, from what they last said.
    void retranslateUi();
    // Sets the line above the preview; `describe` is kept to say it again after a language change.
    void showRecordInfo(std::function<QString()> describe);
    void scheduleReload();
    void reload();
    void computeStats();
    void showError(const QString& message);
    // Formats previewed from the file in the background (a task head's, plain text) rather than from records in memory.
    void showFileRecord(int index, int count, const core::DataConfig& cfg);

    BackgroundRunner* m_runner;
    DataSettingsForm* m_settings;
    QTimer* m_reloadTimer;
    QSpinBox* m_recordIndex;
    QLabel* m_recordLabel;
    QLabel* m_recordInfo;
    std::function<QString()> m_describeRecord; ///< m_recordInfo's text in the current language
    std::function<QString()> m_statsMessage;   ///< the statistics' message; empty while they show statistics
    QLabel* m_error;
    DatasetStatsView* m_stats;
    RecordPreviewView* m_preview;

    std::shared_ptr<const core::Tokenizer> m_tokenizer;
    // The file's valid records, of the format it is read as: records read by column (Alpaca, seq_cls, token_cls,
    // pairs) or chat conversations (at most one is set); squad questions and text windows are only counted.
    std::shared_ptr<const core::RecordSet> m_records;
    std::shared_ptr<const core::ChatRecordSet> m_chats;
    int m_counted = 0;
    core::TaskConfig m_task;
    int m_previewRequest = 0;
    int loadedCount() const;
    int m_request = 0;
    int m_busy = 0;
};

} // namespace ui
