// The config diff of two experiment files (history view, `lorawb runs diff`): dotted keys, lists compared whole.
#include "common/ErrorCapture.h"
#include "core/experiment/ConfigDiff.h"

#include <QtTest>

namespace {

const char* const kLeft = R"(model: models/tiny
task_type: CAUSAL_LM
lora:
  r: 8
  lora_alpha: 16
  target_modules: [q_proj, v_proj]
  rank_pattern: {}
train: {max_steps: 200, seed: 42, learning_rate: 2.0e-4}
output_dir: runs/a
)";

const char* const kRight = R"(model: models/tiny
task_type: CAUSAL_LM
lora: {r: 4, lora_alpha: 16, target_modules: [q_proj, k_proj, v_proj], use_rslora: true}
train:
  max_steps: 200
  seed: 42
  learning_rate: 2.0e-4
output_dir: "runs/b"
)";

} // namespace

class TestConfigDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void changedAddedRemovedAndLists()
    {
        const auto diff = core::configDiff(kLeft, kRight);
        // Block and flow style of the same values are equal: only what differs is listed, sorted by key.
        QCOMPARE(diff.size(), size_t(5));
        QCOMPARE(diff[0].key, std::string("lora.r"));
        QCOMPARE(diff[0].left, std::string("8"));
        QCOMPARE(diff[0].right, std::string("4"));
        QCOMPARE(diff[1].key, std::string("lora.rank_pattern")); // an empty map that only the left has
        QCOMPARE(diff[1].left, std::string("{}"));
        QCOMPARE(diff[1].right, std::string(""));
        QCOMPARE(diff[2].key, std::string("lora.target_modules"));
        QCOMPARE(diff[2].left, std::string("[q_proj, v_proj]"));
        QCOMPARE(diff[2].right, std::string("[q_proj, k_proj, v_proj]"));
        QCOMPARE(diff[3].key, std::string("lora.use_rslora")); // added
        QCOMPARE(diff[3].left, std::string(""));
        QCOMPARE(diff[3].right, std::string("true"));
        QCOMPARE(diff[4].key, std::string("output_dir"));
        QCOMPARE(diff[4].left, std::string("runs/a"));
        QCOMPARE(diff[4].right, std::string("runs/b"));
    }

    void sameTextHasNoDifferences()
    {
        QVERIFY(core::configDiff(kLeft, kLeft).empty());
        QVERIFY(core::configDiff("", "").empty());
    }

    void anEmptySideListsEveryKey()
    {
        const auto diff = core::configDiff("", "a: {b: 1, c: [x]}\nd: ~\n");
        QCOMPARE(diff.size(), size_t(3));
        QCOMPARE(diff[0].key, std::string("a.b"));
        QCOMPARE(diff[1].key, std::string("a.c"));
        QCOMPARE(diff[1].right, std::string("[x]"));
        QCOMPARE(diff[2].key, std::string("d"));
        QCOMPARE(diff[2].right, std::string("null"));
        QCOMPARE(diff[2].left, std::string(""));
    }

    void nestedListsOfMapsCompareWhole()
    {
        const auto diff = core::configDiff("data: {files: [{path: a.jsonl}]}\n", "data: {files: [{path: b.jsonl}]}\n");
        QCOMPARE(diff.size(), size_t(1));
        QCOMPARE(diff[0].key, std::string("data.files"));
        QVERIFY(diff[0].left.find("a.jsonl") != std::string::npos);
        QVERIFY(diff[0].right.find("b.jsonl") != std::string::npos);
    }

    void brokenYamlNamesTheSide()
    {
        testutil::expectError([] { core::configDiff("a: 1\n", "lora: {r: 8\n", "run 1", "run 2"); },
                              {"run 2", "YAML"});
        testutil::expectError([] { core::configDiff("- a\n- b\n", "a: 1\n", "run 7", "run 8"); },
                              {"run 7", "not an experiment file"});
    }
};

QTEST_APPLESS_MAIN(TestConfigDiff)
#include "test_config_diff.moc"
