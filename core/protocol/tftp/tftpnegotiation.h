#pragma once

#include "protocol/tftp/tftppacket.h"

namespace Nbc::Tftp {

// What this server is willing to agree to. maxBlockSize comes from the path MTU: a block
// that needs IP fragmentation is lost whole when one fragment is (MTU - 20 IP - 8 UDP -
// 4 TFTP; 1468 on Ethernet).
struct NegotiationLimits {
    quint16 maxBlockSize = 1468;
    quint16 maxWindowSize = 64;
};

// The outcome of RFC 2347 option negotiation for one read request. Only options that
// were asked for and accepted are acknowledged (dnsmasq's rule): a client that sent none
// gets DATA 1 straight away, as RFC 1350 says, never an OACK.
struct Negotiation {
    quint16 blockSize = 512;     // RFC 1350 default
    quint16 windowSize = 1;      // RFC 7440 default: lock-step
    int timeoutSeconds = 0;      // RFC 2349; 0 when the client did not ask
    OptionList acknowledged;     // the OACK body, in the client's order, lower-case names

    static Negotiation negotiate(const OptionList &requested, Mode mode, qint64 fileSize,
                                 const NegotiationLimits &limits = {});
};

} // namespace Nbc::Tftp
