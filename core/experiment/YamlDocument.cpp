#include "core/experiment/YamlDocument.h"

#include "core/common/Error.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace core {

namespace {

// Counts the documents that hold anything. YAML::LoadAll is not used for this: yaml-cpp 0.7 loops forever on some
// malformed input there (a text starting with ',' yields empty documents without end), so the count is capped.
class DocumentCounter : public YAML::EventHandler {
public:
    int documents = 0;

    void OnDocumentStart(const YAML::Mark&) override { m_content = false; }
    void OnDocumentEnd() override { documents += m_content ? 1 : 0; }
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override { m_content = true; }
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override
    {
        m_content = true;
    }
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        m_content = true;
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        m_content = true;
    }
    void OnMapEnd() override {}

private:
    bool m_content = false;
};

} // namespace

YAML::Node loadYamlDocument(const std::string& text, const std::string& sourceName)
{
    try {
        YAML::Node root = YAML::Load(text);
        std::istringstream in(text);
        YAML::Parser parser(in);
        DocumentCounter counter;
        for (int i = 0; i < 16 && counter.documents < 2 && parser.HandleNextDocument(counter); ++i) {
        }
        LORAWB_CHECK(counter.documents < 2, sourceName, " holds more than one YAML document (separated by '---'); ",
                     "a settings file holds one, so split it into one file each");
        return root;
    } catch (const YAML::ParserException& e) {
        LORAWB_FAIL(sourceName, ":", e.mark.line + 1, ":", e.mark.column + 1, ": YAML syntax error: ", e.msg,
                    "; check the indentation, colons, quotes and brackets on that line and the one before");
    } catch (const YAML::Exception& e) {
        LORAWB_FAIL(sourceName, ": not a readable YAML file: ", e.msg);
    }
}

std::string flowText(const YAML::Node& node)
{
    YAML::Emitter out;
    out << YAML::Flow << node;
    return out.c_str();
}

} // namespace core
