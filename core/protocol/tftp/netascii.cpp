#include "protocol/tftp/netascii.h"

namespace Nbc::Tftp {

qsizetype NetasciiEncoder::encode(QByteArrayView input, char *output, qsizetype capacity,
                                  State &state)
{
    qsizetype written = 0;
    if (state.pending >= 0 && written < capacity) {
        output[written++] = char(state.pending);
        state.pending = -1;
    }
    qsizetype used = 0;
    while (written < capacity && used < input.size()) {
        const char c = input[used++];
        if (c == '\n' || c == '\r') {
            output[written++] = '\r';
            const char second = c == '\n' ? '\n' : '\0';
            if (written < capacity)
                output[written++] = second;
            else
                state.pending = quint8(second);
        } else {
            output[written++] = c;
        }
    }
    state.offset += used;
    return written;
}

void NetasciiDecoder::decode(QByteArrayView input, QByteArray &output)
{
    for (const char c : input) {
        if (m_pendingCr) {
            m_pendingCr = false;
            if (c == '\n') {
                output.append('\n');
                continue;
            }
            output.append('\r');
            if (c == '\0')
                continue;
        }
        if (c == '\r')
            m_pendingCr = true;
        else
            output.append(c);
    }
}

void NetasciiDecoder::finish(QByteArray &output)
{
    if (m_pendingCr)
        output.append('\r');
    m_pendingCr = false;
}

} // namespace Nbc::Tftp
