// The window's arithmetic without widgets: the planned parameter count against the real surgery for every target
// form (list, regex, all-linear, exclude_modules, rank_pattern), the memory estimate, the adapter export's checks,
// and the resources lookup.
#include "TinyWorkbenchFixture.h"
#include "common/ErrorCapture.h"

#include "core/data/DataConfig.h"
#include "core/data/DatasetReader.h"
#include "core/lora/LoraInjector.h"
#include "core/lora/ParameterCount.h"
#include "ui/train/AdapterExport.h"
#include "core/lora/ParameterPlan.h"
#include "ui/model/AdapterPlan.h"
#include "ui/model/ModelSummary.h"
#include "ui/common/ResourcePaths.h"
#include "ui/common/SettingToolTip.h"
#include "ui/model/LoraSettingsPanel.h"
#include "ui/train/TrainingSettingsForm.h"

#include <QDir>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QStandardItemModel>

class TestUiLogic : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

    void checkAgainstInjection(const std::string& modelDir, const core::LoraConfig& cfg)
    {
        const ui::ModelSummary summary = ui::inspectModel(QString::fromStdString(modelDir));
        const core::ParameterCount planned = core::plannedParameters(summary.modules, summary.parameters, cfg);
        auto loaded = fixture::TinyWorkbench::load(modelDir);
        core::injectLora(*loaded.model, cfg, 3);
        const core::ParameterCount real = core::countParameters(*loaded.model);
        QCOMPARE(planned.trainable, real.trainable);
        QCOMPARE(planned.all, real.all);
    }

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }

    void plannedCountsEqualInjection_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("form");
        for (const char* model : {"model", "qwen"})
            for (int form = 0; form < 6; ++form)
                QTest::addRow("%s/%d", model, form) << QString(model) << form;
    }

    void plannedCountsEqualInjection()
    {
        QFETCH(QString, model);
        QFETCH(int, form);
        core::LoraConfig cfg;
        cfg.r = 6;
        cfg.targetModules.names = {"q_proj", "v_proj"};
        switch (form) {
        case 0: break;
        case 1: cfg.targetModules.kind = core::TargetModules::Kind::AllLinear; cfg.bias = core::LoraBias::All; break;
        case 2:
            cfg.targetModules.kind = core::TargetModules::Kind::Regex;
            cfg.targetModules.regex = R"(.*\.(k_proj|down_proj))";
            cfg.bias = core::LoraBias::LoraOnly;
            break;
        case 3:
            cfg.targetModules.names = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};
            cfg.excludeModules = {"o_proj"};
            cfg.layersToTransform = {0};
            break;
        case 4: cfg.rankPattern = {{"v_proj", 2}}; cfg.useRslora = true; break;
        case 5: cfg.targetModules.names = {"model.layers.1.self_attn.q_proj", "up_proj"}; break;
        }
        checkAgainstInjection(m_fx.path(model.toStdString()), cfg);
    }

    void scalingFollowsAlphaOverR()
    {
        core::LoraConfig cfg;
        cfg.r = 16;
        cfg.loraAlpha = 32;
        QCOMPARE(ui::loraScaling(cfg), 2.0);
        cfg.useRslora = true;
        QCOMPARE(ui::loraScaling(cfg), 8.0);
    }

    void memoryEstimateGrowsWithBatchAndLength()
    {
        const core::ModelConfig c = fixture::tinyConfig(false);
        const core::ParameterCount planned{1000, 100000};
        const ui::MemoryEstimate small = ui::estimateMemory(c, planned, 1, 64, false);
        const ui::MemoryEstimate big = ui::estimateMemory(c, planned, 8, 256, false);
        QCOMPARE(small.weights, (100000.0 - 1000) * 4);
        QCOMPARE(small.adapters, 1000.0 * 4);
        QCOMPARE(small.optimizer, 1000.0 * 12);
        QVERIFY(big.activations > 8 * small.activations);
        QCOMPARE(ui::estimateMemory(c, planned, 1, 64, true).weights, (100000.0 - 1000) * 2); // bfloat16 on CUDA
        QVERIFY(small.total() > small.weights);
    }

    void exportRefusesAFolderWithoutAnAdapter()
    {
        const QString empty = m_fx.qpath("not-an-adapter");
        QDir().mkpath(empty);
        const QString message = ui::exportAdapterFolder(empty, m_fx.qpath("out"));
        QVERIFY2(message.contains("adapter_config.json"), qPrintable(message));
        QVERIFY(!QFileInfo::exists(m_fx.qpath("out/adapter_config.json")));
    }

    void settingControlsNameTheirKey()
    {
        // The table's key and default follow the panel's teaching text; a control without its own text shows the
        // table's one-line description.
        const QString tip = ui::settingToolTip("lora.r", QStringLiteral("teaching"));
        QVERIFY(tip.startsWith("teaching"));
        QVERIFY2(tip.contains("<code>lora.r</code>") && tip.contains("default <code>8</code>"), qPrintable(tip));
        const QString plain = ui::settingToolTip("train.adam_beta2");
        QVERIFY2(plain.contains("<b>train.adam_beta2</b>") && plain.contains("second-moment"), qPrintable(plain));
        ui::LoraSettingsPanel lora;
        for (const char* name :
             {"loraR", "loraAlpha", "loraDropout", "loraBias", "taskType", "useRslora", "useDora", "loraInit"}) {
            const auto* control = lora.findChild<QWidget*>(name);
            QVERIFY2(control != nullptr, name);
            QVERIFY2(control->toolTip().contains("Experiment file: <code>"), name);
        }
        ui::TrainingSettingsForm train;
        const auto* steps = train.findChild<QWidget*>("maxSteps");
        QVERIFY(steps != nullptr);
        QVERIFY2(steps->toolTip().contains("<code>train.max_steps</code>"), qPrintable(steps->toolTip()));
    }

    void initChoicesRoundTripAndExcludeDora()
    {
        ui::LoraSettingsPanel panel;
        auto* init = panel.findChild<QComboBox*>("loraInit");
        auto* dora = panel.findChild<QCheckBox*>("useDora");
        QVERIFY(init && dora);
        QVERIFY(init->toolTip().contains("PiSSA") && init->toolTip().contains("OLoRA"));
        // A file's pissa_niter_8 (not in the list) shows as its own entry and comes back unchanged.
        core::LoraConfig cfg;
        cfg.initLoraWeights = core::LoraInit::PissaNiter;
        cfg.initNiter = 8;
        panel.load(cfg);
        QCOMPARE(init->currentData().toString(), QString("pissa_niter_8"));
        core::LoraConfig back;
        panel.apply(back);
        QVERIFY(back.initLoraWeights == core::LoraInit::PissaNiter && back.initNiter == 8);
        QVERIFY(!dora->isEnabled()); // DoRA cannot go with PiSSA
        init->setCurrentIndex(init->findData(QStringLiteral("true")));
        QVERIFY(dora->isEnabled());
        dora->setChecked(true); // and with DoRA on, PiSSA / OLoRA cannot be picked
        const auto* items = qobject_cast<QStandardItemModel*>(init->model());
        QVERIFY(items);
        QVERIFY(!items->item(init->findData(QStringLiteral("olora")))->isEnabled());
        QVERIFY(items->item(init->findData(QStringLiteral("gaussian")))->isEnabled());
        panel.apply(back);
        QVERIFY(back.useDora && back.initLoraWeights == core::LoraInit::Kaiming);
        back.targetModules.names = {"q_proj"};
        QVERIFY(testutil::errorOf([&] { back.validate(); }).isEmpty()); // the panel gives a valid configuration
    }

    void humanNumbers()
    {
        QCOMPARE(ui::humanCount(6742609920), QString("6.74 B"));
        QCOMPARE(ui::humanBytes(3.0 * 1024 * 1024), QString("3.0 MiB"));
    }

    void resourcesFollowTheEnvironment()
    {
        const QString dir = m_fx.qpath("resources");
        QDir().mkpath(dir + "/demo/model");
        QFile config(dir + "/demo/model/config.json");
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{}");
        config.close();
        qputenv("LORAWB_RESOURCES_DIR", dir.toUtf8());
        QCOMPARE(ui::resourcesDir(), QDir(dir).canonicalPath());
        QCOMPARE(ui::demoModelDir(), QDir(dir).canonicalPath() + "/demo/model");
        qunsetenv("LORAWB_RESOURCES_DIR");
    }

    // The window's first launch trains task A on the default (CAUSAL_LM, Alpaca) settings: its dataset must be the
    // Alpaca one, not the first file by name (names.jsonl, the TOKEN_CLS demo's, once was).
    void firstLaunchDemoDatasetReadsWithDefaultSettings()
    {
        const QString path = ui::demoDatasetPath();
        QVERIFY2(path.endsWith(QLatin1String("demo/datasets/task_a.jsonl")), qPrintable(path));
        const core::DataConfig defaults;
        const core::RecordSet set = core::readAlpacaRecords(path.toStdString(), defaults);
        QVERIFY(set.records.size() > 100);
    }
};

QTEST_MAIN(TestUiLogic)
#include "test_ui_logic.moc"
