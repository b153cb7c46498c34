#pragma once
/// briefs::content — `briefs new` and `briefs init`: skeletons of a region, a brief or a whole site
/// that build at once.
///
/// A new region or brief is a draft (shown by `briefs serve`, left out of `briefs build`) whose texts
/// are `TODO` placeholders: `briefs check` reports it as unfinished and untranslated, not as broken.
#include <filesystem>
#include <string>
#include <vector>

#include "briefs/core/diagnostic.hpp"

namespace briefs::content {

struct new_region_options {
    std::string id;      ///< ASCII slug; the folder's name
    std::string parent;  ///< "" for a top-level city
    std::string name_zh;
    std::string name_en;
    std::string level;   ///< "" to choose: "city" without a parent, else "district"
    std::string period;  ///< its first brief
};

/// Writes content/regions/<id>/region.json and <period>.zh.md. Returns the files written, or an
/// empty list with the reason in `diags`.
std::vector<std::filesystem::path> new_region(const std::filesystem::path& content_dir, const new_region_options& opts,
                                              core::diagnostics& diags);

/// Adds a draft brief for `period` to an existing region (region.json keeps its order and layout
/// style) and writes its <period>.zh.md.
std::vector<std::filesystem::path> new_brief(const std::filesystem::path& content_dir, const std::string& region,
                                             const std::string& period, core::diagnostics& diags);

/// `briefs init`: copies the site skeleton `skeleton` (installed with the theme: site.json with
/// placeholders, an example region with a brief in both languages, .gitignore, README.md) into `dir`,
/// which must not exist or be empty. Returns the files written, or an empty list with the reason in
/// `diags` (a folder that is not empty is refused before anything is written).
std::vector<std::filesystem::path> new_site(const std::filesystem::path& dir, const std::filesystem::path& skeleton,
                                            core::diagnostics& diags);

}  // namespace briefs::content
