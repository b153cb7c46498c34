#pragma once
/// briefs::sitegraph — the build: content + templates + assets → every file of the site.
///
/// Owns: which pages exist and where (`zh/regions/<id>/`…), the data each template gets, relative
/// links between pages, what each page depends on (for incremental builds), parallel rendering, and
/// the build's phases (load → assemble → render → check → publish). Does not own: parsing content (content),
/// Markdown (markdown), ICU (i18n), the template language (templates) or how files reach the disk
/// (output).
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "briefs/content/load.hpp"
#include "briefs/core/diagnostic.hpp"
#include "briefs/output/build_cache.hpp"
#include "briefs/output/pack_store.hpp"
#include "briefs/output/sink.hpp"

namespace briefs::i18n {
class text_memo;
}

namespace briefs::sitegraph {

/// A theme: the default templates, assets and interface strings (installed with briefs) under which a
/// site's own templates/, assets/ and content/i18n/ are laid, file by file (docs/themes.md). Empty
/// paths: no theme, the site has everything itself.
struct theme_dirs {
    std::filesystem::path root;       ///< where the theme is (for messages and `briefs check`)
    std::filesystem::path templates;  ///< files the site's templates/ does not have come from here
    std::filesystem::path assets;     ///< … the site's assets/
    std::filesystem::path i18n;       ///< … the site's content/i18n/ (zh.json, en.json)
};

/// Each brief's part of the search index, kept by a caller across builds (`briefs serve`): a rebuild
/// then segments only the briefs that changed.
class search_memo {
public:
    search_memo();
    ~search_memo();
    search_memo(const search_memo&) = delete;
    search_memo& operator=(const search_memo&) = delete;
    [[nodiscard]] std::shared_ptr<const void> find(const std::string& key) const;
    void keep(const std::string& key, std::shared_ptr<const void> part);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A brief's Chinese headings as the build's view of its body found them (one parse per body and
/// language, whoever asked first), and how many of them the brief's headings map translates.
struct brief_headings {
    std::string region;  ///< the region's id
    std::string period;
    std::size_t headings = 0;
    std::size_t translated = 0;
};

struct build_options {
    std::filesystem::path content_dir = "content";
    std::filesystem::path templates_dir = "templates";
    std::filesystem::path assets_dir = "assets";
    theme_dirs theme;
    std::filesystem::path out_dir = "site";
    std::optional<std::string> base_url;  ///< overrides site.json's base_url when set
    unsigned threads = 0;                 ///< 0: one per core
    bool include_drafts = false;          ///< previews show drafts, with a badge
    /// With a cache, region folders that did not change since the last build are not read again.
    content::load_cache* content_cache = nullptr;
    /// Where the search index keeps each brief's part and each bucket between runs (set by `build`
    /// with a cache folder: its entry's packs): a build then segments only the briefs that changed and
    /// merges only the buckets they feed. May be null.
    output::pack_store* search_store = nullptr;
    /// Kept across builds by the caller (`briefs serve`): parts in memory. May be null.
    search_memo* search_parts = nullptr;
    /// Slugs' words and collation keys, kept across builds by the caller (`briefs serve`). May be null:
    /// the build then keeps its own.
    i18n::text_memo* text_memo = nullptr;
    /// Identifies the generator itself: outputs recorded by another generator are never reused.
    std::string generator_id;
    /// When it becomes true (e.g. on Ctrl-C) the build stops as soon as it can, as a failed build does.
    const std::atomic<bool>* cancel = nullptr;
    /// `build`: ignore what the cache knows of this output folder, render every page, and replace every
    /// file briefs wrote there (files it did not write are kept). Other output folders' entries stay.
    bool clean = false;
    /// When set, receives every brief's headings (`briefs check`'s coverage table) once the build has
    /// assembled the site, even when it then fails; left empty when it stops before (content or
    /// templates with errors). Briefs no page rendered this time are parsed for it.
    std::vector<brief_headings>* headings = nullptr;
    /// `build`: called once when another build holds the output folder's lock (this one then waits).
    std::function<void()> on_wait;
    /// Called from worker threads as pages finish (done, total); may be empty.
    std::function<void(std::size_t, std::size_t)> progress;
};

struct build_stats {
    std::size_t pages = 0;  ///< HTML pages
    std::size_t files = 0;  ///< every file of the site, pages included
};

/// What one output file depended on, contained and reported (kept between builds by output::build_cache).
using output_record = output::record;
using output_records = output::records;  ///< by file path inside the site

struct build_report {
    build_stats stats;
    std::size_t rendered = 0;                 ///< pages rendered this time
    std::size_t unchanged = 0;                ///< pages whose inputs had not changed (not rendered)
    std::vector<std::string> written;         ///< files whose bytes are new or changed, sorted
    std::vector<std::string> removed;         ///< files the site no longer has, sorted
    std::vector<std::string> changed_urls;    ///< URLs of pages written or removed, sorted
};

/// Renders the site into `out`, rendering only the pages whose inputs changed since `previous` (all
/// of them when it is empty) and writing only files whose bytes changed; files in `previous` that the
/// site no longer has are removed from `out`. `next` receives the records of this build. Returns
/// nullopt when any error was found (all are in `diags`); `out` may then have received some files,
/// which the caller discards.
std::optional<build_report> render_changes(const build_options& opts, const output_records& previous,
                                           output_records& next, output::sink& out, core::diagnostics& diags);

/// Renders the whole site into `out` (no previous build).
std::optional<build_stats> render_site(const build_options& opts, output::sink& out, core::diagnostics& diags);

/// `briefs build`: takes the output folder's lock, renders into a staging folder (a mirror of the
/// current site made of hard links) and, when there is no error, swaps it in for `opts.out_dir` in
/// one step. With a cache folder, a build after an earlier one renders only what changed and stages
/// only those files. Files in `out_dir` that briefs did not write are kept. On any error (or a kill)
/// the previous site is left untouched.
std::optional<build_report> build(const build_options& opts, const std::optional<std::filesystem::path>& cache_dir,
                                  core::diagnostics& diags);

}  // namespace briefs::sitegraph
