// core::AdamW against torch.optim.AdamW (HF Trainer's adamw_torch) on a float32 and a bfloat16 parameter: five steps
// with a changing learning rate and weight decay, from tests/data/reference/optimizer (made by
// tests/reference/make_optimizer_reference.py; never by this engine).
#include "common/PinnedVersion.h"
#include "common/TensorDiff.h"
#include "core/io/JsonFile.h"
#include "core/io/Safetensors.h"
#include "core/train/AdamW.h"

#include <torch/torch.h>

#include <QtTest>

#include <filesystem>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path kFixture = fs::path(LORAWB_SOURCE_DIR) / "tests" / "data" / "reference" / "optimizer";

struct Replay {
    std::vector<at::Tensor> params; // after each step
    at::Tensor expAvg, expAvgSq;
};

// Feeds the recorded gradients of `dtype` to core::AdamW with the recorded options.
Replay replay(const core::SafetensorsFile& file, const nlohmann::json& expected, const std::string& dtype)
{
    auto param = file.tensor(dtype + ".param0").clone();
    core::AdamWOptions options;
    options.beta1 = expected.at("betas").at(0).get<double>();
    options.beta2 = expected.at("betas").at(1).get<double>();
    options.epsilon = expected.at("eps").get<double>();
    options.weightDecay = expected.at("weight_decay").get<double>();
    core::AdamW optimizer({param}, options);
    Replay out;
    const auto lrs = expected.at("lr").get<std::vector<double>>();
    for (size_t k = 1; k <= lrs.size(); ++k) {
        param.mutable_grad() = file.tensor(dtype + ".grad." + std::to_string(k)).clone();
        optimizer.step(lrs[k - 1]);
        out.params.push_back(param.clone());
    }
    for (const auto& [name, tensor] : optimizer.stateTensors()) {
        if (name == "exp_avg.0")
            out.expAvg = tensor;
        else if (name == "exp_avg_sq.0")
            out.expAvgSq = tensor;
    }
    return out;
}

} // namespace

class TestAdamwReference : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<core::SafetensorsFile> m_file;
    nlohmann::json m_expected;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(fs::exists(kFixture / "adamw.safetensors"),
                 "tests/data/reference/optimizer is missing: run tests/reference/make_optimizer_reference.py");
        m_file = core::SafetensorsFile::open((kFixture / "adamw.safetensors").string());
        m_expected = core::readJsonFile((kFixture / "expected.json").string(), "optimizer reference");
        // A local build tag ("2.15.0+cu132") is the pinned release.
        const std::string torchVersion = m_expected.at("versions").at("torch").get<std::string>();
        QVERIFY2(torchVersion.rfind(testutil::pinnedVersion("torch"), 0) == 0,
                 ("the optimizer fixture was made by torch " + torchVersion + ", requirements.txt pins " +
                  testutil::pinnedVersion("torch") + ": regenerate it with make_optimizer_reference.py")
                     .c_str());
    }

    void float32MatchesTorch()
    {
        const Replay ours = replay(*m_file, m_expected, "float32");
        for (size_t k = 0; k < ours.params.size(); ++k) {
            const auto want = m_file->tensor("float32.param." + std::to_string(k + 1));
            QVERIFY2(ours.params[k].scalar_type() == torch::kFloat32, "the parameter keeps its dtype");
            const double diff = testutil::maxAbsDiff(ours.params[k], want);
            QVERIFY2(diff <= 1e-6, ("step " + std::to_string(k + 1) + ": max |Δ| " + std::to_string(diff)).c_str());
        }
        QVERIFY(testutil::maxAbsDiff(ours.expAvg, m_file->tensor("float32.exp_avg")) <= 1e-7);
        QVERIFY(testutil::maxAbsDiff(ours.expAvgSq, m_file->tensor("float32.exp_avg_sq")) <= 1e-7);
    }

    // torch keeps a bfloat16 parameter's moments in bfloat16 and rounds after each operation; float32 moments with one
    // rounding at the end land on a neighbouring bfloat16 value for some elements by the fifth step.
    void bfloat16RoundsAsTorchDoes()
    {
        const Replay ours = replay(*m_file, m_expected, "bfloat16");
        QVERIFY(ours.expAvg.scalar_type() == torch::kBFloat16);
        QVERIFY(ours.expAvgSq.scalar_type() == torch::kBFloat16);
        for (size_t k = 0; k < ours.params.size(); ++k) {
            const auto want = m_file->tensor("bfloat16.param." + std::to_string(k + 1));
            QVERIFY(ours.params[k].scalar_type() == torch::kBFloat16);
            const auto differing = ours.params[k].ne(want).sum().item<int64_t>();
            QVERIFY2(differing == 0, ("step " + std::to_string(k + 1) + ": " + std::to_string(differing) +
                                      " of 60 elements differ from torch.optim.AdamW")
                                         .c_str());
        }
        QVERIFY(torch::equal(ours.expAvg, m_file->tensor("bfloat16.exp_avg")));
        QVERIFY(torch::equal(ours.expAvgSq, m_file->tensor("bfloat16.exp_avg_sq")));
    }
};

QTEST_GUILESS_MAIN(TestAdamwReference)
#include "test_adamw_reference.moc"
