#include "content_file.hpp"

#include "briefs/core/fs.hpp"
#include "briefs/i18n/text.hpp"

namespace briefs::content::detail {

namespace fs = std::filesystem;

namespace {

std::string hex(unsigned char c) {
    const char* d = "0123456789ABCDEF";
    return {d[c >> 4], d[c & 15]};
}

}  // namespace

std::optional<std::string> read_content_file(const fs::path& path, const fs::path& root, core::diagnostics& diags,
                                             std::uintmax_t max_bytes) {
    const std::string shown = core::display_path(path);
    std::error_code ec;
    const auto real = fs::canonical(path, ec);
    if (!ec) {
        const auto rel = real.lexically_relative(root);
        if (rel.empty() || *rel.begin() == "..") {
            diags.error(shown, 0, 0, "is a link to a file outside the content folder (" + real.string() + "); refusing to read it");
            return std::nullopt;
        }
    }
    std::string why;
    auto text = core::read_file(path, why, max_bytes);
    if (!text) {
        diags.error(shown, 0, 0, why);
        return std::nullopt;
    }
    if (auto bad = i18n::first_invalid_utf8(*text)) {
        const auto pos = core::position_of(*text, *bad);
        diags.error(shown, pos.line, pos.column, "invalid UTF-8 (byte 0x" + hex(static_cast<unsigned char>((*text)[*bad])) + "); save the file as UTF-8");
        return std::nullopt;
    }
    if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
    return text;
}

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
