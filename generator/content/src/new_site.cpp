// `briefs init`: a new site from the skeleton installed with the theme.
#include <algorithm>

#include "briefs/content/scaffold.hpp"
#include "briefs/core/fs.hpp"

namespace briefs::content {

namespace fs = std::filesystem;

std::vector<fs::path> new_site(const fs::path& dir, const fs::path& skeleton, core::diagnostics& diags) {
    const std::string shown = core::display_path(dir);
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) {
            diags.error(shown, 0, 0, "exists and is not a folder: briefs init writes a new site into a new or empty folder");
            return {};
        }
        const bool empty = fs::is_empty(dir, ec);
        if (ec) {
            diags.error(shown, 0, 0, "cannot list: " + ec.message());
            return {};
        }
        if (!empty) {
            diags.error(shown, 0, 0, "is not empty: briefs init writes a new site into a new or empty folder, and changes nothing here");
            return {};
        }
    } else if (ec && ec != std::errc::no_such_file_or_directory) {
        diags.error(shown, 0, 0, "cannot use: " + ec.message());
        return {};
    }
    if (!fs::is_directory(skeleton, ec)) {
        diags.error(core::display_path(skeleton), 0, 0, "the site skeleton is missing: is briefs installed completely?");
        return {};
    }
    std::vector<fs::path> files;
    auto it = fs::recursive_directory_iterator(skeleton, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code kind;
        if (it->is_regular_file(kind)) files.push_back(it->path().lexically_relative(skeleton));
    }
    if (ec) {
        diags.error(core::display_path(skeleton), 0, 0, "cannot list: " + ec.message());
        return {};
    }
    std::sort(files.begin(), files.end());
    std::vector<fs::path> written;
    for (const auto& rel : files) {
        std::string why;
        auto bytes = core::read_file(skeleton / rel, why);
        if (!bytes) {
            diags.error(core::display_path(skeleton / rel), 0, 0, why);
            return {};
        }
        if (auto err = core::write_file(dir / rel, *bytes); !err.empty()) {
            diags.error(shown, 0, 0, err);
            return {};
        }
        written.push_back(dir / rel);
    }
    return written;
}

}  // namespace briefs::content
