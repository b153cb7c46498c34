#pragma once
// The content loader, shared by the files that implement it: load.cpp (the folder, regions, files),
// load_site.cpp (site.json, interface strings, topics, the glossary) and load_brief.cpp (a brief, its
// metrics and topic lists).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/load.hpp"
#include "briefs/core/diagnostic.hpp"
#include "briefs/core/json_source.hpp"

namespace briefs::content::detail {

namespace fs = std::filesystem;
using core::diagnostics;
using core::json_source;
using nlohmann::json;

inline const std::vector<std::string> k_levels = {"city", "county-level-city", "district", "county"};
inline const std::vector<std::string> k_polarities = {"higher-better", "lower-better", "neutral"};
inline const std::vector<std::string> k_bases = {"year-on-year", "since-start", "year-to-date", "to-date", "period"};
inline const std::vector<std::string> k_qualifiers = {"more-than", "nearly", "about"};
inline const std::vector<std::string> k_languages = {"zh", "en"};

/// Entries of a brief's lists and maps (metrics, sources, headings, topics): at most this many.
inline constexpr std::size_t max_brief_entries = 1000;

class loader {
public:
    loader(const fs::path& dir, diagnostics& diags, load_cache* cache = nullptr, fs::path theme_i18n = {})
        : dir_(dir), theme_i18n_(std::move(theme_i18n)), diags_(diags), cache_(cache) {}

    std::optional<site_content> run();

private:
    /// Reads a file of content/: refuses links that lead outside it (or outside `root`, canonical, for a
    /// theme's file), invalid UTF-8 and huge files.
    std::optional<std::string> read_text(const fs::path& path, std::uintmax_t max_bytes = 8u * 1024 * 1024, const fs::path* root = nullptr);
    static std::string hex(unsigned char c);
    std::optional<json_source> read_json(const fs::path& path, std::string* hash = nullptr, const fs::path* root = nullptr);
    void load_site(site_content& out);
    void load_ui(site_content& out, const std::string& lang);
    void check_ui_keys(const site_content& out);
    void load_regions(site_content& out);
    std::optional<region> load_region(const site_content& out, const fs::path& folder, const std::string& name);
    std::optional<brief> load_brief(const site_content& out, const json_source& src, const std::string& ptr, const json& value, const fs::path& folder);
    std::optional<metric> load_metric(const site_content& out, const json_source& src, const std::string& ptr, const json& value, const brief& b);
    /// A list of topic ids: unique slugs. Whether each is in topics.json is checked once all is read.
    std::optional<std::vector<std::string>> topic_list(const json_source& src, const std::string& ptr, const json& value);
    void load_topics(site_content& out);
    /// Every topic a brief names must be in topics.json.
    void check_topics(const site_content& out);
    /// The files of a region's folder beside its bodies (bundle.cpp): each read, hashed and, for an
    /// image, sized (`reg.files`; what cannot be published says why), and its other entries. What the
    /// bodies reference is checked by the build, from its parse of each body (briefs/content/bundle.hpp).
    void read_folder_files(const fs::path& folder, region& reg);
    void load_glossary(site_content& out);
    void check_regions(const site_content& out);
    /// A brief that would be published with `briefs new`'s placeholder date is an error.
    void check_unfinished_dates(const site_content& out);

    bool too_many(const json_source& src, const std::string& ptr, const json& value, const char* what);
    void check_body(const std::string& shown, std::string_view text);
    /// Whether `path` exists; a file-system error (a loop of links, a folder that cannot be searched)
    /// is reported at the path and counts as existing, so that it is not also reported as missing.
    bool exists(const fs::path& path);
    /// fs::canonical(path), resolving each folder once.
    fs::path canonical(const fs::path& path, std::error_code& ec);

    fs::path dir_;
    fs::path theme_i18n_;  ///< the theme's interface strings folder ("" when there is no theme)
    fs::path root_;
    diagnostics& diags_;
    std::map<std::string, json_source> ui_sources_;
    std::map<std::string, std::shared_ptr<const json_source>> region_sources_;
    load_cache* cache_ = nullptr;
    std::map<fs::path, fs::path> folders_;  ///< folder → its canonical path ("" when it has none)
};

}  // namespace briefs::content::detail
