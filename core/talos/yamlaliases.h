#pragma once

#include <QByteArray>

namespace Nbc::Talos {

// The 1-based line of the first YAML alias (`*name`) in `yaml`, or 0 when there is none
// (or the text does not parse: the loader reports that). Machine configs and patches come
// from files anyone may have handed the user: a 670-byte config of nested aliases expands
// to tens of megabytes on every render. Talos configs never need aliases, so they are
// refused before anything is built from the text.
int firstAliasLine(const QByteArray &yaml);

} // namespace Nbc::Talos
