// SweepPanel, its files: opening a sweep file into the form (or showing it as it is), writing the form as a sweep
// file with its base experiment, and the preview that expands the form's sweep as loadSweep would.
#include "ui/sweeps/SweepPanel.h"

#include "core/common/Error.h"
#include "core/io/AtomicFile.h"
#include "ui/common/ErrorText.h"
#include "ui/sweeps/SweepGridForm.h"
#include "ui/sweeps/SweepQueueTable.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTimer>

namespace ui {

bool SweepPanel::openSweepFile(const QString& path)
{
    const QString file = QFileInfo(path).absoluteFilePath();
    QString text;
    try {
        text = QString::fromStdString(core::readWholeFile(file.toStdString(), "sweep file"));
    } catch (const std::exception&) {
        showError(describeException(std::current_exception()).message);
        return false;
    }
    QString reason;
    if (std::optional<SweepGrid> grid = gridFromSweepYaml(text, &reason)) {
        const QDir dir = QFileInfo(file).absoluteDir();
        // As parseSweep resolves them: the experiment against the sweep file's folder when it exists there, else
        // (like output_dir) against the working directory.
        const QString experiment = QFileInfo(grid->experiment).isRelative() && dir.exists(grid->experiment)
                                       ? dir.absoluteFilePath(grid->experiment)
                                       : QFileInfo(grid->experiment).absoluteFilePath();
        grid->outputDir = QFileInfo(grid->outputDir).absoluteFilePath();
        m_customPath.clear();
        m_form->setGrid(*grid);
        setBaseExperimentFile(experiment);
    } else {
        m_customPath = file;
        m_customText->setPlainText(text);
    }
    showCustomNote();
    m_form->setVisible(!isCustomFile());
    m_customBox->setVisible(isCustomFile());
    preview();
    return true;
}

void SweepPanel::showCustomNote()
{
    if (!isCustomFile()) {
        m_customNote->clear();
        return;
    }
    // Why the form cannot show the file, asked again of its text (YAML only) so that the reason follows the language.
    QString reason;
    gridFromSweepYaml(m_customText->toPlainText(), &reason);
    m_customNote->setText(tr("%1 cannot be shown in the form: %2. Start runs it as it is (like `lorawb sweep`).")
                              .arg(QDir::toNativeSeparators(m_customPath), reason));
}

QString SweepPanel::noBaseExperimentText()
{
    return tr("Base experiment: none chosen. Choose an experiment file, or set one up in the main window (model, "
              "data, LoRA settings) first.");
}

bool SweepPanel::saveSweepFile(const QString& path)
{
    if (isCustomFile()) {
        showError([file = m_customPath] {
            return tr("The opened sweep file is run as it is; copy %1 to keep it elsewhere.").arg(file);
        });
        return false;
    }
    return writeSweepFile(QFileInfo(path).absoluteFilePath());
}

QString SweepPanel::baseForSweep(const QString& sweepDir, bool write)
{
    const QString outputDir = QFileInfo(m_form->grid().outputDir).absoluteFilePath();
    QString base;
    if (!baseExperimentFile().isEmpty()) {
        base = QFileInfo(baseExperimentFile()).absoluteFilePath();
    } else if (m_windowExperiment) {
        if (!write) { // a preview: the same experiment in a scratch folder
            base = m_previewDir.filePath(QStringLiteral("base.yaml"));
            core::saveExperiment(base.toStdString(), *m_windowExperiment);
            return base;
        }
        core::ensureDirectory(outputDir.toStdString());
        base = QDir(outputDir).filePath(QStringLiteral("base.yaml"));
        core::saveExperiment(base.toStdString(), *m_windowExperiment);
    } else { // the callers check hasBaseExperiment() first, to show this in the language of the moment
        LORAWB_FAIL(noBaseExperimentText().toStdString());
    }
    // Next to the sweep file: named relative to it, so the folder can move as a whole.
    return QFileInfo(base).absolutePath() == QDir(sweepDir).absolutePath() ? QFileInfo(base).fileName() : base;
}

bool SweepPanel::writeSweepFile(const QString& path)
{
    SweepGrid grid = m_form->grid();
    if (!gridError(grid).isEmpty()) {
        showError([grid] { return gridError(grid); });
        return false;
    }
    if (!hasBaseExperiment()) {
        showError(&SweepPanel::noBaseExperimentText);
        return false;
    }
    try {
        grid.outputDir = QFileInfo(grid.outputDir).absoluteFilePath();
        const QString dir = QFileInfo(path).absolutePath();
        grid.experiment = baseForSweep(dir, /*write=*/true);
        core::ensureDirectory(dir.toStdString());
        core::writeFileAtomically(path.toStdString(), sweepYaml(grid).toStdString());
    } catch (const std::exception&) {
        showError(describeException(std::current_exception()).message);
        return false;
    }
    appendLog(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void SweepPanel::schedulePreview()
{
    m_previewOk = false;
    updateButtons();
    m_previewTimer->start();
}

// Expands the sweep the form describes as loadSweep would, so that a bad base experiment or combination shows its
// message (and disables Start) before anything runs. Cheap: YAML only, no weights.
void SweepPanel::preview()
{
    if (m_running)
        return;
    m_previewOk = false;
    m_previewLabels.clear();
    Text error;
    try {
        core::SweepSpec spec;
        if (isCustomFile()) {
            spec = core::loadSweep(m_customPath.toStdString());
        } else if (m_form->error().isEmpty() && !hasBaseExperiment()) {
            error = &SweepPanel::noBaseExperimentText; // the panel's own words: they follow the language
        } else if (m_form->error().isEmpty()) {
            SweepGrid grid = m_form->grid();
            grid.outputDir = QFileInfo(grid.outputDir).absoluteFilePath();
            const QString file = QDir(grid.outputDir).filePath(QStringLiteral("sweep.yaml"));
            grid.experiment = baseForSweep(grid.outputDir, /*write=*/false);
            if (QFileInfo(grid.experiment).isRelative())
                grid.experiment = QDir(grid.outputDir).filePath(grid.experiment);
            spec = core::parseSweep(sweepYaml(grid).toStdString(), file.toStdString(), "");
        }
        for (const auto& item : spec.items)
            m_previewLabels << QString::fromStdString(item.label);
        m_previewOk = !error && (isCustomFile() || m_form->error().isEmpty());
    } catch (const std::exception&) {
        QString message = describeException(std::current_exception()).message;
        // The scratch copy of the window's experiment stands for base.yaml in the output folder.
        message.replace(m_previewDir.filePath(QStringLiteral("base.yaml")),
                        QDir(QFileInfo(m_form->grid().outputDir).absoluteFilePath()).filePath(QStringLiteral("base.yaml")));
        error = [message] { return message; };
    }
    setErrorText(error);
    if (!m_running)
        m_queue->setLabels(m_previewLabels);
    updateButtons();
}

void SweepPanel::useForm()
{
    m_customPath.clear();
    showCustomNote();
    m_form->setVisible(true);
    m_customBox->setVisible(false);
    preview();
}

} // namespace ui
