#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "briefs/content/model.hpp"
#include "briefs/core/diagnostic.hpp"

namespace briefs::content {

/// The Markdown files may be at most this large; larger ones are an error (cmark-gfm 0.29 has
/// quadratic cases, and no brief needs more).
inline constexpr std::uintmax_t max_markdown_bytes = 2u * 1024 * 1024;

/// What earlier loads read, so that the next one reads again only the region folders that changed:
/// `briefs serve` knows from its file watcher which ones did. Not thread-safe.
struct load_cache {
    struct entry {
        region value;                             ///< as loaded and checked
        std::shared_ptr<const void> source;       ///< its parsed region.json (for later messages)
        core::diagnostics found;                  ///< the warnings it gave
    };
    std::map<std::string, entry> regions;  ///< by folder name
    std::set<std::string> dirty;           ///< folders to read again
    bool everything_dirty = true;          ///< read every folder (the first load, or events were lost)
};

/// Loads and validates `dir` (a `content/` folder). Every mistake is added to `diags` with its
/// position; returns nullopt when any of them is an error. With a `cache`, region folders that are
/// neither new nor marked dirty are taken from it (site.json, i18n and the glossary are always read).
/// `theme_i18n`: the theme's interface strings (`<lang>.json`), read for each language that `dir/i18n/`
/// does not have (a site overrides the theme's files one by one); empty: the site must have both.
std::optional<site_content> load(const std::filesystem::path& dir, core::diagnostics& diags, load_cache* cache = nullptr,
                                 const std::filesystem::path& theme_i18n = {});

}  // namespace briefs::content
