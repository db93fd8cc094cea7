#include "ui/export/ModelExportDialog.h"

#include "core/export/GgufModelExport.h"
#include "core/export/MergedModelExport.h"
#include "core/export/OllamaModelfile.h"
#include "ui/common/PathField.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
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
    setWindowTitle(title(kind));
    setObjectName("modelExportDialog");
    auto* layout = new QVBoxLayout(this);
    QString what;
    switch (kind) {
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
    auto* intro = new QLabel(what + "<br><br>" + tr("Base: %1<br>Adapter: %2")
                                                     .arg(QDir::toNativeSeparators(modelDir).toHtmlEscaped(),
                                                          QDir::toNativeSeparators(adapterDir).toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    const bool file = kind == Kind::Gguf || kind == Kind::GgufLora;
    m_output = new PathField(file ? PathField::Kind::File : PathField::Kind::Directory, "exportOutput",
                             tr("Export to"), file ? tr("file.gguf") : tr("a new folder"), this,
                             file ? tr("GGUF files (*.gguf)") : QString());
    form->addRow(file ? tr("Output file") : tr("Output folder"), m_output);
    m_type = new QComboBox(this);
    m_type->setObjectName("exportType");
    if (kind == Kind::Merged) {
        m_type->addItem(tr("as the base is stored"), "auto");
        m_type->addItem("bf16", "bf16");
        m_type->addItem("f16", "f16");
        m_type->addItem("f32", "f32");
        form->addRow(tr("dtype"), m_type);
    } else if (kind != Kind::GgufLora) {
        for (const char* t : {"f16", "bf16", "f32", "q8_0", "q4_0"})
            m_type->addItem(QString::fromLatin1(t), QString::fromLatin1(t));
        m_type->setToolTip(tr("What the weight matrices are stored as: q8_0 is about half of f16 and nearly "
                              "lossless, q4_0 a quarter with a visible loss. Norms stay f32."));
        form->addRow(tr("Type"), m_type);
    } else {
        m_type->hide();
    }
    m_overwrite = new QCheckBox(tr("Replace an earlier export there"), this);
    m_overwrite->setObjectName("exportOverwrite");
    m_overwrite->setToolTip(tr("Only files an earlier export wrote are ever replaced."));
    form->addRow(QString(), m_overwrite);
    layout->addLayout(form);

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
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName("exportStart");
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName("exportCancel");
    layout->addWidget(buttons);
    connect(m_export, &QPushButton::clicked, this, &ModelExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ModelExportDialog::cancelExport);
    resize(560, sizeHint().height());
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
        m_status->setText(tr("Choose where to write the export first."));
        return;
    }
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    core::ExportControl control;
    const auto flag = m_cancelFlag;
    control.isCancelled = [flag] { return flag->load(); };
    QPointer<QProgressBar> bar(m_progress);
    QPointer<QLabel> status(m_status);
    control.onProgress = [bar, status](const core::ExportProgressReport& p) {
        const int value = int(p.fraction * 1000);
        const QString what = QString::fromStdString(p.what);
        QMetaObject::invokeMethod(
            bar.data(), [bar, status, value, what] {
                if (bar)
                    bar->setValue(value);
                if (status)
                    status->setText(what);
            },
            Qt::QueuedConnection);
    };
    const Request request{m_kind, m_modelDir.toStdString(), m_adapterDir.toStdString(), m_output->path().toStdString(),
                          m_type->currentData().toString().toStdString(), m_overwrite->isChecked()};
    setRunning(true);
    m_status->setText(tr("Loading the model…"));
    m_runner.run<core::ExportReport>(
        [request, control] { return runExport(request, control); },
        [this](core::ExportReport report) {
            setRunning(false);
            m_progress->setValue(1000);
            const QString message =
                tr("Wrote %1 (%2).")
                    .arg(QDir::toNativeSeparators(QString::fromStdString(report.output)),
                         QLocale().formattedDataSize(qint64(report.totalBytes())));
            QString warnings;
            for (const auto& w : report.warnings)
                warnings += "\n" + tr("Note: %1").arg(QString::fromStdString(w));
            m_status->setText(message + warnings);
            Q_EMIT exportFinished(true, message);
        },
        [this](const ErrorText& error) {
            setRunning(false);
            m_progress->setValue(0);
            m_status->setText(error.message);
            Q_EMIT exportFinished(false, error.message);
        });
}

void ModelExportDialog::cancelExport()
{
    if (!m_running) {
        QDialog::reject();
        return;
    }
    m_cancelFlag->store(true);
    m_status->setText(tr("Cancelling after the current tensor…"));
}

void ModelExportDialog::reject()
{
    cancelExport();
}

void ModelExportDialog::setRunning(bool running)
{
    m_running = running;
    m_export->setEnabled(!running);
    m_output->setEnabled(!running);
    m_type->setEnabled(!running);
    m_overwrite->setEnabled(!running);
    m_cancel->setText(running ? tr("Cancel export") : tr("Close"));
}

} // namespace ui
