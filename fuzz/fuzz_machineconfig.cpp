// A Talos machine config as the config library loads it (MachineConfig: parse, facts,
// validation) and as the HTTP engine serves it to one machine (ConfigRenderer: hostname,
// install disk, log destination, and a strategic-merge patch).
// Seeds: tests/data/talos/*.yaml (configs of Talos 1.7 to 1.14, broken ones) and
// fuzz/corpus/machineconfig (configs with a patch after the separator).
//
// Input: CONFIG [ "\n#--- patch\n" PATCH ].

#include "fuzzinput.h"

#include "talos/configrenderer.h"
#include "talos/machineconfig.h"

#include <cstdint>

using namespace Nbc::Talos;

namespace {

const QByteArrayView kPatchSeparator("\n#--- patch\n");

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const QByteArray source = NbcFuzz::firstPart(input, kPatchSeparator).toByteArray();
    const QByteArrayView patch = NbcFuzz::secondPart(input, kPatchSeparator);

    const MachineConfig config = MachineConfig::parse(source, QStringLiteral("worker.yaml"));
    (void)config.errorMessages();
    (void)MachineConfig::roleName(config.facts().role);
    NBC_FUZZ_CHECK(!config.valid() || config.assignable());
    NBC_FUZZ_CHECK(config.parsed() || !config.problems().isEmpty());
    (void)ConfigRenderer::normalize(source);

    RenderInput machine;
    machine.hostname = QStringLiteral("worker-1");
    // A device path, or a by-id link (Talos 1.14 selects that one by the disk's symlinks).
    machine.installDisk = size % 2 ? QStringLiteral("/dev/disk/by-id/nvme-Samsung_SSD_980_1TB_S64ANS0T")
                                   : QStringLiteral("/dev/sda");
    machine.logSinkHost = QStringLiteral("10.77.0.1");
    machine.logSinkPort = 4050;
    if (!patch.isNull())
        machine.patches.append(patch.toByteArray());
    const RenderResult rendered = ConfigRenderer::render(source, machine, QStringLiteral("worker.yaml"));
    if (!rendered.ok()) {
        // Nothing served means an error that says why.
        NBC_FUZZ_CHECK(!rendered.errorText().isEmpty());
        return 0;
    }
    // What is served is a config the console itself accepts, for the same machine.
    const MachineConfig served = MachineConfig::parse(rendered.bytes);
    NBC_FUZZ_CHECK(served.valid());
    NBC_FUZZ_CHECK(served.facts().hostname == machine.hostname);
    NBC_FUZZ_CHECK(served.facts().installDisk == machine.installDisk);
    return 0;
}
