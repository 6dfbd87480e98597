#include "boot/ipxescript.h"

#include "boot/bigtext.h"
#include "boot/kernelargs.h"
#include "model/mac.h"

namespace Nbc::Boot {

namespace {

QByteArray header(const QString &comment)
{
    return QByteArray("#!ipxe\n# Netboot Console: ") + comment.toUtf8() + '\n';
}

QString logSinkUrl(const BootSnapshot &snapshot)
{
    return talosLogUrl(snapshot.serverAddress, snapshot.ports.logs);
}

// The machine's own script URL, with the facts the entry script sent.
QByteArray scriptUrl(const BootSnapshot &snapshot, const QString &mac, const QString &query)
{
    return (snapshot.httpBaseUrl() + IpxeScripts::machinePath(mac)).toUtf8() + "/script.ipxe"
        + (query.isEmpty() ? QByteArray() : "?" + query.toUtf8());
}

// After a failed chain: an HTTP 404 is the console's afterInstall "http-404" answer, and
// the machine goes to its firmware's next boot entry; anything else (the console away,
// a timeout) goes to retryLabel. iPXE reports a 404 as ENOENT from its HTTP client:
// ${errno} 0x2d0c613b in its BIOS builds, 0x2d0c618e in its UEFI ones (the last byte is
// the platform's own code). It is kept first: a failing iseq sets ${errno} itself.
// Exit status 1: UEFI firmware then boots its next entry, where status 0 would open its
// boot menu.
QByteArray afterFailedChain(const QByteArray &retryLabel)
{
    return "set chain-error ${errno}\n"
           "iseq ${chain-error} 0x2d0c613b && goto disk ||\n"
           "iseq ${chain-error} 0x2d0c618e && goto disk ||\n"
           "goto " + retryLabel + "\n"
           ":disk\n"
           "echo Netboot Console: not found (HTTP 404): booting from the next device\n"
           "exit 1\n";
}

// iPXE waits, then asks for its script again (and keeps trying while the server is away).
// With renewDhcp it first runs DHCP again, so a console that missed its exchange sees
// one (how the console learns a machine's address).
QByteArray waitThenChain(const QByteArray &url, int seconds, bool renewDhcp = false)
{
    return ":wait\n"
           "sleep " + QByteArray::number(seconds) + "\n"
        + (renewDhcp ? QByteArray("dhcp net0 ||\n") : QByteArray())
        + "chain --replace --autofree " + url + " || goto failed\n"
          ":failed\n"
        + afterFailedChain("wait");
}

// iPXE interprets ANSI escapes on its console; a setting of type hex read back as a
// string gives the raw ESC byte.
const QByteArray kEsc = "${esc:string}";

// "Which box is this?": the machine's name in block letters and what it waits for,
// steady on a cleared screen; with identify, the banner flashes (inverse video) for a
// few seconds first.
QByteArray screenBanner(const QString &name, const QString &mac, const QString &waitsFor, bool identify)
{
    // A word that starts with '#' begins a comment for iPXE: each row starts with a dot.
    QByteArray banner;
    for (const QString &row : bigText(name))
        banner += "echo ." + row.toLatin1() + '\n';
    // Under 80 columns, so a serial console does not wrap it.
    const QByteArray caption = "echo " + name.toUtf8() + " (" + mac.toUtf8() + "): " + waitsFor.toUtf8() + '\n';
    QByteArray out = "set esc:hex 1b\n";
    if (identify) {
        const QByteArray flash = "echo " + kEsc + "[2J" + kEsc + "[H" + kEsc + "[7m\n" + banner
            + "echo IDENTIFY: " + name.toUtf8() + " - THIS MACHINE\n"
            + "echo " + kEsc + "[0m\nsleep 1\n"
            + "echo " + kEsc + "[2J" + kEsc + "[H\n" + banner + "sleep 1\n";
        for (int i = 0; i < 3; ++i)
            out += flash;
    }
    out += "echo " + kEsc + "[2J" + kEsc + "[H\n" + banner + caption;
    return out;
}

} // namespace

QString IpxeScripts::screenName(const BootSnapshot &snapshot, const QString &mac)
{
    const auto it = snapshot.machines.constFind(mac);
    if (it != snapshot.machines.constEnd() && !it->hostname.isEmpty())
        return it->hostname;
    const QString dashed = Mac::parse(mac).toDashed().toUpper();
    return dashed.right(8);
}

QString IpxeScripts::machinePath(const QString &mac)
{
    return QStringLiteral("/m/") + Mac::parse(mac).toDashed();
}

IpxeScript IpxeScripts::entry(const BootSnapshot &snapshot)
{
    IpxeScript script;
    script.kind = ScriptKind::Entry;
    const QByteArray base = snapshot.httpBaseUrl().toUtf8();
    script.text = header(QStringLiteral("generic entry"))
        // iPXE may have been handed this script by a proxy offer while the LAN's own
        // DHCP answer, without boot options, won the race; when no address stuck, ask again.
        + ":address\n"
          "isset ${net0/ip} && goto chain ||\n"
          "echo Netboot Console: no IPv4 address on net0 yet, asking DHCP again\n"
          "dhcp net0 || sleep 2\n"
          "goto address\n"
          ":chain\n"
          "chain --replace --autofree " + base
        + "/m/${net0/mac:hexhyp}/script.ipxe?uuid=${uuid}&serial=${serial:uristring}"
          "&manufacturer=${manufacturer:uristring}&product=${product:uristring}"
          "&arch=${buildarch}&platform=${platform} || goto failed\n"
          ":failed\n"
        + afterFailedChain("retry")
        + ":retry\n"
          "echo Netboot Console: the boot server did not answer (error ${chain-error}), retrying in 5 s\n"
          "sleep 5\n"
          "goto chain\n";
    return script;
}

QStringList IpxeScripts::talosKernelArgs(const ArtifactSet *set)
{
    QStringList args;
    // With iPXE on UEFI the EFI stub finds the initrd only by this name (Debian's 2019
    // iPXE has no LoadFile2); harmless on BIOS.
    args << QStringLiteral("initrd=initramfs.xz");
    // Talos's own command line (the factory's, when the set came with one), then the
    // set's extras merged the way Talos merges them.
    const QStringList talosArgs = set && !set->cmdline.isEmpty()
        ? set->cmdline.split(u' ', Qt::SkipEmptyParts)
        : talosDefaultKernelArgs(set ? set->talosVersion : QString(), set ? set->arch : QString());
    args << mergeKernelArgs(talosArgs, set ? set->extraKernelArgs : QString());
    return args;
}

QString IpxeScripts::talosCommandLine(const BootSnapshot &snapshot, const QString &mac, bool withConfig,
                                      const QString &configToken)
{
    QStringList args = talosKernelArgs(snapshot.artifactsFor(mac));
    const QString base = snapshot.httpBaseUrl() + machinePath(mac);
    if (withConfig)
        args << QStringLiteral("talos.config=") + base + QStringLiteral("/config.yaml")
                    + (configToken.isEmpty() ? QString() : QStringLiteral("?t=") + configToken);
    args << QStringLiteral("talos.logging.kernel=") + logSinkUrl(snapshot);
    return args.join(u' ');
}

IpxeScript IpxeScripts::awaitingAddress(const BootSnapshot &snapshot, const QString &mac, const QString &query)
{
    IpxeScript script;
    script.kind = ScriptKind::AddressUnconfirmed;
    script.text = header(mac + QStringLiteral(": address not confirmed by DHCP"))
        + "echo Netboot Console: this address is not the one DHCP gave " + mac.toUtf8() + ",\n"
          "echo or the console has not seen this machine's DHCP exchange yet; asking again.\n"
        + waitThenChain(scriptUrl(snapshot, mac, query), kWaitSeconds, true);
    return script;
}

IpxeScript IpxeScripts::forMachine(const BootSnapshot &snapshot, const QString &mac, const QString &query,
                                   const QString &configToken)
{
    IpxeScript script;
    const MachineIntent *intent = nullptr;
    const auto it = snapshot.machines.constFind(mac);
    if (it != snapshot.machines.constEnd())
        intent = &it.value();
    const QByteArray base = (snapshot.httpBaseUrl() + machinePath(mac)).toUtf8();
    const QByteArray again = scriptUrl(snapshot, mac, query);

    if (intent && intent->installed && snapshot.afterInstall != AfterInstallPolicy::AlwaysPxe) {
        // Talos is on the disk: a PXE boot must not run it from RAM against the installed
        // state (reference §5.2); hand the machine back to its disk.
        switch (snapshot.afterInstall) {
        case AfterInstallPolicy::Exit:
            script.kind = ScriptKind::Exit;
            script.text = header(mac + QStringLiteral(" is installed: boot from the next device")) + kExitToNextDevice;
            return script;
        case AfterInstallPolicy::Sanboot:
            script.kind = ScriptKind::Sanboot;
            script.text = header(mac + QStringLiteral(" is installed: boot the first disk"))
                + kSanbootFirstDisk;
            return script;
        case AfterInstallPolicy::Http404:
            script.kind = ScriptKind::Http404;
            script.status = 404;
            script.text = "installed: boot from disk\n";
            return script;
        case AfterInstallPolicy::AlwaysPxe:
            break;
        }
    }

    const bool assigned = intent && !intent->configPath.isEmpty();
    if (!assigned && snapshot.unassigned == UnassignedPolicy::Wait) {
        script.kind = ScriptKind::Wait;
        script.text = header(mac + QStringLiteral(" has no machine config yet"))
            + screenBanner(screenName(snapshot, mac), mac, QStringLiteral("WAITING FOR A CONFIG"),
                           snapshot.identify.contains(mac))
            + "echo Netboot Console: no machine config is assigned to " + mac.toUtf8() + " yet.\n"
              "echo Assign one in the console; this machine boots as soon as it is.\n"
            + waitThenChain(again, kWaitSeconds);
        return script;
    }

    const ArtifactSet *set = snapshot.artifactsFor(mac);
    if (!set) {
        script.kind = ScriptKind::NoArtifacts;
        script.text = header(QStringLiteral("no Talos kernel and initramfs are set up"))
            + screenBanner(screenName(snapshot, mac), mac, QStringLiteral("WAITING FOR TALOS FILES"),
                           snapshot.identify.contains(mac))
            + "echo Netboot Console: no Talos kernel and initramfs are set up in the console yet.\n"
              "echo Add an artefact set (kernel + initramfs); this machine retries.\n"
            + waitThenChain(again, kWaitSeconds * 2);
        return script;
    }

    script.kind = assigned ? ScriptKind::BootTalos : ScriptKind::Maintenance;
    const QString versionText = set->talosVersion.isEmpty() ? QString() : QStringLiteral(" ") + set->talosVersion;
    script.text = header(mac + QStringLiteral(": Talos") + versionText + QStringLiteral(" (") + set->name
                         + (assigned ? QStringLiteral(")") : QStringLiteral(", maintenance mode)")))
        + "imgfree\n"
          "kernel " + base + "/vmlinuz " + talosCommandLine(snapshot, mac, assigned, configToken).toUtf8() + "\n"
          "initrd " + base + "/initramfs.xz\n"
          "boot\n";
    return script;
}

} // namespace Nbc::Boot
