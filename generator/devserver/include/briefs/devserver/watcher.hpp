#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace briefs::devserver {

/// Watches folders recursively with inotify: new, changed, deleted and renamed files and folders
/// (including editors that save by writing a temporary file and renaming it).
class watcher {
public:
    explicit watcher(const std::vector<std::filesystem::path>& roots);
    ~watcher();
    watcher(const watcher&) = delete;
    watcher& operator=(const watcher&) = delete;

    [[nodiscard]] bool ok() const { return fd_ >= 0; }
    /// Blocks until something changed, then until `quiet` passes with no further event (a burst of
    /// saves gives one answer), at most `max_wait` in all. Returns the paths that changed, or an
    /// empty list when `stop()` was called.
    std::vector<std::string> wait(std::chrono::milliseconds quiet = std::chrono::milliseconds(50),
                                  std::chrono::milliseconds max_wait = std::chrono::milliseconds(500));
    /// Wakes `wait()` for good (thread-safe, async-signal-safe).
    void stop();

    /// The path `wait()` reports when the kernel dropped events: anything may have changed.
    static constexpr std::string_view overflow = "*";

private:
    void add_tree(const std::filesystem::path& dir);
    bool read_events(std::vector<std::string>& changed);

    int fd_ = -1;
    int wake_[2] = {-1, -1};
    std::vector<std::pair<int, std::filesystem::path>> watches_;
};

}  // namespace briefs::devserver
