#include "connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace briefs::devserver {

namespace {

thread_local connection_state* current = nullptr;

int wait_for(int fd, short events, std::chrono::milliseconds timeout) {
    pollfd p{fd, events, 0};
    int r;
    do {
        r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    } while (r < 0 && errno == EINTR);
    return r;
}

std::chrono::milliseconds to_ms(time_t sec, time_t usec) {
    return std::chrono::milliseconds(sec * 1000 + usec / 1000);
}

void address(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    const int r = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                       : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    if (r != 0) return;
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> serv{};
    if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(), serv.data(), serv.size(),
                      NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host.data();
        port = std::atoi(serv.data());
    }
}

/// A socket with one read buffer for the connection's lifetime (httplib's SocketStream has one per
/// request, so bytes read ahead, a pipelined request, are lost with it).
class connection_stream final : public httplib::Stream {
public:
    connection_stream(int fd, std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout,
                      const connection_state& state)
        : fd_(fd), read_timeout_(read_timeout), write_timeout_(write_timeout), state_(state) {}

    bool is_readable() const override { return buffered() > 0 || wait_for(fd_, POLLIN, read_timeout_) > 0; }
    bool is_writable() const override {
        if (wait_for(fd_, POLLOUT, write_timeout_) <= 0) return false;
        // A peer that has closed reads as end of file: stop writing to it.
        if (wait_for(fd_, POLLIN, std::chrono::milliseconds(0)) <= 0) return true;
        char byte;
        return ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    }
    ssize_t read(char* ptr, size_t size) override {
        if (buffered() == 0) {
            if (wait_for(fd_, POLLIN, read_timeout_) <= 0) return -1;
            ssize_t n;
            do {
                n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
            } while (n < 0 && errno == EINTR);
            if (n <= 0) return n;
            begin_ = 0;
            end_ = static_cast<std::size_t>(n);
        }
        const std::size_t n = std::min(size, buffered());
        std::memcpy(ptr, buffer_.data() + begin_, n);
        begin_ += n;
        return static_cast<ssize_t>(n);
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (state_.adopt) return static_cast<ssize_t>(size);  // the event hub writes this response itself
        if (wait_for(fd_, POLLOUT, write_timeout_) <= 0) return -1;
        ssize_t n;
        do {
            n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
        } while (n < 0 && errno == EINTR);
        return n;
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { address(fd_, true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address(fd_, false, ip, port); }
    socket_t socket() const override { return fd_; }

    [[nodiscard]] std::size_t buffered() const { return end_ - begin_; }

private:
    int fd_;
    std::chrono::milliseconds read_timeout_, write_timeout_;
    const connection_state& state_;
    std::array<char, 16384> buffer_{};
    std::size_t begin_ = 0, end_ = 0;
};

}  // namespace

connection_state* current_connection() { return current; }

bool http_server::process_and_close_socket(socket_t sock) {
    connection_state state;
    connection_stream stream(sock, to_ms(read_timeout_sec_, read_timeout_usec_), to_ms(write_timeout_sec_, write_timeout_usec_),
                             state);
    const auto keep_alive = std::chrono::seconds(keep_alive_timeout_sec_);
    bool ok = false;
    for (std::size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
        // The next request: already read ahead (pipelined), or wait for it, watching for stop().
        if (stream.buffered() == 0) {
            const auto deadline = std::chrono::steady_clock::now() + keep_alive;
            int ready = 0;
            while (ready == 0 && svr_sock_ != INVALID_SOCKET && std::chrono::steady_clock::now() < deadline) {
                ready = wait_for(sock, POLLIN, std::chrono::milliseconds(100));
            }
            if (ready <= 0) break;
        }
        bool closed = false;
        current = &state;
        ok = process_request(stream, count == 1, closed, nullptr);
        current = nullptr;
        if (state.adopt) {
            if (!ok) break;
            try {
                state.adopt(sock);  // the new owner closes the socket from now on
                return true;
            } catch (const std::exception&) {  // out of memory: the stream is closed, the server stays up
                break;
            }
        }
        if (!ok || closed || state.close) break;
    }
    if (state.close) {
        // A refused request may be followed by a body we never read: closing with unread bytes would
        // reset the connection and could destroy the answer before the client reads it. So: end our
        // side, read (and drop) what the client still sends, for a moment, then close.
        ::shutdown(sock, SHUT_WR);
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
        std::size_t drained = 0;
        char scratch[4096];
        while (drained < (1u << 20) && std::chrono::steady_clock::now() < until && wait_for(sock, POLLIN, std::chrono::milliseconds(100)) > 0) {
            const ssize_t n = ::recv(sock, scratch, sizeof scratch, MSG_DONTWAIT);
            if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR))) break;
            if (n > 0) drained += static_cast<std::size_t>(n);
        }
    }
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return ok;
}

}  // namespace briefs::devserver
