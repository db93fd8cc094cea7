#include "core/chat/ChatTemplate.h"

#include "core/chat/Interpreter.h"
#include "core/chat/Json.h"
#include "core/chat/Parser.h"
#include "core/chat/TemplateError.h"
#include "core/common/Error.h"

namespace core::chat {

struct ChatTemplate::Impl {
    std::string where;
    Body body; // immutable after construction: what lets renders run concurrently

    template <typename Json>
    std::string run(const Json& context, const RenderLimits& limits) const
    {
        LORAWB_CHECK(context.is_object(), where, ": the chat template's context must be a JSON object of variables "
                     "(messages, add_generation_prompt, bos_token, ...), got ", context.type_name());
        LORAWB_CHECK(limits.maxDepth > 0 && limits.maxSteps > 0, where,
                     ": RenderLimits must allow at least one step and one level of depth");
        Value variables;
        try {
            variables = fromJson(context);
        } catch (const TemplateError& e) {
            LORAWB_FAIL(where, ": ", e.what());
        }
        Interpreter interpreter(limits);
        try {
            return interpreter.run(body, variables);
        } catch (const TemplateError& e) {
            LORAWB_FAIL(where, ": chat template line ", interpreter.line(), ": ", e.what());
        }
    }
};

ChatTemplate::ChatTemplate(const std::string& source, const std::string& where) : m_impl(std::make_unique<Impl>())
{
    m_impl->where = where;
    try {
        m_impl->body = parseTemplate(tokenize(source));
    } catch (const SyntaxError& e) {
        LORAWB_FAIL(where, ": chat template line ", e.line, ", column ", e.column, ": ", e.what());
    }
}

ChatTemplate::~ChatTemplate() = default;
ChatTemplate::ChatTemplate(ChatTemplate&&) noexcept = default;
ChatTemplate& ChatTemplate::operator=(ChatTemplate&&) noexcept = default;

const std::string& ChatTemplate::where() const { return m_impl->where; }

std::string ChatTemplate::render(const nlohmann::json& context, const RenderLimits& limits) const
{
    return m_impl->run(context, limits);
}

std::string ChatTemplate::renderOrdered(const nlohmann::ordered_json& context, const RenderLimits& limits) const
{
    return m_impl->run(context, limits);
}

} // namespace core::chat
