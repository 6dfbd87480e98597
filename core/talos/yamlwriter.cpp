#include "talos/yamlwriter.h"

#include <QRegularExpression>

#include <cstdio>
#include <string>

namespace Nbc::Talos {

namespace {

constexpr int kIndent = 4;            // talosctl writes 4 spaces per level

const char *const kPlainTag = "?";    // yaml-cpp: a plain scalar in the source
const char *const kQuotedTag = "!";   // yaml-cpp: a quoted or block scalar in the source

bool isPlainSafe(const std::string &s)
{
    if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':')
        return false;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f)
            return false;             // line breaks, tabs, control characters
    }
    static const std::string indicators = "[]{},#&*!|>'\"%@`";
    if (indicators.find(s.front()) != std::string::npos)
        return false;
    if ((s.front() == '-' || s.front() == '?' || s.front() == ':') && (s.size() == 1 || s[1] == ' '))
        return false;
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos)
        return false;
    if (s == "---" || s == "...")
        return false;
    return true;
}

std::string doubleQuoted(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += char(c);       // UTF-8 bytes pass through
            }
        }
    }
    out += '"';
    return out;
}

// A literal block keeps multi-line text (inline manifests, PEM) readable; only used when
// it reads back exactly, else the text goes double-quoted.
bool literalFits(const std::string &s)
{
    if (s.find('\n') == std::string::npos)
        return false;
    bool content = false;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string::npos)
            end = s.size();
        const std::string line = s.substr(start, end - start);
        for (unsigned char c : line) {
            if (c < 0x20 || c == 0x7f)
                return false;
        }
        if (!line.empty()) {
            if (line.back() == ' ')
                return false;
            if (!content && line.front() == ' ')
                return false;         // would need an indentation indicator
            content = true;
        }
        start = end + 1;
    }
    return content;
}

std::string tagPrefix(const std::string &tag)
{
    if (tag.empty() || tag == kPlainTag || tag == kQuotedTag)
        return {};
    static const std::string core = "tag:yaml.org,2002:";
    if (tag.compare(0, core.size(), core) == 0)
        return "!!" + tag.substr(core.size()) + ' ';
    if (tag.front() == '!')
        return tag + ' ';
    return "!<" + tag + "> ";
}

std::string inlineScalar(const YAML::Node &node)
{
    const std::string &text = node.Scalar();
    const std::string &tag = node.Tag();
    if (tag != kQuotedTag && isPlainSafe(text))
        return tagPrefix(tag) + text;
    return tagPrefix(tag) + doubleQuoted(text);
}

class Writer
{
public:
    std::string out;

    void document(const YAML::Node &doc)
    {
        if (doc.IsMap() && doc.size() > 0)
            mapBody(doc, 0, false);
        else if (doc.IsSequence() && doc.size() > 0)
            sequenceBody(doc, 0, false);
        else
            value(doc, -kIndent, true);
    }

private:
    void spaces(int n) { out.append(std::size_t(std::max(n, 0)), ' '); }

    void key(const YAML::Node &k)
    {
        if (k.IsScalar())
            out += tagPrefix(k.Tag()) + (k.Tag() != kQuotedTag && isPlainSafe(k.Scalar())
                                             ? k.Scalar() : doubleQuoted(k.Scalar()));
        else if (k.IsNull())
            out += "null";
        else
            throw YAML::RepresentationException(k.Mark(), "a key that is not a scalar");
    }

    // The value after "key:" or "-"; `indent` is the column of that key or dash.
    void value(const YAML::Node &node, int indent, bool afterDash)
    {
        const int childIndent = indent + (afterDash ? 2 : kIndent);
        switch (node.Type()) {
        case YAML::NodeType::Map:
            if (node.size() == 0) {
                out += " {}\n";
            } else if (afterDash) {
                out += ' ';
                mapBody(node, indent + 2, true);
            } else {
                out += '\n';
                mapBody(node, childIndent, false);
            }
            return;
        case YAML::NodeType::Sequence:
            if (node.size() == 0) {
                out += " []\n";
            } else if (afterDash) {
                out += ' ';
                sequenceBody(node, indent + 2, true);
            } else {
                out += '\n';
                sequenceBody(node, childIndent, false);
            }
            return;
        case YAML::NodeType::Scalar: {
            const std::string &text = node.Scalar();
            const bool plain = node.Tag() != kQuotedTag && isPlainSafe(text);
            if (!plain && literalFits(text)) {
                std::size_t trailing = 0;
                while (trailing < text.size() && text[text.size() - 1 - trailing] == '\n')
                    ++trailing;
                out += ' ' + tagPrefix(node.Tag()) + '|' + (trailing == 0 ? "-" : trailing == 1 ? "" : "+") + '\n';
                std::size_t start = 0;
                const std::size_t bodyEnd = text.size() - (trailing > 0 ? 1 : 0);
                while (start <= bodyEnd && start < text.size()) {
                    std::size_t end = text.find('\n', start);
                    if (end == std::string::npos || end > bodyEnd)
                        end = bodyEnd;
                    if (end > start) {
                        spaces(std::max(childIndent, 2));
                        out.append(text, start, end - start);
                    }
                    out += '\n';
                    start = end + 1;
                }
                return;
            }
            out += ' ' + inlineScalar(node) + '\n';
            return;
        }
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            out += " null\n";
            return;
        }
    }

    void mapBody(const YAML::Node &map, int indent, bool firstInline)
    {
        bool first = true;
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!(first && firstInline))
                spaces(indent);
            first = false;
            key(it->first);
            out += ':';
            value(it->second, indent, false);
        }
    }

    void sequenceBody(const YAML::Node &seq, int indent, bool firstInline)
    {
        bool first = true;
        for (auto it = seq.begin(); it != seq.end(); ++it) {
            if (!(first && firstInline))
                spaces(indent);
            first = false;
            out += '-';
            value(*it, indent, true);
        }
    }
};

} // namespace

bool YamlWriter::plainReadsAsNonString(const std::string &text)
{
    // YAML 1.1 and 1.2 core schema: null, bool (1.1 spellings too), int, float,
    // sexagesimal and the merge/value keys. Conservative on purpose.
    static const QRegularExpression nonString(QStringLiteral(
        "^(?:~|null|Null|NULL"
        "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        "|[-+]?[0-9][0-9_:.eE+-]*|[-+]?\\.[0-9][0-9_eE+-]*"
        "|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+"
        "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|<<|=)$"));
    return text.empty() || nonString.match(QString::fromStdString(text)).hasMatch();
}

YAML::Node YamlWriter::stringNode(const QString &value)
{
    const std::string text = value.toStdString();
    YAML::Node node(text);
    node.SetTag(plainReadsAsNonString(text) || !isPlainSafe(text) ? kQuotedTag : kPlainTag);
    return node;
}

QByteArray YamlWriter::write(const std::vector<YAML::Node> &documents)
{
    Writer writer;
    bool first = true;
    for (const YAML::Node &doc : documents) {
        if (!first)
            writer.out += "---\n";
        first = false;
        writer.document(doc);
    }
    return QByteArray::fromStdString(writer.out);
}

bool YamlWriter::sameTree(const YAML::Node &a, const YAML::Node &b)
{
    const bool aNull = !a.IsDefined() || a.IsNull();
    const bool bNull = !b.IsDefined() || b.IsNull();
    if (aNull || bNull)
        return aNull == bNull;
    if (a.Type() != b.Type())
        return false;
    switch (a.Type()) {
    case YAML::NodeType::Scalar: {
        if (a.Scalar() != b.Scalar())
            return false;
        // Nodes built in code have no tag: they are written plain when that is safe.
        const std::string aTag = a.Tag().empty() ? std::string(kPlainTag) : a.Tag();
        const std::string bTag = b.Tag().empty() ? std::string(kPlainTag) : b.Tag();
        if (aTag == bTag)
            return true;
        // Plain and quoted spell the same string unless plain text reads as a non-string.
        const bool aUntyped = aTag == kPlainTag || aTag == kQuotedTag;
        const bool bUntyped = bTag == kPlainTag || bTag == kQuotedTag;
        return aUntyped && bUntyped && !plainReadsAsNonString(a.Scalar());
    }
    case YAML::NodeType::Sequence: {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!sameTree(a[i], b[i]))
                return false;
        }
        return true;
    }
    case YAML::NodeType::Map: {
        if (a.size() != b.size())
            return false;
        auto ia = a.begin();
        auto ib = b.begin();
        for (; ia != a.end(); ++ia, ++ib) {
            if (!sameTree(ia->first, ib->first) || !sameTree(ia->second, ib->second))
                return false;
        }
        return true;
    }
    default:
        return true;
    }
}

} // namespace Nbc::Talos
