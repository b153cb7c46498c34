#pragma once
// Where a site's interface strings come from: its own content/i18n/, else the theme's.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "briefs/core/diagnostic.hpp"

namespace briefs::content::detail {

/// Where the interface strings of `lang` come from: the site's content/i18n/<lang>.json when it has
/// one, else the theme's i18n/<lang>.json (file by file, as templates and assets).
struct ui_file {
    std::filesystem::path path;  ///< the site's path when neither has it (for the message)
    bool from_theme = false;
    std::filesystem::path root;  ///< the theme's i18n folder, canonical (when from_theme)
};
ui_file find_ui_file(const std::filesystem::path& content_dir, const std::filesystem::path& theme_i18n, const std::string& lang);

}  // namespace briefs::content::detail
