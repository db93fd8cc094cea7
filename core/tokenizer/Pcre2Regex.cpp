#include "core/tokenizer/Pcre2Regex.h"

#include "core/common/Error.h"
#include "core/tokenizer/Utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace core {

struct Pcre2Regex::Compiled {
    pcre2_code* code = nullptr;
    bool jit = false;
    ~Compiled() { pcre2_code_free(code); }
};

namespace {

std::string pcre2Message(int errorCode)
{
    PCRE2_UCHAR buffer[256];
    const int n = pcre2_get_error_message(errorCode, buffer, sizeof buffer);
    return n < 0 ? "error " + std::to_string(errorCode) : std::string(reinterpret_cast<char*>(buffer), n);
}

// Per-thread match state: match data for one pair of offsets (the whole match is all we read) and a JIT stack large
// enough for long whitespace runs in code files.
struct ThreadMatchState {
    pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
    pcre2_match_context* context = pcre2_match_context_create(nullptr);
    pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr);
    ThreadMatchState() { pcre2_jit_stack_assign(context, nullptr, stack); }
    ~ThreadMatchState()
    {
        pcre2_jit_stack_free(stack);
        pcre2_match_context_free(context);
        pcre2_match_data_free(data);
    }
};

ThreadMatchState& threadMatchState()
{
    thread_local ThreadMatchState state;
    return state;
}

} // namespace

Pcre2Regex::Pcre2Regex(const std::string& pattern, const std::string& where)
    : m_pattern(pattern), m_where(where), m_compiled(std::make_unique<Compiled>())
{
    int errorCode = 0;
    PCRE2_SIZE errorOffset = 0;
    // UCP: \s, \w, \d and POSIX classes by Unicode properties, as Oniguruma reads them in HF's regexes.
    m_compiled->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                     PCRE2_UTF | PCRE2_UCP, &errorCode, &errorOffset, nullptr);
    LORAWB_CHECK(m_compiled->code, where, ": the regular expression ", pattern, " is not valid (", pcre2Message(errorCode),
                 " at offset ", errorOffset, "). Fix the pattern in the file.");
    m_compiled->jit = pcre2_jit_compile(m_compiled->code, PCRE2_JIT_COMPLETE) == 0;
}

Pcre2Regex::~Pcre2Regex() = default;
Pcre2Regex::Pcre2Regex(Pcre2Regex&&) noexcept = default;
Pcre2Regex& Pcre2Regex::operator=(Pcre2Regex&&) noexcept = default;

std::vector<std::pair<std::size_t, std::size_t>> Pcre2Regex::findAll(std::string_view subject) const
{
    ThreadMatchState& state = threadMatchState();
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    const auto* text = reinterpret_cast<PCRE2_SPTR>(subject.data());
    std::size_t start = 0;
    while (start <= subject.size()) {
        // The text is valid UTF-8 (it came from a parsed JSON or was checked), so PCRE2's own check is skipped.
        const int rc = m_compiled->jit
            ? pcre2_jit_match(m_compiled->code, text, subject.size(), start, PCRE2_NO_UTF_CHECK, state.data, state.context)
            : pcre2_match(m_compiled->code, text, subject.size(), start, PCRE2_NO_UTF_CHECK, state.data, state.context);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        LORAWB_CHECK(rc >= 0, m_where, ": matching the regular expression ", m_pattern, " failed (", pcre2Message(rc),
                     ").");
        const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(state.data);
        const std::size_t begin = ovector[0], end = ovector[1];
        if (end > begin) {
            matches.emplace_back(begin, end);
            start = end;
        } else {
            // An empty match splits nothing (HF drops empty pieces); step over one character.
            if (begin >= subject.size())
                break;
            start = begin + utf8::sequenceLength(static_cast<unsigned char>(subject[begin]));
        }
    }
    return matches;
}

std::string escapedForRegex(const std::string& literal)
{
    // \Q...\E quotes everything except a literal "\E", which is split out.
    std::string out = "\\Q";
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (literal.compare(i, 2, "\\E") == 0) {
            out += "\\E\\\\E\\Q";
            ++i;
        } else {
            out += literal[i];
        }
    }
    return out + "\\E";
}

} // namespace core
