#include "briefs/core/layers.hpp"

#include "briefs/core/fs.hpp"

namespace briefs::core {

namespace fs = std::filesystem;

std::vector<fs::path> layers(const fs::path& site, const fs::path& theme) {
    std::error_code ec;
    if (theme.empty() || fs::equivalent(site, theme, ec)) return {site};
    return {site, theme};
}

bool any_layer_exists(const std::vector<fs::path>& layers) {
    std::error_code ec;
    for (const auto& l : layers) {
        if (fs::is_directory(l, ec)) return true;
    }
    return false;
}

std::map<fs::path, layered_file> list_layered(const std::vector<fs::path>& layers, diagnostics& diags) {
    std::map<fs::path, layered_file> out;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::error_code ec;
        if (!fs::is_directory(layers[i], ec)) continue;
        // list_files reports loops of links, folders that cannot be searched and links to nothing.
        std::vector<fs_problem> problems;
        for (const auto& f : list_files(layers[i], true, problems)) out.try_emplace(f.lexically_relative(layers[i]), layered_file{f, i});
        for (const auto& p : problems) {
            if (p.error) diags.error(display_path(p.path), 0, 0, p.message);
            else diags.warning(display_path(p.path), 0, 0, p.message);
        }
    }
    return out;
}

std::vector<fs::path> overridden(const fs::path& site, const fs::path& theme, diagnostics& diags) {
    const auto both = layers(site, theme);
    std::vector<fs::path> out;
    if (both.size() < 2) return out;
    const auto theirs = list_layered({theme}, diags);
    for (const auto& [rel, file] : list_layered({site}, diags)) {
        if (theirs.count(rel)) out.push_back(rel);
    }
    return out;
}

}  // namespace briefs::core
