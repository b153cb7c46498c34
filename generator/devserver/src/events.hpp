#pragma once
// Live-reload events (server-sent events) for every open preview page, from one thread.
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace briefs::devserver {

/// Owns the sockets of the open event streams. A connection whose request asked for the stream is
/// handed over (`adopt`) once its request is parsed, so a stream costs a socket, not a worker thread:
/// pages are answered however many streams are open. One thread writes each event to every stream
/// (non-blocking) and notices closed clients at once (the peer's FIN or RST wakes poll()). Every event
/// carries an id; a client that reconnects with `Last-Event-ID` is sent what it missed (the last 64).
class event_hub {
public:
    /// At most `max_streams` are open at once; one more is answered `retry:` (come back later) and closed.
    explicit event_hub(std::size_t max_streams);
    ~event_hub();
    event_hub(const event_hub&) = delete;
    event_hub& operator=(const event_hub&) = delete;

    /// The id of the last event (0: none yet).
    [[nodiscard]] std::uint64_t sequence() const;
    /// Takes the socket: writes the response head and the events after `last_seen`, then follows.
    void adopt(int socket, std::uint64_t last_seen);
    /// Sends `event: name` / `data: data` (one line) to every open stream.
    void publish(const std::string& name, const std::string& data);
    /// Closes every stream; later adoptions are closed at once.
    void stop();
    /// Open streams now (for tests and the log).
    [[nodiscard]] std::size_t streams() const;

private:
    struct event {
        std::uint64_t seq;
        std::string text;  ///< the whole block, "id: …\nevent: …\ndata: …\n\n"
    };
    void loop();
    void wake();

    const std::size_t max_;
    mutable std::mutex mutex_;  // guards the members below
    std::uint64_t sequence_ = 0;
    std::deque<event> events_;
    std::vector<std::pair<int, std::uint64_t>> arriving_;  ///< adopted sockets the loop has not taken yet
    std::uint64_t sent_ = 0;  ///< the loop has written every event up to this id to its streams
    bool stopping_ = false;
    std::atomic<std::size_t> open_{0};
    std::vector<int> clients_;  ///< the open streams: used by the loop thread only, then closed after it
    int wake_[2] = {-1, -1};
    std::thread thread_;
};

}  // namespace briefs::devserver
