#pragma once
/// briefs::sitegraph — the build: content + templates + assets → every file of the site.
///
/// Owns: which pages exist and where (`zh/regions/<id>/`…), the data each template gets, relative
/// links between pages, parallel rendering, and the build's phases (load → assemble → render →
/// publish). Does not own: parsing content (content), Markdown (markdown), ICU (i18n), the template
/// language (templates) or how files reach the disk (output).
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "briefs/core/diagnostic.hpp"
#include "briefs/output/sink.hpp"

namespace briefs::sitegraph {

struct build_options {
    std::filesystem::path content_dir = "content";
    std::filesystem::path templates_dir = "templates";
    std::filesystem::path assets_dir = "assets";
    std::filesystem::path out_dir = "site";
    std::optional<std::string> base_url;  ///< overrides site.json's base_url when set
    unsigned threads = 0;                 ///< 0: one per core
    /// Called from worker threads as pages finish (done, total); may be empty.
    std::function<void(std::size_t, std::size_t)> progress;
};

struct build_stats {
    std::size_t pages = 0;  ///< HTML pages
    std::size_t files = 0;  ///< every file written, pages included
};

/// Renders the whole site into `out`. Returns nullopt when any error was found (all of them are in
/// `diags`); `out` may then hold some files, which the caller discards.
std::optional<build_stats> render_site(const build_options& opts, output::sink& out, core::diagnostics& diags);

/// Renders into a staging folder and, when there is no error, replaces `opts.out_dir` with it in one
/// step. On any error the previous site is left untouched.
std::optional<build_stats> build(const build_options& opts, core::diagnostics& diags);

}  // namespace briefs::sitegraph
