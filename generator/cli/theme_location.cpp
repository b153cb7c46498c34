#include "theme_location.hpp"

#include "build_info.hpp"

namespace briefs::cli {

namespace fs = std::filesystem;

namespace {

fs::path executable_folder() {
    std::error_code ec;
    const fs::path exe = fs::canonical("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

}  // namespace

theme_location find_theme() {
    theme_location t;
    const fs::path bin = executable_folder();
    if (bin.empty()) {
        t.where = "none (the executable's folder is unknown: /proc/self/exe cannot be read)";
        return t;
    }
    std::error_code ec;
    const fs::path installed = (bin / build_info::theme_from_bin).lexically_normal();
    if (fs::is_directory(installed / "templates", ec)) {
        t.dirs = {installed, installed / "templates", installed / "assets", installed / "i18n"};
        t.skeleton = installed / "site-skeleton";
        t.where = installed.string();
        return t;
    }
    // The source tree serves only the executable that was built from it, where it was built: an
    // installed or copied executable never reads the source tree.
    if (fs::equivalent(bin, build_info::build_dir, ec)) {
        const fs::path src = build_info::source_dir;
        t.dirs = {src, src / "templates", src / "assets", src / "content" / "i18n"};
        t.skeleton = src / "site-skeleton";
        t.where = src.string() + " (the source tree: this executable is in its build folder)";
        return t;
    }
    t.where = "none (not installed: " + installed.string() + " does not exist)";
    return t;
}

}  // namespace briefs::cli
