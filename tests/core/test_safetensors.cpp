// safetensors reader/writer and the model-directory WeightStore: round trips, zero-copy views, and one test per kind
// of bad file, each asserting that the message names the file and the problem.
#include "common/ErrorCapture.h"
#include "common/FileBytes.h"
#include "common/FileSizeLimit.h"
#include "core/io/Safetensors.h"
#include "core/io/WeightStore.h"

#include <torch/torch.h>

#include <QDir>
#include <QTemporaryDir>

#include <filesystem>
#include <QtTest>

using testutil::errorOf;
using testutil::FileSizeLimit;
using testutil::readBytes;
using testutil::writeBytes;

namespace {

// A safetensors file written by hand: 8-byte little-endian header length, the header text, the data bytes.
void writeRaw(const std::string& path, const std::string& header, const std::string& data)
{
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i)
        bytes[i] = char((uint64_t(header.size()) >> (8 * i)) & 0xff);
    writeBytes(path, bytes + header + data);
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::string pathOf(const char* name) const { return m_dir.filePath(name).toStdString(); }

    // Opening path must fail with a message that names it and contains every one of parts.
    static void expectOpenError(const std::string& path, const QStringList& parts)
    {
        testutil::expectError([&] { core::SafetensorsFile::open(path); },
                              QStringList{QString::fromStdString(path)} + parts);
    }

    // A file whose only tensor "w" is F32 [2, 2] = 1, 2, 3, 4, with the given header entry for "w".
    std::string writeOneTensor(const char* name, const std::string& entry, size_t dataBytes = 16)
    {
        const std::string path = pathOf(name);
        const float values[] = {1, 2, 3, 4};
        std::string data(reinterpret_cast<const char*>(values), sizeof values);
        data.resize(dataBytes, '\0');
        std::string header = "{\"w\":" + entry + "}";
        header.append((8 - header.size() % 8) % 8, ' '); // data 8-byte aligned, as real writers do
        writeRaw(path, header, data);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streamWriterTakesTensorsInHeaderOrderAndConverts()
    {
        const std::string path = pathOf("stream.safetensors");
        {
            core::SafetensorsStreamWriter out(path, {{"b", torch::kBFloat16, {2, 2}}, {"a", torch::kFloat32, {3}}});
            QCOMPARE(out.order(), (std::vector<std::string>{"a", "b"}));
            out.write("a", torch::arange(3, torch::kFloat));
            out.write("b", torch::full({2, 2}, 1.5)); // float32 in, bf16 stored
            out.commit();
            QCOMPARE(uint64_t(std::filesystem::file_size(path)), out.fileSize());
        }
        const auto file = core::SafetensorsFile::open(path);
        QCOMPARE(file->entry("b").dtype, std::string("BF16"));
        QVERIFY(torch::equal(file->tensor("b").to(torch::kFloat), torch::full({2, 2}, 1.5)));
        // Destroyed before commit: nothing at the path.
        const std::string unfinished = pathOf("unfinished.safetensors");
        {
            core::SafetensorsStreamWriter out(unfinished, {{"a", torch::kFloat32, {3}}});
        }
        QVERIFY(!std::filesystem::exists(unfinished));
    }

    void roundTripKeepsDtypesValuesAndMetadata()
    {
        torch::manual_seed(0);
        const auto f32 = torch::randn({3, 4});
        const auto f16 = torch::randn({5}).to(torch::kHalf);
        const auto bf16 = torch::randn({2, 3}).to(torch::kBFloat16);
        const auto i64 = torch::tensor(std::vector<int64_t>{-1, 0, 7, int64_t(1) << 40});
        const auto scalar = torch::tensor(3.5);
        const auto empty = torch::zeros({0, 3});
        const auto strided = torch::arange(12, torch::kFloat).view({3, 4}).t(); // not contiguous
        const std::string path = pathOf("round.safetensors");
        core::saveSafetensors(path,
                              {{"z.f32", f32}, {"a.f16", f16}, {"m.bf16", bf16}, {"i64", i64}, {"scalar", scalar},
                               {"empty", empty}, {"strided", strided}},
                              {{"format", "pt"}});

        const auto file = core::SafetensorsFile::open(path);
        QCOMPARE(file->names(), (std::vector<std::string>{"a.f16", "empty", "i64", "m.bf16", "scalar", "strided",
                                                          "z.f32"}));
        QCOMPARE(file->metadata(), (std::map<std::string, std::string>{{"format", "pt"}}));
        QCOMPARE(QString::fromStdString(file->entry("a.f16").dtype), QString("F16"));
        QCOMPARE(QString::fromStdString(file->entry("m.bf16").dtype), QString("BF16"));
        QCOMPARE(QString::fromStdString(file->entry("i64").dtype), QString("I64"));
        QCOMPARE(file->entry("z.f32").shape, (std::vector<int64_t>{3, 4}));
        QVERIFY(file->entry("scalar").shape.empty());
        QCOMPARE(file->tensor("a.f16").scalar_type(), torch::kHalf);
        QCOMPARE(file->tensor("m.bf16").scalar_type(), torch::kBFloat16);
        QVERIFY(torch::equal(file->tensor("z.f32"), f32));
        QVERIFY(torch::equal(file->tensor("a.f16"), f16));
        QVERIFY(torch::equal(file->tensor("m.bf16"), bf16));
        QVERIFY(torch::equal(file->tensor("i64"), i64));
        QVERIFY(torch::equal(file->tensor("scalar"), scalar));
        QCOMPARE(file->tensor("empty").sizes().vec(), (std::vector<int64_t>{0, 3}));
        QVERIFY(torch::equal(file->tensor("strided"), strided));
        // Conversion to float goes through torch's own dtypes: bf16 → f32 is exact.
        QVERIFY(torch::equal(file->tensor("m.bf16").to(torch::kFloat), bf16.to(torch::kFloat)));

        // The header is padded so that the data starts 8-byte aligned, and names the metadata as PEFT does.
        const std::string bytes = readBytes(path);
        uint64_t headerSize = 0;
        for (int i = 7; i >= 0; --i)
            headerSize = (headerSize << 8) | uint8_t(bytes[size_t(i)]);
        QCOMPARE(headerSize % 8, uint64_t(0));
        QVERIFY(bytes.substr(8, headerSize).find("\"__metadata__\":{\"format\":\"pt\"}") != std::string::npos);
    }

    // readInto reads the file itself: straight into a matching CPU tensor, through a converting copy otherwise
    // (dtype, BOOL bytes), with the same values as the view.
    void readIntoGivesTheStoredValues()
    {
        torch::manual_seed(1);
        const auto bf16 = torch::randn({4, 6}).to(torch::kBFloat16);
        const auto flags = torch::tensor(std::vector<uint8_t>{0, 1, 1, 0}).to(torch::kBool);
        const std::string path = pathOf("read_into.safetensors");
        core::saveSafetensors(path, {{"w", bf16}, {"flags", flags}});
        const auto file = core::SafetensorsFile::open(path);
        at::Tensor same = torch::zeros({4, 6}, torch::kBFloat16);
        file->readInto("w", same);
        QVERIFY(torch::equal(same, bf16));
        at::Tensor wider = torch::zeros({4, 6}, torch::kFloat32);
        file->readInto("w", wider);
        QVERIFY(torch::equal(wider, bf16.to(torch::kFloat32)));
        at::Tensor boolean = torch::zeros({4}, torch::kBool);
        file->readInto("flags", boolean);
        QVERIFY(torch::equal(boolean, flags));
    }

    // Another program truncates the file after it was opened (a download tool restarting, a copy still running):
    // reading through the mapping would kill the process with SIGBUS; readInto ends in a message instead.
    void fileTruncatedAfterOpeningIsAnErrorNotACrash()
    {
        const std::string path = pathOf("shrinking.safetensors");
        core::saveSafetensors(path, {{"a", torch::ones({256})}, {"b", torch::ones({4096})}});
        const auto file = core::SafetensorsFile::open(path);
        std::filesystem::resize_file(path, 8 + 512); // the header and a little data are left
        at::Tensor b = torch::zeros({4096});
        const QString message = errorOf([&] { file->readInto("b", b); });
        VERIFY_CONTAINS(message, QString::fromStdString(path));
        VERIFY_CONTAINS(message, "changed while it was being read");
        VERIFY_CONTAINS(message, "tensor 'b'");
        VERIFY_CONTAINS(message, "wait until it is complete");
    }

    void noMetadataWritesNoMetadataKey()
    {
        const std::string path = pathOf("nometa.safetensors");
        core::saveSafetensors(path, {{"b", torch::ones({2}, torch::kBool)}, {"u", torch::arange(4, torch::kByte)}});
        QVERIFY(readBytes(path).find("__metadata__") == std::string::npos);
        const auto file = core::SafetensorsFile::open(path);
        QVERIFY(file->metadata().empty());
        QVERIFY(torch::equal(file->tensor("b"), torch::ones({2}, torch::kBool)));
        QVERIFY(torch::equal(file->tensor("u"), torch::arange(4, torch::kByte)));
    }

    void tensorIsAZeroCopyViewThatKeepsTheMappingAlive()
    {
        const std::string path = writeOneTensor("view.safetensors",
                                                R"({"dtype":"F32","shape":[2,2],"data_offsets":[0,16]})");
        auto file = core::SafetensorsFile::open(path);
        at::Tensor view = file->tensor("w");
        QCOMPARE(view.scalar_type(), torch::kFloat);
        QVERIFY(torch::equal(view, torch::tensor({1.f, 2.f, 3.f, 4.f}).view({2, 2})));
        QCOMPARE(file->tensor("w").data_ptr(), view.data_ptr()); // the same bytes, not a copy
        file.reset();                                            // the view owns the mapping now
        QCOMPARE(view[1][1].item<float>(), 4.f);
        // Copy-on-write: writing into the view never changes the file.
        view.mul_(10);
        QCOMPARE(view[0][1].item<float>(), 20.f);
        QCOMPARE(core::SafetensorsFile::open(path)->tensor("w")[0][1].item<float>(), 2.f);
    }

    void misalignedDataIsReadCorrectly()
    {
        // Header of odd length: the F32 data starts at an address that is not 4-byte aligned.
        const std::string path = pathOf("misaligned.safetensors");
        const float values[] = {1.5f, -2.f};
        std::string header = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
        if ((8 + header.size()) % 4 == 0)
            header += " ";
        writeRaw(path, header, std::string(reinterpret_cast<const char*>(values), sizeof values));
        QVERIFY(torch::equal(core::SafetensorsFile::open(path)->tensor("w"), torch::tensor({1.5f, -2.f})));
    }

    void missingFileNamesThePath()
    {
        const QString message = errorOf([&] { core::SafetensorsFile::open(pathOf("absent.safetensors")); });
        VERIFY_CONTAINS(message, m_dir.filePath("absent.safetensors"));
        VERIFY_CONTAINS(message, "not found");
    }

    void emptyFileIsRefused()
    {
        const std::string path = pathOf("empty.safetensors");
        writeBytes(path, "");
        expectOpenError(path, {"is empty", "re-download or re-export"});
    }

    void fileShorterThanEightBytesIsRefused()
    {
        const std::string path = pathOf("short.safetensors");
        writeBytes(path, "abc");
        expectOpenError(path, {"only 3 bytes", "truncated or corrupt"});
    }

    void headerLengthPastTheEndIsRefused()
    {
        const std::string path = pathOf("longheader.safetensors");
        std::string bytes(8, '\0');
        bytes[0] = char(0xff); // 255-byte header in a 12-byte file
        writeBytes(path, bytes + "{}  ");
        expectOpenError(path, {"header length 255 bytes runs past the end of the file (12 bytes)"});
    }

    void headerThatIsNotJsonIsRefused()
    {
        const std::string path = pathOf("notjson.safetensors");
        writeRaw(path, "{\"w\": [1, 2", "");
        expectOpenError(path, {"header is not valid JSON"});
    }

    void headerThatIsNotAnObjectIsRefused()
    {
        const std::string path = pathOf("array.safetensors");
        writeRaw(path, "[1, 2, 3]", "");
        expectOpenError(path, {"header is a JSON array instead of a JSON object"});
    }

    void unknownDtypeIsRefusedListingTheSupportedOnes()
    {
        const std::string path = writeOneTensor("f8.safetensors",
                                                R"({"dtype":"F8_E4M3","shape":[16],"data_offsets":[0,16]})");
        expectOpenError(path, {"tensor 'w' has dtype 'F8_E4M3'", "F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL"});
    }

    void negativeShapeIsRefused()
    {
        const std::string path = writeOneTensor("negshape.safetensors",
                                                R"({"dtype":"F32","shape":[-2,2],"data_offsets":[0,16]})");
        expectOpenError(path, {"tensor 'w' has shape entry -2", "non-negative integer"});
    }

    void offsetsOutOfRangeAreRefused()
    {
        const std::string path = writeOneTensor("range.safetensors",
                                                R"({"dtype":"F32","shape":[100],"data_offsets":[0,400]})");
        expectOpenError(path, {"tensor 'w' has data_offsets [0, 400] that run past the end of the data (16 bytes",
                               "truncated or corrupt"});
    }

    void reversedOffsetsAreRefused()
    {
        const std::string path = writeOneTensor("reversed.safetensors",
                                                R"({"dtype":"F32","shape":[0],"data_offsets":[8,4]})");
        expectOpenError(path, {"[8, 4] with begin after end"});
    }

    void offsetsThatDisagreeWithTheShapeAreRefused()
    {
        const std::string path = writeOneTensor("mismatch.safetensors",
                                                R"({"dtype":"F32","shape":[2,3],"data_offsets":[0,16]})");
        expectOpenError(path, {"tensor 'w' has data_offsets [0, 16] spanning 16 bytes, but shape [2, 3] of F32 "
                               "needs 24 bytes"});
    }

    void metadataThatIsNotStringsIsRefused()
    {
        const std::string path = pathOf("meta.safetensors");
        writeRaw(path, R"({"__metadata__":{"step":7}})", "");
        expectOpenError(path, {"'__metadata__' entry 'step' is an integer"});
    }

    void missingTensorNamesFileAndTensor()
    {
        const std::string path = writeOneTensor("one.safetensors",
                                                R"({"dtype":"F32","shape":[4],"data_offsets":[0,16]})");
        const auto file = core::SafetensorsFile::open(path);
        QVERIFY(file->contains("w"));
        QVERIFY(!file->contains("lm_head.weight"));
        for (const QString& message : {errorOf([&] { file->entry("lm_head.weight"); }),
                                       errorOf([&] { file->tensor("lm_head.weight"); })}) {
            VERIFY_CONTAINS(message, QString::fromStdString(path));
            VERIFY_CONTAINS(message, "has no tensor 'lm_head.weight'");
        }
    }

    void failedSaveLeavesThePreviousFileIntact()
    {
        const std::string path = pathOf("keep.safetensors");
        core::saveSafetensors(path, {{"w", torch::ones({4})}}, {{"format", "pt"}});
        const std::string before = readBytes(path);
        QString message;
        {
            FileSizeLimit limit(4096); // the new file needs 1 MB: "disk full" part-way through the data
            message = errorOf([&] { core::saveSafetensors(path, {{"w", torch::zeros({256 * 1024})}}); });
        }
        VERIFY_CONTAINS(message, QString::fromStdString(path));
        VERIFY_CONTAINS(message, QString::fromStdString(std::strerror(EFBIG)));
        VERIFY_CONTAINS(message, "free disk space");
        QVERIFY(readBytes(path) == before);
        QVERIFY(torch::equal(core::SafetensorsFile::open(path)->tensor("w"), torch::ones({4})));
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).filter(".tmp-"), QStringList());
    }

    // ---- WeightStore: Hugging Face model directories ----

    void singleFileDirectory()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        core::saveSafetensors(root + "/model.safetensors", {{"a", torch::ones({2})}, {"b", torch::zeros({3})}});
        const auto store = core::WeightStore::openDirectory(root);
        QCOMPARE(store.directory(), root);
        QCOMPARE(store.names(), (std::vector<std::string>{"a", "b"}));
        QVERIFY(store.contains("b"));
        QCOMPARE(store.entry("b").shape, (std::vector<int64_t>{3}));
        QCOMPARE(store.fileOf("a"), root + "/model.safetensors");
        QVERIFY(torch::equal(store.tensor("a"), torch::ones({2})));
    }

    void shardedDirectoryViaIndex()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        const std::string shard1 = "model-00001-of-00002.safetensors", shard2 = "model-00002-of-00002.safetensors";
        core::saveSafetensors(root + "/" + shard1, {{"embed", torch::full({2, 2}, 1.f)}, {"l0", torch::ones({3})}});
        core::saveSafetensors(root + "/" + shard2, {{"l1", torch::full({3}, 2.f).to(torch::kBFloat16)}});
        writeBytes(root + "/model.safetensors.index.json",
                   R"({"metadata": {"total_size": 34}, "weight_map": {"embed": ")" + shard1 + R"(", "l0": ")" +
                       shard1 + R"(", "l1": ")" + shard2 + R"("}})");
        const auto store = core::WeightStore::openDirectory(root);
        QCOMPARE(store.names(), (std::vector<std::string>{"embed", "l0", "l1"}));
        QCOMPARE(store.fileOf("l1"), root + "/" + shard2);
        QCOMPARE(store.fileOf("embed"), root + "/" + shard1);
        QCOMPARE(QString::fromStdString(store.entry("l1").dtype), QString("BF16"));
        QVERIFY(torch::equal(store.tensor("l1").to(torch::kFloat), torch::full({3}, 2.f)));
        QVERIFY(torch::equal(store.tensor("embed"), torch::full({2, 2}, 1.f)));
        const QString message = errorOf([&] { store.tensor("l2"); });
        VERIFY_CONTAINS(message, "tensor 'l2'");
        VERIFY_CONTAINS(message, QString::fromStdString(root));
    }

    void corruptShardIsNamed()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeBytes(root + "/model-00001-of-00001.safetensors", "short");
        writeBytes(root + "/model.safetensors.index.json",
                   R"({"weight_map": {"a": "model-00001-of-00001.safetensors"}})");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root + "/model-00001-of-00001.safetensors"));
        VERIFY_CONTAINS(message, "truncated or corrupt");
    }

    void singleFileWinsOverAnIndex()
    {
        // As in HF transformers: a stale index next to model.safetensors is not consulted.
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        core::saveSafetensors(root + "/model.safetensors", {{"a", torch::ones({1})}});
        writeBytes(root + "/model.safetensors.index.json", "not even JSON");
        QCOMPARE(core::WeightStore::openDirectory(root).names(), std::vector<std::string>{"a"});
    }

    void indexNamingAMissingShardIsRefused()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        core::saveSafetensors(root + "/model-00001-of-00002.safetensors", {{"a", torch::ones({1})}});
        writeBytes(root + "/model.safetensors.index.json",
                   R"({"weight_map": {"a": "model-00001-of-00002.safetensors",
                                      "b": "model-00002-of-00002.safetensors"}})");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root + "/model.safetensors.index.json"));
        VERIFY_CONTAINS(message, "'model-00002-of-00002.safetensors', which is missing");
        VERIFY_CONTAINS(message, "download that file again");
    }

    void indexThatIsNotJsonIsRefused()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeBytes(root + "/model.safetensors.index.json", "{\"weight_map\": {\n  \"a\": oops\n}}");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root + "/model.safetensors.index.json"));
        VERIFY_CONTAINS(message, "not valid JSON: line 2");
    }

    void indexPointingOutsideTheDirectoryIsRefused()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeBytes(root + "/model.safetensors.index.json", R"({"weight_map": {"a": "../elsewhere.safetensors"}})");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root + "/model.safetensors.index.json"));
        VERIFY_CONTAINS(message, "not a file name inside the model directory");
    }

    void pickleOnlyDirectoryIsRefused()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeBytes(root + "/config.json", "{}");
        writeBytes(root + "/pytorch_model.bin", "PK\x03\x04 not really a zip");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root));
        VERIFY_CONTAINS(message, "holds only PyTorch pickle checkpoints (pytorch_model.bin)");
        VERIFY_CONTAINS(message, "reads safetensors only, because unpickling can run arbitrary code");
        VERIFY_CONTAINS(message, QString::fromStdString("M.from_pretrained(\"" + root + "\").save_pretrained(\"" +
                                                        root + "\", safe_serialization=True)"));
    }

    void directoryWithoutWeightsIsRefused()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        writeBytes(root + "/config.json", "{}");
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root));
        VERIFY_CONTAINS(message, "holds no model weights");
        VERIFY_CONTAINS(message, "model.safetensors");
    }

    void adapterDirectoryIsRefusedAsABaseModel()
    {
        QTemporaryDir dir;
        const std::string root = dir.path().toStdString();
        core::saveSafetensors(root + "/adapter_model.safetensors", {{"x.lora_A.weight", torch::ones({1, 1})}});
        const QString message = errorOf([&] { core::WeightStore::openDirectory(root); });
        VERIFY_CONTAINS(message, QString::fromStdString(root));
        VERIFY_CONTAINS(message, "holds a LoRA adapter");
    }

    void missingDirectoryIsRefused()
    {
        const QString message = errorOf([] { core::WeightStore::openDirectory("/nonexistent/model-dir"); });
        VERIFY_CONTAINS(message, "/nonexistent/model-dir");
        VERIFY_CONTAINS(message, "not found");
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
