// Broken model folders and datasets fed through the window the way a user would pick them (issue 16): each must end
// in an inline message that names what is wrong, never a crash, a hang or a dialog box — and the window must take a
// good model and dataset right after, as if nothing had happened.
#include "TinyWorkbenchFixture.h"
#include "common/FileBytes.h"

#include "ui/data/DataPanel.h"
#include "ui/model/ModelPanel.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QtTest>

#include <filesystem>
#include <functional>

namespace fs = std::filesystem;

class TestBadInputSweep : public QObject {
    Q_OBJECT
private:
    fixture::TinyWorkbench m_fx;

    // No dialog of any kind came up (a message box per broken file would be a modal storm).
    static int openDialogs()
    {
        int open = 0;
        for (QWidget* w : QApplication::topLevelWidgets())
            if (qobject_cast<QDialog*>(w) && w->isVisible())
                ++open;
        return open;
    }

    // A copy of the fixture's model folder under `name`, then changed by `damage`.
    std::string brokenModel(const std::string& name, const std::function<void(const fs::path&)>& damage)
    {
        const fs::path dir = m_fx.path(name);
        fs::remove_all(dir);
        fs::copy(m_fx.modelDir(), dir, fs::copy_options::recursive);
        damage(dir);
        return dir.string();
    }

    static void cut(const fs::path& file, double share)
    {
        fs::resize_file(file, static_cast<uintmax_t>(static_cast<double>(fs::file_size(file)) * share));
    }

private Q_SLOTS:
    void initTestCase() { m_fx.setUp(); }

    void brokenModelFoldersShowAMessageInline()
    {
        struct Case {
            const char* name;
            std::function<void(const fs::path&)> damage;
        };
        const std::vector<Case> cases = {
            {"empty", [](const fs::path& d) { for (const auto& e : fs::directory_iterator(d)) fs::remove_all(e); }},
            {"no_config", [](const fs::path& d) { fs::remove(d / "config.json"); }},
            {"config_truncated", [](const fs::path& d) { cut(d / "config.json", 0.5); }},
            {"config_number_overflow",
             [](const fs::path& d) { testutil::writeBytes((d / "config.json").string(), "{\"hidden_size\": 1e999}"); }},
            {"config_not_an_object", [](const fs::path& d) { testutil::writeBytes((d / "config.json").string(), "[1, 2]"); }},
            {"unknown_architecture",
             [](const fs::path& d) {
                 testutil::writeBytes((d / "config.json").string(),
                                      "{\"architectures\": [\"GPT2LMHeadModel\"], \"model_type\": \"gpt2\"}");
             }},
            {"no_weights", [](const fs::path& d) { fs::remove(d / "model.safetensors"); }},
            {"weights_truncated", [](const fs::path& d) { cut(d / "model.safetensors", 0.5); }},
            {"weights_header_garbage",
             [](const fs::path& d) { testutil::writeBytes((d / "model.safetensors").string(), std::string(64, '\xff')); }},
            {"no_tokenizer", [](const fs::path& d) {
                 fs::remove(d / "tokenizer.model");
                 fs::remove(d / "tokenizer.json");
             }},
            {"tokenizer_garbage", [](const fs::path& d) {
                 testutil::writeBytes((d / "tokenizer.model").string(), "not a sentencepiece model");
             }},
        };
        ui::MainWindow window(nullptr, false);
        auto* status = window.modelPanel()->findChild<QLabel*>("modelStatus");
        QVERIFY(status);
        int refused = 0;
        for (const Case& c : cases) {
            const std::string dir = brokenModel(std::string("model_") + c.name, c.damage);
            window.modelPanel()->loadModel(QString::fromStdString(dir));
            QTRY_VERIFY_WITH_TIMEOUT(!window.modelPanel()->isLoading(), 30000);
            QCOMPARE(openDialogs(), 0);
            if (window.modelPanel()->summary().isValid()) {
                qInfo("%s: loads (its damage does not touch what the window reads first)", c.name);
                continue;
            }
            ++refused;
            const QString text = status->text();
            QVERIFY2(text.contains(QString::fromStdString(fs::path(dir).filename().string())) || text.contains("config.json") ||
                         text.contains("safetensors") || text.contains("tokenizer"),
                     qPrintable(QString("%1: the message names neither the folder nor the file: %2").arg(c.name, text)));
            qInfo("%s: %s", c.name, qPrintable(text.left(220)));
        }
        QVERIFY(refused >= int(cases.size()) - 2);
        // Nothing stuck: the good model loads in the same window.
        window.modelPanel()->loadModel(QString::fromStdString(m_fx.modelDir()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelPanel()->isLoading() && window.modelPanel()->summary().isValid(), 30000);
        QCOMPARE(openDialogs(), 0);
    }

    void brokenDatasetsShowAMessageInline()
    {
        struct Case {
            const char* file;
            std::string bytes;
        };
        const std::vector<Case> cases = {
            {"empty.jsonl", ""},
            {"binary.jsonl", std::string("\x00\x01\x02\xff\xfe\x80garbage\x00", 15)},
            {"invalid_utf8.jsonl", "{\"instruction\": \"caf\xe9\", \"output\": \"x\"}\n"},
            {"truncated_array.json", "[{\"instruction\": \"a\", \"output\": \"b\"}, {\"instruction\": "},
            {"bad_line.jsonl", "{\"instruction\": \"a\", \"output\": \"b\"}\n{\"instruction\": \"c\" \"output\": \"d\"}\n"},
            {"number_overflow.jsonl", "{\"instruction\": \"a\", \"output\": 1e999}\n"},
            {"deep_nesting.json", std::string(100000, '[')},
            {"missing_output.jsonl", "{\"instruction\": \"a\"}\n"},
            {"wrong_type.jsonl", "{\"instruction\": [1, 2], \"output\": \"b\"}\n"},
            {"unbalanced_quote.csv", "instruction,input,output\n\"a,b,c\n"},
            {"no_columns.csv", "foo,bar\n1,2\n"},
            {"pretty_object.jsonl", "{\n  \"data\": [{\"instruction\": \"a\", \"output\": \"b\"}]\n}\n"},
        };
        ui::MainWindow window(nullptr, false);
        window.modelPanel()->loadModel(QString::fromStdString(m_fx.modelDir()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.modelPanel()->isLoading() && window.modelPanel()->summary().isValid(), 30000);
        for (const Case& c : cases) {
            const std::string file = m_fx.path(std::string("bad_") + c.file);
            testutil::writeBytes(file, c.bytes);
            window.dataPanel()->setDatasetPath(QString::fromStdString(file));
            QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
            QCOMPARE(openDialogs(), 0);
            const QString error = window.dataPanel()->errorText();
            QVERIFY2(error.contains(QString("bad_") + c.file),
                     qPrintable(QString("%1: the message does not name the file: '%2'").arg(c.file, error)));
            QCOMPARE(window.dataPanel()->recordCount(), 0);
            QVERIFY2(!error.contains(QChar(0)), "a raw control byte in the message");
            qInfo("%s: %s", c.file, qPrintable(error.left(200)));
        }
        window.dataPanel()->setDatasetPath(QString::fromStdString(m_fx.datasetPath()));
        QTRY_VERIFY_WITH_TIMEOUT(!window.dataPanel()->isBusy(), 30000);
        QVERIFY2(window.dataPanel()->errorText().isEmpty(), qPrintable(window.dataPanel()->errorText()));
        QCOMPARE(window.dataPanel()->recordCount(), 40);
    }
};

QTEST_MAIN(TestBadInputSweep)
#include "test_bad_input_sweep.moc"
