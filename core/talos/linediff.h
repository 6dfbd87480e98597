#pragma once

#include <QList>
#include <QString>

namespace Nbc::Talos {

// One line of a line diff, for a preview that colours what rendering changed.
struct DiffLine {
    enum class Kind { Unchanged, Added, Removed };
    Kind kind = Kind::Unchanged;
    QString text;                     // the line without its newline
    int oldLine = 0;                  // 1-based line in `before`; 0 for an added line
    int newLine = 0;                  // 1-based line in `after`; 0 for a removed line

    bool operator==(const DiffLine &other) const = default;
};

// Pure: a shortest line diff (Myers) of two texts, in reading order, removals before the
// additions that replace them. Unchanged + Removed lines spell `before`, Unchanged +
// Added lines spell `after`.
QList<DiffLine> diffLines(const QString &before, const QString &after);

} // namespace Nbc::Talos
