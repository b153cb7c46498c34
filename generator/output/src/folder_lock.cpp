// The exclusive lock of an output folder: flock(2) on the folder that contains it.
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

#include "briefs/core/fs.hpp"
#include "briefs/output/publish.hpp"

namespace briefs::output {

namespace fs = std::filesystem;

std::optional<folder_lock> folder_lock::acquire(const fs::path& out_in, const std::atomic<bool>* cancel,
                                                const std::function<void()>& on_wait, core::diagnostics& diags) {
    std::error_code ec;
    fs::path out = fs::absolute(out_in, ec).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    const fs::path parent = out.parent_path();
    // The staging folder goes beside the output: its parent must exist anyway.
    fs::create_directories(parent, ec);
    if (ec) {
        diags.error(core::display_path(parent), 0, 0, "cannot create the folder of the output: " + ec.message());
        return std::nullopt;
    }
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        diags.error(core::display_path(parent), 0, 0, std::string("cannot open the folder of the output to lock it: ") + std::strerror(errno));
        return std::nullopt;
    }
    folder_lock lock(fd);
    bool told = false;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            diags.error(core::display_path(out_in), 0, 0, std::string("cannot lock the output folder: ") + std::strerror(errno));
            return std::nullopt;
        }
        if (!told && on_wait) on_wait();
        told = true;
        if (cancel && cancel->load()) {
            diags.error(core::display_path(out_in), 0, 0, "interrupted while waiting for another build");
            return std::nullopt;
        }
        // Polled rather than blocking, so that Ctrl-C can end the wait.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return lock;
}

folder_lock::~folder_lock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace briefs::output
