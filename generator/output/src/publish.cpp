#include "briefs/output/publish.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "briefs/core/fs.hpp"

namespace briefs::output {

std::string sink::copy(const std::string& rel, const std::filesystem::path& from) {
    std::string why;
    const auto bytes = core::read_file(from, why, 64u * 1024 * 1024);
    if (!bytes) return core::display_path(from) + ": " + (why.empty() ? "cannot read" : why);
    return write(rel, *bytes);
}

namespace fs = std::filesystem;

namespace {

/// Removes `<out>.staging-<pid>` folders left by builds that were killed. They hold only hard links and
/// briefs' own files: what was not briefs' is still in `out`.
void remove_stale(const fs::path& out) {
    std::error_code ec;
    const std::string prefix = out.filename().string() + ".staging-";
    for (auto it = fs::directory_iterator(out.parent_path(), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string pid_text = name.substr(prefix.size());
        if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
        const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
        if (pid == static_cast<long>(getpid()) || kill(static_cast<pid_t>(pid), 0) != 0) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
}

/// Makes `to` a copy of the tree `from` in which every regular file is a hard link to the original;
/// folders keep their permissions, symbolic links are copied as links. Files for which `skip` is true
/// are left out; every other file's path is given to `carried`. Returns "" or an error sentence.
template <typename Skip, typename Carried>
std::string mirror(const fs::path& from, const fs::path& to, Skip skip, Carried carried) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path& src = it->path();
        const std::string rel = src.lexically_relative(from).generic_string();
        const auto st = it->symlink_status(ec);
        if (ec) return "cannot read " + core::display_path(src) + ": " + ec.message();
        const fs::path dst = to / rel;
        // Folders are made as their files are carried (so that a folder of briefs' files alone is left
        // out of a clean build), with the original's permissions; an empty folder is carried as it is.
        const bool empty_folder = fs::is_directory(st) && fs::is_empty(src, ec);
        if (fs::is_directory(st) && !empty_folder) continue;
        if (!empty_folder && skip(rel)) continue;
        for (fs::path part, sub = fs::path(rel).parent_path(); const auto& name : sub) {
            part /= name;
            if (!fs::exists(to / part, ec)) fs::create_directory(to / part, from / part, ec);
            if (ec) return "cannot create " + core::display_path(to / part) + ": " + ec.message();
        }
        if (empty_folder) {
            fs::create_directory(dst, src, ec);
            if (ec) return "cannot create " + core::display_path(dst) + ": " + ec.message();
            continue;
        }
        if (fs::is_symlink(st)) fs::copy_symlink(src, dst, ec);
        else if (fs::is_regular_file(st)) fs::create_hard_link(src, dst, ec);
        else return core::display_path(src) + " is neither a file, a folder nor a link: move it out of the output folder";
        if (ec) return "cannot carry " + core::display_path(src) + " over to the new site: " + ec.message();
        carried(rel);
    }
    if (ec) return "cannot read " + core::display_path(from) + ": " + ec.message();
    return "";
}

}  // namespace

std::optional<std::set<std::string>> read_manifest(const fs::path& out, std::string& why) {
    std::error_code ec;
    if (!fs::exists(out / manifest_name, ec)) return std::nullopt;
    auto text = core::read_file(out / manifest_name, why);
    if (!text) return std::nullopt;
    try {
        const auto j = nlohmann::json::parse(*text);
        if (j.at("generator") != "briefs") throw std::runtime_error("not briefs'");
        return j.at("files").get<std::set<std::string>>();
    } catch (const std::exception&) {
        why = "the manifest is damaged";
        return std::nullopt;
    }
}

std::optional<publication> publication::begin(const fs::path& out_in, mode m, core::diagnostics& diags) {
    std::error_code ec;
    fs::path out = fs::absolute(out_in, ec).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    // A symbolic link to the output folder stays a link: the site is built where it points.
    if (fs::is_symlink(out, ec)) out = fs::canonical(out, ec);
    const std::string shown = core::display_path(out_in);
    publication p;
    p.out_ = out;
    const bool exists = fs::exists(out, ec);
    if (exists) {
        if (!fs::is_directory(out, ec)) {
            diags.error(shown, 0, 0, "the output path exists and is not a folder");
            return std::nullopt;
        }
        std::string why;
        auto manifest = read_manifest(out, why);
        if (!why.empty()) {
            diags.error(core::display_path(out / manifest_name), 0, 0, why + ": delete the output folder's files briefs wrote, or choose another --out");
            return std::nullopt;
        }
        if (!manifest && !fs::is_empty(out, ec)) {
            diags.error(shown, 0, 0, std::string("refusing to write into this folder: it is not empty and is not a site built by briefs (no ") +
                                         manifest_name + "); choose another --out or empty it");
            return std::nullopt;
        }
        p.had_manifest_ = manifest.has_value();
        if (manifest && m == mode::update) p.owned_ = *manifest;
        remove_stale(out);
        p.dir_ = out.parent_path() / (out.filename().string() + ".staging-" + std::to_string(getpid()));
        fs::remove_all(p.dir_, ec);
        if (!fs::create_directory(p.dir_, out, ec) || ec) {
            diags.error(core::display_path(p.dir_), 0, 0, "cannot create the staging folder: " + (ec ? ec.message() : std::string("it exists")));
            return std::nullopt;
        }
        p.active_ = true;
        const std::set<std::string> ours = manifest ? *manifest : std::set<std::string>();
        const bool carry_ours = m == mode::update;
        auto err = mirror(
            out, p.dir_, [&](const std::string& rel) { return rel == manifest_name || (!carry_ours && ours.count(rel)); },
            [&](const std::string& rel) {
                if (!ours.count(rel)) p.foreign_.insert(rel);
            });
        if (!err.empty()) {
            diags.error(shown, 0, 0, err);
            return std::nullopt;  // the destructor removes the staging folder
        }
        return p;
    }
    fs::create_directories(out.parent_path(), ec);
    remove_stale(out);
    p.dir_ = out.parent_path() / (out.filename().string() + ".staging-" + std::to_string(getpid()));
    fs::remove_all(p.dir_, ec);
    if (!fs::create_directories(p.dir_, ec) || ec) {
        diags.error(core::display_path(p.dir_), 0, 0, "cannot create the staging folder: " + (ec ? ec.message() : std::string("it exists")));
        return std::nullopt;
    }
    // New files are readable like any published file, whatever the umask made of the folder.
    fs::permissions(p.dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec, ec);
    p.active_ = true;
    return p;
}

publication::publication(publication&& o) noexcept
    : out_(std::move(o.out_)), dir_(std::move(o.dir_)), active_(o.active_), had_manifest_(o.had_manifest_),
      foreign_(std::move(o.foreign_)), owned_(std::move(o.owned_)) {
    o.active_ = false;
}

publication::~publication() {
    if (active_) {
        std::error_code ec;
        fs::remove_all(dir_, ec);  // hard links and briefs' new files only
    }
}

std::string publication::claim(const std::string& rel) const {
    if (foreign_.count(rel)) {
        return core::display_path(out_ / rel) + " was not written by briefs, and the site needs that path: move the file away";
    }
    const fs::path to = dir_ / rel;
    // The mirror's file is a hard link to the published one: replace the link, never write through it.
    if (::unlink(to.c_str()) != 0 && errno != ENOENT) return "cannot replace " + core::display_path(to) + ": " + std::strerror(errno);
    return "";
}

std::string publication::write(const std::string& rel, std::string_view bytes) {
    if (auto err = claim(rel); !err.empty()) return err;
    const fs::path to = dir_ / rel;
    auto err = core::write_file(to, bytes);
    if (!err.empty()) return err;
    std::lock_guard lock(mutex_);
    owned_.insert(rel);
    return "";
}

std::string publication::copy(const std::string& rel, const fs::path& from) {
    if (auto err = claim(rel); !err.empty()) return err;
    const fs::path to = dir_ / rel;
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    if (ec) return "cannot create " + core::display_path(to.parent_path()) + ": " + ec.message();
    fs::copy_file(from, to, ec);
    if (ec) return "cannot copy " + core::display_path(from) + " to " + core::display_path(to) + ": " + ec.message();
    std::lock_guard lock(mutex_);
    owned_.insert(rel);
    return "";
}

std::string publication::remove(const std::string& rel) {
    {
        std::lock_guard lock(mutex_);
        if (!owned_.erase(rel)) return "";  // never briefs' (or already gone): not ours to remove
    }
    std::error_code ec;
    fs::remove(dir_ / rel, ec);
    if (ec) return "cannot remove " + core::display_path(out_ / rel) + ": " + ec.message();
    // Folders left empty (a deleted region's) go too, up to the site's root.
    for (fs::path d = (dir_ / rel).parent_path(); d != dir_ && fs::is_empty(d, ec) && !ec; d = d.parent_path()) fs::remove(d, ec);
    return "";
}

bool publication::commit(core::diagnostics& diags) {
    const nlohmann::json manifest = {{"generator", "briefs"}, {"files", owned_}};
    if (auto err = core::write_file(dir_ / manifest_name, manifest.dump(1) + "\n"); !err.empty()) {
        diags.error(core::display_path(out_), 0, 0, err);
        return false;
    }
    std::error_code ec;
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

std::string hashed_name(const std::string& rel, std::string_view bytes) {
    const auto slash = rel.rfind('/');
    const auto dot = rel.rfind('.');
    const std::string hash = core::hash_hex(bytes).substr(0, 8);
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return rel + "." + hash;
    return rel.substr(0, dot) + "." + hash + rel.substr(dot);
}

}  // namespace briefs::output
