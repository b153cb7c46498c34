#pragma once
/// briefs::core — a folder seen through layers, like Hugo's layouts over a theme: a file of an earlier
/// layer hides the file at the same relative path in later ones (a site's templates/ over the installed
/// theme's). Layers that do not exist are skipped.
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "briefs/core/diagnostic.hpp"

namespace briefs::core {

/// `site` over `theme`: {site, theme}, or {site} when there is no theme (empty path) or when both are
/// the same folder (a site that is itself the theme, as this repository is).
std::vector<std::filesystem::path> layers(const std::filesystem::path& site, const std::filesystem::path& theme);

/// Whether any layer is a folder.
bool any_layer_exists(const std::vector<std::filesystem::path>& layers);

struct layered_file {
    std::filesystem::path path;  ///< the file that wins
    std::size_t layer = 0;       ///< the index of its layer
};

/// Every regular file under the layers, by its path relative to its layer, in path order. A folder
/// that cannot be listed is an error in `diags`.
std::map<std::filesystem::path, layered_file> list_layered(const std::vector<std::filesystem::path>& layers, diagnostics& diags);

/// The files of `site` that hide one of `theme` (relative paths, in path order).
std::vector<std::filesystem::path> overridden(const std::filesystem::path& site, const std::filesystem::path& theme,
                                              diagnostics& diags);

}  // namespace briefs::core
