#pragma once

// Shared by the window's tests: a workspace with configs, a session on loopback, and
// registry events that make machines appear and move.

#include "testutil.h"

#include "model/machineevent.h"
#include "session/consolesession.h"
#include "inventory/machineregistry.h"

#include <QApplication>
#include <QDir>
#include <QObject>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace UiTest {

// When the widget `name` shows under `root`, runs `then` on it. Modal dialogs show from
// inside the code under test, so this polls every 20 ms on a timer owned by `owner`.
inline void whenShown(QObject *owner, QWidget *root, const QString &name, std::function<void(QWidget *)> then)
{
    auto *timer = new QTimer(owner);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, owner, [=] {
        QWidget *w = root->findChild<QWidget *>(name);
        if (!w || !w->isVisible())
            return;
        timer->stop();
        timer->deleteLater();
        QApplication::processEvents();
        then(w);
    });
    timer->start();
}

// A part of the window found by its objectName, as a person's tool (or an accessibility
// client) would; a missing part ends the test with its name.
template <class T>
T *child(const QObject *root, const char *name)
{
    T *found = root->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("no %s named '%s' under %s", T::staticMetaObject.className(), name, qPrintable(root->objectName()));
    return found;
}

inline void copyConfig(const QString &workspace, const QString &dataName, const QString &fileName)
{
    QDir().mkpath(workspace + QStringLiteral("/configs"));
    const QString target = workspace + QStringLiteral("/configs/") + fileName;
    QFile::remove(target);
    QVERIFY(QFile::copy(TestUtil::dataPath(QStringLiteral("talos/") + dataName), target));
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner);
}

// configs/worker.yaml (valid), configs/controlplane.yaml (valid), configs/broken.yaml
// (not YAML: refused).
inline void makeWorkspace(const QString &dir)
{
    copyConfig(dir, QStringLiteral("talos-1.7-worker.yaml"), QStringLiteral("worker.yaml"));
    copyConfig(dir, QStringLiteral("talos-1.7-controlplane.yaml"), QStringLiteral("controlplane.yaml"));
    copyConfig(dir, QStringLiteral("broken-bad-yaml.yaml"), QStringLiteral("broken.yaml"));
}

// Loopback only, every port picked by the system.
inline Nbc::SessionOverrides loopbackOverrides()
{
    Nbc::SessionOverrides o;
    o.serverAddress = QStringLiteral("127.0.0.1");
    o.ports.dhcp = 0;
    o.ports.proxy = 0;
    o.ports.tftp = 0;
    o.ports.http = 0;
    o.ports.logs = 0;
    return o;
}

// Window state of a test never lands in the user's settings.
inline void isolateSettings(const QString &dir)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

inline QString macOf(int i)
{
    return QStringLiteral("52:54:00:00:%1:%2")
        .arg((i >> 8) & 0xff, 2, 16, QLatin1Char('0'))
        .arg(i & 0xff, 2, 16, QLatin1Char('0'));
}

inline void discover(Nbc::MachineRegistry *registry, const QString &mac, int arch = 7)
{
    Nbc::MachineEvent e = Nbc::makeEvent(Nbc::EventKind::DhcpDiscover, mac, QHostAddress(QStringLiteral("10.0.0.5")));
    e.time = QDateTime::currentDateTimeUtc();
    e.facts.insert(QStringLiteral("arch"), arch);
    registry->handleEvent(e);
}

inline void download(Nbc::MachineRegistry *registry, const QString &mac, qint64 bytes, qint64 total, qint64 rate,
                     Nbc::EventKind kind = Nbc::EventKind::HttpProgress)
{
    Nbc::MachineEvent e = Nbc::makeEvent(kind, mac, QHostAddress(QStringLiteral("10.0.0.5")), QStringLiteral("vmlinuz"));
    e.time = QDateTime::currentDateTimeUtc();
    e.artifact = Nbc::ArtifactKind::Kernel;
    e.bytes = bytes;
    e.total = total;
    e.rate = rate;
    e.transferId = 1;
    registry->handleEvent(e);
}

inline void logLine(Nbc::MachineRegistry *registry, const QString &mac, const QString &message,
                    const QString &service = QStringLiteral("machined"))
{
    Nbc::MachineEvent e = Nbc::makeEvent(Nbc::EventKind::Log, mac, QHostAddress(QStringLiteral("10.0.0.5")), message);
    e.time = QDateTime::currentDateTimeUtc();
    e.facts.insert(QStringLiteral("talos-service"), service);
    e.facts.insert(QStringLiteral("talos-level"), QStringLiteral("info"));
    registry->handleEvent(e);
}

} // namespace UiTest
