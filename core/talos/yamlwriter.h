#pragma once

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <vector>

namespace Nbc::Talos {

// Writes YAML documents in talosctl's layout (block style, 4-space indent, key order kept)
// and keeps every scalar's text and its plain-or-quoted nature, so secrets come back byte
// for byte and a quoted "1.12" or "true" stays a string. yaml-cpp's own emitter re-quotes
// by content and mangles block scalars, which is why this exists. Comments are not kept.
class YamlWriter
{
public:
    static QByteArray write(const std::vector<YAML::Node> &documents);

    // A string scalar that reads back as a string: quoted when plain text would read as a
    // bool, number or null (e.g. a hostname "1234").
    static YAML::Node stringNode(const QString &value);

    // Same structure, key order and scalar text, and no scalar changed its type on the way
    // (a quoted string that became plain would read as a number or bool). What write() keeps.
    static bool sameTree(const YAML::Node &a, const YAML::Node &b);

    // True when YAML would not read this text, written plain, as a string.
    static bool plainReadsAsNonString(const std::string &text);
};

} // namespace Nbc::Talos
