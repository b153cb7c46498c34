// Template links: the links a rendered page carries that its templates made (not its Markdown body,
// whose links are checked at their line in the Markdown), each against every file of the site.
#include <set>
#include <string_view>

#include "briefs/core/diagnostic.hpp"
#include "briefs/core/url.hpp"
#include "briefs/templates/engine.hpp"
#include "pages.hpp"

namespace briefs::sitegraph::detail {
namespace {

struct emitted_link {
    std::string href;
    std::size_t offset = 0;  ///< of the attribute's value in the page
    bool switcher = false;   ///< the language switcher or an hreflang alternate (may cross languages)
};

/// The href, src and action attributes of a page the generator made. Its templates and the Markdown
/// renderer always quote attribute values with '"' and escape '"' inside them, so a scan for
/// ` href="` finds every one; entity references in URLs are only `&amp;`, decoded here.
std::vector<emitted_link> emitted_links(std::string_view html) {
    std::vector<emitted_link> out;
    for (std::size_t at = 0; (at = html.find('=', at)) != std::string_view::npos; ++at) {
        if (at + 1 >= html.size() || html[at + 1] != '"') continue;
        std::string_view name;
        for (std::string_view n : {"href", "src", "action"}) {
            if (at > n.size() && html.substr(at - n.size(), n.size()) == n && html[at - n.size() - 1] == ' ') name = n;
        }
        if (name.empty()) continue;
        const std::size_t start = at + 2;
        const std::size_t end = html.find('"', start);
        if (end == std::string_view::npos) break;
        std::string href(html.substr(start, end - start));
        for (std::size_t amp; (amp = href.find("&amp;")) != std::string::npos;) href.replace(amp, 5, "&");
        // The tag the attribute is in: from the last '<' before it to the next '>'.
        const std::size_t open = html.rfind('<', at);
        const std::size_t close = html.find('>', end);
        const std::string_view tag = html.substr(open, (close == std::string_view::npos ? html.size() : close) - open);
        const bool switcher = tag.find("data-lang-switch") != std::string_view::npos || tag.find("hreflang=") != std::string_view::npos;
        out.push_back({std::move(href), start, switcher});
        at = end;
    }
    return out;
}

std::string lang_of(const std::string& file) {
    if (file.starts_with("zh/")) return "zh";
    if (file.starts_with("en/")) return "en";
    return "";
}

}  // namespace

void assembler::check_template_links(const page_job& job, std::string_view html, const templates::engine& engine,
                                     const std::string& template_path, const std::vector<std::string>& body_targets,
                                     core::diagnostics& diags) const {
    const std::string root = root_of(job.url);
    if (job.kind == page_kind::not_found) return;  // served at any depth: its links are made at run time
    const std::set<std::string> from_body(body_targets.begin(), body_targets.end());
    for (const auto& l : emitted_links(html)) {
        if (core::classify_href(l.href) != core::href_kind::relative) continue;  // same page, or another site
        const auto target = core::resolve_in_site(job.url, l.href);
        // A link of the Markdown body has been judged at its line in the Markdown.
        if (target && from_body.count(target->file)) continue;
        std::string problem;
        if (!target) {
            problem = "leads outside the site";
        } else if (!page_by_file_.count(target->file) && !asset_files_.count(target->file)) {
            problem = "leads to " + target->file + ", which is not a file of the site";
        } else if (const auto page = page_by_file_.find(target->file);
                   page != page_by_file_.end() && target->file.ends_with(".html") && !target->fragment.empty() &&
                   !page_ids(jobs_[page->second]).count(target->fragment)) {  // a PDF's "#page=2" is the reader's
            problem = "leads to " + target->file + ", which has no section \"#" + target->fragment + "\"";
        } else if (const std::string from = job.lang, to = lang_of(target->file); !l.switcher && !from.empty() && !to.empty() && from != to) {
            problem = std::string("leads from ") + (from == "zh" ? "a Chinese" : "an English") + " page into the other language's pages (" +
                      target->file + ") other than through the language switcher";
        }
        if (problem.empty()) continue;
        // Reported where the template wrote it (the link without the page's way up to the root, which
        // templates write as {{root}}), so that every page it makes gives the same one finding; failing
        // that, at the top of the page's template, naming the page and the line.
        const std::string written = l.href.starts_with(root) && !root.empty() ? l.href.substr(root.size()) : l.href;
        if (const auto at = engine.locate(job.template_name, written)) {
            diags.add({at->path, at->line, at->column, core::severity::error, "link \"" + written + "\" " + problem, "links"});
        } else {
            const auto pos = core::position_of(html, l.offset);
            diags.add({template_path, 1, 1, core::severity::error,
                       "link \"" + l.href + "\" on page " + job.file + " (line " + std::to_string(pos.line) + ", column " +
                           std::to_string(pos.column) + ") " + problem, "links"});
        }
    }
}

}  // namespace briefs::sitegraph::detail
