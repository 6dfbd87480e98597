#pragma once

#include <QByteArray>

namespace Nbc::Talos {

// Why a YAML text must not be loaded, found by reading its events only (nothing is built):
// - an alias (`*name`): machine configs and patches come from files anyone may have handed
//   the user, and a 670-byte config of nested aliases expands to tens of megabytes on every
//   render. Talos configs never need aliases, so they are refused before anything is built;
// - a stray ',' outside [ ] and { } (e.g. a line of only ","): yaml-cpp 0.7 then reports
//   an empty document at the same place forever, and YAML::LoadAll() fills memory with them
//   (yaml-cpp issue 1040, fixed upstream after 0.8). Found by fuzz_machineconfig.
struct YamlRefusal {
    enum class Kind { None, Alias, Stuck };
    Kind kind = Kind::None;
    int line = 0;                     // 1-based
    explicit operator bool() const { return kind != Kind::None; }
};

// The first such problem in `yaml`; None also when the text does not parse (the loader
// reports that, with its line).
YamlRefusal refusalBeforeLoading(const QByteArray &yaml);

} // namespace Nbc::Talos
