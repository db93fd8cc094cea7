#pragma once
// File → Export → merged model / GGUF / GGUF LoRA / Ollama: one dialog for the exports that turn the last run's
// adapter into something users run. The export runs on its own thread (an 8B merge takes minutes) with a progress
// bar and a Cancel button that stops between tensors and removes the partial output (core/export).
#include "core/export/ExportOutput.h"
#include "ui/common/BackgroundRunner.h"

#include <QDialog>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ui {

class PathField;

class ModelExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Kind {
        Merged,   ///< a Hugging Face folder (transformers, vLLM, TGI)
        Gguf,     ///< one GGUF file with the adapter merged (llama.cpp, LM Studio, Ollama)
        GgufLora, ///< the adapter alone as GGUF, for the base model's GGUF (llama.cpp --lora, Ollama ADAPTER)
        Ollama,   ///< a folder with model.gguf and a Modelfile: `ollama create NAME -f Modelfile`
    };
    ModelExportDialog(Kind kind, const QString& modelDir, const QString& adapterDir, QWidget* parent = nullptr);
    ~ModelExportDialog() override; ///< cancels a running export and waits for it

    static QString title(Kind kind);
    PathField* outputField() const { return m_output; }
    QComboBox* typeBox() const { return m_type; } ///< dtype (merged) or GGUF type; hidden for GGUF LoRA
    QCheckBox* overwriteBox() const { return m_overwrite; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* statusLabel() const { return m_status; }
    bool isExporting() const { return m_running; }

    void startExport();
    void cancelExport(); ///< stops a running export (its partial output is removed); closes the dialog otherwise

Q_SIGNALS:
    void exportFinished(bool ok, const QString& message); ///< message: what was written, or why not

protected:
    void reject() override; ///< Escape / the window's close button cancel a running export first
    void changeEvent(QEvent* event) override;

private:
    // What the status line says, kept so that a language switch says it again in the new language.
    enum class Status { None, NeedOutput, Loading, Progress, Wrote, Failed, Cancelling };

    void retranslateUi();
    QString introText() const; // what this kind of export makes, and from which base and adapter
    void showStatus(Status status, const QString& coreText = {}); ///< coreText: Progress's or Failed's (core's words)
    void renderStatus();
    QString wroteText() const; // "Wrote … (size)." from m_report
    void showProgress(int value, const QString& what);
    // What the worker thread needs, read from the widgets on the GUI thread before it starts.
    struct Request {
        Kind kind;
        std::string model, adapter, output, type;
        bool overwrite = false;
    };
    static core::ExportReport runExport(const Request& request, const core::ExportControl& control);
    void setRunning(bool running);

    Kind m_kind;
    QString m_modelDir, m_adapterDir;
    QLabel* m_intro = nullptr;
    QFormLayout* m_form = nullptr;
    PathField* m_output = nullptr;
    QComboBox* m_type = nullptr;
    QCheckBox* m_overwrite = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    BackgroundRunner m_runner;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    bool m_running = false;
    bool m_ended = false; ///< an export ended (written, failed or cancelled): the button then says Close
    Status m_statusKind = Status::None;
    QString m_statusCoreText;
    core::ExportReport m_report; ///< the last export written
};

} // namespace ui
