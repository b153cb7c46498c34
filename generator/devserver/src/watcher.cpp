#include "briefs/devserver/watcher.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace briefs::devserver {

namespace fs = std::filesystem;

namespace {
constexpr uint32_t k_events = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY |
                              IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;
}

watcher::watcher(const std::vector<fs::path>& roots) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0 || pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) return;
    for (const auto& r : roots) add_tree(r);
}

watcher::~watcher() {
    if (fd_ >= 0) close(fd_);
    for (int f : wake_) {
        if (f >= 0) close(f);
    }
}

void watcher::add_tree(const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    const int wd = inotify_add_watch(fd_, dir.c_str(), k_events | IN_ONLYDIR);
    if (wd >= 0) watches_.emplace_back(wd, dir);
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec)) add_tree(it->path());
    }
}

bool watcher::read_events(std::vector<std::string>& changed) {
    alignas(inotify_event) char buf[64 * 1024];
    bool any = false;
    while (true) {
        const ssize_t n = read(fd_, buf, sizeof buf);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
            const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
            if (ev->mask & IN_Q_OVERFLOW) {  // events were lost: say so, the caller rereads everything
                any = true;
                changed.push_back(std::string(overflow));
                continue;
            }
            auto w = std::find_if(watches_.begin(), watches_.end(), [&](const auto& p) { return p.first == ev->wd; });
            if (w == watches_.end()) continue;
            const fs::path path = ev->len ? w->second / ev->name : w->second;
            any = true;
            changed.push_back(path.string());
            // A new folder (created, or moved in) is watched with everything already in it.
            if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) add_tree(path);
            if (ev->mask & IN_IGNORED) watches_.erase(w);
        }
    }
    return any;
}

std::vector<std::string> watcher::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds max_wait) {
    std::vector<std::string> changed;
    if (fd_ < 0) return changed;
    pollfd fds[2] = {{fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    // Wait for the first event.
    while (changed.empty()) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR) return {};
        if (fds[1].revents) return {};
        read_events(changed);
    }
    // Then for a quiet moment.
    const auto deadline = std::chrono::steady_clock::now() + max_wait;
    while (std::chrono::steady_clock::now() < deadline) {
        const int r = poll(fds, 2, static_cast<int>(quiet.count()));
        if (r < 0 && errno != EINTR) break;
        if (fds[1].revents) return {};
        if (r == 0 || !read_events(changed)) break;
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    return changed;
}

void watcher::stop() {
    const char c = 1;
    [[maybe_unused]] auto n = write(wake_[1], &c, 1);
}

}  // namespace briefs::devserver
