// The window's Model & LoRA and Data pages against the engine: the module checklist reflects the loaded model, the
// trainable-parameters line equals what injectLora + countParameters give, the preview's colours are the engine's
// label mask, and a corrupt dataset shows an inline error without crashing.
#include "TinyWorkbenchFixture.h"
#include "common/FileBytes.h"

#include "core/data/DatasetReader.h"
#include "core/data/PreparedData.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "ui/data/DataPanel.h"
#include "ui/model/LiveEstimates.h"
#include "ui/model/LoraSettingsPanel.h"
#include "ui/window/MainWindow.h"
#include "ui/model/ModelPanel.h"
#include "ui/data/RecordPreviewView.h"
#include "ui/model/TargetModulesPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTreeWidget>

#include <set>

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

    static void loadModel(ui::MainWindow& window, const std::string& dir)
    {
        window.modelPanel()->loadModel(QString::fromStdString(dir));
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelPanel()->isLoading() && window.modelPanel()->summary().isValid(), 30000);
    }

    // What PEFT (and our engine) reports after the real surgery on a fresh copy of the model.
    static QString injectedLine(const std::string& modelDir, const core::LoraConfig& cfg)
    {
        auto loaded = fixture::TinyWorkbench::load(modelDir);
        core::injectLora(*loaded.model, cfg, 1);
        return QString::fromStdString(core::trainableParametersLine(core::countParameters(*loaded.model)));
    }

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }

    void moduleChecklistReflectsLoadedModel()
    {
        ui::MainWindow window(nullptr, /*restoreSession=*/false);
        QVERIFY(window.targetPanel()->availableModules().isEmpty());
        loadModel(window, m_fx.modelDir());
        auto loaded = fixture::TinyWorkbench::load(m_fx.modelDir());
        QStringList expected;
        for (const auto& m : core::discoverLinearModules(*loaded.model))
            if (m.name != "lm_head" && !expected.contains(QString::fromStdString(m.shortName)))
                expected << QString::fromStdString(m.shortName);
        QCOMPARE(window.targetPanel()->availableModules(), expected);
        QCOMPARE(expected.size(), 7);

        // Shapes and the per-module adapter count at r = 8: r · (in + out) × 2 layers. q_proj: 32 → 32, k_proj: 32 → 16.
        auto* tree = window.findChild<QTreeWidget*>("targetModules");
        QVERIFY(tree);
        QTreeWidgetItem* q = nullptr;
        QTreeWidgetItem* k = nullptr;
        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
            if ((*it)->text(0) == "q_proj")
                q = *it;
            if ((*it)->text(0) == "k_proj")
                k = *it;
        }
        QVERIFY(q && k);
        QCOMPARE(q->text(1), QString("32 → 32"));
        QCOMPARE(k->text(1), QString("32 → 16"));
        window.loraPanel()->rankBox()->setValue(8);
        QCOMPARE(q->text(3), QString("1,024"));
        QCOMPARE(k->text(3), QString("768"));
        QCOMPARE(q->parent()->text(0), QString("Attention"));

        window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Mlp);
        QCOMPARE(window.targetPanel()->checkedModules(), (QStringList{"gate_proj", "up_proj", "down_proj"}));
        window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Attention);
        QCOMPARE(window.targetPanel()->checkedModules(), (QStringList{"q_proj", "k_proj", "v_proj", "o_proj"}));
        QVERIFY(window.modelPanel()->summary().describe().contains("Layers: 2"));
    }

    void trainableLineFollowsRankAndMatchesInjection()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.modelDir());
        for (int r : {4, 16}) {
            window.loraPanel()->rankBox()->setValue(r);
            const core::ExperimentConfig cfg = window.currentExperiment();
            QCOMPARE(cfg.lora.r, r);
            const QString line = window.estimates()->trainableLine();
            QVERIFY2(line.startsWith("trainable params: "), qPrintable(line));
            QCOMPARE(line, injectedLine(m_fx.modelDir(), cfg.lora));
        }
        // A layer range and attention only.
        window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Attention);
        window.findChild<QCheckBox*>("allLayers")->setChecked(false);
        window.findChild<QSpinBox*>("firstLayer")->setValue(1);
        window.findChild<QSpinBox*>("lastLayer")->setValue(1);
        const core::ExperimentConfig cfg = window.currentExperiment();
        QCOMPARE(cfg.lora.layersToTransform, std::vector<int>{1});
        QCOMPARE(window.estimates()->trainableLine(), injectedLine(m_fx.modelDir(), cfg.lora));
        QVERIFY(window.estimates()->scalingText().contains("= 1")); // alpha 16 / r 16
        QVERIFY(!window.estimates()->memoryText().isEmpty());
    }

    void biasOptionsMatchInjectionOnQwenStyleModel()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.qwenDir());
        QVERIFY(window.modelPanel()->summary().describe().contains("q_proj"));
        auto* bias = window.findChild<QComboBox*>("loraBias");
        QStringList lines;
        for (const char* value : {"none", "all", "lora_only"}) {
            bias->setCurrentText(value);
            window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Attention);
            window.targetPanel()->setCheckedModules({"q_proj", "o_proj"});
            const core::ExperimentConfig cfg = window.currentExperiment();
            QCOMPARE(QString::fromStdString(core::toString(cfg.lora.bias)), QString(value));
            QCOMPARE(window.estimates()->trainableLine(), injectedLine(m_fx.qwenDir(), cfg.lora));
            lines << window.estimates()->trainableLine();
        }
        QCOMPARE(std::set<QString>(lines.begin(), lines.end()).size(), size_t(3)); // each option counts differently
    }

    // Only what the engine cannot train is disabled (SEQ_2_SEQ_LM on a decoder), with its reason (worded by the
    // window, so that it reads in the user's language); every other task_type says what it learns and from which data.
    void untrainableTaskTypesAreDisabledWithReason()
    {
        ui::MainWindow window(nullptr, false);
        auto* box = window.loraPanel()->taskTypeBox();
        auto* model = qobject_cast<QStandardItemModel*>(box->model());
        QVERIFY(model);
        QCOMPARE(model->rowCount(), int(core::allTaskTypeNames().size()));
        int disabled = 0;
        for (int i = 0; i < model->rowCount(); ++i) {
            const auto type = static_cast<core::TaskType>(model->item(i)->data(Qt::UserRole).toInt());
            const bool trainable = !core::taskTypeNotTrainableReason(type);
            QCOMPARE(model->item(i)->isEnabled(), trainable);
            if (!trainable) {
                ++disabled;
                QVERIFY2(model->item(i)->toolTip().contains(QLatin1String("cannot be trained yet")),
                         qPrintable(model->item(i)->toolTip()));
                QVERIFY(model->item(i)->text().contains(QLatin1String("not trainable yet")));
            } else {
                QVERIFY(!model->item(i)->toolTip().isEmpty());
            }
        }
        QCOMPARE(disabled, 1);
    }

    void previewColoursMatchLabelMask()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.modelDir());
        window.findChild<QDoubleSpinBox*>("validationSplit")->setValue(0.0);
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
        QCOMPARE(window.dataPanel()->recordCount(), 40);
        QVERIFY2(window.dataPanel()->errorText().isEmpty(), qPrintable(window.dataPanel()->errorText()));
        QVERIFY2(window.dataPanel()->statsText().contains("40 records"), qPrintable(window.dataPanel()->statsText()));

        core::DataConfig cfg;
        window.dataPanel()->apply(cfg);
        auto tok = fixture::TinyWorkbench::load(m_fx.modelDir()).tokenizer;
        const core::PreparedData data = core::prepareData(cfg, *tok);
        for (int record : {0, 1, 5}) {
            window.dataPanel()->showRecord(record);
            const core::Example& example = data.train[record];
            QCOMPARE(example.recordIndex, int64_t(record));
            auto* view = window.dataPanel()->previewView();
            QCOMPARE(view->tokenCount(), int(example.inputIds.size()));
            int trained = 0;
            for (int t = 0; t < view->tokenCount(); ++t) {
                const bool engineTrains = example.labels[t] != core::kIgnoreIndex;
                QVERIFY2(ui::RecordPreviewView::isTrainedColor(view->tokenBackground(t)) == engineTrains,
                         qPrintable(QString("record %1 token %2").arg(record).arg(t)));
                trained += engineTrains;
            }
            QVERIFY(trained > 0 && trained < view->tokenCount()); // the prompt is masked, the response trained
            QVERIFY(window.dataPanel()->tokenCountText().contains(QString("%1 tokens").arg(view->tokenCount())));
        }
    }

    // Chat conversations: the Data tab renders them with the chosen chat template and colours exactly the tokens the
    // engine trains (the assistant's turns).
    void chatPreviewColoursMatchLabelMask()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.modelDir());
        window.findChild<QDoubleSpinBox*>("validationSplit")->setValue(0.0);
        auto* format = window.findChild<QComboBox*>("dataFormat");
        auto* chatTemplate = window.findChild<QComboBox*>("chatTemplate");
        QVERIFY(format && chatTemplate);
        QVERIFY(!chatTemplate->isEnabled()); // Alpaca records first: the chat template does not apply
        format->setCurrentIndex(1);
        QVERIFY(chatTemplate->isEnabled());
        chatTemplate->setCurrentIndex(chatTemplate->findData(QStringLiteral("chatml")));
        const std::string chats = m_fx.path("chats.jsonl");
        std::string lines;
        for (int i = 0; i < 3; ++i)
            lines += R"({"messages": [{"role": "user", "content": "what is two plus three?"},)"
                     R"( {"role": "assistant", "content": "it is five."}, {"role": "user", "content": "and one?"},)"
                     R"( {"role": "assistant", "content": "it is four."}]})" "\n";
        testutil::writeBytes(chats, lines);
        window.dataPanel()->setDatasetPath(QString::fromStdString(chats));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
        QVERIFY2(window.dataPanel()->errorText().isEmpty(), qPrintable(window.dataPanel()->errorText()));
        QCOMPARE(window.dataPanel()->recordCount(), 3);

        core::DataConfig cfg;
        window.dataPanel()->apply(cfg);
        QVERIFY(cfg.format == core::DataFormat::Messages);
        QCOMPARE(QString::fromStdString(cfg.chatTemplate), QString("chatml"));
        auto tok = fixture::TinyWorkbench::load(m_fx.modelDir()).tokenizer;
        const core::PreparedData data = core::prepareData(cfg, *tok);
        window.dataPanel()->showRecord(1);
        auto* view = window.dataPanel()->previewView();
        const core::Example& example = data.train[1];
        QCOMPARE(view->tokenCount(), int(example.inputIds.size()));
        int trained = 0;
        for (int t = 1; t < view->tokenCount(); ++t) {
            const bool engineTrains = example.labels[t] != core::kIgnoreIndex;
            QCOMPARE(ui::RecordPreviewView::isTrainedColor(view->tokenBackground(t)), engineTrains);
            trained += engineTrains;
        }
        QVERIFY(trained > 0 && trained < view->tokenCount() / 2); // two short answers in a longer conversation
    }

    void corruptDatasetShowsInlineError()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.modelDir());
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.corruptPath()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
        const QString error = window.dataPanel()->errorText();
        QVERIFY2(error.contains("corrupt.jsonl") && error.contains("2"), qPrintable(error)); // names file and line
        QCOMPARE(window.dataPanel()->recordCount(), 0);
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
        QVERIFY(window.dataPanel()->errorText().isEmpty());
        QCOMPARE(window.dataPanel()->recordCount(), 40);
    }

    void experimentFileRoundTrip()
    {
        ui::MainWindow window(nullptr, false);
        loadModel(window, m_fx.modelDir());
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        window.loraPanel()->rankBox()->setValue(12);
        window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Mlp);
        const QString file = m_fx.qpath("exp.yaml");
        QCOMPARE(window.saveExperimentTo(file, /*quiet=*/true), QString());
        window.loraPanel()->rankBox()->setValue(3);
        window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::AllLinear);
        QCOMPARE(window.openExperiment(file, /*quiet=*/true), QString());
        QCOMPARE(window.loraPanel()->rankBox()->value(), 12);
        QCOMPARE(window.targetPanel()->checkedModules(), (QStringList{"gate_proj", "up_proj", "down_proj"}));
        QCOMPARE(window.dataPanel()->datasetPath(), QString::fromStdString(m_fx.datasetPath()));
        QVERIFY(!window.openExperiment(m_fx.qpath("missing.yaml"), true).isEmpty());
    }

    void settingsSurviveARestart()
    {
        {
            ui::MainWindow window(nullptr, /*restoreSession=*/true);
            loadModel(window, m_fx.modelDir());
            window.loraPanel()->rankBox()->setValue(5);
            window.targetPanel()->applyPreset(ui::TargetModulesPanel::Preset::Attention);
            window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
            QVERIFY(window.close());
        }
        ui::MainWindow again(nullptr, true);
        QCOMPARE(again.loraPanel()->rankBox()->value(), 5);
        QCOMPARE(again.dataPanel()->datasetPath(), QString::fromStdString(m_fx.datasetPath()));
        QTRY_VERIFY_WITH_TIMEOUT(again.modelPanel()->summary().isValid(), 30000);
        QCOMPARE(again.modelPanel()->directory(), QString::fromStdString(m_fx.modelDir()));
        QCOMPARE(again.targetPanel()->checkedModules(), (QStringList{"q_proj", "k_proj", "v_proj", "o_proj"}));
        auto* recent = again.findChild<QComboBox*>("modelRecent");
        QVERIFY(recent->findData(QString::fromStdString(m_fx.modelDir())) >= 0);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
