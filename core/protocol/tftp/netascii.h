#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Nbc::Tftp {

// RFC 1350 netascii is RFC 764 NVT ASCII: a line ends in CR LF and a bare CR is sent as
// CR NUL. A file is converted on the fly, one block at a time; a CR pair cut by a block
// boundary leaves its second byte pending for the next block.
class NetasciiEncoder
{
public:
    struct State {
        qint64 offset = 0;   // position in the source file
        int pending = -1;    // the byte still owed after a CR (LF or NUL), or -1
        friend bool operator==(const State &a, const State &b) = default;
    };

    // Encodes source bytes `input` (read at state.offset) into `output`, at most
    // `capacity` bytes. Returns the bytes written and advances `state` by what it used.
    static qsizetype encode(QByteArrayView input, char *output, qsizetype capacity, State &state);
};

// The receiving side, for clients and tests: CR LF -> LF, CR NUL -> CR.
class NetasciiDecoder
{
public:
    void decode(QByteArrayView input, QByteArray &output);
    // End of transfer: a lone trailing CR is kept as it was sent.
    void finish(QByteArray &output);

private:
    bool m_pendingCr = false;
};

} // namespace Nbc::Tftp
