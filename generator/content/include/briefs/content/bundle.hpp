#pragma once
/// briefs::content — the rules of page bundles: what a brief's body may reference among the files of
/// its region's folder (`region::files`), and what is wrong with a body's references, raw HTML and
/// footnotes. The loader lists and reads the folder's files; the build checks each body from the one
/// parse that renders it (`markdown::options::with_inspection`), and decides from all of a region's
/// bodies which files are published.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "briefs/content/model.hpp"
#include "briefs/core/diagnostic.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::content {

/// What one body references among its region's files, and what is wrong in it.
struct body_check {
    std::set<std::string> used;              ///< names of the folder's files it links to or shows
    std::vector<core::diagnostic> findings;  ///< at their line and column in the body (check "content")
    /// Where the references reported as errors start (line, column): not to be checked again as links.
    std::set<std::pair<int, int>> refused;
};

/// Checks a body of region `r` (shown as `shown`) from what its parse found: raw HTML (dropped),
/// footnotes that do not work, images without text or loaded from another site, images from elsewhere
/// than the brief's folder, and files it names that the folder does not have.
body_check check_body(const region& r, const std::string& shown, const markdown::inspection& found);

/// The region's findings once every body is checked, given the names its bodies use: the used files
/// that cannot be published (errors at the file) and the folder's other entries (warnings: not published).
std::vector<core::diagnostic> check_folder(const region& r, const std::set<std::string>& used);

/// Both checks for every body of the region, each body parsed for it (`markdown::inspect`): for a
/// build that stops before its pages are made, so that it still reports every mistake.
void check_bundle_parsing(const region& r, core::diagnostics& diags);

}  // namespace briefs::content
