#include "protocol/http/httprequestparser.h"

#include <http_parser.h>

#include <algorithm>

namespace Nbc::Http {

namespace {

constexpr qsizetype kPrefixBytes = 32;

bool isTokenChar(char c)
{
    // RFC 7230 3.2.6 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != 0 && QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

qsizetype Request::headerCount(QByteArrayView name) const
{
    return std::count_if(headers.cbegin(), headers.cend(),
                         [name](const auto &h) { return h.first == name; });
}

int statusForError(RequestError error)
{
    switch (error) {
    case RequestError::None: return 200;
    case RequestError::BadRequest: return 400;
    case RequestError::ForbiddenPath: return 403;
    case RequestError::MethodNotAllowed: return 405;
    case RequestError::BodyNotAllowed: return 413;
    case RequestError::UriTooLong: return 414;
    case RequestError::HeaderTooLarge: return 431;
    case RequestError::NotImplemented: return 501;
    case RequestError::VersionNotSupported: return 505;
    }
    return 400;
}

QString errorName(RequestError error)
{
    switch (error) {
    case RequestError::None: return QStringLiteral("none");
    case RequestError::BadRequest: return QStringLiteral("bad-request");
    case RequestError::ForbiddenPath: return QStringLiteral("forbidden-path");
    case RequestError::MethodNotAllowed: return QStringLiteral("method-not-allowed");
    case RequestError::BodyNotAllowed: return QStringLiteral("body-not-allowed");
    case RequestError::UriTooLong: return QStringLiteral("uri-too-long");
    case RequestError::HeaderTooLarge: return QStringLiteral("header-too-large");
    case RequestError::NotImplemented: return QStringLiteral("method-not-implemented");
    case RequestError::VersionNotSupported: return QStringLiteral("version-not-supported");
    }
    return QStringLiteral("bad-request");
}

bool percentDecode(QByteArrayView encoded, QByteArray *decoded)
{
    decoded->clear();
    decoded->reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c != '%') {
            decoded->append(c);
            continue;
        }
        if (i + 2 >= encoded.size())
            return false;
        const int high = hexValue(encoded[i + 1]);
        const int low = hexValue(encoded[i + 2]);
        if (high < 0 || low < 0)
            return false;
        decoded->append(char(high * 16 + low));
        i += 2;
    }
    return true;
}

// http-parser calls back with a pointer to the parser; `data` points at our object.
struct RequestParser::Impl {
    http_parser parser;
    static const http_parser_settings settings;

    static RequestParser *self(http_parser *p) { return static_cast<RequestParser *>(p->data); }

    static bool addHeaderBytes(RequestParser *s, size_t n)
    {
        s->m_headerBytes += int(n);
        if (s->m_headerBytes > s->m_limits.maxHeaderBytes) {
            s->fail(RequestError::HeaderTooLarge);
            return false;
        }
        return true;
    }

    static bool commitHeader(RequestParser *s)
    {
        if (s->m_field.isEmpty() && !s->m_lastWasValue)
            return true;
        if (s->m_request.headers.size() >= s->m_limits.maxHeaderCount) {
            s->fail(RequestError::HeaderTooLarge);
            return false;
        }
        // http-parser is lenient about field names; "Host : x" or "Bad Name: x" are what
        // request smuggling is made of, so a name must be a token (RFC 7230 3.2.4).
        if (s->m_field.isEmpty() || !std::all_of(s->m_field.cbegin(), s->m_field.cend(), isTokenChar)) {
            s->fail(RequestError::BadRequest, "bad-header-name");
            return false;
        }
        s->m_request.headers.append({s->m_field.toLower(), s->m_value.trimmed()});
        s->m_field.clear();
        s->m_value.clear();
        s->m_lastWasValue = false;
        // ": " and CRLF, so a flood of empty headers still counts against the limit.
        return addHeaderBytes(s, 4);
    }

    static int onMessageBegin(http_parser *p)
    {
        RequestParser *s = self(p);
        s->m_inRequest = true;
        s->m_request = Request();
        s->m_url.clear();
        s->m_field.clear();
        s->m_value.clear();
        s->m_lastWasValue = false;
        s->m_headerBytes = 0;
        return 0;
    }

    static int onUrl(http_parser *p, const char *at, size_t length)
    {
        RequestParser *s = self(p);
        if (s->m_url.size() + qsizetype(length) > s->m_limits.maxUriBytes) {
            s->fail(RequestError::UriTooLong);
            return -1;
        }
        s->m_url.append(at, qsizetype(length));
        return addHeaderBytes(s, length) ? 0 : -1;
    }

    static int onHeaderField(http_parser *p, const char *at, size_t length)
    {
        RequestParser *s = self(p);
        if (s->m_lastWasValue && !commitHeader(s))
            return -1;
        if (!addHeaderBytes(s, length))
            return -1;
        s->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *p, const char *at, size_t length)
    {
        RequestParser *s = self(p);
        if (!addHeaderBytes(s, length))
            return -1;
        s->m_lastWasValue = true;
        s->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *p)
    {
        RequestParser *s = self(p);
        if (!commitHeader(s))
            return -1;
        s->m_request.method = http_method_str(static_cast<http_method>(p->method));
        s->m_request.versionMajor = p->http_major;
        s->m_request.versionMinor = p->http_minor;
        s->m_request.keepAlive = http_should_keep_alive(p) != 0;
        // The request line's method, spaces, version and CRLF.
        if (!addHeaderBytes(s, size_t(s->m_request.method.size()) + 12))
            return -1;
        if (p->http_major != 1) {
            s->fail(RequestError::VersionNotSupported);
            return -1;
        }
        if (p->method != HTTP_GET && p->method != HTTP_HEAD) {
            s->fail(RequestError::MethodNotAllowed);
            return -1;
        }
        // Neither iPXE nor Talos sends a body with GET; refusing one here means a body can
        // never be mistaken for the next pipelined request.
        const bool chunked = (p->flags & F_CHUNKED) != 0 || p->uses_transfer_encoding;
        const bool hasLength = (p->flags & F_CONTENTLENGTH) != 0 && p->content_length > 0;
        if (chunked || hasLength) {
            s->fail(RequestError::BodyNotAllowed);
            return -1;
        }
        return s->finishRequest() ? 0 : -1;
    }

    static int onMessageComplete(http_parser *p)
    {
        RequestParser *s = self(p);
        s->m_inRequest = false;
        s->m_haveRequest = true;
        // Stop here so the caller answers this request before the next one is parsed.
        http_parser_pause(p, 1);
        return 0;
    }
};

const http_parser_settings RequestParser::Impl::settings = [] {
    http_parser_settings s;
    http_parser_settings_init(&s);
    s.on_message_begin = &Impl::onMessageBegin;
    s.on_url = &Impl::onUrl;
    s.on_header_field = &Impl::onHeaderField;
    s.on_header_value = &Impl::onHeaderValue;
    s.on_headers_complete = &Impl::onHeadersComplete;
    s.on_message_complete = &Impl::onMessageComplete;
    return s;
}();

RequestParser::RequestParser()
    : RequestParser(Limits())
{
}

RequestParser::RequestParser(const Limits &limits)
    : m_limits(limits)
    , m_impl(std::make_unique<Impl>())
{
    http_parser_init(&m_impl->parser, HTTP_REQUEST);
    m_impl->parser.data = this;
}

RequestParser::~RequestParser() = default;

void RequestParser::append(QByteArrayView bytes)
{
    if (m_error != RequestError::None)
        return;
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

void RequestParser::fail(RequestError error, QByteArray detail)
{
    if (m_error != RequestError::None)
        return;
    m_error = error;
    m_errorDetail = std::move(detail);
}

bool RequestParser::finishRequest()
{
    http_parser_url url;
    http_parser_url_init(&url);
    // Origin-form "/path?query" and absolute-form "http://host/path" (RFC 7230 5.3).
    if (m_url.isEmpty() || http_parser_parse_url(m_url.constData(), size_t(m_url.size()), 0, &url) != 0) {
        fail(RequestError::BadRequest, "bad-url");
        return false;
    }
    m_request.target = m_url;
    QByteArrayView rawPath("/");
    if (url.field_set & (1 << UF_PATH))
        rawPath = QByteArrayView(m_url).sliced(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
    if (!rawPath.startsWith('/')) {
        fail(RequestError::BadRequest, "bad-path");
        return false;
    }
    if (url.field_set & (1 << UF_QUERY)) {
        m_request.query = QString::fromLatin1(
            QByteArrayView(m_url).sliced(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len));
    }

    // An encoded '/' would let a client make one path segment look like two after
    // decoding; nothing we serve needs it, so it is refused rather than interpreted.
    if (rawPath.contains("%2f") || rawPath.contains("%2F")) {
        fail(RequestError::ForbiddenPath, "encoded-slash");
        return false;
    }
    QByteArray decoded;
    if (!percentDecode(rawPath, &decoded)) {
        fail(RequestError::BadRequest, "bad-escape");
        return false;
    }
    if (decoded.contains('\0')) {
        fail(RequestError::BadRequest, "nul-in-path");
        return false;
    }
    const QString path = QString::fromUtf8(decoded);
    if (path.toUtf8() != decoded) {
        fail(RequestError::BadRequest, "bad-utf8");
        return false;
    }
    // Refused here as well as by the router, so no route can forget it.
    for (const QStringView segment : QStringView(path).split(u'/')) {
        if (segment == QLatin1String("..")) {
            fail(RequestError::ForbiddenPath, "traversal");
            return false;
        }
    }
    m_request.path = path;
    return true;
}

RequestParser::Status RequestParser::parse()
{
    if (m_error != RequestError::None)
        return Status::Error;
    if (m_haveRequest)
        return Status::Request;
    if (m_methodPending) {
        // http-parser has refused the method already; only the bytes that tell 501 from
        // 400 are still awaited (see classifyMethodError).
        notePrefix(m_buffer.constData() + m_offset, m_buffer.size() - m_offset);
        m_buffer.clear();
        m_offset = 0;
        return classifyMethodError() ? Status::Error : Status::NeedMore;
    }
    http_parser *p = &m_impl->parser;
    while (m_offset < m_buffer.size()) {
        const char *data = m_buffer.constData() + m_offset;
        const size_t length = size_t(m_buffer.size() - m_offset);
        if (!m_inRequest)
            m_prefix.clear();
        notePrefix(data, qsizetype(length));

        const size_t parsed = http_parser_execute(p, &Impl::settings, data, length);
        m_offset += qsizetype(parsed);
        const http_errno err = HTTP_PARSER_ERRNO(p);
        if (err == HPE_PAUSED) {
            http_parser_pause(p, 0);
        } else if (err == HPE_INVALID_METHOD) {
            if (classifyMethodError())
                return Status::Error;
            // Undecided: every byte so far is in m_prefix (it is not full), so the
            // buffer is done with; the request's head is still arriving.
            m_methodPending = true;
            m_inRequest = true;
            m_buffer.clear();
            m_offset = 0;
            return Status::NeedMore;
        } else if (err != HPE_OK) {
            classifyParserError(err);
            return Status::Error;
        } else if (parsed < length && !m_haveRequest) {
            // http-parser stops early without an error only after an upgrade request;
            // we never switch protocols, so the rest is not HTTP we understand.
            fail(RequestError::BadRequest, "upgrade");
            return Status::Error;
        }
        if (m_haveRequest)
            break;
    }
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return m_haveRequest ? Status::Request : Status::NeedMore;
}

void RequestParser::notePrefix(const char *data, qsizetype length)
{
    // Blank lines before a request are skipped by http-parser (RFC 7230 3.5) and are no
    // part of the method, so they take no room here.
    while (m_prefix.isEmpty() && length > 0 && (*data == '\r' || *data == '\n')) {
        ++data;
        --length;
    }
    if (m_prefix.size() < kPrefixBytes)
        m_prefix.append(data, qMin(length, kPrefixBytes - m_prefix.size()));
}

bool RequestParser::classifyMethodError()
{
    // A well-formed token followed by a space is a method we do not implement (501);
    // anything else (a TLS hello, binary noise) is simply not HTTP (400). http-parser
    // stops at the first byte no method of its own starts with, often before the space:
    // while the bytes so far are a token and more may come, the answer waits for them,
    // so that it never depends on how TCP cut the request into reads.
    const qsizetype space = m_prefix.indexOf(' ');
    const qsizetype tokenEnd = space < 0 ? m_prefix.size() : space;
    bool token = tokenEnd > 0;
    for (qsizetype i = 0; token && i < tokenEnd; ++i)
        token = isTokenChar(m_prefix[i]);
    if (token && space < 0 && m_prefix.size() < kPrefixBytes)
        return false;
    fail(token && space > 0 ? RequestError::NotImplemented : RequestError::BadRequest,
         http_errno_name(HPE_INVALID_METHOD));
    return true;
}

void RequestParser::classifyParserError(int httpErrno)
{
    const auto err = static_cast<http_errno>(httpErrno);
    const QByteArray name = http_errno_name(err);
    if (err == HPE_HEADER_OVERFLOW) {
        fail(RequestError::HeaderTooLarge, name);
        return;
    }
    // Callback errors already carry our own reason; fail() keeps the first one.
    fail(RequestError::BadRequest, name);
}

Request RequestParser::takeRequest()
{
    m_haveRequest = false;
    Request request = std::move(m_request);
    m_request = Request();
    return request;
}

} // namespace Nbc::Http
