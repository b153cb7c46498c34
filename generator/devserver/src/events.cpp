#include "events.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace briefs::devserver {

namespace {

constexpr std::size_t k_kept_events = 64;
constexpr auto k_keep_alive = std::chrono::seconds(15);
constexpr const char* k_head =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";

/// Writes all of `bytes` without blocking; false when the socket is closed or its buffer is full (a
/// client that does not read: it is dropped, and reconnects with Last-Event-ID when it wakes).
bool send_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void close_socket(int fd) {
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

/// Whether a stream's socket, which poll() reported, is still open (a client sends nothing after its
/// request; anything it does send is read and dropped).
bool still_open(const pollfd& p) {
    if (p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL)) return false;
    if (!(p.revents & POLLIN)) return true;
    char scratch[4096];
    const ssize_t n = ::recv(p.fd, scratch, sizeof scratch, MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR));
}

}  // namespace

event_hub::event_hub(std::size_t max_streams) : max_(max_streams) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) {
        wake_[0] = wake_[1] = -1;  // the loop then polls every second instead of being woken
    }
    thread_ = std::thread([this] {
        try {
            loop();
        } catch (const std::exception&) {
            // Out of memory: live reload stops; pages are still served.
        }
        // From now on (stop(), or the loop gave up) every stream is closed, and so is any later one.
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (int fd : clients_) close_socket(fd);
        clients_.clear();
        for (const auto& a : arriving_) close_socket(a.first);
        arriving_.clear();
        open_ = 0;
    });
}

event_hub::~event_hub() {
    stop();
    if (thread_.joinable()) thread_.join();
    for (int fd : wake_) {
        if (fd >= 0) ::close(fd);
    }
}

std::uint64_t event_hub::sequence() const {
    std::lock_guard lock(mutex_);
    return sequence_;
}

std::size_t event_hub::streams() const { return open_.load(); }

void event_hub::wake() {
    if (wake_[1] < 0) return;
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(wake_[1], &byte, 1);  // a full pipe is already a wake-up
}

void event_hub::adopt(int socket, std::uint64_t last_seen) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            arriving_.emplace_back(socket, last_seen);
            socket = -1;
        }
    }
    if (socket >= 0) close_socket(socket);
    else wake();
}

void event_hub::publish(const std::string& name, const std::string& data) {
    {
        std::lock_guard lock(mutex_);
        ++sequence_;
        events_.push_back({sequence_, "id: " + std::to_string(sequence_) + "\nevent: " + name + "\ndata: " + data + "\n\n"});
        while (events_.size() > k_kept_events) events_.pop_front();
    }
    wake();
}

void event_hub::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    wake();
}

void event_hub::loop() {
    auto& clients = clients_;
    std::vector<pollfd> fds;
    auto last_write = std::chrono::steady_clock::now();
    while (true) {
        fds.clear();
        fds.push_back({wake_[0], POLLIN, 0});
        for (int fd : clients) fds.push_back({fd, POLLIN | POLLRDHUP, 0});
        const auto idle = k_keep_alive - (std::chrono::steady_clock::now() - last_write);
        auto timeout = std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(idle).count());
        if (wake_[0] < 0) timeout = std::min<std::int64_t>(timeout, 1000);
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(timeout));
        if (ready < 0 && errno != EINTR) break;  // cannot happen with valid arguments; the thread then closes the streams
        if (ready > 0 && (fds[0].revents & POLLIN)) {
            char drain[256];
            while (::read(wake_[0], drain, sizeof drain) > 0) {
            }
        }
        // Closed clients first (backwards: fds[i + 1] is clients[i]).
        if (ready > 0) {
            for (std::size_t i = clients.size(); i-- > 0;) {
                if (!still_open(fds[i + 1])) {
                    close_socket(clients[i]);
                    clients.erase(clients.begin() + static_cast<std::ptrdiff_t>(i));
                }
            }
        }
        std::string news;
        std::vector<std::pair<int, std::string>> arrivals;
        bool stopping;
        {
            std::lock_guard lock(mutex_);
            stopping = stopping_;
            for (const auto& e : events_) {
                if (e.seq > sent_) news += e.text;
            }
            sent_ = sequence_;
            for (const auto& [fd, last_seen] : arriving_) {
                const std::uint64_t from = last_seen > sequence_ ? sequence_ : last_seen;  // a restarted server
                std::string greeting = std::string(k_head) + ": connected\nretry: 1000\nid: " + std::to_string(from) + "\n\n";
                for (const auto& e : events_) {
                    if (e.seq > from) greeting += e.text;
                }
                arrivals.emplace_back(fd, std::move(greeting));
            }
            arriving_.clear();
        }
        if (stopping) {
            for (const auto& a : arrivals) close_socket(a.first);
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (news.empty() && now - last_write >= k_keep_alive) news = ": keep-alive\n\n";
        if (!news.empty()) {
            last_write = now;
            for (std::size_t i = clients.size(); i-- > 0;) {
                if (!send_all(clients[i], news)) {
                    close_socket(clients[i]);
                    clients.erase(clients.begin() + static_cast<std::ptrdiff_t>(i));
                }
            }
        }
        for (auto& [fd, greeting] : arrivals) {
            if (clients.size() >= max_) {
                // Full: EventSource tries again after `retry` milliseconds when the stream ends.
                send_all(fd, std::string(k_head) + "retry: 10000\n: too many live-reload streams are open; retrying in 10 s\n\n");
                close_socket(fd);
            } else if (send_all(fd, greeting)) {
                clients.push_back(fd);
            } else {
                close_socket(fd);
            }
        }
        open_ = clients.size();
    }
}

}  // namespace briefs::devserver
