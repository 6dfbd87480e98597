// Small HTTP requests at full speed: N keep-alive connections, each from its own loopback
// address (as N machines would be; the console gives one address only a few connections),
// each sending GET, reading the whole response and sending the next. Reports requests per
// second and the latency distribution. Not a test: run it and read the figures.
//
//   http_load --port P --path /files/small.bin [--connections 16] [--seconds 10]
//             [--first-source 127.0.2.1]
//
// One thread, epoll: the client must cost less than the servers it compares.
// The last line is `HTTPLOAD key=value ...` for scripts.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
    int fd = -1;
    in_addr_t source = 0;
    std::string in;
    Clock::time_point sentAt;
    long expected = -1;   // bytes of the response (head + body) once the head is complete
};

const char *argument(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return fallback;
}

int connectFrom(in_addr_t source, int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in local {};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = source;
    sockaddr_in remote {};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(uint16_t(port));
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof(local)) != 0
        || ::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof(remote)) != 0) {
        std::perror("http_load: connect");
        std::exit(1);
    }
    return fd;
}

// Bytes of the whole response once its head is in, or -1.
long responseLength(const std::string &in)
{
    const size_t end = in.find("\r\n\r\n");
    if (end == std::string::npos)
        return -1;
    long body = 0;
    for (size_t at = in.find("\r\n"); at < end; at = in.find("\r\n", at + 2)) {
        const char *line = in.c_str() + at + 2;
        if (strncasecmp(line, "content-length:", 15) == 0)
            body = std::atol(line + 15);
    }
    return long(end + 4) + body;
}

} // namespace

int main(int argc, char **argv)
{
    const int port = std::atoi(argument(argc, argv, "--port", "0"));
    const std::string path = argument(argc, argv, "--path", "/");
    const int connections = std::atoi(argument(argc, argv, "--connections", "16"));
    const double seconds = std::atof(argument(argc, argv, "--seconds", "10"));
    in_addr first {};
    ::inet_pton(AF_INET, argument(argc, argv, "--first-source", "127.0.2.1"), &first);
    if (port <= 0 || connections <= 0) {
        std::fprintf(stderr, "usage: http_load --port P --path /x [--connections N] [--seconds S]\n");
        return 2;
    }
    const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    std::vector<Connection> all(static_cast<size_t>(connections));
    for (int i = 0; i < connections; ++i) {
        Connection &c = all[size_t(i)];
        c.source = htonl(ntohl(first.s_addr) + uint32_t(i));
        c.fd = connectFrom(c.source, port);
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.ptr = &c;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
    }

    std::vector<double> latenciesUs;
    latenciesUs.reserve(1 << 20);
    long errors = 0, non200 = 0, reconnects = 0;
    const Clock::time_point start = Clock::now();
    const Clock::time_point end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    for (Connection &c : all) {
        c.sentAt = Clock::now();
        if (::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
            ++errors;
    }
    std::vector<epoll_event> events(static_cast<size_t>(connections));
    char buffer[65536];
    int open = connections;
    while (open > 0) {
        const int n = ::epoll_wait(epoll, events.data(), connections, 1000);
        const Clock::time_point now = Clock::now();
        for (int i = 0; i < n; ++i) {
            Connection &c = *static_cast<Connection *>(events[size_t(i)].data.ptr);
            const ssize_t got = ::recv(c.fd, buffer, sizeof(buffer), 0);
            if (got == 0 && c.in.empty() && now < end) {
                // The server ended the keep-alive between responses (nginx does after
                // keepalive_requests): connect again, as a client would, and ask again.
                ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                ::close(c.fd);
                c.fd = connectFrom(c.source, port);
                epoll_event event {};
                event.events = EPOLLIN;
                event.data.ptr = &c;
                ::epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
                ++reconnects;
                c.sentAt = Clock::now();
                if (::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
                    ++errors;
                continue;
            }
            if (got <= 0) {
                ++errors;
                ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                ::close(c.fd);
                c.fd = -1;
                --open;
                continue;
            }
            c.in.append(buffer, size_t(got));
            if (c.expected < 0)
                c.expected = responseLength(c.in);
            if (c.expected < 0 || long(c.in.size()) < c.expected)
                continue;
            if (c.in.compare(0, 12, "HTTP/1.1 200") != 0)
                ++non200;
            latenciesUs.push_back(std::chrono::duration<double, std::micro>(now - c.sentAt).count());
            c.in.erase(0, size_t(c.expected));
            c.expected = -1;
            if (now >= end) {
                ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
                ::close(c.fd);
                c.fd = -1;
                --open;
                continue;
            }
            c.sentAt = now;
            if (::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
                ++errors;
        }
        if (n == 0 && Clock::now() > end + std::chrono::seconds(5))
            break;   // a server that stopped answering
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::sort(latenciesUs.begin(), latenciesUs.end());
    auto percentile = [&](double p) {
        return latenciesUs.empty() ? 0.0 : latenciesUs[std::min(latenciesUs.size() - 1, size_t(p * double(latenciesUs.size())))] / 1000.0;
    };
    std::printf("%zu requests in %.2f s over %d connections: %.0f/s; latency p50 %.3f ms, p99 %.3f ms, max %.3f ms; "
                "%ld not 200, %ld errors, %ld reconnects\n",
                latenciesUs.size(), elapsed, connections, double(latenciesUs.size()) / elapsed, percentile(0.5),
                percentile(0.99), percentile(1.0), non200, errors, reconnects);
    std::printf("HTTPLOAD requests=%zu rate=%.0f p50_ms=%.3f p99_ms=%.3f not200=%ld errors=%ld\n", latenciesUs.size(),
                double(latenciesUs.size()) / elapsed, percentile(0.5), percentile(0.99), non200, errors);
    return errors || non200 ? 1 : 0;
}
