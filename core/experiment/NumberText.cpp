#include "core/experiment/NumberText.h"

#include <cctype>
#include <iomanip>
#include <locale>
#include <sstream>

namespace core {

bool parseInt64(const std::string& text, int64_t& value)
{
    // Plain decimal only: "8.0", "0x8" and "1e3" are refused rather than guessed at.
    size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    if (i == text.size())
        return false;
    for (size_t j = i; j < text.size(); ++j)
        if (text[j] < '0' || text[j] > '9')
            return false;
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    int64_t parsed = 0;
    if (!(in >> parsed))
        return false; // out of range
    value = parsed;
    return true;
}

bool parseDouble(const std::string& text, double& value)
{
    // Through a classic-locale stream, not strtod: the GUI runs under the user's locale, where "0.05" may not parse.
    if (text.empty() || std::isspace(static_cast<unsigned char>(text[0])))
        return false;
    std::istringstream in(text);
    in.imbue(std::locale::classic());
    double parsed = 0;
    if (!(in >> parsed) || in.peek() != EOF)
        return false;
    value = parsed;
    return true;
}

std::string formatDouble(double value)
{
    std::string text;
    for (int precision = 1; precision <= 17; ++precision) {
        std::ostringstream out;
        out.imbue(std::locale::classic());
        out << std::setprecision(precision) << value;
        text = out.str();
        double back = 0;
        if (parseDouble(text, back) && back == value)
            break;
    }
    return text;
}

} // namespace core
