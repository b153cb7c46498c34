#include "briefs/markdown/render.hpp"

#include "briefs/core/url.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <mutex>
#include <set>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "briefs/core/diagnostic.hpp"
#include "document.hpp"
#include "limits.hpp"

namespace briefs::markdown {
namespace {

using detail::columns;
using detail::k_options;
using detail::parsed_document;
using detail::plain_text;
using detail::to_heading;
using detail::walk;



/// Footnote ids with the caller's prefix (cmark-gfm has no option for it). User text cannot make these
/// strings: its quotes are escaped, so each is an attribute the renderer wrote.
void prefix_footnotes(std::string& html, const options& opts) {
    auto replace_all = [&html](const std::string& from, const std::string& to) {
        for (std::size_t at = html.find(from); at != std::string::npos; at = html.find(from, at + to.size())) html.replace(at, from.size(), to);
    };
    if (!opts.footnote_prefix.empty()) {
        const std::string p = opts.footnote_prefix + "-";
        replace_all("<a href=\"#fn-", "<a href=\"#fn-" + p);
        replace_all("\" id=\"fnref-", "\" id=\"fnref-" + p);
        replace_all("<li id=\"fn-", "<li id=\"fn-" + p);
        replace_all("<a href=\"#fnref-", "<a href=\"#fnref-" + p);
    }
    if (!opts.footnote_back_label.empty()) {
        replace_all("aria-label=\"Back to content\"", "aria-label=\"" + escape_html(opts.footnote_back_label) + "\"");
    }
}

void footnote_problems(cmark_node* root, std::string_view md, std::vector<footnote_problem>& out);
inspection inspect_tree(cmark_node* root, std::string_view md);

}  // namespace

rendered render(std::string_view md, const options& opts) {
    if (!detail::scan(md).markup_ok) {
        rendered plain{"<p>" + escape_html(md) + "</p>\n", {}, {}, {}};
        if (opts.with_sections) plain.sections = {section{{}, "", "", std::string(md)}};
        return plain;
    }
    parsed_document doc(md);
    columns cols(md);
    rendered result;
    if (opts.with_inspection) result.found = inspect_tree(doc.root(), md);  // the destinations as written, before any is rewritten

    std::vector<cmark_node*> heading_nodes;
    std::vector<cmark_node*> link_nodes;
    walk(doc.root(), [&](cmark_node* n) {
        const auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HEADING) heading_nodes.push_back(n);
        else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) link_nodes.push_back(n);
    });

    // A file the caller publishes gets its URL (and an image its size); other relative links are rebased.
    std::vector<cmark_node*> checked;
    std::vector<std::pair<int, int>> sizes(link_nodes.size());
    for (std::size_t k = 0; k < link_nodes.size(); ++k) {
        cmark_node* n = link_nodes[k];
        std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
        if (opts.on_file && core::classify_href(url) == core::href_kind::relative) {
            if (auto f = opts.on_file(url)) {
                cmark_node_set_url(n, f->url.c_str());
                sizes[k] = {f->width, f->height};
                continue;
            }
        }
        if (!opts.relative_prefix.empty() && core::classify_href(url) == core::href_kind::relative) {
            url = opts.relative_prefix + url;
            cmark_node_set_url(n, url.c_str());
        }
        const int line = cmark_node_get_start_line(n);
        result.links.push_back({url, line, 0});
        checked.push_back(n);
    }
    const std::vector<cmark_node*> all_links = link_nodes;
    link_nodes = std::move(checked);
    // Positions in document order (links and headings interleave in it).
    {
        std::size_t l = 0, h = 0;
        auto before = [](cmark_node* a, cmark_node* b) {
            const int la = cmark_node_get_start_line(a), lb = cmark_node_get_start_line(b);
            return la < lb || (la == lb && cmark_node_get_start_column(a) <= cmark_node_get_start_column(b));
        };
        std::vector<heading> hs;
        while (l < link_nodes.size() || h < heading_nodes.size()) {
            if (h == heading_nodes.size() || (l < link_nodes.size() && before(link_nodes[l], heading_nodes[h]))) {
                result.links[l].column = cols.at(result.links[l].line, cmark_node_get_start_column(link_nodes[l]));
                ++l;
            } else {
                hs.push_back(to_heading(cols, heading_nodes[h++]));
            }
        }
        result.headings = std::move(hs);
    }

    // What the hook says of each heading, asked once; the sections (when asked for) are read now, from
    // the tree as parsed, before images and headings are rewritten.
    std::vector<heading_output> heading_out;
    if (opts.on_heading) {
        heading_out.reserve(result.headings.size());
        for (const auto& h : result.headings) heading_out.push_back(opts.on_heading(h));
    }
    if (opts.with_sections) {
        columns again(md);
        result.sections = detail::collect_sections(doc.root(), again, opts.on_heading ? &heading_out : nullptr);
    }

    // Every image is rendered by cmark (its URL made safe, its text alternative), with our attributes.
    for (std::size_t k = 0; k < all_links.size(); ++k) {
        if (cmark_node_get_type(all_links[k]) != CMARK_NODE_IMAGE) continue;
        std::string img = doc.html(all_links[k]);
        const auto end = img.rfind(" />");
        if (end == std::string::npos) continue;
        std::string extra;
        if (sizes[k].first > 0 && sizes[k].second > 0) {
            extra = " width=\"" + std::to_string(sizes[k].first) + "\" height=\"" + std::to_string(sizes[k].second) + "\"";
        }
        img.replace(end, 3, extra + " loading=\"lazy\" decoding=\"async\" />");
        cmark_node* custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_set_on_enter(custom, img.c_str());
        cmark_node_set_on_exit(custom, "");
        cmark_node_insert_before(all_links[k], custom);
        cmark_node_unlink(all_links[k]);
        cmark_node_free(all_links[k]);
    }

    // Headings are replaced, after the walk, by custom blocks holding the HTML we want.
    for (std::size_t k = 0; k < heading_nodes.size(); ++k) {
        cmark_node* n = heading_nodes[k];
        const heading& h = result.headings[k];
        if (!opts.on_heading) continue;
        const heading_output& out = heading_out[k];
        std::string inner;
        if (!out.replace_text.empty()) {
            inner = escape_html(out.replace_text);
        } else {
            // cmark renders the heading subtree safely; keep what is between <hN> and </hN>.
            inner = doc.html(n);
            const auto open_end = inner.find('>');
            const auto close = inner.rfind("</h");
            inner = (open_end != std::string::npos && close != std::string::npos && close > open_end)
                        ? inner.substr(open_end + 1, close - open_end - 1)
                        : std::string();
        }
        const std::string tag = std::string("h").append(1, static_cast<char>('0' + h.level));
        std::string html = std::string("<").append(tag);
        if (!out.id.empty()) html += " id=\"" + escape_html(out.id) + "\"";
        if (!out.lang.empty()) html += " lang=\"" + escape_html(out.lang) + "\"";
        html.append(">").append(inner).append(out.extra_html).append("</").append(tag).append(">\n");
        cmark_node* custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
        cmark_node_set_on_enter(custom, html.c_str());
        cmark_node_set_on_exit(custom, "");
        cmark_node_insert_before(n, custom);
        cmark_node_unlink(n);
        cmark_node_free(n);
    }

    result.html = doc.html(doc.root());
    if (result.html.find("data-footnote") != std::string::npos) prefix_footnotes(result.html, opts);
    return result;
}

std::vector<heading> headings(std::string_view md) {
    if (!detail::scan(md).markup_ok) return {};
    parsed_document doc(md);
    columns cols(md);
    std::vector<heading> out;
    walk(doc.root(), [&](cmark_node* n) {
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING) out.push_back(to_heading(cols, n));
    });
    return out;
}

namespace {

/// The ']' that closes a footnote label opened by "[^" at `open` (no whitespace or brackets inside,
/// as cmark-gfm reads one), or npos.
std::size_t footnote_label_end(std::string_view s, std::size_t open) {
    std::size_t i = open + 2;
    while (i < s.size() && s[i] != ']' && s[i] != '[' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return i < s.size() && s[i] == ']' && i > open + 2 ? i : std::string_view::npos;
}

/// cmark-gfm prints a reference with no definition as written, and drops a definition that nothing
/// references; neither is visible in the tree as such. References: "[^x]" left in text (found again
/// in the source, to give its position and to pass over "\[^x]", which the editor escaped). Definitions:
/// source lines that read "[^x]:" where the tree has neither a definition nor any other block.
void footnote_problems(cmark_node* root, std::string_view md, std::vector<footnote_problem>& out) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = md.find('\n'); i != std::string_view::npos; i = md.find('\n', i + 1)) starts.push_back(i + 1);
    std::set<int> kept;                       // lines where a definition the page shows starts
    std::vector<std::pair<int, int>> blocks;  // lines of leaf blocks: "[^x]:" there is text, not a definition
    cmark_consolidate_text_nodes(root);
    std::size_t cursor = 0;
    walk(root, [&](cmark_node* n) {
        const auto type = cmark_node_get_type(n);
        const int line = cmark_node_get_start_line(n);
        if (type == CMARK_NODE_FOOTNOTE_DEFINITION) {
            kept.insert(line);
        } else if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
            if (type != CMARK_NODE_DOCUMENT && type != CMARK_NODE_BLOCK_QUOTE && type != CMARK_NODE_LIST && type != CMARK_NODE_ITEM) {
                blocks.emplace_back(line, cmark_node_get_end_line(n));
            }
        } else if (type == CMARK_NODE_TEXT && line >= 1 && static_cast<std::size_t>(line) <= starts.size()) {
            const std::string_view text = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
            cursor = std::max(cursor, starts[static_cast<std::size_t>(line) - 1] + static_cast<std::size_t>(std::max(cmark_node_get_start_column(n) - 1, 0)));
            for (std::size_t at = text.find("[^"); at != std::string_view::npos; at = text.find("[^", at + 2)) {
                const std::size_t end = footnote_label_end(text, at);
                if (end == std::string_view::npos) continue;
                const std::string written(text.substr(at, end + 1 - at));
                const std::size_t where = md.find(written, cursor);
                if (where == std::string_view::npos) continue;  // written with entities: cannot be placed
                cursor = where + written.size();
                if (where > 0 && md[where - 1] == '\\') continue;
                const auto pos = core::position_of(md, where);
                out.push_back({pos.line, pos.column, written.substr(2, written.size() - 3), footnote_problem::kind::undefined});
            }
        }
    });
    std::set<std::string> defined;
    for (std::size_t l = 0; l < starts.size(); ++l) {
        const std::size_t end = l + 1 < starts.size() ? starts[l + 1] - 1 : md.size();
        const std::string_view text = md.substr(starts[l], end - starts[l]);
        const std::size_t open = text.find_first_not_of(" \t>");
        if (open == std::string_view::npos || !text.substr(open).starts_with("[^")) continue;
        const std::size_t close = footnote_label_end(text, open);
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') continue;
        const int line = static_cast<int>(l) + 1;
        const std::string label(text.substr(open + 2, close - open - 2));
        const bool again = !defined.insert(label).second;
        if (kept.count(line)) continue;
        if (std::any_of(blocks.begin(), blocks.end(), [&](const auto& b) { return b.first <= line && line <= b.second; })) continue;
        const auto pos = core::position_of(md, starts[l] + open);
        out.push_back({pos.line, pos.column, label, again ? footnote_problem::kind::repeated : footnote_problem::kind::unreferenced});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.line < b.line || (a.line == b.line && a.column < b.column); });
}

}  // namespace

namespace {

inspection inspect_tree(cmark_node* root, std::string_view md) {
    inspection out;
    columns cols(md);
    int last_html_line = 0;
    walk(root, [&](cmark_node* n) {
        const auto type = cmark_node_get_type(n);
        const int line = cmark_node_get_start_line(n);
        if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            reference r;
            r.url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
            r.line = line;
            r.column = cols.at(line, cmark_node_get_start_column(n));
            r.image = type == CMARK_NODE_IMAGE;
            if (r.image) r.alt = plain_text(n);
            out.references.push_back(std::move(r));
        } else if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
            std::string text = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
            const auto b = text.find_first_not_of(" \t\r\n");
            const auto e = text.find_last_not_of(" \t\r\n");
            if (b == std::string::npos) return;
            text = text.substr(b, e - b + 1);
            if (text.starts_with("<!--") && text.ends_with("-->")) return;  // a comment: dropping it is expected
            if (line == last_html_line) return;
            last_html_line = line;
            text = text.substr(0, text.find('\n'));
            if (text.size() > 60) {
                std::size_t cut = 60;
                while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
                text = text.substr(0, cut) + "…";
            }
            out.html.push_back({line, cols.at(line, cmark_node_get_start_column(n)), std::move(text)});
        }
    });
    footnote_problems(root, md, out.footnotes);
    return out;
}

}  // namespace

inspection inspect(std::string_view md) {
    if (!detail::scan(md).markup_ok) return {};  // published as escaped text: nothing to check
    parsed_document doc(md);
    return inspect_tree(doc.root(), md);
}

std::optional<std::string> local_file_name(std::string_view url) {
    if (url.starts_with("./")) url.remove_prefix(2);
    if (url.empty() || core::classify_href(url) != core::href_kind::relative) return std::nullopt;
    url = url.substr(0, url.find_first_of("?#"));
    if (url.empty() || url.find('/') != std::string_view::npos || url.find('\\') != std::string_view::npos) return std::nullopt;
    if (url == "." || url == "..") return std::nullopt;
    std::string name;
    auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10); };
    for (std::size_t i = 0; i < url.size(); ++i) {
        if (url[i] == '%' && i + 2 < url.size() && std::isxdigit(static_cast<unsigned char>(url[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(url[i + 2]))) {
            name += static_cast<char>(hex(url[i + 1]) * 16 + hex(url[i + 2]));
            i += 2;
        } else {
            name += url[i];
        }
    }
    if (name.find('/') != std::string::npos || name.find('\0') != std::string::npos) return std::nullopt;
    return name;
}

namespace {
std::string with_commas(std::size_t n) {
    std::string s = std::to_string(n);
    for (std::size_t i = s.size(); i > 3; i -= 3) s.insert(i - 3, ",");
    return s;
}
}  // namespace

std::vector<limit_finding> check_limits(std::string_view md) {
    const detail::budget cost = detail::scan(md);
    std::vector<limit_finding> out;
    auto at = [&](std::size_t offset, bool error, std::string message) {
        const auto pos = core::position_of(md, offset);
        out.push_back({pos.line, pos.column, error, std::move(message)});
    };
    if (!cost.markup_ok) {
        at(cost.markup_offset, true,
           "this body has more than " + with_commas(max_markup) +
               " markup characters (ASCII punctuation and line ends), each of which can make a node in memory: split it");
        return out;  // the other limits do not matter, and counting headings would parse it
    }
    if (!cost.tables_ok) {
        at(cost.table_offset, true,
           "this table has " + with_commas(cost.table_columns) + " columns and " + with_commas(cost.table_rows) +
               " rows, which would take " + with_commas(cost.table_columns * cost.table_rows) + " cells; the tables of a body may have " +
               with_commas(max_table_cells) + " cells in all (split the table, or remove empty columns)");
    }
    if (!cost.autolinks_ok) {
        at(cost.autolink_offset, false,
           "a run of " + with_commas(cost.autolink_length) + " characters with " + with_commas(cost.autolink_ats) +
               " '@' signs: matching email addresses in it would take too long, so this body's addresses and URLs are not made into links");
    }
    if (cost.heading_candidates > max_headings) {
        // The scan counts lines that may be headings; count the real ones (the parse is bounded now).
        const auto hs = headings(md);
        if (hs.size() > max_headings) {
            const auto& h = hs[max_headings];
            out.push_back({h.line, h.column, true,
                           "a body may have at most " + with_commas(max_headings) + " headings; this is heading " +
                               with_commas(max_headings + 1) + " of " + with_commas(hs.size())});
        }
    }
    return out;
}

}  // namespace briefs::markdown
