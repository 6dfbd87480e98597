#include "model/mac.h"

namespace Nbc {

Mac Mac::parse(QStringView text)
{
    Mac mac;
    int digits = 0;
    quint64 value = 0;
    for (const QChar c : text) {
        if (c == u':' || c == u'-' || c == u'.')
            continue;
        const char16_t u = c.unicode();
        int nibble = -1;
        if (u >= u'0' && u <= u'9')
            nibble = u - u'0';
        else if (u >= u'a' && u <= u'f')
            nibble = u - u'a' + 10;
        else if (u >= u'A' && u <= u'F')
            nibble = u - u'A' + 10;
        if (nibble < 0 || ++digits > 12)
            return {};
        value = (value << 4) | quint64(nibble);
    }
    if (digits != 12)
        return {};
    mac.m_value = value;
    mac.m_valid = true;
    return mac;
}

Mac Mac::fromBytes(const QByteArray &bytes)
{
    Mac mac;
    if (bytes.size() != 6)
        return mac;
    for (const char b : bytes)
        mac.m_value = (mac.m_value << 8) | quint64(uchar(b));
    mac.m_valid = true;
    return mac;
}

QByteArray Mac::bytes() const
{
    QByteArray out(6, '\0');
    for (int i = 0; i < 6; ++i)
        out[i] = char((m_value >> (8 * (5 - i))) & 0xff);
    return out;
}

QString Mac::format(QChar separator) const
{
    if (!m_valid)
        return {};
    static const char hex[] = "0123456789abcdef";
    QString out;
    out.reserve(17);
    for (int i = 0; i < 6; ++i) {
        if (i)
            out.append(separator);
        const uint byte = uint((m_value >> (8 * (5 - i))) & 0xff);
        out.append(QLatin1Char(hex[byte >> 4]));
        out.append(QLatin1Char(hex[byte & 0xf]));
    }
    return out;
}

QString Mac::toString() const
{
    return format(u':');
}

QString Mac::toDashed() const
{
    return format(u'-');
}

} // namespace Nbc
