// netboot.yaml as the console loads it (Workspace::parse, also used on reload-on-change):
// a hand-edited file may hold anything. What parses must be written back (serialize, as
// save() does) to a file that parses again to the same settings.
// Seeds: fuzz/corpus/workspace (the DESIGN.md example and the shapes tst_workspace uses).

#include "fuzzinput.h"

#include "inventory/workspace.h"

#include <cstdint>

using namespace Nbc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString fileName = QStringLiteral("netboot.yaml");
    WorkspaceSettings settings;
    WorkspaceError error;
    if (!Workspace::parse(NbcFuzz::rawBytes(data, size), fileName, &settings, &error)) {
        // A refusal says why (and where, as a line when it is about one).
        NBC_FUZZ_CHECK(!error.message.isEmpty());
        NBC_FUZZ_CHECK(error.line >= 0);
        (void)error.toString();
        return 0;
    }
    const QByteArray written = Workspace::serialize(settings);
    WorkspaceSettings back;
    WorkspaceError backError;
    NBC_FUZZ_CHECK(Workspace::parse(written, fileName, &back, &backError));
    NBC_FUZZ_CHECK(Workspace::serialize(back) == written);

    // What the engines get. The cmdline files are left out: reading a path named by the
    // input could read anything on this machine.
    for (ArtifactSet &set : settings.artifacts)
        set.cmdlinePath.clear();
    Workspace workspace;
    workspace.settings() = settings;
    (void)workspace.toSnapshot();
    return 0;
}
