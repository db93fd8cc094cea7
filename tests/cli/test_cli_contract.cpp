// The CLI contract of DESIGN.md, on the real lorawb binary: exit statuses, --json objects and what each command
// prints, on a tiny random model built here.
#include "CliFixture.h"

#include "core/lora/ParameterCount.h"
#include "core/model/CausalLm.h"
#include "core/model/ModelLoader.h"

#include <torch/torch.h>

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <cmath>

using clitest::Result;
using clitest::runLorawb;

class TestCliContract : public clitest::CliSuite {
    Q_OBJECT
private:
    QString m_text;

private Q_SLOTS:
    void initTestCase()
    {
        makeFixtures();
        m_text = path("text.txt");
        testutil::writeBytes(m_text, "the quick brown fox jumps over the lazy dog. name the colour of the sky.\n");
    }

    void versionNamesLibtorchAndCuda()
    {
        const Result r = runLorawb({"--version"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.startsWith("lorawb 0."));
        QVERIFY(r.out.contains("libtorch"));
        QVERIFY(r.out.contains("CUDA"));
    }

    void helpForEveryCommand()
    {
        const Result top = runLorawb({"--help"});
        QVERIFY2(top.finished && top.exitCode == 0, qPrintable(top.describe()));
        for (const char* command : {"info", "train", "eval", "generate", "data", "bench"}) {
            QVERIFY2(top.out.contains(QString("  %1 ").arg(command)), command);
            const Result r = runLorawb({command, "--help"});
            QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
            QVERIFY2(r.out.contains(QString("usage: lorawb %1").arg(command)), qPrintable(r.out));
        }
    }

    void noArgumentsIsUsage()
    {
        const Result r = runLorawb({});
        QVERIFY2(r.finished && r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY(r.err.contains("usage: lorawb"));
    }

    void infoJsonListsEveryLinearModule()
    {
        const Result r = runLorawb({"info", m_model, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject info = r.json();
        QCOMPARE(info["architecture"].toString(), QString("LlamaForCausalLM"));
        QCOMPARE(info["layers"].toInt(), 2);
        QCOMPARE(info["hidden_size"].toInt(), 32);
        QCOMPARE(info["attention_heads"].toInt(), 4);
        QCOMPARE(info["key_value_heads"].toInt(), 2);
        QCOMPARE(info["vocab_size"].toInt(), 320);
        QCOMPARE(info["max_position_embeddings"].toInt(), 256);
        QCOMPARE(info["dtype"].toString(), QString("float32"));
        core::CausalLm reference(clitest::tinyConfig());
        QCOMPARE(static_cast<int64_t>(info["parameters"].toDouble()), core::countParameters(reference).all);
        // name → (in, out): q/o 32×32, k/v 32 → 2 kv heads × 8, gate/up 32 → 64, down 64 → 32.
        const QMap<QString, QPair<int, int>> shapes{{"q_proj", {32, 32}},    {"k_proj", {32, 16}},
                                                   {"v_proj", {32, 16}},    {"o_proj", {32, 32}},
                                                   {"gate_proj", {32, 64}}, {"up_proj", {32, 64}},
                                                   {"down_proj", {64, 32}}};
        const QJsonArray modules = info["linear_modules"].toArray();
        QCOMPARE(modules.size(), 2 * 7 + 1); // + lm_head
        QMap<QString, int> seen;
        for (const auto& value : modules) {
            const QJsonObject m = value.toObject();
            const QString name = m["name"].toString();
            const QString shortName = name.section('.', -1);
            if (name == "lm_head") {
                QCOMPARE(m["in"].toInt(), 32);
                QCOMPARE(m["out"].toInt(), 320);
                continue;
            }
            QVERIFY2(shapes.contains(shortName), qPrintable(name));
            QVERIFY(name.startsWith("model.layers."));
            QCOMPARE(m["in"].toInt(), shapes[shortName].first);
            QCOMPARE(m["out"].toInt(), shapes[shortName].second);
            ++seen[shortName];
        }
        for (const auto& name : shapes.keys())
            QCOMPARE(seen[name], 2);
        QVERIFY(info["target_names"].toArray().contains(QJsonValue("down_proj")));
    }

    void infoTextShowsTheModel()
    {
        const Result r = runLorawb({"info", m_model});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains("LlamaForCausalLM"));
        QVERIFY(r.out.contains("model.layers.1.mlp.down_proj"));
        QVERIFY(r.out.contains("linear modules (15)"));
    }

    void evalTextMatchesTheLibraryLoss()
    {
        const Result r = runLorawb({"eval", "--model", m_model, "--text", m_text, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        const double loss = j["loss"].toDouble();
        QVERIFY(std::isfinite(loss) && loss > 0);
        QVERIFY(std::abs(j["perplexity"].toDouble() - std::exp(loss)) <= 1e-9 * std::exp(loss));
        // The text fits one window: the loss is transformers' model(ids, labels=ids).loss over BOS + ids.
        auto loaded = core::loadModel(m_model.toStdString(), core::LoadOptions{"cpu", "float32", true});
        QFile file(m_text);
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::vector<int64_t> ids{loaded.tokenizer->bosId()};
        for (int id : loaded.tokenizer->encode(file.readAll().toStdString()))
            ids.push_back(id);
        QCOMPARE(static_cast<int64_t>(j["tokens"].toDouble()), static_cast<int64_t>(ids.size()) - 1);
        torch::NoGradGuard noGrad;
        const auto t = torch::tensor(ids).unsqueeze(0);
        QVERIFY(std::abs(loaded.model->meanLoss(t, t).item<double>() - loss) < 1e-5);
    }

    void evalTextPrintsReadableNumbers()
    {
        const Result r = runLorawb({"eval", "--model", m_model, "--text", m_text});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains("loss"));
        QVERIFY(r.out.contains("perplexity"));
    }

    void evalDataReportsLossAndAccuracy()
    {
        const Result r = runLorawb({"eval", "--model", m_model, "--data", m_records, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QVERIFY(std::isfinite(j["loss"].toDouble()));
        QVERIFY(std::abs(j["perplexity"].toDouble() - std::exp(j["loss"].toDouble())) < 1e-6 * j["perplexity"].toDouble());
        QVERIFY(j["tokens"].toInt() > 0);
        QCOMPARE(j["records"].toInt(), 8);
        QVERIFY(j.contains("accuracy") && j.contains("correct"));
        QVERIFY(j["accuracy"].toDouble() >= 0 && j["accuracy"].toDouble() <= 1);
        QCOMPARE(j["accuracy"].toDouble(), j["correct"].toDouble() / 8);

        const Result limited = runLorawb({"eval", "--model", m_model, "--data", m_records, "--json", "--limit", "2"});
        QVERIFY2(limited.finished && limited.exitCode == 0, qPrintable(limited.describe()));
        QCOMPARE(limited.json()["records"].toInt(), 2);
        QVERIFY(limited.json()["tokens"].toInt() < j["tokens"].toInt());
    }

    void generateGreedyAndSeeded()
    {
        const QStringList base{"generate", "--model", m_model, "--prompt", "the quick brown", "--max-new-tokens", "6"};
        const Result greedy = runLorawb(base + QStringList{"--json"});
        QVERIFY2(greedy.finished && greedy.exitCode == 0, qPrintable(greedy.describe()));
        QVERIFY(greedy.json()["tokens"].toInt() <= 6);
        QVERIFY(greedy.json().contains("text"));
        const QStringList sampled = base + QStringList{"--temperature", "1.5", "--seed", "7", "--json"};
        const Result a = runLorawb(sampled);
        const Result b = runLorawb(sampled);
        QVERIFY2(a.exitCode == 0 && b.exitCode == 0, qPrintable(a.describe()));
        QCOMPARE(a.json()["text"].toString(), b.json()["text"].toString());
        const Result plain = runLorawb(base);
        QVERIFY2(plain.finished && plain.exitCode == 0, qPrintable(plain.describe()));
    }

    void generateWithTheAlpacaTemplate()
    {
        const Result r = runLorawb({"generate", "--model", m_model, "--prompt", "Name the colour of the sky.",
                                    "--alpaca", "--max-new-tokens", "4", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.json()["prompt"].toString().startsWith("Below is an instruction"));
        QVERIFY(r.json()["prompt"].toString().endsWith("### Response:\n"));
    }

    void dataPreviewShowsTokensAndLabels()
    {
        const Result r = runLorawb({"data", "preview", m_records, "--model", m_model, "--index", "2", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QCOMPARE(j["record"].toInt(), 2);
        QVERIFY(j["text"].toString().contains("### Input:\ncat"));
        QVERIFY(j["text"].toString().endsWith("tac"));
        const QJsonArray tokens = j["tokens"].toArray();
        QVERIFY(tokens.size() > 5);
        QCOMPARE(tokens.first().toObject()["id"].toInt(), 1); // BOS
        QVERIFY(!tokens.first().toObject()["trained"].toBool());
        QVERIFY(tokens.last().toObject()["trained"].toBool()); // EOS is trained
        QCOMPARE(tokens.last().toObject()["id"].toInt(), 2);

        const Result textOnly = runLorawb({"data", "preview", m_records, "--json"});
        QVERIFY2(textOnly.finished && textOnly.exitCode == 0, qPrintable(textOnly.describe()));
        QVERIFY(textOnly.json()["tokens"].toArray().isEmpty());
        QVERIFY(textOnly.json()["text"].toString().contains("Name the colour of the sky."));
    }

    void dataStatsCountsRecords()
    {
        const Result r = runLorawb({"data", "stats", m_records, "--model", m_model, "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json()["examples"].toInt(), 8);
        QVERIFY(r.json()["tokens"].toObject()["trained"].toInt() > 0);
        const Result text = runLorawb({"data", "stats", m_records, "--model", m_model});
        QVERIFY2(text.finished && text.exitCode == 0, qPrintable(text.describe()));
    }

    void benchTinyOnCpu()
    {
        const Result r = runLorawb({"bench", "--config", "tiny", "--batch", "2", "--seq", "32", "--steps", "3",
                                    "--warmup", "1", "--device", "cpu", "--json"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject j = r.json();
        QVERIFY(j["tokens_per_second"].toDouble() > 0);
        QVERIFY(j["step_time_ms"].toDouble() > 0);
        QVERIFY(j["peak_memory_gib"].toDouble() > 0);
        QCOMPARE(j["device"].toString(), QString("cpu"));
        QCOMPARE(j["config"].toString(), QString("tiny"));
        QCOMPARE(j["batch"].toInt(), 2);
        QCOMPARE(j["seq"].toInt(), 32);
        QCOMPARE(j["steps"].toInt(), 3);
        QVERIFY(std::isfinite(j["loss"].toDouble()));
    }

    void benchOnAModelDirectory()
    {
        const Result r = runLorawb({"bench", "--model", m_model, "--batch", "1", "--seq", "16", "--steps", "2",
                                    "--device", "cpu"});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(r.out.contains("tokens/s"));
        QVERIFY(r.out.contains("trainable params:"));
    }
};

QTEST_APPLESS_MAIN(TestCliContract)
#include "test_cli_contract.moc"
