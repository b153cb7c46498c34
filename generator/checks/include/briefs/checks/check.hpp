#pragma once
/// briefs::checks — `briefs check`: every check of the build, and those that need the whole site.
///
/// Owns: running the build in memory (content, templates, links written in Markdown), checks over the
/// generated pages (links the templates make, links between the two languages, pages nothing links
/// to), unfinished briefs, and the translation-coverage report, as text, JSON or an HTML page (the
/// preview's /_status/). Does not own: how any of it is built.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/core/diagnostic.hpp"
#include "briefs/sitegraph/build.hpp"

namespace briefs::checks {

/// One line of the coverage table: how many of `total` items are written in each language.
struct coverage_row {
    std::string what;  ///< "region names", "brief bodies", …
    std::size_t zh = 0;
    std::size_t en = 0;
    std::size_t total = 0;
};

/// A file of the site that replaces the theme's file of the same name (docs/themes.md).
struct theme_override {
    std::string site_file;   ///< as shown in messages ("templates/home.html")
    std::string theme_file;  ///< the theme's file it replaces
};

struct report {
    core::diagnostics findings;       ///< sorted; each names its check
    std::vector<coverage_row> coverage;
    std::size_t pages = 0;            ///< pages checked
    std::string theme;                ///< where the theme is; "" without one
    bool site_is_theme = false;       ///< the site's folders are the theme's own (this repository)
    std::vector<theme_override> overrides;
};

/// Runs every check on the site `opts` describes; writes nothing.
report run(const sitegraph::build_options& opts);

/// The report as `briefs check` prints it: findings, the theme and the files that override it, the
/// coverage table, a summary line.
std::string to_text(const report& r);
nlohmann::json to_json(const report& r);
/// A self-contained HTML page of the report (for the preview's /_status/).
std::string to_html(const report& r);

}  // namespace briefs::checks
