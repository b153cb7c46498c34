#pragma once
// Internal to sitegraph: how a brief's headings get their anchors (shared by both languages' pages)
// and, on English pages, their translations; used to render a body and to index its sections.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pages.hpp"

namespace briefs::sitegraph::detail {

class id_set {
public:
    id_set() = default;
    /// Also keeps `reserved` (a brief page's own ids: cards, notes, charts) from the headings.
    explicit id_set(const std::set<std::string>& reserved) { used_.insert(reserved.begin(), reserved.end()); }
    std::string unique(std::string slug, std::size_t index) {
        if (slug.empty()) slug = "section-" + std::to_string(index + 1);
        std::string id = slug;
        for (int n = 2; !used_.insert(id).second; ++n) id = slug + "-" + std::to_string(n);
        return id;
    }

private:
    std::set<std::string> used_{"top", "main", "contents", "key-figures", "sources", "children", "briefs", "moved", "more-figures", "figure-notes"};
};

/// The ids a brief's page gives its figures besides the fixed ones above: each metric's card
/// (`metric-<id>`) and note (`note-<id>`), and its charts (`chart-<n>`, with `-title` and `-desc`).
std::set<std::string> figure_ids(const content::brief& b);

struct body {
    std::string html;
    nlohmann::json toc = nlohmann::json::array();
    bool untranslated = false;          ///< an English page showing the Chinese body
    std::vector<markdown::link> links;  ///< the body's links, resolved from this page
    std::vector<markdown::section> sections;  ///< the body's sections as plain text (for search, descriptions)
    assembler::anchors anchors;               ///< the Chinese body's headings and their ids (Chinese bodies)
    std::optional<markdown::inspection> found;  ///< with `extra->with_inspection`, for a body in the page's own language
};

/// What the heading hook learns while a body renders (shared by the hook and the checks after it).
struct heading_state {
    std::vector<bool> used;  ///< Chinese headings an English heading has taken
    id_set extra;            ///< ids for English headings that match no Chinese one
    std::size_t index = 0;
    struct seen {
        int line = 0, column = 0;
        std::string text;
        std::size_t match = 0;  ///< the Chinese heading it translates; npos when none
    };
    std::vector<seen> english;  ///< the English body's headings, in order
    assembler::anchors given;   ///< the Chinese body's headings and the ids they were given, in order
};

/// How a page shows a brief's headings: which body it shows, and a hook giving each heading its
/// anchor (shared by both languages) and, on English pages, its translation. Used to render the body
/// and to index its sections for search, so both agree.
struct heading_plan {
    const std::string* markdown = nullptr;
    bool untranslated = false;  ///< an English page showing the Chinese body
    markdown::options opts;
    std::shared_ptr<heading_state> state;
};

void translation_warning(core::diagnostics& diags, const std::string& path, int line, int column, std::string message);

/// Plans how a page in `lang` shows brief `b`'s headings; findings go to `diags` when `report`, and
/// the table of contents to `toc` when given.
heading_plan plan_headings(const std::string& lang, const content::brief& b, const assembler::anchors& a, bool report,
                           core::diagnostics& diags, nlohmann::json* toc, i18n::text_memo& memo);

/// After an English body has rendered: missing, extra and reordered headings against the Chinese body.
void check_alignment(const content::brief& b, const assembler::anchors& a, const heading_state& st, core::diagnostics& diags);

/// A brief's body as a page in `lang` shows it; links resolved with `link_prefix`. `extra` gives the
/// page bundle's files (`on_file`) and the footnotes' back-link label. Slugs' words are kept in `memo`.
body render_body(const std::string& lang, const content::brief& b, const assembler::anchors& a, const std::string& link_prefix,
                 bool report, core::diagnostics& diags, i18n::text_memo& memo, const markdown::options* extra = nullptr);

}  // namespace briefs::sitegraph::detail
