#include "talos/linediff.h"

#include <QStringList>

#include <algorithm>
#include <vector>

namespace Nbc::Talos {

namespace {

QStringList splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(u'\n');
    if (text.endsWith(u'\n'))
        lines.removeLast();
    return lines;
}

} // namespace

QList<DiffLine> diffLines(const QString &before, const QString &after)
{
    const QStringList a = splitLines(before);
    const QStringList b = splitLines(after);
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = n + m;

    // Myers' O(ND) search, keeping each round's frontier to walk the path back.
    std::vector<int> v(std::size_t(2 * max + 3), 0);
    std::vector<std::vector<int>> trace;
    const int offset = max + 1;
    int found = -1;
    for (int d = 0; d <= max && found < 0; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x;
            if (k == -d || (k != d && v[std::size_t(offset + k - 1)] < v[std::size_t(offset + k + 1)]))
                x = v[std::size_t(offset + k + 1)];          // down: an insertion
            else
                x = v[std::size_t(offset + k - 1)] + 1;      // right: a deletion
            int y = x - k;
            while (x < n && y < m && a.at(x) == b.at(y)) {
                ++x;
                ++y;
            }
            v[std::size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }

    // Walk back from (n, m), collecting the script in reverse.
    QList<DiffLine> reversed;
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int> &prev = trace[std::size_t(d)];
        const int k = x - y;
        int prevK;
        if (k == -d || (k != d && prev[std::size_t(offset + k - 1)] < prev[std::size_t(offset + k + 1)]))
            prevK = k + 1;
        else
            prevK = k - 1;
        const int prevX = prev[std::size_t(offset + prevK)];
        const int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            --x;
            --y;
            reversed.append({DiffLine::Kind::Unchanged, a.at(x), x + 1, y + 1});
        }
        if (x == prevX) {
            --y;
            reversed.append({DiffLine::Kind::Added, b.at(y), 0, y + 1});
        } else {
            --x;
            reversed.append({DiffLine::Kind::Removed, a.at(x), x + 1, 0});
        }
    }
    while (x > 0 && y > 0) {
        --x;
        --y;
        reversed.append({DiffLine::Kind::Unchanged, a.at(x), x + 1, y + 1});
    }

    QList<DiffLine> out;
    out.reserve(reversed.size());
    for (auto it = reversed.crbegin(); it != reversed.crend(); ++it)
        out.append(*it);
    // Within each changed run, show what goes before what replaces it.
    for (qsizetype i = 0; i < out.size();) {
        if (out.at(i).kind == DiffLine::Kind::Unchanged) {
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < out.size() && out.at(end).kind != DiffLine::Kind::Unchanged)
            ++end;
        std::stable_partition(out.begin() + i, out.begin() + end,
                              [](const DiffLine &l) { return l.kind == DiffLine::Kind::Removed; });
        i = end;
    }
    return out;
}

} // namespace Nbc::Talos
