// The global functions transformers gives chat templates: jinja2's range, namespace and dict, plus its own
// raise_exception and strftime_now. Nothing else (no lipsum, cycler, joiner, url_for): templates do not use them.
#include "core/chat/Arguments.h"
#include "core/chat/Builtins.h"
#include "core/chat/Interpreter.h"
#include "core/chat/PyFormat.h"

#include <ctime>
#include <map>

namespace core::chat {
namespace {

Value range(Interpreter& in, CallArgs& args)
{
    if (!args.keywords.empty())
        fail("range() takes no keyword arguments");
    const std::size_t n = args.positional.size();
    if (n < 1 || n > 3)
        fail("range expected 1 to 3 arguments, got ", n);
    for (const Value& v : args.positional)
        if (!v.isIntLike())
            fail("range(): '", v.typeName(), "' object cannot be interpreted as an integer");
    const std::int64_t start = n == 1 ? 0 : args.positional[0].asInt();
    const std::int64_t stop = n == 1 ? args.positional[0].asInt() : args.positional[1].asInt();
    const std::int64_t by = n == 3 ? args.positional[2].asInt() : 1;
    if (by == 0)
        fail("range() arg 3 must not be zero");
    const __int128 diff = static_cast<__int128>(stop) - start;
    const __int128 magnitude = by > 0 ? diff : -diff;
    const __int128 stride = by > 0 ? by : -static_cast<__int128>(by);
    const auto count = static_cast<std::uint64_t>(magnitude > 0 ? (magnitude + stride - 1) / stride : 0);
    // Every item of the range costs a step up front, so range(10**9) stops at once instead of filling memory.
    in.step(count);
    List items;
    items.reserve(count);
    for (std::uint64_t k = 0; k < count; ++k)
        items.push_back(Value::integer(static_cast<std::int64_t>(start + static_cast<__int128>(k) * by)));
    return Value::list(std::move(items));
}

// dict(*args, **kwargs): at most one mapping or list of pairs, then the keywords.
Dict dictFromArguments(const char* what, CallArgs& args)
{
    if (args.positional.size() > 1)
        fail(what, " expected at most 1 positional argument, got ", args.positional.size());
    Dict out;
    if (!args.positional.empty()) {
        const Value& source = args.positional.front();
        if (source.isDict() || source.isNamespace()) {
            out = source.asDict();
        } else if (source.isSequence()) {
            for (const Value& pair : source.asList()) {
                if (!pair.isSequence() || pair.asList().size() != 2)
                    fail(what, ": each item of the list must be a (key, value) pair");
                out.set(pair.asList()[0], pair.asList()[1]);
            }
        } else {
            fail(what, ": '", source.typeName(), "' object is not a mapping or a list of pairs");
        }
    }
    for (auto& [key, value] : args.keywords)
        out.set(Value::string(key), value);
    return out;
}

Value dictFunction(Interpreter& in, CallArgs& args)
{
    Dict d = dictFromArguments("dict()", args);
    in.step(d.items.size());
    return Value::dict(std::move(d));
}

Value namespaceFunction(Interpreter& in, CallArgs& args)
{
    return in.makeNamespace(dictFromArguments("namespace()", args));
}

Value raiseException(Interpreter&, CallArgs& args)
{
    Signature sig("raise_exception", args, {"message"});
    throw TemplateError(pyStr(sig.get(0, Value::string("")))); // the template's own message, as transformers shows it
}

Value strftimeNow(Interpreter&, CallArgs& args)
{
    Signature sig("strftime_now", args, {"format"});
    const std::string format = stringArg(sig, sig.get(0), "format");
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    std::string out(64 + format.size() * 8, '\0');
    const std::size_t written = std::strftime(out.data(), out.size(), format.c_str(), &local);
    out.resize(written);
    return Value::string(std::move(out));
}

const std::map<std::string, Value>& globals()
{
    static const std::map<std::string, Value> table = {
        {"range", Value::callable("range", range)},
        {"dict", Value::callable("dict", dictFunction)},
        {"namespace", Value::callable("namespace", namespaceFunction)},
        {"raise_exception", Value::callable("raise_exception", raiseException)},
        {"strftime_now", Value::callable("strftime_now", strftimeNow)},
    };
    return table;
}

} // namespace

const Value* findGlobal(const std::string& name)
{
    const auto& table = globals();
    const auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
}

} // namespace core::chat
