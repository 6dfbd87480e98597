#include "doctor/firewallcheck.h"

#include "doctor/bindpermission.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

namespace Nbc::Doctor {

namespace {

constexpr int kCapNetAdmin = 12;      // linux/capability.h: nft needs it to read the ruleset
constexpr int kNftTimeoutMs = 3000;
constexpr int kMaxJumpDepth = 16;     // the kernel allows 16 nested jumps too

enum class Truth { Yes, No, Maybe };

Truth invert(Truth t)
{
    return t == Truth::Yes ? Truth::No : t == Truth::No ? Truth::Yes : Truth::Maybe;
}

Truth anyOf(const QList<Truth> &truths)
{
    bool maybe = false;
    for (Truth t : truths) {
        if (t == Truth::Yes)
            return Truth::Yes;
        maybe = maybe || t == Truth::Maybe;
    }
    return maybe ? Truth::Maybe : Truth::No;
}

struct Packet {
    Transport transport;
    quint16 port;
};

enum class Outcome { Accept, Drop, Continue };

struct Chain {
    QString family, table, name, hook, policy;
    QList<QJsonArray> rules;   // each rule's "expr", in chain order
};

QString chainKey(const QString &family, const QString &table, const QString &name)
{
    return family + QLatin1Char(' ') + table + QLatin1Char(' ') + name;
}

class Ruleset
{
public:
    explicit Ruleset(const QJsonArray &items)
    {
        for (const QJsonValue &item : items) {
            const QJsonObject o = item.toObject();
            if (o.contains(QLatin1String("chain"))) {
                const QJsonObject c = o.value(QLatin1String("chain")).toObject();
                Chain chain;
                chain.family = c.value(QLatin1String("family")).toString();
                chain.table = c.value(QLatin1String("table")).toString();
                chain.name = c.value(QLatin1String("name")).toString();
                chain.hook = c.value(QLatin1String("hook")).toString();
                chain.policy = c.value(QLatin1String("policy")).toString();
                const QString key = chainKey(chain.family, chain.table, chain.name);
                if (!m_chains.contains(key))
                    m_order << key;
                QList<QJsonArray> rules = m_chains.value(key).rules;   // rules listed before their chain
                chain.rules = rules;
                m_chains.insert(key, chain);
            } else if (o.contains(QLatin1String("rule"))) {
                const QJsonObject r = o.value(QLatin1String("rule")).toObject();
                const QString key = chainKey(r.value(QLatin1String("family")).toString(),
                                             r.value(QLatin1String("table")).toString(),
                                             r.value(QLatin1String("chain")).toString());
                m_chains[key].rules.append(r.value(QLatin1String("expr")).toArray());
            } else if (o.contains(QLatin1String("set")) || o.contains(QLatin1String("map"))) {
                const QJsonObject s = o.value(o.contains(QLatin1String("set")) ? QLatin1String("set") : QLatin1String("map")).toObject();
                m_sets.insert(chainKey(s.value(QLatin1String("family")).toString(), s.value(QLatin1String("table")).toString(),
                                       s.value(QLatin1String("name")).toString()),
                              s.value(QLatin1String("elem")).toArray());
            }
        }
    }

    // Base chains on the input hook that see IPv4 packets.
    QList<const Chain *> inputChains() const
    {
        QList<const Chain *> out;
        for (const QString &key : m_order) {
            // constFind: QHash's const operator[] returns a copy, and a pointer into it would dangle.
            const Chain &c = *m_chains.constFind(key);
            if (c.hook == QLatin1String("input") && (c.family == QLatin1String("ip") || c.family == QLatin1String("inet")))
                out << &c;
        }
        return out;
    }

    Outcome walk(const Chain &chain, const Packet &packet, int depth) const
    {
        if (depth > kMaxJumpDepth)
            return Outcome::Accept;
        for (const QJsonArray &rule : chain.rules) {
            const std::optional<Outcome> outcome = evaluateRule(chain, rule, packet, depth);
            if (outcome)
                return *outcome;
        }
        return Outcome::Continue;
    }

private:
    // nullopt: the walk goes on with the next rule.
    std::optional<Outcome> evaluateRule(const Chain &chain, const QJsonArray &rule, const Packet &packet, int depth) const
    {
        Truth applies = Truth::Yes;
        for (const QJsonValue &value : rule) {
            const QJsonObject statement = value.toObject();
            if (statement.isEmpty())
                continue;
            const QString kind = statement.constBegin().key();
            const QJsonValue body = statement.constBegin().value();
            if (kind == QLatin1String("match")) {
                const Truth t = match(chain, body.toObject(), packet);
                if (t == Truth::No)
                    return std::nullopt;
                if (t == Truth::Maybe)
                    applies = Truth::Maybe;
            } else if (isNeutral(kind)) {
                continue;
            } else if (kind == QLatin1String("vmap")) {
                const std::optional<QJsonObject> verdict = vmapVerdict(chain, body.toObject(), packet);
                if (!verdict)
                    return Outcome::Accept;        // a map we cannot read: it might accept
                if (verdict->isEmpty())
                    return std::nullopt;           // no element for this port: no verdict
                return verdictOutcome(chain, *verdict, applies, packet, depth);
            } else if (isVerdict(kind)) {
                return verdictOutcome(chain, statement, applies, packet, depth);
            } else {
                // limit, quota, xt (iptables-nft) and anything new: may or may not hold.
                applies = Truth::Maybe;
            }
        }
        return std::nullopt;
    }

    static bool isVerdict(const QString &kind)
    {
        static const QStringList verdicts = {QStringLiteral("accept"), QStringLiteral("drop"), QStringLiteral("reject"),
                                             QStringLiteral("jump"), QStringLiteral("goto"), QStringLiteral("return"),
                                             QStringLiteral("continue"), QStringLiteral("queue")};
        return verdicts.contains(kind);
    }

    // Statements that do not decide whether a rule applies.
    static bool isNeutral(const QString &kind)
    {
        static const QStringList neutral = {QStringLiteral("counter"), QStringLiteral("log"), QStringLiteral("mangle"),
                                            QStringLiteral("meta"), QStringLiteral("ct"), QStringLiteral("set"),
                                            QStringLiteral("map"), QStringLiteral("notrack"), QStringLiteral("dup"),
                                            QStringLiteral("snat"), QStringLiteral("dnat"), QStringLiteral("masquerade"),
                                            QStringLiteral("redirect"), QStringLiteral("tproxy"),
                                            QStringLiteral("ct helper"), QStringLiteral("secmark")};
        return neutral.contains(kind);
    }

    std::optional<Outcome> verdictOutcome(const Chain &chain, const QJsonObject &verdict, Truth applies,
                                          const Packet &packet, int depth) const
    {
        const QString kind = verdict.constBegin().key();
        const bool certain = applies == Truth::Yes;
        if (kind == QLatin1String("accept") || kind == QLatin1String("queue"))
            return Outcome::Accept;
        if (kind == QLatin1String("drop") || kind == QLatin1String("reject"))
            return certain ? std::optional(Outcome::Drop) : std::nullopt;
        if (kind == QLatin1String("continue"))
            return std::nullopt;
        if (kind == QLatin1String("return"))
            // An uncertain return might skip a drop that follows: taken as letting it through.
            return certain ? Outcome::Continue : Outcome::Accept;
        // jump / goto
        const QString target = verdict.constBegin().value().toObject().value(QLatin1String("target")).toString();
        const auto it = m_chains.constFind(chainKey(chain.family, chain.table, target));
        if (it == m_chains.constEnd())
            return Outcome::Accept;
        const Outcome inner = walk(*it, packet, depth + 1);
        if (inner == Outcome::Accept)
            return Outcome::Accept;
        if (inner == Outcome::Drop)
            return certain ? std::optional(Outcome::Drop) : std::nullopt;
        if (kind == QLatin1String("goto"))
            // Falling off a goto's chain returns from this one too (nft(8) VERDICT STATEMENT).
            return certain ? Outcome::Continue : Outcome::Accept;
        return std::nullopt;
    }

    // Whether a match holds for a new packet from the LAN to the port.
    Truth match(const Chain &chain, const QJsonObject &m, const Packet &packet) const
    {
        const QString op = m.value(QLatin1String("op")).toString(QStringLiteral("=="));
        const QJsonObject left = m.value(QLatin1String("left")).toObject();
        const QJsonValue right = m.value(QLatin1String("right"));
        Truth equal = Truth::Maybe;
        if (left.contains(QLatin1String("payload"))) {
            const QJsonObject p = left.value(QLatin1String("payload")).toObject();
            const QString protocol = p.value(QLatin1String("protocol")).toString();
            const QString field = p.value(QLatin1String("field")).toString();
            const bool transportField = protocol == QLatin1String("udp") || protocol == QLatin1String("tcp")
                || protocol == QLatin1String("th");
            if (transportField && !isProtocol(protocol, packet))
                return Truth::No;   // a udp match never holds for a TCP packet, whatever the op
            if (transportField && field == QLatin1String("dport"))
                equal = portIn(chain, right, packet.port);
            else if (protocol == QLatin1String("ip") && field == QLatin1String("protocol"))
                equal = protocolIn(right, packet);
        } else if (left.contains(QLatin1String("meta"))) {
            const QString key = left.value(QLatin1String("meta")).toObject().value(QLatin1String("key")).toString();
            if (key == QLatin1String("l4proto"))
                equal = protocolIn(right, packet);
            else if (key == QLatin1String("nfproto"))
                equal = anyOf(valuesOf(right, [](const QJsonValue &v) {
                    return v.toString() == QLatin1String("ipv4") ? Truth::Yes : Truth::No;
                }));
            else if (key == QLatin1String("iif") || key == QLatin1String("iifname"))
                // The machines are never on loopback; any other interface may be theirs.
                equal = anyOf(valuesOf(right, [](const QJsonValue &v) {
                    return v.toString() == QLatin1String("lo") ? Truth::No : Truth::Maybe;
                }));
        } else if (left.contains(QLatin1String("ct"))) {
            const QString key = left.value(QLatin1String("ct")).toObject().value(QLatin1String("key")).toString();
            if (key == QLatin1String("state"))
                // The first packet of a DHCP or TFTP exchange, or a TCP SYN, is "new".
                equal = anyOf(valuesOf(right, [](const QJsonValue &v) {
                    return v.toString() == QLatin1String("new") ? Truth::Yes : Truth::No;
                }));
        }
        if (op == QLatin1String("==") || op == QLatin1String("in"))
            return equal;
        if (op == QLatin1String("!="))
            return invert(equal);
        return Truth::Maybe;
    }

    static bool isProtocol(const QString &protocol, const Packet &packet)
    {
        if (protocol == QLatin1String("th"))
            return true;
        return protocol == (packet.transport == Transport::Tcp ? QLatin1String("tcp") : QLatin1String("udp"));
    }

    static Truth protocolIn(const QJsonValue &right, const Packet &packet)
    {
        return anyOf(valuesOf(right, [&packet](const QJsonValue &v) {
            if (v.isDouble())
                return v.toInt() == (packet.transport == Transport::Tcp ? 6 : 17) ? Truth::Yes : Truth::No;
            if (!v.isString())
                return Truth::Maybe;
            return isProtocol(v.toString(), packet) ? Truth::Yes : Truth::No;
        }));
    }

    // The elements of a single value, a list or an anonymous set, each judged.
    template<typename Judge>
    static QList<Truth> valuesOf(const QJsonValue &right, Judge judge)
    {
        QJsonArray items;
        if (right.isArray())
            items = right.toArray();
        else if (right.isObject() && right.toObject().value(QLatin1String("set")).isArray())
            items = right.toObject().value(QLatin1String("set")).toArray();
        else
            return {judge(right)};
        QList<Truth> out;
        for (const QJsonValue &item : items)
            out << judge(item);
        return out;
    }

    Truth portIn(const Chain &chain, const QJsonValue &right, quint16 port) const
    {
        if (right.isDouble())
            return right.toInt() == port ? Truth::Yes : Truth::No;
        if (right.isString()) {
            const QString text = right.toString();
            if (text.startsWith(QLatin1Char('@'))) {
                const auto set = m_sets.constFind(chainKey(chain.family, chain.table, text.mid(1)));
                return set == m_sets.constEnd() ? Truth::Maybe : elementsContain(chain, *set, port);
            }
            bool ok = false;
            const int number = text.toInt(&ok);
            return ok ? (number == port ? Truth::Yes : Truth::No) : Truth::Maybe;   // a service name
        }
        if (right.isArray())
            return elementsContain(chain, right.toArray(), port);
        const QJsonObject o = right.toObject();
        if (o.contains(QLatin1String("range"))) {
            const QJsonArray r = o.value(QLatin1String("range")).toArray();
            if (r.size() != 2 || !r.at(0).isDouble() || !r.at(1).isDouble())
                return Truth::Maybe;
            return r.at(0).toInt() <= port && port <= r.at(1).toInt() ? Truth::Yes : Truth::No;
        }
        if (o.contains(QLatin1String("set")))
            return elementsContain(chain, o.value(QLatin1String("set")).toArray(), port);
        if (o.contains(QLatin1String("elem")))   // an element with counters or timeouts
            return portIn(chain, o.value(QLatin1String("elem")).toObject().value(QLatin1String("val")), port);
        return Truth::Maybe;
    }

    Truth elementsContain(const Chain &chain, const QJsonArray &elements, quint16 port) const
    {
        QList<Truth> truths;
        for (const QJsonValue &e : elements)
            truths << portIn(chain, e, port);
        return anyOf(truths);
    }

    // The verdict a vmap on the destination port gives: an empty object when no element
    // holds the port, nullopt when the map cannot be read.
    std::optional<QJsonObject> vmapVerdict(const Chain &chain, const QJsonObject &vmap, const Packet &packet) const
    {
        const QJsonObject payload = vmap.value(QLatin1String("key")).toObject().value(QLatin1String("payload")).toObject();
        const QString protocol = payload.value(QLatin1String("protocol")).toString();
        if (payload.value(QLatin1String("field")).toString() != QLatin1String("dport")
            || !(protocol == QLatin1String("udp") || protocol == QLatin1String("tcp") || protocol == QLatin1String("th")))
            return std::nullopt;
        if (!isProtocol(protocol, packet))
            return QJsonObject();
        QJsonValue data = vmap.value(QLatin1String("data"));
        QJsonArray pairs;
        if (data.isString() && data.toString().startsWith(QLatin1Char('@'))) {
            const auto map = m_sets.constFind(chainKey(chain.family, chain.table, data.toString().mid(1)));
            if (map == m_sets.constEnd())
                return std::nullopt;
            pairs = *map;
        } else {
            pairs = data.toObject().value(QLatin1String("set")).toArray();
        }
        for (const QJsonValue &pair : pairs) {
            const QJsonArray kv = pair.toArray();
            if (kv.size() != 2)
                return std::nullopt;
            const Truth t = portIn(chain, kv.at(0), packet.port);
            if (t == Truth::Maybe)
                return std::nullopt;
            if (t == Truth::Yes)
                return kv.at(1).toObject();
        }
        return QJsonObject();
    }

    QHash<QString, Chain> m_chains;
    QStringList m_order;
    QHash<QString, QJsonArray> m_sets;
};

FirewallFinding unchecked(FirewallFinding::Unchecked reason, const QString &why)
{
    FirewallFinding f;
    f.checked = false;
    f.unchecked = reason;
    f.why = why;
    return f;
}

} // namespace

FirewallFinding judgeRuleset(const QByteArray &nftJson, const PortList &ports)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(nftJson, &error);
    if (error.error != QJsonParseError::NoError || !doc.object().value(QLatin1String("nftables")).isArray())
        return unchecked(FirewallFinding::Unchecked::Unreadable,
                         FirewallFinding::tr("The firewall rules (nft -j list ruleset) could not be read, so they were "
                                             "not checked. Look at them with: sudo nft list ruleset"));
    const Ruleset ruleset(doc.object().value(QLatin1String("nftables")).toArray());
    FirewallFinding f;
    f.checked = true;
    const QList<const Chain *> chains = ruleset.inputChains();
    for (const Chain *chain : chains)
        f.chains << chainKey(chain->family, chain->table, chain->name);
    for (const auto &port : ports) {
        const Packet packet{port.first, port.second};
        for (const Chain *chain : chains) {
            Outcome outcome = ruleset.walk(*chain, packet, 0);
            if (outcome == Outcome::Continue)
                outcome = chain->policy == QLatin1String("drop") ? Outcome::Drop : Outcome::Accept;
            if (outcome == Outcome::Drop) {
                if (!f.dropped.contains(port))
                    f.dropped << port;
                if (f.droppingChain.isEmpty())
                    f.droppingChain = chainKey(chain->family, chain->table, chain->name);
            }
        }
    }
    return f;
}

FirewallFinding checkFirewall(const PortList &ports, const QString &nftProgram)
{
    // nft lives in /usr/sbin, which is not in a normal user's PATH on Debian.
    QString program = nftProgram;
    if (!nftProgram.contains(QLatin1Char('/'))) {
        program = QStandardPaths::findExecutable(nftProgram);
        if (program.isEmpty())
            program = QStandardPaths::findExecutable(nftProgram, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    } else if (!QFileInfo(nftProgram).isExecutable()) {
        program.clear();
    }
    if (program.isEmpty())
        return unchecked(FirewallFinding::Unchecked::NftMissing,
                         FirewallFinding::tr("nft (nftables) is not installed, so the firewall was not checked. If "
                                             "machines get no answer, check that your firewall lets in UDP 67, 69, "
                                             "4011 and TCP 8080, or install nftables and run the doctor again."));
    QProcess nft;
    nft.start(program, {QStringLiteral("-j"), QStringLiteral("list"), QStringLiteral("ruleset")});
    if (!nft.waitForStarted(kNftTimeoutMs))
        return unchecked(FirewallFinding::Unchecked::NftFailed,
                         FirewallFinding::tr("%1 could not be started, so the firewall was not checked.").arg(program));
    if (!nft.waitForFinished(kNftTimeoutMs)) {
        nft.kill();
        nft.waitForFinished(1000);
        return unchecked(FirewallFinding::Unchecked::NftFailed,
                         FirewallFinding::tr("%1 did not answer within %n seconds, so the firewall was not checked.", nullptr,
                                             kNftTimeoutMs / 1000)
                             .arg(program));
    }
    if (nft.exitStatus() != QProcess::NormalExit || nft.exitCode() != 0) {
        // Decided on the capability, not on nft's message.
        const bool admin = ::geteuid() == 0 || (effectiveCapabilities() & (quint64(1) << kCapNetAdmin));
        if (!admin)
            return unchecked(FirewallFinding::Unchecked::NoPermission,
                             FirewallFinding::tr("Reading the firewall rules needs root, so they were not checked. "
                                                 "Run the doctor as root (sudo) to check them."));
        const QString message = QString::fromLocal8Bit(nft.readAllStandardError()).trimmed().section(QLatin1Char('\n'), 0, 0);
        return unchecked(FirewallFinding::Unchecked::NftFailed,
                         FirewallFinding::tr("nft could not list the firewall rules (%1), so they were not checked.")
                             .arg(message));
    }
    return judgeRuleset(nft.readAllStandardOutput(), ports);
}

QString uncheckedKey(FirewallFinding::Unchecked unchecked)
{
    switch (unchecked) {
    case FirewallFinding::Unchecked::None: return {};
    case FirewallFinding::Unchecked::NftMissing: return QStringLiteral("nft-missing");
    case FirewallFinding::Unchecked::NoPermission: return QStringLiteral("no-permission");
    case FirewallFinding::Unchecked::NftFailed: return QStringLiteral("nft-failed");
    case FirewallFinding::Unchecked::Unreadable: return QStringLiteral("unreadable");
    }
    return {};
}

QString FirewallFinding::describe() const
{
    if (!checked)
        return why;
    if (chains.isEmpty())
        return tr("The firewall (nftables) has no input chain: nothing is filtered.");
    if (dropped.isEmpty())
        return tr("The firewall (nftables) lets the console's ports in.");
    QStringList names, udp, tcp;
    for (const auto &p : dropped) {
        names << transportName(p.first).toUpper() + QLatin1Char(' ') + QString::number(p.second);
        (p.first == Transport::Tcp ? tcp : udp) << QString::number(p.second);
    }
    QStringList rules;
    const auto rule = [this](const QString &proto, const QStringList &list) {
        const QString ports = list.size() == 1 ? list.constFirst()
                                               : QStringLiteral("{ ") + list.join(QLatin1String(", ")) + QStringLiteral(" }");
        return QStringLiteral("sudo nft insert rule %1 %2 dport %3 accept").arg(droppingChain, proto, ports);
    };
    if (!udp.isEmpty())
        rules << rule(QStringLiteral("udp"), udp);
    if (!tcp.isEmpty())
        rules << rule(QStringLiteral("tcp"), tcp);
    return tr("The firewall (nftables, chain %1) would drop %2: machines would get no answer. Let them in, "
              "for example with: %3 (until the next restart; make it permanent in your firewall's settings).")
        .arg(droppingChain, names.join(QLatin1String(", ")), rules.join(QLatin1String(" ; ")));
}

} // namespace Nbc::Doctor
