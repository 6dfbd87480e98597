// The kit bundle: a workspace exported and imported into an empty folder serves the same
// configs; a truncated, corrupted or unsafe bundle is refused and writes nothing; a newer
// file of the workspace is only replaced when the caller says so.
#include "inventory/kitbundle.h"

#include "boot/httproute.h"
#include "engine/servicehost.h"
#include "inventory/installedstate.h"
#include "inventory/inventorystore.h"
#include "inventory/machineregistry.h"
#include "session/consolesession.h"

#include "testutil.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <archive.h>
#include <archive_entry.h>

using namespace Nbc;

namespace {

const QString kWorkerMac = QStringLiteral("52:54:00:00:00:01");
const QString kControlMac = QStringLiteral("52:54:00:00:00:02");

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

int modeOf(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    int mode = 0;
    if (p & QFileDevice::ReadOwner) mode |= 0400;
    if (p & QFileDevice::WriteOwner) mode |= 0200;
    if (p & QFileDevice::ExeOwner) mode |= 0100;
    if (p & QFileDevice::ReadGroup) mode |= 040;
    if (p & QFileDevice::WriteGroup) mode |= 020;
    if (p & QFileDevice::ExeGroup) mode |= 010;
    if (p & QFileDevice::ReadOther) mode |= 04;
    if (p & QFileDevice::WriteOther) mode |= 02;
    if (p & QFileDevice::ExeOther) mode |= 01;
    return mode;
}

// Every file and folder under dir (hidden ones too), files with their size and time:
// "nothing written" means this does not change. (A folder's own time does: the import
// unpacks into a folder of its own inside the target and removes it.)
QStringList listing(const QString &dir)
{
    QStringList out;
    if (!QFileInfo::exists(dir))
        return {QStringLiteral("<no folder>")};
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        const QString name = QDir(dir).relativeFilePath(info.filePath());
        out << (info.isDir() ? name + u'/'
                             : QStringLiteral("%1 %2 %3").arg(name).arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch()));
    }
    out.sort();
    return out;
}

// A tar.zst made by hand: entries in order, each a file (with data), a symlink or a folder.
struct RawEntry {
    RawEntry() = default;
    RawEntry(const QString &p, const QByteArray &d = {}, int t = AE_IFREG, const QString &link = {})
        : path(p), data(d), type(t), linkTarget(link)
    {
    }
    QString path;
    QByteArray data;
    int type = AE_IFREG;
    QString linkTarget;
};

} // namespace

Q_DECLARE_METATYPE(RawEntry)

namespace {

// Written as the console writes a bundle: the tar stream (unblocked) hashed on its way into
// a zstd compressor. An entry named netboot-kit.end with no data gets the end marker the
// console would write: the manifest's SHA-256 and the stream's up to that entry.
struct Sink {
    archive *compressor;
    QCryptographicHash hash{QCryptographicHash::Sha256};
};

la_ssize_t sinkWrite(archive *, void *client, const void *buffer, size_t length)
{
    auto *sink = static_cast<Sink *>(client);
    sink->hash.addData(QByteArrayView(static_cast<const char *>(buffer), qsizetype(length)));
    return archive_write_data(sink->compressor, buffer, length);
}

void writeRawBundle(const QString &path, const QList<RawEntry> &entries)
{
    archive *z = archive_write_new();
    archive_write_add_filter_zstd(z);
    archive_write_set_format_raw(z);
    archive_write_set_bytes_in_last_block(z, 1);
    QVERIFY(archive_write_open_filename(z, QFile::encodeName(path).constData()) == ARCHIVE_OK);
    archive_entry *stream = archive_entry_new();
    archive_entry_set_pathname(stream, "bundle.tar");
    archive_entry_set_filetype(stream, AE_IFREG);
    QCOMPARE(archive_write_header(z, stream), ARCHIVE_OK);
    archive_entry_free(stream);
    Sink sink{z};
    archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_set_bytes_per_block(a, 0);
    QCOMPARE(archive_write_open2(a, &sink, nullptr, sinkWrite, nullptr, nullptr), ARCHIVE_OK);
    QByteArray manifest;
    for (RawEntry e : entries) {
        if (e.path == QLatin1String("netboot-kit.json"))
            manifest = e.data;
        if (e.path == QLatin1String("netboot-kit.end") && e.data.isEmpty()) {
            QCOMPARE(archive_write_finish_entry(a), ARCHIVE_OK);
            e.data = QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex() + '\n'
                + sink.hash.result().toHex() + '\n';
        }
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.path.toUtf8().constData());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_mtime(entry, 1700000000, 0);
        if (e.type == AE_IFLNK)
            archive_entry_set_symlink(entry, e.linkTarget.toUtf8().constData());
        archive_entry_set_size(entry, e.type == AE_IFREG ? e.data.size() : 0);
        QCOMPARE(archive_write_header(a, entry), ARCHIVE_OK);
        if (e.type == AE_IFREG && !e.data.isEmpty())
            QCOMPARE(archive_write_data(a, e.data.constData(), size_t(e.data.size())), la_ssize_t(e.data.size()));
        archive_entry_free(entry);
    }
    QCOMPARE(archive_write_close(a), ARCHIVE_OK);
    archive_write_free(a);
    QCOMPARE(archive_write_close(z), ARCHIVE_OK);
    archive_write_free(z);
}

// The tar stream inside a bundle, as it is.
QByteArray tarStreamOf(const QString &bundle)
{
    archive *a = archive_read_new();
    archive_read_support_filter_zstd(a);
    archive_read_support_format_raw(a);
    QByteArray out;
    archive_entry *entry = nullptr;
    if (archive_read_open_filename(a, QFile::encodeName(bundle).constData(), 65536) == ARCHIVE_OK
        && archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        char buffer[65536];
        la_ssize_t n;
        while ((n = archive_read_data(a, buffer, sizeof buffer)) > 0)
            out.append(buffer, n);
    }
    archive_read_free(a);
    return out;
}

// `stream` compressed with zstd, nothing else.
void writeZstd(const QString &path, const QByteArray &stream)
{
    archive *z = archive_write_new();
    archive_write_add_filter_zstd(z);
    archive_write_set_format_raw(z);
    archive_write_set_bytes_in_last_block(z, 1);
    QVERIFY(archive_write_open_filename(z, QFile::encodeName(path).constData()) == ARCHIVE_OK);
    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname(entry, "bundle.tar");
    archive_entry_set_filetype(entry, AE_IFREG);
    QCOMPARE(archive_write_header(z, entry), ARCHIVE_OK);
    archive_entry_free(entry);
    QCOMPARE(archive_write_data(z, stream.constData(), size_t(stream.size())), la_ssize_t(stream.size()));
    QCOMPARE(archive_write_close(z), ARCHIVE_OK);
    archive_write_free(z);
}

// A manifest that lists `files` (path -> bytes) as the console writes it.
QByteArray manifestFor(const QList<QPair<QString, QByteArray>> &files, qint64 sizeOverride = -1)
{
    QJsonArray list;
    for (const auto &file : files) {
        list.append(QJsonObject{
            {QStringLiteral("path"), file.first},
            {QStringLiteral("size"), double(sizeOverride >= 0 ? sizeOverride : file.second.size())},
            {QStringLiteral("mode"), 0644},
            {QStringLiteral("modified"), QStringLiteral("2023-11-14T22:13:20.000Z")},
            {QStringLiteral("sha256"),
             QString::fromLatin1(QCryptographicHash::hash(file.second, QCryptographicHash::Sha256).toHex())},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), QStringLiteral("netboot-console kit")},
                                     {QStringLiteral("version"), 1},
                                     {QStringLiteral("files"), list}})
        .toJson();
}

Boot::HttpResponsePlan configServed(const BootSnapshot &snap, const QString &mac)
{
    Boot::HttpRequestInfo request;
    request.method = "GET";
    request.path = QStringLiteral("/m/%1/config.yaml").arg(QString(mac).replace(u':', u'-'));
    // As the machine asks: from the address its DHCP exchange gave it, with its token.
    request.peer = request.machineAddress = QHostAddress(QStringLiteral("10.77.0.120"));
    request.tokenCheck = Boot::ConfigTokens::Check::Valid;
    return Boot::routeHttp(snap, request);
}

// The workspace names eth1, which this computer need not have: served on loopback instead.
SessionOverrides loopback()
{
    SessionOverrides o;
    o.interfaceName = QStringLiteral("lo");
    o.serverAddress = QStringLiteral("127.0.0.1");
    return o;
}

} // namespace

class tst_KitBundle : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_root;
    QString m_source;        // the workspace that is exported
    QString m_outside;       // a file netboot.yaml names outside the workspace
    QString m_bundle;        // its bundle
    QByteArray m_kernel;     // an artefact of it
    KitExportResult m_exported;

    QString path(const QString &name) const { return m_root.filePath(name); }

    // A workspace as the console leaves it: settings with two assigned machines (one with a
    // patch), two configs (0600), a talosconfig kept aside, an artefact set in artifacts/
    // and one outside, installed.json, leases.json and an inventory with machines in it.
    void makeSource()
    {
        m_source = path(QStringLiteral("source"));
        m_outside = TestUtil::writeFile(path(QStringLiteral("elsewhere")), QStringLiteral("vmlinuz-other"), "other kernel");
        TestUtil::writeFile(m_source, QStringLiteral("netboot.yaml"),
                            QStringLiteral("# the pallet in room 2\n"
                                           "network:\n  interface: eth1\n  mode: proxy\n"
                                           "ipxe: {bios: artifacts/undionly.kpxe, uefi: /usr/lib/ipxe/no-such-ipxe.efi}\n"
                                           "artifacts:\n"
                                           "  talos-1.7:\n    kernel: artifacts/talos-1.7/vmlinuz-amd64\n"
                                           "    initramfs: artifacts/talos-1.7/initramfs-amd64.xz\n    talosVersion: \"1.7\"\n"
                                           "  other:\n    kernel: %1\n    initramfs: artifacts/talos-1.7/initramfs-amd64.xz\n"
                                           "    talosVersion: \"1.7\"\n"
                                           "defaultArtifacts: talos-1.7\n"
                                           "machines:\n"
                                           "  - mac: %2\n    config: configs/worker.yaml\n    hostname: worker-1\n"
                                           "  - mac: %3\n    config: configs/controlplane.yaml\n    hostname: cp-1\n"
                                           "    patches: [patches/disk.yaml]\n")
                                .arg(m_outside, kWorkerMac, kControlMac)
                                .toUtf8());
        for (const auto &[name, data] : {std::pair{QStringLiteral("worker.yaml"), QStringLiteral("talos-1.7-worker.yaml")},
                                         std::pair{QStringLiteral("controlplane.yaml"),
                                                   QStringLiteral("talos-1.7-controlplane.yaml")}}) {
            const QString file = TestUtil::writeFile(m_source, QStringLiteral("configs/") + name, TestUtil::readData(QStringLiteral("talos/") + data));
            QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        const QString patch = TestUtil::writeFile(m_source, QStringLiteral("patches/disk.yaml"),
                                                  "machine:\n  install:\n    disk: /dev/nvme0n1\n");
        QFile::setPermissions(patch, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                         | QFileDevice::ReadOther);
        const QString talosconfig = TestUtil::writeFile(m_source, QStringLiteral("secrets/talosconfig"),
                                                        TestUtil::readData(QStringLiteral("talos/talosconfig")));
        QFile::setPermissions(talosconfig, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        // Incompressible, so the bundle holds its bytes as they are (see corruptedIsRefused).
        m_kernel = QByteArray(64 * 1024 + 17, Qt::Uninitialized);
        quint32 x = 2463534242u;
        for (char &c : m_kernel) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            c = char(x >> 24);
        }
        TestUtil::writeFile(m_source, QStringLiteral("artifacts/talos-1.7/vmlinuz-amd64"), m_kernel);
        TestUtil::writeFile(m_source, QStringLiteral("artifacts/talos-1.7/initramfs-amd64.xz"),
                            QByteArray::fromHex("fd377a585a00") + QByteArray(3000, 'x'));
        TestUtil::writeFile(m_source, QStringLiteral("artifacts/undionly.kpxe"), "ipxe bios");
        TestUtil::writeFile(m_source, QStringLiteral("leases.json"), "{\"format\": \"netboot-console leases 1\", \"leases\": []}\n");
        InstalledState installed;
        QString warning;
        QVERIFY(installed.load(m_source, &warning));
        installed.set(kWorkerMac, true);
        QVERIFY(installed.save(&warning));
        // Not carried: the inventory's companions and whatever else lies in the folder.
        TestUtil::writeFile(m_source, QStringLiteral("notes.txt"), "not part of a workspace");
    }

    // The inventory, open (WAL) while the bundle is written, as in the running console.
    void fillInventory(InventoryStore *store, MachineRegistry *registry)
    {
        QString error;
        QVERIFY2(store->open(QDir(m_source).filePath(QStringLiteral("inventory.sqlite")), &error), qPrintable(error));
        store->attach(registry);
        QList<Machine> machines;
        for (const QString &mac : {kWorkerMac, kControlMac}) {
            Machine m;
            m.mac = mac;
            m.stage = Stage::Installed;
            m.firstSeen = m.lastSeen = m.stageSince = QDateTime::currentDateTimeUtc();
            m.serial = QStringLiteral("SN-") + mac.right(2);
            m.manufacturer = QStringLiteral("Dell Inc.");
            m.firmware = QStringLiteral("uefi");
            machines << m;
        }
        registry->restore(machines);
        QVERIFY(store->flush(&error));
    }

    static QList<Machine> inventoryOf(const QString &workspace)
    {
        InventoryStore store;
        store.open(QDir(workspace).filePath(QStringLiteral("inventory.sqlite")));
        return store.load();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        makeSource();
        InventoryStore store;
        MachineRegistry registry;
        fillInventory(&store, &registry);
        m_bundle = path(QStringLiteral("kit.tar.zst"));
        qint64 lastDone = -1;
        qint64 lastTotal = 0;
        KitExportOptions options;
        options.progress = [&](qint64 done, qint64 total) {
            lastDone = done;
            lastTotal = total;
            return true;
        };
        m_exported = KitBundle::exportBundle(m_source, m_bundle, options);
        QVERIFY2(m_exported.ok(), qPrintable(m_exported.error));
        QCOMPARE(lastDone, lastTotal);
        QVERIFY(QFileInfo(m_bundle).size() > 0);
        // Its first bytes are zstd's.
        QCOMPARE(read(m_bundle).left(4), QByteArray::fromHex("28b52ffd"));
    }

    void exportListsWhatItCarriesAndWhatNot()
    {
        QStringList paths;
        for (const KitFile &file : std::as_const(m_exported.files))
            paths << file.path;
        QCOMPARE(paths, (QStringList{QStringLiteral("artifacts/talos-1.7/initramfs-amd64.xz"),
                                     QStringLiteral("artifacts/talos-1.7/vmlinuz-amd64"),
                                     QStringLiteral("artifacts/undionly.kpxe"),
                                     QStringLiteral("configs/controlplane.yaml"), QStringLiteral("configs/worker.yaml"),
                                     QStringLiteral("installed.json"), QStringLiteral("inventory.sqlite"),
                                     QStringLiteral("leases.json"), QStringLiteral("netboot.yaml"),
                                     QStringLiteral("patches/disk.yaml"), QStringLiteral("secrets/talosconfig")}));
        for (const KitFile &file : std::as_const(m_exported.files)) {
            const bool secret = file.path.startsWith(QLatin1String("configs/")) || file.path.startsWith(QLatin1String("secrets/"))
                || file.path.startsWith(QLatin1String("patches/"));
            QCOMPARE(file.isPrivate, secret);
            if (secret)
                QCOMPARE(file.mode, 0600);
            QCOMPARE(file.sha256.size(), 64);
        }
        // What netboot.yaml names outside the folder is said, not silently dropped.
        QCOMPARE(m_exported.leftOut.size(), 2);
        QCOMPARE(m_exported.leftOut.at(0).path, m_outside);
        QCOMPARE(m_exported.leftOut.at(0).reason, KitLeftOut::Reason::Outside);
        QCOMPARE(m_exported.leftOut.at(1).path, QStringLiteral("/usr/lib/ipxe/no-such-ipxe.efi"));
        QCOMPARE(m_exported.leftOut.at(1).reason, KitLeftOut::Reason::Missing);
    }

    // The acceptance: exported from one workspace, imported into an empty one, the same
    // configs are served, byte for byte, with the same modes.
    void roundTripServesTheSameConfigs()
    {
        const QString target = path(QStringLiteral("imported"));
        const KitImportResult result = KitBundle::importBundle(m_bundle, target);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.written.size(), m_exported.files.size());
        QVERIFY(result.kept.isEmpty());
        QVERIFY(result.inventoryReplaced());
        QCOMPARE(result.createdBy, QStringLiteral("Netboot Console " NBC_VERSION));
        QCOMPARE(result.leftOut.size(), 2);
        QCOMPARE(result.leftOut.at(0).path, m_outside);
        QCOMPARE(result.leftOut.at(0).reason, KitLeftOut::Reason::Outside);
        QCOMPARE(result.leftOut.at(1).reason, KitLeftOut::Reason::Missing);
        for (const KitFile &file : std::as_const(m_exported.files)) {
            const QString from = QDir(m_source).filePath(file.path);
            const QString to = QDir(target).filePath(file.path);
            if (file.path != QLatin1String("inventory.sqlite"))
                QVERIFY2(read(from) == read(to), qPrintable(file.path));
            QCOMPARE(QFileInfo(to).lastModified().toMSecsSinceEpoch(), file.modified.toMSecsSinceEpoch());
        }
        QCOMPARE(modeOf(QDir(target).filePath(QStringLiteral("configs/worker.yaml"))), 0600);
        QCOMPARE(modeOf(QDir(target).filePath(QStringLiteral("configs/controlplane.yaml"))), 0600);
        QCOMPARE(modeOf(QDir(target).filePath(QStringLiteral("secrets/talosconfig"))), 0600);
        QCOMPARE(modeOf(QDir(target).filePath(QStringLiteral("patches/disk.yaml"))), 0600);
        for (const char *folder : {"configs", "secrets", "patches"})
            QCOMPARE(modeOf(QDir(target).filePath(QLatin1String(folder))), 0700);
        // No staging folder is left behind, nor anything the bundle did not carry.
        QCOMPARE(QDir(target).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{QStringLiteral("artifacts"), QStringLiteral("configs"), QStringLiteral("installed.json"),
                              QStringLiteral("inventory.sqlite"), QStringLiteral("leases.json"),
                              QStringLiteral("netboot.yaml"), QStringLiteral("patches"), QStringLiteral("secrets")}));

        // The inventory's rows came along (it was open in WAL mode while it was copied).
        const QList<Machine> machines = inventoryOf(target);
        QCOMPARE(machines.size(), 2);
        QStringList serials;
        for (const Machine &m : machines)
            serials << m.serial;
        serials.sort();
        QCOMPARE(serials, (QStringList{QStringLiteral("SN-01"), QStringLiteral("SN-02")}));

        // Each machine is served the same rendered config from both workspaces.
        ConsoleSession original;
        QVERIFY2(original.open(m_source, loopback()), qPrintable(original.error()));
        ConsoleSession copy;
        QVERIFY2(copy.open(target, loopback()), qPrintable(copy.error()));
        QVERIFY2(copy.warnings().isEmpty(), qPrintable(copy.warnings().join(u'\n')));
        for (const QString &mac : {kWorkerMac, kControlMac}) {
            const Boot::HttpResponsePlan a = configServed(original.snapshot(), mac);
            const Boot::HttpResponsePlan b = configServed(copy.snapshot(), mac);
            QCOMPARE(a.status, 200);
            QCOMPARE(b.status, 200);
            QCOMPARE(b.event, EventKind::ConfigServed);
            QCOMPARE(b.body, a.body);
        }
        QVERIFY(configServed(copy.snapshot(), kControlMac).body.contains("disk: /dev/nvme0n1"));
        QVERIFY(copy.isInstalled(kWorkerMac));
        QCOMPARE(copy.registry()->machineCount(), 2);
    }

    // Importing the same bundle again changes nothing and asks nothing.
    void secondImportFindsEverythingUnchanged()
    {
        const QString target = path(QStringLiteral("twice"));
        QVERIFY(KitBundle::importBundle(m_bundle, target).ok());
        const QStringList before = listing(target);
        int asked = 0;
        KitImportOptions options;
        options.onNewerFile = [&asked](const KitConflict &) {
            ++asked;
            return KitConflictChoice::Overwrite;
        };
        const KitImportResult again = KitBundle::importBundle(m_bundle, target, options);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(asked, 0);
        QVERIFY(again.written.isEmpty());
        QCOMPARE(again.unchanged.size(), m_exported.files.size());
        QCOMPARE(listing(target), before);
    }

    void truncatedIsRefusedAndWritesNothing_data()
    {
        QTest::addColumn<double>("keep");   // the share of the bundle left, or bytes cut when > 1
        QTest::newRow("first bytes") << 12.0 / QFileInfo(m_bundle).size();
        QTest::newRow("a tenth") << 0.1;
        QTest::newRow("half") << 0.5;
        QTest::newRow("nine tenths") << 0.9;
        QTest::newRow("last 100 bytes cut") << -100.0;
        QTest::newRow("last 10 bytes cut") << -10.0;
    }
    void truncatedIsRefusedAndWritesNothing()
    {
        QFETCH(double, keep);
        const QByteArray whole = read(m_bundle);
        const qsizetype size = keep < 0 ? whole.size() + qsizetype(keep) : qsizetype(whole.size() * keep);
        const QString cut = path(QStringLiteral("cut.tar.zst"));
        writeBytes(cut, whole.left(size));
        // Into an empty folder that does not exist yet, and into one with a file of its own.
        const QString fresh = path(QStringLiteral("fresh-target"));
        KitImportResult result = KitBundle::importBundle(cut, fresh);
        QVERIFY2(result.code == KitBundleError::Damaged, qPrintable(result.error));
        QVERIFY2(result.error.startsWith(QLatin1String("The kit bundle is damaged or incomplete: ")), qPrintable(result.error));
        QVERIFY(result.error.endsWith(QLatin1String("; nothing was written.")));
        QVERIFY(result.written.isEmpty());
        QVERIFY(!QFileInfo::exists(fresh));
        const QString used = path(QStringLiteral("used-target"));
        TestUtil::writeFile(used, QStringLiteral("configs/mine.yaml"), "mine");
        const QStringList before = listing(used);
        result = KitBundle::importBundle(cut, used);
        QCOMPARE(result.code, KitBundleError::Damaged);
        QCOMPARE(listing(used), before);
    }

    // Cut anywhere, to the byte near its end: always refused.
    void everyCutIsRefused()
    {
        const QByteArray whole = read(m_bundle);
        QList<qsizetype> sizes;
        for (qsizetype size = 0; size < whole.size(); size += qMax<qsizetype>(1, whole.size() / 97))
            sizes << size;
        for (qsizetype cut = 1; cut <= 32; ++cut)
            sizes << whole.size() - cut;
        const QString cutPath = path(QStringLiteral("cut-anywhere.tar.zst"));
        const QString target = path(QStringLiteral("cut-anywhere"));
        for (const qsizetype size : std::as_const(sizes)) {
            writeBytes(cutPath, whole.left(size));
            const KitImportResult result = KitBundle::importBundle(cutPath, target);
            QVERIFY2(!result.ok(), qPrintable(QStringLiteral("accepted when cut to %1 of %2 bytes").arg(size).arg(whole.size())));
            QVERIFY(result.code == KitBundleError::Damaged || (size < 4 && result.code == KitBundleError::NotABundle));
            QVERIFY(!QFileInfo::exists(target));
        }
    }

    // Any change to the archive's content (the tar stream inside the zstd) is refused:
    // a byte changed at places all through it and all over its end (the end marker, its
    // padding, the end-of-archive records), a record more, a record less.
    void everyChangeOfTheStreamIsRefused()
    {
        const QByteArray tar = tarStreamOf(m_bundle);
        QVERIFY(tar.size() > 100 * 1024);
        QCOMPARE(tar.size() % 512, 0);
        QList<qsizetype> positions;
        for (qsizetype i = 0; i < tar.size() - 2048; i += 4093)
            positions << i;
        for (qsizetype i = tar.size() - 2048; i < tar.size(); i += 13)
            positions << i;
        positions << tar.size() - 1;
        const QString bad = path(QStringLiteral("changed.tar.zst"));
        const QString target = path(QStringLiteral("changed"));
        auto refused = [&](const QByteArray &stream, const QString &what) {
            writeZstd(bad, stream);
            const KitImportResult result = KitBundle::importBundle(bad, target);
            QVERIFY2(!result.ok(), qPrintable(QStringLiteral("accepted with %1").arg(what)));
            QVERIFY2(result.code == KitBundleError::Damaged || result.code == KitBundleError::Unsafe
                         || result.code == KitBundleError::NotABundle,
                     qPrintable(what + QStringLiteral(": ") + result.error));
            QVERIFY(!QFileInfo::exists(target));
        };
        // The same stream compressed again is taken: the refusals below are the changes'.
        writeZstd(bad, tar);
        QVERIFY(KitBundle::importBundle(bad, target).ok());
        QDir(target).removeRecursively();
        for (const qsizetype i : std::as_const(positions)) {
            QByteArray changed = tar;
            changed[i] = char(changed.at(i) ^ 0x01);
            refused(changed, QStringLiteral("byte %1 of %2 changed").arg(i).arg(tar.size()));
        }
        refused(tar + QByteArray(512, '\0'), QStringLiteral("a record more"));
        refused(tar.left(tar.size() - 512), QStringLiteral("a record less"));
        refused(tar + "x", QStringLiteral("a byte more"));
    }

    // One byte of the file changed where it holds an artefact's bytes as they are.
    void corruptedIsRefusedAndWritesNothing_data()
    {
        QTest::addColumn<qsizetype>("at");   // into the kernel's bytes
        QTest::newRow("start of the artefact") << qsizetype(100);
        QTest::newRow("middle") << qsizetype(32 * 1024);
        QTest::newRow("end of the artefact") << qsizetype(64 * 1024);
    }
    void corruptedIsRefusedAndWritesNothing()
    {
        QFETCH(qsizetype, at);
        QByteArray bytes = read(m_bundle);
        const qsizetype kernelAt = bytes.indexOf(m_kernel.mid(at, 64));
        QVERIFY2(kernelAt >= 0, "the artefact's bytes are not in the bundle as they are");
        bytes[kernelAt] = char(bytes.at(kernelAt) ^ 0x5a);
        const QString bad = path(QStringLiteral("bad.tar.zst"));
        writeBytes(bad, bytes);
        const QString used = path(QStringLiteral("corrupt-target"));
        TestUtil::writeFile(used, QStringLiteral("netboot.yaml"), "# mine\n");
        const QStringList before = listing(used);
        const KitImportResult result = KitBundle::importBundle(bad, used);
        QCOMPARE(result.code, KitBundleError::Damaged);
        QVERIFY2(result.error.startsWith(QLatin1String("The kit bundle is damaged or incomplete: ")), qPrintable(result.error));
        QVERIFY2(result.error.contains(QLatin1String("vmlinuz-amd64")), qPrintable(result.error));
        QCOMPARE(listing(used), before);
    }

    // Whatever the manifest says, an entry that leaves the folder, a link or a device is refused.
    void unsafeEntriesAreRefused_data()
    {
        QTest::addColumn<QList<RawEntry>>("entries");
        QTest::addColumn<int>("code");
        const QByteArray evil = "evil\n";
        auto bundle = [](const QList<QPair<QString, QByteArray>> &listed, const QList<RawEntry> &entries) {
            const QByteArray manifest = manifestFor(listed);
            QList<RawEntry> all{{QStringLiteral("netboot-kit.json"), manifest}};
            all << entries;
            all.append(RawEntry(QStringLiteral("netboot-kit.end")));
            return all;
        };
        QTest::newRow("listed ../ traversal")
            << bundle({{QStringLiteral("../escaped.txt"), evil}}, {{QStringLiteral("../escaped.txt"), evil}})
            << int(KitBundleError::Unsafe);
        QTest::newRow("listed traversal inside a path")
            << bundle({{QStringLiteral("configs/../../escaped.txt"), evil}}, {{QStringLiteral("configs/../../escaped.txt"), evil}})
            << int(KitBundleError::Unsafe);
        QTest::newRow("unlisted ../ entry")
            << bundle({{QStringLiteral("configs/a.yaml"), evil}},
                      {{QStringLiteral("configs/a.yaml"), evil}, {QStringLiteral("../escaped.txt"), evil}})
            << int(KitBundleError::Unsafe);
        QTest::newRow("absolute path")
            << bundle({}, {{m_root.filePath(QStringLiteral("escaped.txt")), evil}}) << int(KitBundleError::Unsafe);
        RawEntry link{QStringLiteral("configs/a.yaml"), {}, AE_IFLNK, m_root.filePath(QStringLiteral("escaped.txt"))};
        QTest::newRow("symlink") << bundle({{QStringLiteral("configs/a.yaml"), evil}}, {link}) << int(KitBundleError::Unsafe);
        RawEntry folder{QStringLiteral("configs"), {}, AE_IFDIR, {}};
        QTest::newRow("folder entry") << bundle({}, {folder}) << int(KitBundleError::Unsafe);
        RawEntry fifo{QStringLiteral("configs/pipe"), {}, AE_IFIFO, {}};
        QTest::newRow("fifo") << bundle({}, {fifo}) << int(KitBundleError::Unsafe);
        QTest::newRow("unlisted file")
            << bundle({}, {{QStringLiteral("configs/extra.yaml"), evil}}) << int(KitBundleError::Damaged);
        QTest::newRow("listed file missing")
            << bundle({{QStringLiteral("configs/a.yaml"), evil}}, {}) << int(KitBundleError::Damaged);
        QTest::newRow("content not as listed")
            << bundle({{QStringLiteral("configs/a.yaml"), evil}}, {{QStringLiteral("configs/a.yaml"), "EVIL\n"}})
            << int(KitBundleError::Damaged);
        QTest::newRow("no end marker")
            << QList<RawEntry>{{QStringLiteral("netboot-kit.json"), manifestFor({{QStringLiteral("a.txt"), evil}})},
                               {QStringLiteral("a.txt"), evil}}
            << int(KitBundleError::Damaged);
        QTest::newRow("no manifest") << QList<RawEntry>{{QStringLiteral("netboot.yaml"), evil}}
                                     << int(KitBundleError::NotABundle);
    }
    // The crafted bundles above are refused for their flaw: made the same way without one,
    // a bundle is taken.
    void craftedBundleWithoutFlawIsTaken()
    {
        const QByteArray content = "version: v1alpha1\n";
        const QByteArray manifest = manifestFor({{QStringLiteral("configs/a.yaml"), content}});
        const QString crafted = path(QStringLiteral("crafted-good.tar.zst"));
        writeRawBundle(crafted, {{QStringLiteral("netboot-kit.json"), manifest},
                                 {QStringLiteral("configs/a.yaml"), content},
                                 {QStringLiteral("netboot-kit.end")}});
        const QString target = path(QStringLiteral("crafted-good"));
        const KitImportResult result = KitBundle::importBundle(crafted, target);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(read(QDir(target).filePath(QStringLiteral("configs/a.yaml"))), content);
        QCOMPARE(modeOf(QDir(target).filePath(QStringLiteral("configs/a.yaml"))), 0600);
    }

    void unsafeEntriesAreRefused()
    {
        QFETCH(QList<RawEntry>, entries);
        QFETCH(int, code);
        const QString crafted = path(QStringLiteral("crafted.tar.zst"));
        writeRawBundle(crafted, entries);
        const QString target = path(QStringLiteral("deep/target"));
        TestUtil::writeFile(target, QStringLiteral("netboot.yaml"), "# mine\n");
        const QStringList before = listing(m_root.filePath(QStringLiteral("deep")));
        const KitImportResult result = KitBundle::importBundle(crafted, target);
        QCOMPARE(int(result.code), code);
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(listing(m_root.filePath(QStringLiteral("deep"))), before);
        QVERIFY(!QFileInfo::exists(m_root.filePath(QStringLiteral("escaped.txt"))));
        QVERIFY(!QFileInfo::exists(m_root.filePath(QStringLiteral("deep/escaped.txt"))));
    }

    void unsafePathReasons_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("safe");
        QTest::newRow("plain") << QStringLiteral("configs/worker.yaml") << true;
        QTest::newRow("top") << QStringLiteral("netboot.yaml") << true;
        QTest::newRow("dotdot") << QStringLiteral("..") << false;
        QTest::newRow("dotdot inside") << QStringLiteral("a/../b") << false;
        QTest::newRow("dot") << QStringLiteral("./a") << false;
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << false;
        QTest::newRow("backslash") << QStringLiteral("a\\..\\b") << false;
        QTest::newRow("empty part") << QStringLiteral("a//b") << false;
        QTest::newRow("trailing slash") << QStringLiteral("a/") << false;
        QTest::newRow("control") << QStringLiteral("a\nb") << false;
        QTest::newRow("wal") << QStringLiteral("inventory.sqlite-wal") << false;
        QTest::newRow("staging") << QStringLiteral(".netboot-kit-import-abc/x") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void unsafePathReasons()
    {
        QFETCH(QString, path);
        QFETCH(bool, safe);
        QCOMPARE(KitBundle::unsafePathReason(path).isEmpty(), safe);
    }

    // A bundle that would expand beyond the bound is refused before a byte is unpacked.
    void tooLargeIsRefused()
    {
        const QByteArray manifest = manifestFor({{QStringLiteral("artifacts/huge.img"), "x"}}, kKitMaxTotalBytes + 1);
        const QString crafted = path(QStringLiteral("huge.tar.zst"));
        writeRawBundle(crafted, {{QStringLiteral("netboot-kit.json"), manifest},
                                 {QStringLiteral("artifacts/huge.img"), "x"},
                                 {QStringLiteral("netboot-kit.end")}});
        const QString target = path(QStringLiteral("huge-target"));
        const KitImportResult result = KitBundle::importBundle(crafted, target);
        QCOMPARE(result.code, KitBundleError::TooLarge);
        QVERIFY(!QFileInfo::exists(target));
    }

    void notABundleIsSaid()
    {
        const QString text = TestUtil::writeFile(m_root.path(), QStringLiteral("notes.tar.zst"), "just some text\n");
        const KitImportResult result = KitBundle::importBundle(text, path(QStringLiteral("nab-target")));
        QCOMPARE(result.code, KitBundleError::NotABundle);
        QVERIFY(result.error.contains(QLatin1String("is not a kit bundle")));
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("nab-target"))));
        const KitImportResult missing = KitBundle::importBundle(path(QStringLiteral("nope.tar.zst")), path(QStringLiteral("nab-target")));
        QCOMPARE(missing.code, KitBundleError::CannotRead);
    }

    // A file of the workspace that is newer than the bundle's copy is only replaced when
    // the caller says so; an older one is replaced without a question.
    void newerFileIsAskedAbout_data()
    {
        QTest::addColumn<int>("choice");
        QTest::newRow("keep") << int(KitConflictChoice::Keep);
        QTest::newRow("overwrite") << int(KitConflictChoice::Overwrite);
        QTest::newRow("cancel") << int(KitConflictChoice::Cancel);
    }
    void newerFileIsAskedAbout()
    {
        QFETCH(int, choice);
        const QString target = path(QStringLiteral("newer-%1").arg(choice));
        const QString worker = TestUtil::writeFile(target, QStringLiteral("configs/worker.yaml"), "# edited here, later\n");
        const QString yaml = TestUtil::writeFile(target, QStringLiteral("netboot.yaml"), "# an old file\n");
        QFile old(yaml);
        QVERIFY(old.open(QIODevice::ReadWrite));
        QVERIFY(old.setFileTime(QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC), QFileDevice::FileModificationTime));
        old.close();
        QFile newer(worker);
        QVERIFY(newer.open(QIODevice::ReadWrite));
        QVERIFY(newer.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600), QFileDevice::FileModificationTime));
        newer.close();
        const QStringList before = listing(target);
        QList<KitConflict> asked;
        KitImportOptions options;
        options.onNewerFile = [&asked, choice](const KitConflict &conflict) {
            asked << conflict;
            return KitConflictChoice(choice);
        };
        const KitImportResult result = KitBundle::importBundle(m_bundle, target, options);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().path, QStringLiteral("configs/worker.yaml"));
        QVERIFY(asked.first().targetModified > asked.first().bundleModified);
        QCOMPARE(asked.first().targetSize, qint64(21));
        const QByteArray original = read(QDir(m_source).filePath(QStringLiteral("configs/worker.yaml")));
        switch (KitConflictChoice(choice)) {
        case KitConflictChoice::Keep:
            QVERIFY2(result.ok(), qPrintable(result.error));
            QCOMPARE(result.kept, QStringList{QStringLiteral("configs/worker.yaml")});
            QCOMPARE(read(worker), QByteArray("# edited here, later\n"));
            QVERIFY(result.written.contains(QStringLiteral("netboot.yaml")));
            QCOMPARE(read(yaml), read(QDir(m_source).filePath(QStringLiteral("netboot.yaml"))));
            break;
        case KitConflictChoice::Overwrite:
            QVERIFY2(result.ok(), qPrintable(result.error));
            QCOMPARE(read(worker), original);
            QCOMPARE(modeOf(worker), 0600);
            break;
        case KitConflictChoice::Cancel:
            QCOMPARE(result.code, KitBundleError::Cancelled);
            QCOMPARE(listing(target), before);
            break;
        }
        // Without anyone to ask, a newer file is kept.
        if (KitConflictChoice(choice) == KitConflictChoice::Keep) {
            const KitImportResult silent = KitBundle::importBundle(m_bundle, target);
            QVERIFY(silent.ok());
            QCOMPARE(silent.kept, QStringList{QStringLiteral("configs/worker.yaml")});
            QCOMPARE(read(worker), QByteArray("# edited here, later\n"));
        }
    }

    // Extra roots inside the workspace travel; the workspace itself as a root brings no
    // -wal, -shm or other name of the console's own.
    void extraRootsInsideTheWorkspaceTravel()
    {
        const QString ws = path(QStringLiteral("roots"));
        TestUtil::writeFile(ws, QStringLiteral("netboot.yaml"), "tftpRoot: .\nhttpRoot: files/\n");
        TestUtil::writeFile(ws, QStringLiteral("files/readme.txt"), "hello\n");
        TestUtil::writeFile(ws, QStringLiteral("boot/menu.ipxe"), "#!ipxe\n");
        InventoryStore store;
        QVERIFY(store.open(QDir(ws).filePath(QStringLiteral("inventory.sqlite"))));
        QVERIFY(QFileInfo::exists(QDir(ws).filePath(QStringLiteral("inventory.sqlite-wal"))));
        const QString out = path(QStringLiteral("roots.tar.zst"));
        const KitExportResult result = KitBundle::exportBundle(ws, out);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QStringList paths;
        for (const KitFile &file : result.files)
            paths << file.path;
        QVERIFY2(paths.size() == 4, qPrintable(paths.join(u' ')));
        QCOMPARE(paths, (QStringList{QStringLiteral("boot/menu.ipxe"), QStringLiteral("files/readme.txt"),
                                     QStringLiteral("inventory.sqlite"), QStringLiteral("netboot.yaml")}));
        const KitImportResult imported = KitBundle::importBundle(out, path(QStringLiteral("roots-imported")));
        QVERIFY2(imported.ok(), qPrintable(imported.error));
        QCOMPARE(imported.written.size(), 4);
    }

    // The Raspberry Pis' boot folders travel with the workspace that holds them.
    void piBootFolderTravels()
    {
        const QString ws = path(QStringLiteral("pi-boot"));
        TestUtil::writeFile(ws, QStringLiteral("netboot.yaml"),
                            "piBoot: {folder: pi/}\nmachines:\n  - mac: dc:a6:32:01:36:c2\n    piFolder: uefi-rpi4\n");
        TestUtil::writeFile(ws, QStringLiteral("pi/uefi-rpi4/RPI_EFI.fd"), "uefi\n");
        TestUtil::writeFile(ws, QStringLiteral("pi/9ffefdef/config.txt"), "[pi4]\n");
        const QString out = path(QStringLiteral("pi-boot.tar.zst"));
        const KitExportResult result = KitBundle::exportBundle(ws, out);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QStringList paths;
        for (const KitFile &file : result.files)
            paths << file.path;
        QCOMPARE(paths, (QStringList{QStringLiteral("netboot.yaml"), QStringLiteral("pi/9ffefdef/config.txt"),
                                     QStringLiteral("pi/uefi-rpi4/RPI_EFI.fd")}));
    }

    // A rule's config travels like a machine's, wherever in the folder it lies; one outside
    // the folder is named as left out, not dropped in silence.
    void rulesConfigsTravelOrAreNamed()
    {
        const QString ws = path(QStringLiteral("rules"));
        const QString outside = TestUtil::writeFile(path(QStringLiteral("elsewhere-rules")), QStringLiteral("cp.yaml"),
                                                    TestUtil::readData(QStringLiteral("talos/talos-1.7-controlplane.yaml")));
        TestUtil::writeFile(ws, QStringLiteral("netboot.yaml"),
                            QStringLiteral("rules:\n"
                                           "  - name: rack2\n    match: {macPrefix: \"52:54:00\"}\n"
                                           "    config: pallet/rack2.yaml\n    patches: [pallet/disk.yaml]\n"
                                           "  - name: control\n    match: {firmware: bios}\n    config: %1\n")
                                .arg(outside)
                                .toUtf8());
        TestUtil::writeFile(ws, QStringLiteral("pallet/rack2.yaml"), TestUtil::readData(QStringLiteral("talos/talos-1.7-worker.yaml")));
        TestUtil::writeFile(ws, QStringLiteral("pallet/disk.yaml"), "machine:\n  install:\n    disk: /dev/sda\n");
        TestUtil::writeFile(ws, QStringLiteral("pallet/notes.txt"), "not named by netboot.yaml\n");
        const QString out = path(QStringLiteral("rules.tar.zst"));
        const KitExportResult result = KitBundle::exportBundle(ws, out);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QStringList paths;
        for (const KitFile &file : result.files) {
            paths << file.path;
            if (file.path.startsWith(QLatin1String("pallet/"))) {
                QVERIFY(file.isPrivate);   // configs and patches hold cluster secrets
                QCOMPARE(file.mode, 0600);
            }
        }
        QCOMPARE(paths, (QStringList{QStringLiteral("netboot.yaml"), QStringLiteral("pallet/disk.yaml"),
                                     QStringLiteral("pallet/rack2.yaml")}));
        // (The default iPXE binaries may be missing on this computer: they are listed too.)
        const auto left = std::find_if(result.leftOut.cbegin(), result.leftOut.cend(),
                                       [&outside](const KitLeftOut &l) { return l.path == outside; });
        QVERIFY(left != result.leftOut.cend());
        QCOMPARE(left->reason, KitLeftOut::Reason::Outside);
        for (const KitLeftOut &l : result.leftOut)
            QVERIFY2(l.path == outside || l.path.startsWith(QLatin1String("/usr/lib/ipxe/")), qPrintable(l.path));
    }

    void cancelledExportLeavesNoFile()
    {
        const QString out = path(QStringLiteral("cancelled.tar.zst"));
        KitExportOptions options;
        options.progress = [](qint64 done, qint64 total) { return done < total / 2; };
        const KitExportResult result = KitBundle::exportBundle(m_source, out, options);
        QCOMPARE(result.code, KitBundleError::Cancelled);
        QVERIFY(!QFileInfo::exists(out));
        const KitExportResult notWorkspace = KitBundle::exportBundle(path(QStringLiteral("elsewhere")), out);
        QCOMPARE(notWorkspace.code, KitBundleError::NotAWorkspace);
        QVERIFY(!QFileInfo::exists(out));
    }

    // Into the running console: the session's own import reloads the workspace, the
    // machines of the bundle's inventory appear, and the configs are served at once.
    void sessionImportReloadsTheWorkspace()
    {
        const QString target = path(QStringLiteral("session"));
        ConsoleSession session;
        QVERIFY2(session.open(target, loopback()), qPrintable(session.error()));
        QCOMPARE(session.registry()->machineCount(), 0);
        QSignalSpy reloaded(&session, &ConsoleSession::workspaceReloaded);
        // A new workspace has its own netboot.yaml and inventory, newer than the bundle's:
        // the person is asked, and says to take the bundle's.
        QStringList asked;
        KitImportOptions options;
        options.onNewerFile = [&asked](const KitConflict &conflict) {
            asked << conflict.path;
            return KitConflictChoice::Overwrite;
        };
        const KitImportResult result = session.importKitBundle(m_bundle, options);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(asked, (QStringList{QStringLiteral("inventory.sqlite"), QStringLiteral("netboot.yaml")}));
        QCOMPARE(reloaded.size(), 1);
        // The bundle's netboot.yaml names eth1; the command line's choice (loopback) holds.
        QVERIFY2(session.error().isEmpty(), qPrintable(session.error()));
        QCOMPARE(session.assignment(kWorkerMac), QStringLiteral("configs/worker.yaml"));
        QCOMPARE(session.registry()->machineCount(), 2);
        QVERIFY(session.registry()->machine(kControlMac));
        QCOMPARE(session.registry()->machine(kControlMac)->serial, QStringLiteral("SN-02"));
        QVERIFY(session.isInstalled(kWorkerMac));
        const Boot::HttpResponsePlan served = configServed(session.services()->snapshot(), kWorkerMac);
        QCOMPARE(served.status, 200);
        ConsoleSession original;
        QVERIFY(original.open(m_source, loopback()));
        QCOMPARE(served.body, configServed(original.snapshot(), kWorkerMac).body);
        // The reopened inventory goes on being written.
        QVERIFY(session.inventory()->isOpen());
        QVERIFY(session.inventory()->flush());
        QCOMPARE(inventoryOf(target).size(), 2);
        // And the workspace exports again, the inventory included.
        const KitExportResult again = session.exportKitBundle(path(QStringLiteral("again.tar.zst")));
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.files.size(), m_exported.files.size());
    }
};

QTEST_GUILESS_MAIN(tst_KitBundle)
#include "tst_kitbundle.moc"
