#pragma once
// The interface between the core and the sentencepiece bridge module (lorawb_spm.so).
//
// Why a module: Debian's libsentencepiece carries a private protobuf-lite and exports its symbols; libtorch pulls the
// system protobuf. Linked into one binary they override each other at static-init time and the program crashes before
// main(). So every sentencepiece call lives in lorawb_spm.so, loaded with dlopen(RTLD_LOCAL | RTLD_DEEPBIND), and the
// core talks to it only through this header: plain virtual functions and standard-library types, no sentencepiece and
// no protobuf types. Both sides are built by the same compiler in the same tree, so the C++ ABI matches.
#include <cstdint>
#include <string>
#include <vector>

namespace core::spm {

// Bump when the vtable below changes; the loader refuses a module with another version.
constexpr int kBridgeVersion = 2;

class SpmBackend {
public:
    virtual ~SpmBackend() = default;
    // Loads a serialized ModelProto (the bytes of tokenizer.model). Returns "" on success, else the error text.
    virtual std::string loadFromBytes(const std::string& bytes) = 0;
    virtual std::vector<int> encode(const std::string& text) const = 0;
    virtual std::vector<std::string> encodePieces(const std::string& text) const = 0;
    virtual std::string decode(const std::vector<int>& ids) const = 0;
    virtual std::string idToPiece(int id) const = 0;
    virtual int pieceToId(const std::string& piece) const = 0;
    virtual int vocabSize() const = 0;
    virtual int bosId() const = 0;
    virtual int eosId() const = 0;
    virtual int padId() const = 0;
    virtual int unkId() const = 0;
    // True for byte-fallback pieces like <0x0A>, and for control/unknown pieces.
    virtual bool isByte(int id) const = 0;
    virtual bool isControl(int id) const = 0;
    // The piece's score (log probability for unigram, merge rank for BPE models).
    virtual float score(int id) const = 0;
    // sentencepiece's piece type, checked in llama.cpp's converter's order: 2 unknown, 3 control, 5 unused, 6 byte,
    // else 1 normal (user-defined pieces read as normal, as there).
    virtual int pieceType(int id) const = 0;
};

// Trains a tokenizer with spm's trainer. args: spm_train's flags ("--input=… --model_prefix=… --vocab_size=…").
// Returns "" on success, else the error text.
using TrainFn = std::string (*)(const char* args);
using CreateFn = SpmBackend* (*)();
using VersionFn = int (*)();

} // namespace core::spm

// The module exports exactly these three C symbols.
#define LORAWB_SPM_CREATE_SYMBOL "lorawb_spm_create"
#define LORAWB_SPM_TRAIN_SYMBOL "lorawb_spm_train"
#define LORAWB_SPM_VERSION_SYMBOL "lorawb_spm_bridge_version"
