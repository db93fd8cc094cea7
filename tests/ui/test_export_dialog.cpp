// File → Export: the dialog runs the exports of core/export on its own thread, shows progress, reports what it wrote
// or why not, and its Cancel removes the partial output. The files' contents are checked in tests/core/test_export.
#include "ui/common/PathField.h"
#include "ui/export/ModelExportDialog.h"
#include "ui/i18n/UiLanguage.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString reference(const QString& path) { return QStringLiteral(LORAWB_TEST_DATA_DIR "/reference/") + path; }

// Runs the dialog's export to its end; returns (ok, message).
std::pair<bool, QString> runToEnd(ui::ModelExportDialog& dialog)
{
    QSignalSpy finished(&dialog, &ui::ModelExportDialog::exportFinished);
    dialog.exportButton()->click();
    if (!finished.wait(60000))
        return {false, "the export never finished"};
    return {finished[0][0].toBool(), finished[0][1].toString()};
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { ui::applyUiLanguage(QStringLiteral("en")); } // plural forms as the app shows them

    void mergedExportWritesTheFolderAndSaysSo()
    {
        QTemporaryDir tmp;
        ui::ModelExportDialog dialog(ui::ModelExportDialog::Kind::Merged, reference("mistral/model"),
                                     reference("mistral/default/adapter"));
        dialog.outputField()->setPath(tmp.filePath("merged"));
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData("bf16"));
        const auto [ok, message] = runToEnd(dialog);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(message.contains(QDir::toNativeSeparators(tmp.filePath("merged"))));
        QVERIFY(QFile::exists(tmp.filePath("merged/model.safetensors")));
        QCOMPARE(dialog.progressBar()->value(), 1000);
        QVERIFY(dialog.exportButton()->isEnabled());

        // Again into the same folder: refused until the box is ticked, then replaced.
        auto again = runToEnd(dialog);
        QVERIFY(!again.first);
        QVERIFY(dialog.statusLabel()->text().contains("--overwrite") || again.second.contains("exists"));
        dialog.overwriteBox()->setChecked(true);
        again = runToEnd(dialog);
        QVERIFY2(again.first, qPrintable(again.second));
    }

    void ollamaFolderHoldsModelAndModelfile()
    {
        QTemporaryDir tmp;
        ui::ModelExportDialog dialog(ui::ModelExportDialog::Kind::Ollama, reference("mistral/model"),
                                     reference("mistral/default/adapter"));
        dialog.outputField()->setPath(tmp.filePath("ollama"));
        dialog.typeBox()->setCurrentIndex(dialog.typeBox()->findData("q8_0"));
        const auto [ok, message] = runToEnd(dialog);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(QFile::exists(tmp.filePath("ollama/model.gguf")));
        QFile modelfile(tmp.filePath("ollama/Modelfile"));
        QVERIFY(modelfile.open(QIODevice::ReadOnly));
        QVERIFY(modelfile.readAll().contains("FROM ./model.gguf"));
    }

    void refusalsAreShownNotThrown()
    {
        QTemporaryDir tmp;
        ui::ModelExportDialog dialog(ui::ModelExportDialog::Kind::GgufLora, reference("qwen2_bias/model"),
                                     reference("qwen2_bias/bias_all/adapter"));
        dialog.exportButton()->click(); // no output chosen
        QVERIFY(dialog.statusLabel()->text().contains("Choose"));
        QVERIFY(!dialog.isExporting());
        dialog.outputField()->setPath(tmp.filePath("a.gguf"));
        const auto [ok, message] = runToEnd(dialog);
        QVERIFY(!ok);
        QVERIFY2(message.contains("merged GGUF"), qPrintable(message));
        QCOMPARE(dialog.statusLabel()->text(), message);
        QVERIFY(QDir(tmp.path()).isEmpty());
    }

    void cancelRemovesThePartialOutput()
    {
        QTemporaryDir tmp;
        ui::ModelExportDialog dialog(ui::ModelExportDialog::Kind::Gguf, reference("llama3_rope/model"),
                                     reference("llama3_rope/patterns/adapter"));
        dialog.outputField()->setPath(tmp.filePath("m.gguf"));
        QSignalSpy finished(&dialog, &ui::ModelExportDialog::exportFinished);
        dialog.exportButton()->click();
        QVERIFY(dialog.isExporting());
        QVERIFY(!dialog.exportButton()->isEnabled());
        dialog.cancelButton()->click(); // lands before the first tensor: the model is still loading
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished[0][0].toBool());
        QVERIFY2(finished[0][1].toString().contains("cancelled"), qPrintable(finished[0][1].toString()));
        QVERIFY(QDir(tmp.path()).isEmpty());
    }

    void menuOffersTheExportsOnlyAfterARun()
    {
        ui::MainWindow window(nullptr, /*restoreSession=*/false);
        for (int kind = 0; kind < 4; ++kind) {
            auto* action = window.findChild<QAction*>(QStringLiteral("modelExportAction%1").arg(kind));
            QVERIFY(action);
            QVERIFY(!action->isEnabled());
            QVERIFY(action->toolTip().contains("after a LoRA run"));
        }
        QVERIFY(!window.openModelExport(ui::ModelExportDialog::Kind::Merged)); // no adapter yet: no dialog
    }
};

QTEST_MAIN(TestExportDialog)
#include "test_export_dialog.moc"
