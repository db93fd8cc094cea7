// MainWindow's menus and the File actions (experiment files, adapter export).
#include "ui/window/MainWindow.h"

#include "core/common/Version.h"
#include "ui/train/AdapterExport.h"
#include "ui/common/ErrorText.h"
#include "ui/common/ResourcePaths.h"
#include "ui/window/DemoExperiment.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace ui {

namespace {

// A demo's opening comment up to its first full stop ("Demo, SEQ_CLS: teach the bundled demo model to tell an Old
// Testament verse from a New Testament one — …"): the file says itself what it trains.
QString firstCommentSentence(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QString sentence;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.startsWith(QLatin1Char('#')))
            break;
        sentence += (sentence.isEmpty() ? QString() : QStringLiteral(" ")) + line.mid(1).trimmed();
        const qsizetype stop = sentence.indexOf(QLatin1String(". "));
        if (stop >= 0)
            return sentence.left(stop + 1);
        if (sentence.endsWith(QLatin1Char('.')))
            break;
    }
    return sentence;
}

} // namespace

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(QString());
    translated(file->menuAction(), QT_TR_NOOP("&File"));
    QAction* open = translated(file->addAction(QString(), this, &MainWindow::chooseAndOpenExperiment),
                               QT_TR_NOOP("&Open experiment…"));
    open->setShortcut(QKeySequence::Open);
    // The bundled demos, one per task: each trains on the demo model in a minute or two (resources/demo/README.md).
    QMenu* demos = file->addMenu(QString());
    demos->setObjectName("demoExperimentsMenu");
    demos->setToolTipsVisible(true);
    const QDir experiments(QDir(resourcesDir()).filePath(QStringLiteral("experiments")));
    for (const QFileInfo& demo : experiments.entryInfoList({QStringLiteral("demo_*.yaml")}, QDir::Files, QDir::Name)) {
        QAction* action = demos->addAction(demo.completeBaseName(), this,
                                           [this, path = demo.filePath()]() { openExperiment(path); });
        action->setData(demo.filePath());
        action->setToolTip(firstCommentSentence(demo.filePath()));
    }
    demos->setEnabled(!demos->isEmpty());
    translated(demos->menuAction(), QT_TR_NOOP("Open &demo experiment"),
               demos->isEmpty() ? QT_TR_NOOP("No bundled experiments were found (resources/experiments).") : nullptr);
    QAction* save = translated(file->addAction(QString(), this, &MainWindow::chooseAndSaveExperiment),
                               QT_TR_NOOP("&Save experiment…"));
    save->setShortcut(QKeySequence::Save);
    file->addSeparator();
    m_exportAction = translated(file->addAction(QString(), this, &MainWindow::chooseAndExportAdapter),
                                QT_TR_NOOP("&Export adapter…"),
                                QT_TR_NOOP("Write the PEFT adapter folder of the last run (adapter_config.json, "
                                           "adapter_model.safetensors, README.md) where you choose."));
    m_exportAction->setObjectName("exportAdapterAction");
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setEnabled(false);
    QMenu* exportAs = file->addMenu(QString());
    translated(exportAs->menuAction(), QT_TR_NOOP("Export &as"));
    exportAs->setToolTipsVisible(true);
    using Kind = ModelExportDialog::Kind;
    const std::pair<Kind, const char*> kinds[] = {
        {Kind::Merged, QT_TR_NOOP("&Merged model (Hugging Face)…")},
        {Kind::Gguf, QT_TR_NOOP("&GGUF (llama.cpp)…")},
        {Kind::GgufLora, QT_TR_NOOP("GGUF &LoRA (llama.cpp --lora)…")},
        {Kind::Ollama, QT_TR_NOOP("&Ollama (GGUF + Modelfile)…")},
    };
    for (const auto& [kind, text] : kinds) {
        QAction* action = translated(exportAs->addAction(QString(), this, [this, kind = kind]() { openModelExport(kind); }),
                                     text,
                                     QT_TR_NOOP("Available after a LoRA run: the adapter of the last run over the "
                                                "Model tab's base."));
        action->setObjectName(QStringLiteral("modelExportAction%1").arg(int(kind)));
        action->setEnabled(false);
        m_modelExportActions.push_back(action);
    }
    file->addSeparator();
    QAction* quit = translated(file->addAction(QString(), this, &QWidget::close), QT_TR_NOOP("&Quit"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(QString());
    translated(run->menuAction(), QT_TR_NOOP("&Run"));
    QAction* start = m_startAction =
        translated(run->addAction(QString(), m_training, &TrainingPanel::start), QT_TR_NOOP("&Start"));
    start->setObjectName("startAction");
    start->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    QAction* pause = m_pauseAction = translated(run->addAction(QString(), m_training, &TrainingPanel::togglePause),
                                                QT_TR_NOOP("&Pause / continue"));
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    QAction* stop = m_stopAction =
        translated(run->addAction(QString(), m_training, &TrainingPanel::stop), QT_TR_NOOP("S&top"));
    stop->setObjectName("stopAction");
    stop->setShortcut(QKeySequence(Qt::Key_Escape));
    m_resumeAction = translated(run->addAction(QString(), m_training, &TrainingPanel::resume), QT_TR_NOOP("&Resume"));

    QMenu* view = menuBar()->addMenu(QString());
    translated(view->menuAction(), QT_TR_NOOP("&View"));
    buildLanguageMenu(view);

    QMenu* help = menuBar()->addMenu(QString());
    translated(help->menuAction(), QT_TR_NOOP("&Help"));
    QAction* about = help->addAction(QString(), this, [this]() {
        QMessageBox::about(this, tr("About LoRA Workbench"),
                           tr("<b>LoRA Workbench %1</b><br>LoRA fine-tuning for LLaMA-family models.<br>libtorch %2, "
                              "CUDA %3.")
                               .arg(QString::fromStdString(core::versionString()),
                                    QString::fromStdString(core::torchVersionString()),
                                    core::cudaAvailable() ? tr("available") : tr("not available")));
    });
    translated(about, QT_TR_NOOP("&About LoRA Workbench"));

    QToolBar* bar = m_toolBar = addToolBar(QString());
    bar->setObjectName("mainToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(open);
    bar->addAction(save);
    bar->addSeparator();
    bar->addAction(start);
    bar->addAction(stop);
    bar->addSeparator();
    bar->addAction(m_exportAction);
}

void MainWindow::updateRunActions()
{
    const bool running = m_training->isRunning();
    m_startAction->setEnabled(!running);
    m_pauseAction->setEnabled(running);
    m_stopAction->setEnabled(running);
    m_resumeAction->setEnabled(m_training->canResume());
    m_exportAction->setEnabled(!running && !m_training->lastAdapterDir().isEmpty());
    for (QAction* action : m_modelExportActions)
        action->setEnabled(m_exportAction->isEnabled());
}

ModelExportDialog* MainWindow::openModelExport(ModelExportDialog::Kind kind)
{
    const QString adapter = m_training->lastAdapterDir();
    if (adapter.isEmpty())
        return nullptr;
    auto* dialog = new ModelExportDialog(kind, QString::fromStdString(currentExperiment().model), adapter, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ModelExportDialog::exportFinished, this, [this](bool ok, const QString& message) {
        if (ok)
            statusBar()->showMessage(message, 10000);
    });
    dialog->show();
    return dialog;
}

QString MainWindow::openExperiment(const QString& path, bool quiet)
{
    try {
        core::ExperimentConfig cfg = core::loadExperiment(path.toStdString());
        if (isBundledExperiment(path)) // its inputs are named from the repository root
            rebaseInputsOnResources(cfg);
        applyExperiment(cfg);
        statusBar()->showMessage(tr("Opened %1").arg(path), 5000);
        return {};
    } catch (...) {
        const QString message = describeException(std::current_exception()).message;
        if (!quiet)
            showError(tr("Cannot open the experiment"), message);
        return message;
    }
}

QString MainWindow::saveExperimentTo(const QString& path, bool quiet)
{
    try {
        core::ExperimentConfig cfg = currentExperiment();
        const QString stem = QFileInfo(path).completeBaseName();
        if (!stem.isEmpty()) {
            m_experimentName = stem;
            cfg.name = stem.toStdString();
            cfg.outputDir = QDir(m_training->settings()->runsFolder()).filePath(stem).toStdString();
        }
        core::saveExperiment(path.toStdString(), cfg);
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
        return {};
    } catch (...) {
        const QString message = describeException(std::current_exception()).message;
        if (!quiet)
            showError(tr("Cannot save the experiment"), message);
        return message;
    }
}

QString MainWindow::exportAdapterTo(const QString& folder, bool quiet)
{
    const QString from = m_training->lastAdapterDir();
    const QString message = from.isEmpty() ? tr("No adapter yet: train a run (or stop one) first.")
                                           : exportAdapterFolder(from, folder);
    if (message.isEmpty())
        statusBar()->showMessage(tr("Adapter exported to %1").arg(QDir::toNativeSeparators(folder)), 10000);
    else if (!quiet)
        showError(tr("Cannot export the adapter"), message);
    return message;
}

void MainWindow::chooseAndOpenExperiment()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                      tr("Experiment files (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openExperiment(path);
}

void MainWindow::chooseAndSaveExperiment()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), m_experimentName + QStringLiteral(".yaml"),
                                                tr("Experiment files (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    saveExperimentTo(path);
}

void MainWindow::chooseAndExportAdapter()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export the adapter to"));
    if (folder.isEmpty())
        return;
    if (QFileInfo::exists(QDir(folder).filePath("adapter_config.json")) &&
        QMessageBox::question(this, tr("Replace the adapter?"),
                              tr("%1 already holds an adapter. Replace it?").arg(QDir::toNativeSeparators(folder))) !=
            QMessageBox::Yes)
        return;
    exportAdapterTo(folder);
}

} // namespace ui
