// One line as the log receiver gets it from a machine (TCP line or UDP datagram): the
// receiver's JSON parse (LogSink::eventFromLine), the record the registry makes of it, and
// the Talos classifier. Seeds: fuzz/corpus/taloslog (records as Talos sends them by both
// transports, the strings of tests/core/tst_taloslog.cpp).

#include "fuzzinput.h"

#include "engine/logsink.h"
#include "inventory/machineregistry.h"
#include "talos/taloslog.h"

#include <QHostAddress>

#include <cstdint>
#include <optional>

using namespace Nbc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The receiver never hands on more than one line's worth.
    if (size > size_t(LogSink::kMaxLineBytes))
        return 0;
    static const QHostAddress peer(QStringLiteral("10.77.0.31"));
    const QByteArray line = NbcFuzz::rawBytes(data, size);
    QString dropReason;
    const std::optional<MachineEvent> event = LogSink::eventFromLine(line, peer, size % 2 == 0, &dropReason);
    if (!event) {
        NBC_FUZZ_CHECK(!dropReason.isEmpty());
        return 0;
    }
    const Talos::LogRecord record = MachineRegistry::logRecordOf(*event);
    const Talos::LogOutcome outcome = Talos::classifyLog(record);
    (void)Talos::milestoneKey(outcome.milestone);
    (void)Talos::oncePerBoot(outcome.milestone);
    // The registry compares recent lines by their text (a copy by the other transport).
    (void)Talos::logText(record.message);
    // Pure: the same record gives the same outcome.
    const Talos::LogOutcome again = Talos::classifyLog(record);
    NBC_FUZZ_CHECK(again.milestone == outcome.milestone && again.subject == outcome.subject);
    return 0;
}
