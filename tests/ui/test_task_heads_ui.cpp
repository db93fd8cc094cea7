// The four task heads in the window, on the bundled demo model and its task demos: opening a task experiment selects
// its task_type and data format (the other formats disabled, saying why); changing task_type switches the format; the
// Data tab shows each record as training reads it (SEQ_CLS's label and classified token, TOKEN_CLS's tags, the
// QUESTION_ANS answer span, a pair's three texts), checked token by token against core's preview; each head trains
// from the Train tab with its validation scores plotted — for SEQ_CLS with a confusion matrix whose row totals are the
// validation file's own label counts; and Try it then classifies, tags, answers or searches with the run's adapter
// exactly as core (and, for QUESTION_ANS, evaluation) does.
#include "core/data/DataConfig.h"
#include "core/data/RecordPreview.h"
#include "core/data/Collator.h"
#include "core/data/DatasetReader.h"
#include "core/data/QuestionAnsweringData.h"
#include "core/eval/ClassifyText.h"
#include "core/eval/NearestTexts.h"
#include "core/eval/QuestionAnsweringMetrics.h"
#include "core/eval/TagWords.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/lora/AdapterIO.h"
#include "core/model/ModelLoader.h"
#include "ui/data/DataPanel.h"
#include "ui/data/RecordPreviewView.h"
#include "ui/i18n/UiLanguage.h"
#include "ui/model/LoraSettingsPanel.h"
#include "ui/model/ModelPanel.h"
#include "ui/train/ConfusionMatrixPlot.h"
#include "ui/train/TaskScorePlot.h"
#include "ui/train/TrainingCharts.h"
#include "ui/train/TrainingPanel.h"
#include "ui/train/TrainingSettingsForm.h"
#include "ui/tryit/TaskHeadText.h"
#include "ui/tryit/TryItPanel.h"
#include "ui/window/MainWindow.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <map>

namespace {

QString demoExperiment(const char* name)
{
    return QStringLiteral(LORAWB_SOURCE_DIR "/resources/experiments/") + QLatin1String(name);
}

struct TaskDemo {
    const char* file;
    core::TaskType task;
    core::DataFormat format;
    const char* score; // a validation score the trainer reports for it
};

const TaskDemo kDemos[] = {
    {"demo_testament.yaml", core::TaskType::SeqCls, core::DataFormat::SeqCls, "eval_accuracy"},
    {"demo_names.yaml", core::TaskType::TokenCls, core::DataFormat::TokenCls, "eval_f1"},
    {"demo_places_qa.yaml", core::TaskType::QuestionAns, core::DataFormat::Squad, "eval_exact_match"},
    {"demo_verse_pairs.yaml", core::TaskType::FeatureExtraction, core::DataFormat::Pairs, "eval_recall_at_1"},
};

} // namespace

class TestTaskHeadsUi : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A window with a demo experiment opened, its model loaded and its data read.
    std::unique_ptr<ui::MainWindow> openDemo(const TaskDemo& demo)
    {
        auto w = std::make_unique<ui::MainWindow>(nullptr, /*restoreSession=*/false);
        w->trainingPanel()->settings()->setRunsFolder(m_dir.filePath("runs"));
        const QString message = w->openExperiment(demoExperiment(demo.file), /*quiet=*/true);
        [&] { QVERIFY2(message.isEmpty(), qPrintable(message)); }();
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(w->modelPanel()->summary().isValid() && !w->dataPanel()->isBusy(), 60000);
        }();
        return w;
    }

    static core::ExperimentConfig experimentOf(const ui::MainWindow& w) { return w.currentExperiment(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ui::applyUiLanguage(QStringLiteral("en")); // the English UI as the app shows it: plural forms included
        qputenv("XDG_CONFIG_HOME", m_dir.filePath("config").toUtf8());
        qputenv("XDG_DATA_HOME", m_dir.filePath("data").toUtf8());
        // The demo experiments name their files from the repository root, as their comments say to run them.
        QVERIFY(QDir::setCurrent(QStringLiteral(LORAWB_SOURCE_DIR)));
    }

    void confusionMatrixShowsCountsAndRowShares()
    {
        ui::ConfusionMatrixPlot plot;
        QVERIFY(plot.isEmpty());
        plot.showMatrix({{8, 2, 0}, {1, 1, 2}, {0, 0, 5}}, {"old", "new", ""}, 40);
        QCOMPARE(plot.count(0, 0), int64_t(8));
        QCOMPARE(plot.count(1, 2), int64_t(2));
        QCOMPARE(plot.count(3, 0), int64_t(-1));
        // The colour is the share of the row: 8 of 10 darker than 2 of 10, 5 of 5 the darkest, none white, and
        // equal shares equal colours.
        QVERIFY(plot.cellColor(0, 0).lightness() < plot.cellColor(0, 1).lightness());
        QVERIFY(plot.cellColor(2, 2).lightness() < plot.cellColor(0, 0).lightness());
        QCOMPARE(plot.cellColor(0, 2), QColor(Qt::white));
        QCOMPARE(plot.cellColor(1, 0), plot.cellColor(1, 1));
        QVERIFY(plot.xAxis->label().contains("step 40"));
        // The axes name the classes; a class without a name by its index.
        const auto ticker = plot.yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(0), QString("old"));
        QCOMPARE(ticker->ticks().value(2), QString("2"));
        plot.showMatrix({{3}}, {"only"}, 1); // one class: a 1 x 1 matrix, still drawn
        QCOMPARE(plot.count(0, 0), int64_t(3));
        plot.clear();
        QVERIFY(plot.isEmpty());
        QCOMPARE(plot.count(0, 0), int64_t(-1));
    }

    void taskScoresGetOneCurveEach()
    {
        ui::TaskScorePlot plot;
        QVERIFY(!plot.hasScores());
        core::EvalMetrics metrics;
        metrics.loss = 1.0;
        plot.addEval(metrics); // a language model's evaluation: no curve
        QCOMPARE(plot.graphCount(), 0);
        metrics.taskScores = {{"eval_accuracy", 0.5}, {"eval_macro_f1", 0.4}};
        plot.addEval(metrics);
        metrics.step = 10;
        metrics.taskScores["eval_accuracy"] = 0.75;
        plot.addEval(metrics);
        QCOMPARE(plot.graphCount(), 2);
        QCOMPARE(plot.pointCount("eval_accuracy"), 2);
        QCOMPARE(plot.pointCount("eval_mrr"), 0);
        QStringList names;
        for (int i = 0; i < plot.graphCount(); ++i)
            names << plot.graph(i)->name();
        QCOMPARE(names, QStringList({"accuracy", "macro F1"}));
        plot.clear();
        QCOMPARE(plot.graphCount(), 0);
        QVERIFY(!plot.hasScores());
    }

    void taskDemosOpenWithTheirDataFormat()
    {
        for (const TaskDemo& demo : kDemos) {
            auto w = openDemo(demo);
            const QString context = QString::fromLatin1(demo.file);
            QCOMPARE(w->loraPanel()->taskTypeBox()->currentData(Qt::UserRole).toInt(), int(demo.task));
            auto* format = w->findChild<QComboBox*>("dataFormat");
            QVERIFY(format);
            QCOMPARE(format->currentData().toInt(), int(demo.format));
            auto* formats = qobject_cast<QStandardItemModel*>(format->model());
            for (int i = 0; i < formats->rowCount(); ++i) {
                const bool current = i == format->currentIndex();
                QVERIFY2(formats->item(i)->isEnabled() == current, qPrintable(context));
                if (!current) // says which task_type reads it, or what this one reads
                    QVERIFY2(formats->item(i)->toolTip().contains("task_type"), qPrintable(context));
            }
            QVERIFY2(w->dataPanel()->errorText().isEmpty(), qPrintable(w->dataPanel()->errorText()));
            QVERIFY2(w->dataPanel()->recordCount() > 10, qPrintable(context));
            // The statistics say what the head's data holds, and no "trained" share where no token trains.
            const QString stats = w->dataPanel()->statsText();
            const char* fact = demo.task == core::TaskType::SeqCls        ? "class old: "
                               : demo.task == core::TaskType::TokenCls    ? "tag B-PER: "
                               : demo.task == core::TaskType::QuestionAns ? " questions; "
                                                                          : " with a hard negative";
            QVERIFY2(stats.contains(fact), qPrintable(stats));
            QCOMPARE(stats.contains("trained"), demo.task == core::TaskType::TokenCls);
            if (demo.task == core::TaskType::SeqCls) { // every record of both files, counted by its label
                const core::ExperimentConfig cfg = experimentOf(*w);
                std::map<std::string, int64_t> perLabel = labelCounts(cfg.data.path);
                for (const auto& [label, count] : labelCounts(cfg.data.validationPath))
                    perLabel[label] += count;
                for (const auto& [label, count] : perLabel)
                    QVERIFY2(stats.contains(QString("class %1: %2 records").arg(label.c_str()).arg(count)),
                             qPrintable(stats));
            }
            // What the window would run is what the file says, and it validates as the CLI's would.
            const core::ExperimentConfig cfg = experimentOf(*w);
            QCOMPARE(int(cfg.lora.taskType), int(demo.task));
            QCOMPARE(int(cfg.data.format), int(demo.format));
            QVERIFY(!cfg.data.validationPath.empty());
            // The Data tab shows the separate validation file, and the split it replaces is off.
            QCOMPARE(w->findChild<QLineEdit*>("validationPath")->text().toStdString(), cfg.data.validationPath);
            QVERIFY(!w->findChild<QDoubleSpinBox*>("validationSplit")->isEnabled());
            // Try it runs the task head once there is an adapter (disabled until then, saying so).
            QPushButton* generate = w->tryItPanel()->generateButton();
            QVERIFY(!generate->isEnabled());
            QVERIFY2(generate->toolTip().contains(QString::fromStdString(core::toString(demo.task))) &&
                         generate->toolTip().contains("adapter first"),
                     qPrintable(generate->toolTip()));
            const char* button = demo.task == core::TaskType::SeqCls        ? "Classify"
                                 : demo.task == core::TaskType::TokenCls    ? "Tag"
                                 : demo.task == core::TaskType::QuestionAns ? "Answer"
                                                                            : "Search";
            QCOMPARE(generate->text(), QString(button));
        }
    }

    // File → Open demo experiment lists every bundled demo with what it trains, and opens one from any working
    // directory (the demos name their inputs from the repository root; the window finds them in its resources).
    void demoMenuOpensEachTaskDemoFromAnywhere()
    {
        ui::MainWindow w(nullptr, false);
        auto* menu = w.findChild<QMenu*>("demoExperimentsMenu");
        QVERIFY(menu && menu->isEnabled());
        std::map<QString, QAction*> byName;
        for (QAction* action : menu->actions())
            byName[action->text()] = action;
        for (const TaskDemo& demo : kDemos) {
            const QString name = QFileInfo(QString::fromLatin1(demo.file)).completeBaseName();
            QVERIFY2(byName.count(name), qPrintable(name));
            QVERIFY2(byName[name]->toolTip().contains(QString::fromStdString(core::toString(demo.task))),
                     qPrintable(byName[name]->toolTip()));
        }
        QVERIFY(QDir::setCurrent(m_dir.path()));
        const QString message = w.openExperiment(byName["demo_names"]->data().toString(), /*quiet=*/true);
        QVERIFY(QDir::setCurrent(QStringLiteral(LORAWB_SOURCE_DIR)));
        QVERIFY2(message.isEmpty(), qPrintable(message));
        const core::ExperimentConfig cfg = w.currentExperiment();
        QCOMPARE(int(cfg.lora.taskType), int(core::TaskType::TokenCls));
        QVERIFY2(QFileInfo::exists(QString::fromStdString(cfg.model) + "/config.json"), cfg.model.c_str());
        QVERIFY2(QFileInfo::exists(QString::fromStdString(cfg.data.validationPath)), cfg.data.validationPath.c_str());
    }

    void taskTypeChoiceSwitchesTheDataFormat()
    {
        ui::MainWindow w(nullptr, false);
        QComboBox* task = w.loraPanel()->taskTypeBox();
        auto* format = w.findChild<QComboBox*>("dataFormat");
        for (const TaskDemo& demo : kDemos) {
            task->setCurrentIndex(task->findData(int(demo.task), Qt::UserRole));
            QCOMPARE(format->currentData().toInt(), int(demo.format));
            QVERIFY(!w.tryItPanel()->generateButton()->toolTip().isEmpty());
        }
        task->setCurrentIndex(task->findData(int(core::TaskType::CausalLm), Qt::UserRole));
        QCOMPARE(format->currentData().toInt(), int(core::DataFormat::Alpaca)); // the first a language model reads
        auto* formats = qobject_cast<QStandardItemModel*>(format->model());
        for (int i = 0; i < formats->rowCount(); ++i) {
            const auto f = static_cast<core::DataFormat>(formats->item(i)->data(Qt::UserRole).toInt());
            const bool lm = f == core::DataFormat::Alpaca || f == core::DataFormat::Messages || f == core::DataFormat::Text;
            QCOMPARE(formats->item(i)->isEnabled(), lm);
        }
        // Plain text stays plain text through the form (it once came back as Alpaca).
        core::DataConfig text;
        text.format = core::DataFormat::Text;
        w.dataPanel()->load(text);
        core::DataConfig back;
        w.dataPanel()->apply(back);
        QCOMPARE(int(back.format), int(core::DataFormat::Text));
        // The columns row asks for the chosen format's fields.
        task->setCurrentIndex(task->findData(int(core::TaskType::SeqCls), Qt::UserRole));
        QStringList placeholders;
        for (auto* edit : w.findChildren<QLineEdit*>())
            placeholders << edit->placeholderText();
        QVERIFY2(placeholders.contains("text") && placeholders.contains("text_pair") && placeholders.contains("label"),
                 qPrintable(placeholders.join(',')));
        // An Alpaca file read as classification records: the message names the file and what is missing.
        w.dataPanel()->setDatasetPath(QStringLiteral(LORAWB_SOURCE_DIR "/resources/demo/datasets/task_a.jsonl"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.dataPanel()->isBusy(), 30000);
        const QString error = w.dataPanel()->errorText();
        QVERIFY2(error.contains("task_a.jsonl") && error.contains("label"), qPrintable(error));
        QCOMPARE(w.dataPanel()->recordCount(), 0);
    }

    // The Data tab follows task_type, but a LoRA setting such as r does not read the dataset again.
    void loraSettingsDoNotRereadTheData()
    {
        auto w = openDemo(kDemos[0]);
        QSignalSpy loaded(w->dataPanel(), &ui::DataPanel::recordsLoaded);
        auto* r = w->findChild<QSpinBox*>("loraR");
        r->setValue(r->value() * 2);
        w->findChild<QDoubleSpinBox*>("loraDropout")->setValue(0.1);
        QTest::qWait(500); // past the reload timer's 150 ms
        QCOMPARE(loaded.count(), 0);
        QComboBox* task = w->loraPanel()->taskTypeBox();
        task->setCurrentIndex(task->findData(int(core::TaskType::TokenCls), Qt::UserRole));
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 10000); // another format: read again
    }

    // Each head's record 0 as the Data tab shows it, against core's preview of the same record (what training reads).
    void previewsShowWhatEachHeadTrains()
    {
        for (const TaskDemo& demo : kDemos) {
            auto w = openDemo(demo);
            w->dataPanel()->showRecord(0);
            QTRY_VERIFY_WITH_TIMEOUT(!w->dataPanel()->isBusy(), 30000);
            const core::ExperimentConfig cfg = experimentOf(*w);
            const core::LoadedModel loaded = core::loadModel(cfg.model);
            const core::RecordPreview expected = core::previewFileRecord(cfg.data, 0, loaded.tokenizer.get(),
                                                                         cfg.task.docStride);
            ui::RecordPreviewView* view = w->dataPanel()->previewView();
            const QString text = view->toPlainText();
            QCOMPARE(view->tokenCount(), int(expected.tokens.size()));
            for (int t = 0; t < view->tokenCount(); ++t) {
                const core::TokenView& token = expected.tokens[static_cast<size_t>(t)];
                const QColor shown = view->tokenBackground(t);
                const QString where = QString("%1 token %2").arg(demo.file).arg(t);
                switch (demo.task) {
                case core::TaskType::SeqCls:
                    QVERIFY2(ui::RecordPreviewView::isPooledColor(shown) == token.pooled, qPrintable(where));
                    break;
                case core::TaskType::TokenCls:
                    if (!token.tag.empty())
                        QVERIFY2(shown == ui::RecordPreviewView::tagColor(token.tag), qPrintable(where));
                    else
                        QVERIFY2(!ui::RecordPreviewView::isTrainedColor(shown), qPrintable(where));
                    break;
                default:
                    break;
                }
            }
            if (demo.task == core::TaskType::SeqCls) {
                QVERIFY2(text.contains("Label: " + QString::fromStdString(expected.label)), qPrintable(text));
                int pooled = 0;
                for (int t = 0; t < view->tokenCount(); ++t)
                    pooled += ui::RecordPreviewView::isPooledColor(view->tokenBackground(t));
                QCOMPARE(pooled, 1); // one token's hidden state is classified
                QVERIFY(w->dataPanel()->tokenCountText().contains("label " + QString::fromStdString(expected.label)));
            } else if (demo.task == core::TaskType::TokenCls) {
                QVERIFY(text.contains(QString::fromStdString(expected.words[0] + "/" + expected.tags[0])));
                // An entity and "O" look different, and B-/I- of one type share a colour.
                QVERIFY(ui::RecordPreviewView::tagColor("B-PER") == ui::RecordPreviewView::tagColor("I-PER"));
                QVERIFY(ui::RecordPreviewView::tagColor("B-PER") != ui::RecordPreviewView::tagColor("O"));
            } else if (demo.task == core::TaskType::QuestionAns) {
                QVERIFY2(text.contains("Question: " + QString::fromStdString(expected.prompt)), qPrintable(text));
                // Exactly the tokens from the answer's start to its end are marked, as the target points.
                bool inside = false;
                int marked = 0;
                for (int t = 0; t < view->tokenCount(); ++t) {
                    const core::TokenView& token = expected.tokens[static_cast<size_t>(t)];
                    inside = inside || token.answerStart;
                    QCOMPARE(ui::RecordPreviewView::isTrainedColor(view->tokenBackground(t)), inside);
                    marked += inside;
                    inside = inside && !token.answerEnd;
                }
                QVERIFY(expected.answerOffset < 0 || marked > 0);
            } else {
                QVERIFY(text.contains("Query:") && text.contains("Positive"));
                QVERIFY(w->dataPanel()->tokenCountText().contains(
                    QString("query %1 tokens, positive %2").arg(expected.tokens.size()).arg(expected.positiveTokens.size())));
            }
        }
    }

    // Every head trains from the Train tab: its scores reach the plot from the first evaluation on.
    void everyTaskHeadTrainsFromTheWindow()
    {
        for (const TaskDemo& demo : kDemos) {
            auto w = openDemo(demo);
            w->findChild<QSpinBox*>("maxSteps")->setValue(2);
            w->findChild<QSpinBox*>("evalEvery")->setValue(1);
            w->findChild<QSpinBox*>("warmupSteps")->setValue(0);
            QSignalSpy finished(w->trainingPanel(), &ui::TrainingPanel::runFinished);
            w->trainingPanel()->start();
            QVERIFY(w->trainingPanel()->isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(!w->trainingPanel()->isRunning(), 240000);
            QCOMPARE(finished.count(), 1);
            const core::RunSummary summary = w->trainingPanel()->lastSummary();
            QCOMPARE(summary.steps, int64_t(2));
            ui::TaskScorePlot* scores = w->trainingPanel()->charts()->taskScorePlot();
            QVERIFY2(!scores->isHidden(), demo.file);
            QVERIFY2(scores->pointCount(demo.score) >= 3, demo.file); // steps 0, 1 and 2
            ui::ConfusionMatrixPlot* confusion = w->trainingPanel()->charts()->confusionPlot();
            QCOMPARE(confusion->isEmpty(), demo.task != core::TaskType::SeqCls);
            switch (demo.task) {
            case core::TaskType::SeqCls:
                checkConfusionAgainstTheValidationFile(*confusion, experimentOf(*w));
                checkTryItClassifies(*w, summary);
                break;
            case core::TaskType::TokenCls:
                checkTryItTags(*w, summary);
                break;
            case core::TaskType::QuestionAns:
                checkTryItAnswersAsEvaluationDoes(*w, summary);
                break;
            default:
                checkTryItSearches(*w, summary);
            }
        }
    }

private:
    // The first record of a JSON Lines file.
    static nlohmann::json firstRecord(const std::string& path)
    {
        std::ifstream in(path);
        std::string line;
        std::getline(in, line);
        return nlohmann::json::parse(line);
    }

    // Types the input into Try it, presses its button and waits for the answer.
    static void runTryIt(ui::TryItPanel& tryIt, const QString& input)
    {
        tryIt.setPrompt(input);
        QVERIFY2(tryIt.generateButton()->isEnabled(), qPrintable(tryIt.generateButton()->toolTip()));
        tryIt.generate();
        QTRY_VERIFY_WITH_TIMEOUT(!tryIt.isBusy(), 60000);
    }

    // Records per label of a seq_cls JSON Lines file.
    static std::map<std::string, int64_t> labelCounts(const std::string& path)
    {
        std::map<std::string, int64_t> perLabel;
        std::ifstream in(path);
        std::string line;
        while (std::getline(in, line))
            if (!line.empty())
                ++perLabel[nlohmann::json::parse(line).at("label").get<std::string>()];
        return perLabel;
    }

    // Try it with the run's adapter: one validation text, each class's probability (adding up to 100 %), the first
    // line the class core's classifyText picks for the same adapter.
    static void checkTryItClassifies(ui::MainWindow& w, const core::RunSummary& run)
    {
        ui::TryItPanel* tryIt = w.tryItPanel();
        QCOMPARE(tryIt->adapterDir(), QString::fromStdString(run.exportDir));
        const core::ExperimentConfig cfg = w.currentExperiment();
        const std::string text = firstRecord(cfg.data.validationPath).at("text").get<std::string>();
        runTryIt(*tryIt, QString::fromStdString(text));
        qInfo("Try it on %s:\n%s", text.c_str(), qPrintable(tryIt->adaptedOutput()));
        const QStringList lines = tryIt->adaptedOutput().split('\n');
        double total = 0;
        for (const QString& name : {QString("old"), QString("new")}) {
            const QStringList matching = lines.filter(QRegularExpression("^" + name + "\\s"));
            QCOMPARE(matching.size(), 1);
            total += QRegularExpression("([0-9.]+) %").match(matching[0]).captured(1).toDouble();
        }
        QVERIFY2(std::abs(total - 100.0) < 0.2, qPrintable(tryIt->adaptedOutput()));
        core::LoadedModel loaded = core::loadModel(cfg.model);
        const core::LoraConfig adapter = core::loadAdapter(*loaded.model, run.exportDir);
        const core::ClassScores scores = core::classifyText(*loaded.model, *loaded.tokenizer, adapter.classes, text,
                                                            "", loaded.model->config().maxPositionEmbeddings);
        const size_t best = std::max_element(scores.scores.begin(), scores.scores.end()) - scores.scores.begin();
        QVERIFY2(lines[0].startsWith(QString::fromStdString(scores.names[best])), qPrintable(tryIt->adaptedOutput()));
        // The same numbers exactly: no dropout (the demo's lora_dropout is 0.05) makes one try differ from the next.
        QCOMPARE(tryIt->adaptedOutput(), ui::classScoresText(scores));
    }

    // Try it's tags for a sentence of the training file: one line per word, the tags core's tagWords gives the same
    // adapter, and names of the run's tag set.
    static void checkTryItTags(ui::MainWindow& w, const core::RunSummary& run)
    {
        ui::TryItPanel* tryIt = w.tryItPanel();
        const core::ExperimentConfig cfg = w.currentExperiment();
        const nlohmann::json record = firstRecord(cfg.data.path);
        QStringList words;
        for (const auto& word : record.at("tokens"))
            words << QString::fromStdString(word.get<std::string>());
        QCOMPARE(tryIt->generateButton()->text(), QString("Tag"));
        runTryIt(*tryIt, words.join(' '));
        qInfo("Try it tags:\n%s", qPrintable(tryIt->adaptedOutput()));
        core::LoadedModel loaded = core::loadModel(cfg.model);
        const core::LoraConfig adapter = core::loadAdapter(*loaded.model, run.exportDir);
        const std::vector<core::TaggedWord> tagged = core::tagWords(
            *loaded.model, *loaded.tokenizer, adapter.classes, words.join(' ').toStdString(), cfg.data.maxLength);
        QCOMPARE(tagged.size(), size_t(words.size()));
        for (const core::TaggedWord& t : tagged)
            QVERIFY(std::find(adapter.classes.names.begin(), adapter.classes.names.end(), t.tag) !=
                    adapter.classes.names.end());
        QCOMPARE(tryIt->adaptedOutput(), ui::taggedWordsText(tagged));
        QVERIFY(tryIt->adaptedOutput().startsWith(words[0]));
    }

    // Try it answers the first validation question as evaluation does: the same text `lorawb eval --predictions`
    // writes for it (windows of the run's max_length and doc_stride, the same null-answer rule).
    static void checkTryItAnswersAsEvaluationDoes(ui::MainWindow& w, const core::RunSummary& run)
    {
        ui::TryItPanel* tryIt = w.tryItPanel();
        const core::ExperimentConfig cfg = w.currentExperiment();
        core::LoadedModel loaded = core::loadModel(cfg.model);
        const core::LoraConfig adapter = core::loadAdapter(*loaded.model, run.exportDir);
        std::vector<core::Example> examples;
        const core::QaValidation set = core::readQuestionAnsweringSet(
            cfg.data.validationPath, {cfg.data.maxLength, cfg.task.docStride}, cfg.task.maxAnswerLength,
            *loaded.tokenizer, examples);
        const core::QuestionAnsweringScores scores = core::evaluateQuestionAnswering(
            *loaded.model, examples, set, 8, core::batchPadId(*loaded.tokenizer));
        const core::SquadQuestion& first = set.questions.front();
        tryIt->setPrompt(QString::fromStdString(first.context));
        QVERIFY(!tryIt->generateButton()->isEnabled()); // a context without its question
        tryIt->setQuestion(QString::fromStdString(first.question));
        tryIt->findChild<QCheckBox*>()->setChecked(set.allowsNoAnswer);
        QVERIFY2(tryIt->generateButton()->isEnabled(), qPrintable(tryIt->generateButton()->toolTip()));
        QCOMPARE(tryIt->generateButton()->text(), QString("Answer"));
        tryIt->generate();
        QTRY_VERIFY_WITH_TIMEOUT(!tryIt->isBusy(), 60000);
        qInfo("Try it answers \"%s\": %s", first.question.c_str(), qPrintable(tryIt->adaptedOutput()));
        const core::QaAnswer& expected = scores.answers.front();
        if (expected.noAnswer)
            QVERIFY2(tryIt->adaptedOutput().startsWith("No answer"), qPrintable(tryIt->adaptedOutput()));
        else
            QVERIFY2(tryIt->adaptedOutput().startsWith("Answer: " + QString::fromStdString(expected.text) + "\n"),
                     qPrintable(tryIt->adaptedOutput() + " / expected " + QString::fromStdString(expected.text)));
    }

    // Try it searches the validation pairs' documents with the first validation query: the base model's nearest
    // texts beside the adapter's, each list what core's nearestTexts gives for that model.
    static void checkTryItSearches(ui::MainWindow& w, const core::RunSummary& run)
    {
        ui::TryItPanel* tryIt = w.tryItPanel();
        const core::ExperimentConfig cfg = w.currentExperiment();
        const std::string query = firstRecord(cfg.data.validationPath).at("query").get<std::string>();
        runTryIt(*tryIt, QString::fromStdString(query));
        qInfo("Try it searches \"%s\":\nbase:\n%s\nadapter:\n%s", query.c_str(), qPrintable(tryIt->baseOutput()),
              qPrintable(tryIt->adaptedOutput()));
        core::DataConfig pairs = cfg.data;
        pairs.path = cfg.data.validationPath;
        const std::vector<std::string> corpus = core::pairDocuments(core::readAlpacaRecords(pairs.path, pairs));
        core::EmbeddingOptions options;
        options.pooling = cfg.task.pooling;
        options.maxLength = cfg.data.maxLength;
        core::LoadedModel loaded = core::loadModel(cfg.model);
        QCOMPARE(tryIt->baseOutput(),
                 ui::nearTextsText(core::nearestTexts(*loaded.model, *loaded.tokenizer, query, corpus, options, 5),
                                   corpus.size()));
        core::loadAdapter(*loaded.model, run.exportDir);
        QCOMPARE(tryIt->adaptedOutput(),
                 ui::nearTextsText(core::nearestTexts(*loaded.model, *loaded.tokenizer, query, corpus, options, 5),
                                   corpus.size()));
        QCOMPARE(tryIt->adaptedOutput().split('\n').size(), 5 + 2);
    }

    // Each row of the matrix holds every validation record of its class once: the row totals are the file's label
    // counts, whatever the head predicts.
    static void checkConfusionAgainstTheValidationFile(const ui::ConfusionMatrixPlot& confusion,
                                                       const core::ExperimentConfig& cfg)
    {
        std::map<std::string, int64_t> perLabel = labelCounts(cfg.data.validationPath);
        QCOMPARE(cfg.task.labels.size(), size_t(2));
        for (int actual = 0; actual < 2; ++actual) {
            int64_t total = 0;
            for (int predicted = 0; predicted < 2; ++predicted) {
                QVERIFY(confusion.count(actual, predicted) >= 0);
                total += confusion.count(actual, predicted);
            }
            QCOMPARE(total, perLabel[cfg.task.labels[static_cast<size_t>(actual)]]);
        }
        QCOMPARE(confusion.count(2, 0), int64_t(-1));
        // A row's colour follows its share: the cell holding more of the row is darker.
        const int64_t a = confusion.count(0, 0), b = confusion.count(0, 1);
        if (a != b)
            QVERIFY((a > b) == (confusion.cellColor(0, 0).lightness() < confusion.cellColor(0, 1).lightness()));
    }
};

QTEST_MAIN(TestTaskHeadsUi)
#include "test_task_heads_ui.moc"
