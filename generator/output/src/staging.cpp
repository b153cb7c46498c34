#include "briefs/output/staging.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "briefs/core/fs.hpp"

namespace briefs::output {

namespace fs = std::filesystem;

namespace {

/// Removes `<out>.staging-<pid>` folders left by builds that were killed.
void remove_stale(const fs::path& out) {
    std::error_code ec;
    const fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    const std::string prefix = out.filename().string() + ".staging-";
    for (const auto& entry : fs::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string pid_text = name.substr(prefix.size());
        if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
        const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
        if (pid == static_cast<long>(getpid()) || kill(static_cast<pid_t>(pid), 0) != 0) {
            std::error_code ignored;
            fs::remove_all(entry.path(), ignored);
        }
    }
}

}  // namespace

std::optional<staging> staging::begin(const fs::path& out_in, core::diagnostics& diags) {
    std::error_code ec;
    fs::path out = fs::absolute(out_in, ec).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    const std::string shown = core::display_path(out_in);
    if (fs::exists(out, ec)) {
        if (!fs::is_directory(out, ec)) {
            diags.error(shown, 0, 0, "the output path exists and is not a folder");
            return std::nullopt;
        }
        const bool empty = fs::is_empty(out, ec);
        if (!empty && !fs::exists(out / site_marker, ec)) {
            diags.error(shown, 0, 0, std::string("refusing to replace this folder: it is not empty and is not a site built by briefs (no ") +
                                         site_marker + "); choose another --out or empty it");
            return std::nullopt;
        }
    }
    fs::create_directories(out.parent_path(), ec);
    remove_stale(out);
    staging s;
    s.out_ = out;
    s.dir_ = out.parent_path() / (out.filename().string() + ".staging-" + std::to_string(getpid()));
    fs::remove_all(s.dir_, ec);
    if (!fs::create_directories(s.dir_, ec) || ec) {
        diags.error(core::display_path(s.dir_), 0, 0, "cannot create the staging folder: " + (ec ? ec.message() : std::string("unknown error")));
        return std::nullopt;
    }
    s.active_ = true;
    return s;
}

staging::staging(staging&& o) noexcept : out_(std::move(o.out_)), dir_(std::move(o.dir_)), active_(o.active_) { o.active_ = false; }

staging::~staging() {
    if (active_) {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
}

std::string staging::write(const std::string& rel, std::string_view bytes) {
    return core::write_file(dir_ / rel, bytes);
}

bool staging::commit(core::diagnostics& diags) {
    std::error_code ec;
    // New files are readable like any published file, whatever the umask made of the folder.
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec, ec);
    if (!fs::exists(out_, ec)) {
        if (std::rename(dir_.c_str(), out_.c_str()) != 0) {
            diags.error(core::display_path(out_), 0, 0, std::string("cannot move the new site into place: ") + std::strerror(errno));
            return false;
        }
        active_ = false;
        return true;
    }
    // One atomic step: the old site becomes the staging folder, which is then removed.
    if (renameat2(AT_FDCWD, dir_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
        diags.error(core::display_path(out_), 0, 0, std::string("cannot replace the site: ") + std::strerror(errno));
        return false;
    }
    fs::remove_all(dir_, ec);
    active_ = false;
    return true;
}

namespace {
constexpr const char* k_pending = ".briefs-new";
}

in_place::~in_place() {
    std::error_code ec;
    for (const auto& rel : pending_) fs::remove(out_ / (rel + k_pending), ec);
}

std::string in_place::write(const std::string& rel, std::string_view bytes) {
    auto err = core::write_file(out_ / (rel + k_pending), bytes);
    std::lock_guard lock(mutex_);
    pending_.push_back(rel);
    return err;
}

std::string in_place::remove(const std::string& rel) {
    std::lock_guard lock(mutex_);
    removed_.push_back(rel);
    return "";
}

bool in_place::commit(core::diagnostics& diags) {
    std::sort(pending_.begin(), pending_.end());
    for (const auto& rel : pending_) {
        const fs::path to = out_ / rel;
        if (std::rename((out_ / (rel + k_pending)).c_str(), to.c_str()) != 0) {
            diags.error(core::display_path(to), 0, 0, std::string("cannot replace: ") + std::strerror(errno));
            return false;
        }
    }
    pending_.clear();
    std::error_code ec;
    for (const auto& rel : removed_) {
        fs::remove(out_ / rel, ec);
        // Folders left empty (a deleted region's) go too, up to the site's root.
        for (fs::path dir = (out_ / rel).parent_path(); dir != out_ && fs::is_empty(dir, ec) && !ec; dir = dir.parent_path()) {
            fs::remove(dir, ec);
        }
    }
    removed_.clear();
    return true;
}

std::string hashed_name(const std::string& rel, std::string_view bytes) {
    const auto slash = rel.rfind('/');
    const auto dot = rel.rfind('.');
    const std::string hash = core::hash_hex(bytes).substr(0, 8);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return rel + "." + hash;
    return rel.substr(0, dot) + "." + hash + rel.substr(dot);
}

}  // namespace briefs::output
