#include "content_file.hpp"

#include "briefs/core/fs.hpp"

namespace briefs::content::detail {

namespace fs = std::filesystem;

ui_file find_ui_file(const fs::path& content_dir, const fs::path& theme_i18n, const std::string& lang) {
    ui_file f{content_dir / "i18n" / (lang + ".json")};
    std::error_code ec;
    if (fs::exists(f.path, ec) || theme_i18n.empty()) return f;
    const fs::path theirs = theme_i18n / (lang + ".json");
    if (!fs::exists(theirs, ec)) return f;
    f.root = fs::canonical(theme_i18n, ec);
    if (ec) return f;
    f.path = theirs;
    f.from_theme = true;
    return f;
}

}  // namespace briefs::content::detail
