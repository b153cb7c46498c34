#include "briefs/core/fs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <system_error>

#include <xxhash.h>

namespace briefs::core {

namespace {
bool not_found(const std::error_code& ec) {
    return ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory;
}
}  // namespace

std::string unreadable(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec && !not_found(ec)) return "cannot read: " + ec.message();
    if (!fs::exists(status)) {
        std::error_code lec;
        if (fs::is_symlink(fs::symlink_status(path, lec))) {
            const auto target = fs::read_symlink(path, lec);
            return "is a link to a file that does not exist (" + target.string() + ")";
        }
        return "file not found";
    }
    if (!fs::is_regular_file(status)) return "not a regular file";
    return "";
}

std::vector<fs::path> list_files(const fs::path& dir, bool recursive, std::vector<fs_problem>& problems) {
    std::vector<fs::path> files;
    auto visit = [&](const fs::directory_entry& entry) {
        std::error_code ec;
        if (entry.is_regular_file(ec)) files.push_back(entry.path());
        if (!ec) return;  // a file, or something else that is there (a folder, a pipe): nothing to report
        const std::string why = unreadable(entry.path());
        if (why.empty()) return;
        const bool dangling = why.starts_with("is a link");
        problems.push_back({entry.path(), dangling ? why + "; ignored" : why, !dangling});
    };
    std::error_code ec;
    if (recursive) {
        fs::recursive_directory_iterator it(dir, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) visit(*it);
    } else {
        fs::directory_iterator it(dir, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) visit(*it);
    }
    if (ec) problems.push_back({dir, "cannot list the folder: " + ec.message(), true});
    std::sort(files.begin(), files.end());
    return files;
}

std::optional<std::string> read_file(const fs::path& path, std::string& error, std::uintmax_t max_bytes) {
    std::error_code ec;
    if (error = unreadable(path); !error.empty()) return std::nullopt;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_bytes) {
        error = "file is too large (" + std::to_string(size / (1024 * 1024)) + " MiB; the limit is " +
                std::to_string(max_bytes / (1024 * 1024)) + " MiB)";
        return std::nullopt;
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = std::string("cannot read: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::string out;
    out.resize(static_cast<std::size_t>(ec ? 0 : size));
    std::size_t got = out.empty() ? 0 : std::fread(out.data(), 1, out.size(), f);
    out.resize(got);
    char buf[65536];
    while (true) {  // files that grow while read, or report no size
        const auto n = std::fread(buf, 1, sizeof buf, f);
        if (n == 0) break;
        out.append(buf, n);
        if (out.size() > max_bytes) {
            std::fclose(f);
            error = "file is too large";
            return std::nullopt;
        }
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) {
        error = "cannot read: I/O error";
        return std::nullopt;
    }
    return out;
}

std::string write_file(const fs::path& path, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return "cannot create folder " + path.parent_path().string() + ": " + ec.message();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return "cannot write " + path.string() + ": " + std::strerror(errno);
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int saved = errno;
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) return "cannot write " + path.string() + ": " + std::strerror(ok ? errno : saved);
    return "";
}

std::string hash_hex(std::string_view bytes) {
    const XXH64_hash_t h = XXH3_64bits(bytes.data(), bytes.size());
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

std::string display_path(const fs::path& path) {
    // A relative path is shown as it is (normalised): asking for the working folder costs two system
    // calls, and a build shows thousands of paths.
    if (path.is_relative() && !path.empty()) return path.lexically_normal().generic_string();
    std::error_code ec;
    const auto cwd = fs::current_path(ec);
    if (!ec) {
        const auto abs = fs::absolute(path, ec).lexically_normal();
        if (!ec) {
            const auto rel = abs.lexically_relative(cwd);
            if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
        }
    }
    return path.lexically_normal().generic_string();
}

}  // namespace briefs::core
