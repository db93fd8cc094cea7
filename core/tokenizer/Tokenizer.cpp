#include "core/tokenizer/Tokenizer.h"

namespace core {

void appendSentencePieceText(const std::string& piece, std::string& out)
{
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); };
    if (piece.size() == 6 && piece[0] == '<' && piece[1] == '0' && piece[2] == 'x' && hex(piece[3]) && hex(piece[4]) &&
        piece[5] == '>') {
        out += static_cast<char>(std::stoi(piece.substr(3, 2), nullptr, 16));
        return;
    }
    for (size_t i = 0; i < piece.size(); ++i) {
        if (piece.compare(i, 3, "\xE2\x96\x81") == 0) {
            out += ' ';
            i += 2;
        } else
            out += piece[i];
    }
}

void Tokenizer::appendTokenText(int id, std::string& out) const { appendSentencePieceText(idToPiece(id), out); }

} // namespace core
