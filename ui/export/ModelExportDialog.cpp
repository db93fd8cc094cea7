#include "ui/export/ModelExportDialog.h"

#include "core/export/GgufModelExport.h"
#include "core/export/MergedModelExport.h"
#include "core/export/OllamaModelfile.h"
#include "ui/common/FormRowLabel.h"
#include "ui/common/PathField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ui {

QString ModelExportDialog::title(Kind kind)
{
    switch (kind) {
    case Kind::Merged: return tr("Export merged model");
    case Kind::Gguf: return tr("Export GGUF");
    case Kind::GgufLora: return tr("Export GGUF LoRA");
    case Kind::Ollama: return tr("Export for Ollama");
    }
    return {};
}

ModelExportDialog::ModelExportDialog(Kind kind, const QString& modelDir, const QString& adapterDir, QWidget* parent)
    : QDialog(parent), m_kind(kind), m_modelDir(modelDir), m_adapterDir(adapterDir)
{
    setObjectName("modelExportDialog");
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);

    m_form = new QFormLayout;
    const bool file = kind == Kind::Gguf || kind == Kind::GgufLora;
    // The field's dialog title, placeholder and filter come from retranslateUi().
    m_output = new PathField(file ? PathField::Kind::File : PathField::Kind::Directory, "exportOutput", QString(),
                             QString(), this);
    m_form->addRow(QString(), m_output); // labels: made and worded by retranslateUi() (setFormRowLabel)
    m_type = new QComboBox(this);
    m_type->setObjectName("exportType");
    if (kind == Kind::Merged) {
        m_type->addItem(QString(), "auto"); // "as the base is stored", from retranslateUi()
        m_type->addItem("bf16", "bf16");
        m_type->addItem("f16", "f16");
        m_type->addItem("f32", "f32");
        m_form->addRow(QString(), m_type);
    } else if (kind != Kind::GgufLora) {
        for (const char* t : {"f16", "bf16", "f32", "q8_0", "q4_0"})
            m_type->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
        m_form->addRow(QString(), m_type);
    } else {
        m_type->hide();
    }
    m_overwrite = new QCheckBox(this);
    m_overwrite->setObjectName("exportOverwrite");
    m_form->addRow(QString(), m_overwrite);
    layout->addLayout(m_form);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName("exportStatus");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    auto* buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_export->setObjectName("exportStart");
    // Not the standard Cancel button: the box would put back "Cancel" on a language switch over "Close".
    m_cancel = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_cancel->setObjectName("exportCancel");
    layout->addWidget(buttons);
    connect(m_export, &QPushButton::clicked, this, &ModelExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ModelExportDialog::cancelExport);
    retranslateUi();
    resize(560, sizeHint().height());
}

void ModelExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ModelExportDialog::retranslateUi()
{
    setWindowTitle(title(m_kind));
    m_intro->setText(introText());
    const bool file = m_kind == Kind::Gguf || m_kind == Kind::GgufLora;
    m_output->setTexts(tr("Export to"), file ? tr("file.gguf") : tr("a new folder"),
                       file ? tr("GGUF files (*.gguf)") : QString());
    setFormRowLabel(m_form, m_output, file ? tr("Output file") : tr("Output folder"));
    if (m_kind == Kind::Merged) {
        m_type->setItemText(0, tr("as the base is stored"));
        setFormRowLabel(m_form, m_type, tr("dtype"));
    } else if (m_kind != Kind::GgufLora) {
        m_type->setToolTip(tr("What the weight matrices are stored as: q8_0 is about half of f16 and nearly "
                              "lossless, q4_0 a quarter with a visible loss. Norms stay f32."));
        setFormRowLabel(m_form, m_type, tr("Type"));
    }
    m_overwrite->setText(tr("Replace an earlier export there"));
    m_overwrite->setToolTip(tr("Only files an earlier export wrote are ever replaced."));
    m_export->setText(tr("Export"));
    m_cancel->setText(m_running ? tr("Cancel export") : m_ended ? tr("Close") : tr("Cancel"));
    renderStatus();
}

QString ModelExportDialog::introText() const
{
    QString what;
    switch (m_kind) {
    case Kind::Merged:
        what = tr("The base model with the adapter folded into its weights (as PEFT's merge_and_unload), as a "
                  "Hugging Face folder that transformers, vLLM and TGI load without PEFT.");
        break;
    case Kind::Gguf:
        what = tr("The merged model as one GGUF file for llama.cpp, LM Studio and Ollama.");
        break;
    case Kind::GgufLora:
        what = tr("The adapter alone as a GGUF LoRA file, applied over the base model's GGUF (llama.cpp --lora, "
                  "Ollama's ADAPTER). Adapters that also train biases or whole modules need the merged GGUF.");
        break;
    case Kind::Ollama:
        what = tr("A folder with the merged model as model.gguf and a Modelfile; then run "
                  "<code>ollama create NAME -f Modelfile</code> in it.");
        break;
    }
    return what + "<br><br>" +
           tr("Base: %1<br>Adapter: %2")
               .arg(QDir::toNativeSeparators(m_modelDir).toHtmlEscaped(),
                    QDir::toNativeSeparators(m_adapterDir).toHtmlEscaped());
}

ModelExportDialog::~ModelExportDialog()
{
    if (m_cancelFlag)
        m_cancelFlag->store(true);
}

core::ExportReport ModelExportDialog::runExport(const Request& request, const core::ExportControl& control)
{
    const std::string& model = request.model;
    const std::string& adapter = request.adapter;
    const std::string& out = request.output;
    const std::string& type = request.type;
    const bool overwrite = request.overwrite;
    switch (request.kind) {
    case Kind::Merged: {
        core::MergedExportOptions options;
        options.dtype = type;
        options.overwrite = overwrite;
        return core::exportMergedModel(model, adapter, out, options, control);
    }
    case Kind::Gguf: {
        core::GgufExportOptions options;
        options.type = core::parseGgufFileType(type, "type");
        options.overwrite = overwrite;
        return core::exportGgufModel(model, adapter, out, options, control);
    }
    case Kind::GgufLora:
        return core::exportGgufLora(model, adapter, out, overwrite, control);
    case Kind::Ollama: {
        QDir().mkpath(QString::fromStdString(out));
        core::GgufExportOptions options;
        options.type = core::parseGgufFileType(type, "type");
        options.overwrite = overwrite;
        const std::string gguf = QDir(QString::fromStdString(out)).filePath("model.gguf").toStdString();
        core::ExportReport report = core::exportGgufModel(model, adapter, gguf, options, control);
        core::ModelfileOptions modelfile;
        modelfile.ggufPath = gguf;
        modelfile.modelDir = model;
        modelfile.overwrite = overwrite;
        const auto written = core::writeOllamaModelfile(QDir(QString::fromStdString(out)).filePath("Modelfile").toStdString(),
                                                        modelfile);
        report.kind = "ollama";
        report.output = out;
        report.files.insert(report.files.end(), written.files.begin(), written.files.end());
        return report;
    }
    }
    return {};
}

void ModelExportDialog::startExport()
{
    if (m_running)
        return;
    if (m_output->path().isEmpty()) {
        showStatus(Status::NeedOutput);
        return;
    }
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    core::ExportControl control;
    const auto flag = m_cancelFlag;
    control.isCancelled = [flag] { return flag->load(); };
    QPointer<ModelExportDialog> self(this);
    control.onProgress = [self](const core::ExportProgressReport& p) {
        const int value = int(p.fraction * 1000);
        const QString what = QString::fromStdString(p.what);
        QMetaObject::invokeMethod(
            self.data(), [self, value, what] {
                if (self)
                    self->showProgress(value, what);
            },
            Qt::QueuedConnection);
    };
    const Request request{m_kind, m_modelDir.toStdString(), m_adapterDir.toStdString(), m_output->path().toStdString(),
                          m_type->currentData().toString().toStdString(), m_overwrite->isChecked()};
    setRunning(true);
    showStatus(Status::Loading);
    m_runner.run<core::ExportReport>(
        [request, control] { return runExport(request, control); },
        [this](core::ExportReport report) {
            setRunning(false);
            m_progress->setValue(1000);
            m_report = std::move(report);
            showStatus(Status::Wrote);
            Q_EMIT exportFinished(true, wroteText());
        },
        [this](const ErrorText& error) {
            setRunning(false);
            m_progress->setValue(0);
            showStatus(Status::Failed, error.message);
            Q_EMIT exportFinished(false, error.message);
        });
}

void ModelExportDialog::showProgress(int value, const QString& what)
{
    m_progress->setValue(value);
    showStatus(Status::Progress, what);
}

void ModelExportDialog::showStatus(Status status, const QString& coreText)
{
    m_statusKind = status;
    m_statusCoreText = coreText;
    renderStatus();
}

void ModelExportDialog::renderStatus()
{
    switch (m_statusKind) {
    case Status::None: m_status->clear(); break;
    case Status::NeedOutput: m_status->setText(tr("Choose where to write the export first.")); break;
    case Status::Loading: m_status->setText(tr("Loading the model…")); break;
    case Status::Cancelling: m_status->setText(tr("Cancelling after the current tensor…")); break;
    case Status::Progress: // what core is writing, and core's reason: its own words
    case Status::Failed: m_status->setText(m_statusCoreText); break;
    case Status::Wrote: {
        QString text = wroteText();
        for (const auto& w : m_report.warnings) // core's notes; only the lead-in is ours
            text += "\n" + tr("Note: %1").arg(QString::fromStdString(w));
        m_status->setText(text);
        break;
    }
    }
}

QString ModelExportDialog::wroteText() const
{
    return tr("Wrote %1 (%2).")
        .arg(QDir::toNativeSeparators(QString::fromStdString(m_report.output)),
             QLocale().formattedDataSize(qint64(m_report.totalBytes())));
}

void ModelExportDialog::cancelExport()
{
    if (!m_running) {
        QDialog::reject();
        return;
    }
    m_cancelFlag->store(true);
    showStatus(Status::Cancelling);
}

void ModelExportDialog::reject()
{
    cancelExport();
}

void ModelExportDialog::setRunning(bool running)
{
    m_running = running;
    if (!running)
        m_ended = true;
    m_export->setEnabled(!running);
    m_output->setEnabled(!running);
    m_type->setEnabled(!running);
    m_overwrite->setEnabled(!running);
    m_cancel->setText(running ? tr("Cancel export") : tr("Close"));
}

} // namespace ui
