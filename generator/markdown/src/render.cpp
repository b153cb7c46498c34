#include "briefs/markdown/render.hpp"

#include <cctype>
#include <cstdlib>
#include <mutex>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace briefs::markdown {
namespace {

constexpr int k_options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;

/// Owns a parser with the GFM extensions we publish with, and the document it produced.
class parsed_document {
public:
    explicit parsed_document(std::string_view md) {
        static std::once_flag once;
        std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
        parser_ = cmark_parser_new(k_options);
        for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
            if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser_, ext);
        }
        cmark_parser_feed(parser_, md.data(), md.size());
        doc_ = cmark_parser_finish(parser_);
    }
    ~parsed_document() {
        if (doc_) cmark_node_free(doc_);
        if (parser_) cmark_parser_free(parser_);
    }
    parsed_document(const parsed_document&) = delete;
    parsed_document& operator=(const parsed_document&) = delete;

    cmark_node* root() const { return doc_; }
    cmark_llist* extensions() const { return cmark_parser_get_syntax_extensions(parser_); }

    std::string html(cmark_node* node) const {
        char* out = cmark_render_html(node, k_options, extensions());
        std::string s = out ? out : "";
        std::free(out);
        return s;
    }

private:
    cmark_parser* parser_ = nullptr;
    cmark_node* doc_ = nullptr;
};

template <typename F>
void walk(cmark_node* root, F&& f) {
    cmark_iter* it = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        if (ev == CMARK_EVENT_ENTER) f(cmark_iter_get_node(it));
    }
    cmark_iter_free(it);
}

std::string plain_text(cmark_node* node) {
    std::string out;
    walk(node, [&](cmark_node* n) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* s = cmark_node_get_literal(n)) out += s;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            default:
                break;
        }
    });
    const auto b = out.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return out.substr(b, out.find_last_not_of(" \t") - b + 1);
}

/// cmark counts columns in bytes; messages count characters (台 is one column, not three).
int char_column(std::string_view md, int line, int byte_column) {
    std::size_t at = 0;
    for (int l = 1; l < line && at != std::string_view::npos; ++l) {
        at = md.find('\n', at);
        if (at != std::string_view::npos) ++at;
    }
    if (at == std::string_view::npos) return byte_column;
    int column = 1;
    for (std::size_t i = at; i < md.size() && i < at + static_cast<std::size_t>(std::max(byte_column - 1, 0)); ++i) {
        if ((static_cast<unsigned char>(md[i]) & 0xC0) != 0x80) ++column;
    }
    return column;
}

heading to_heading(std::string_view md, cmark_node* n) {
    const int line = cmark_node_get_start_line(n);
    return {cmark_node_get_heading_level(n), plain_text(n), line, char_column(md, line, cmark_node_get_start_column(n))};
}

bool is_relative(std::string_view url) {
    if (url.empty() || url[0] == '/' || url[0] == '#' || url[0] == '?') return false;
    // A scheme (RFC 3986): a letter, then letters, digits, '+', '-' or '.', then ':'.
    if (!std::isalpha(static_cast<unsigned char>(url[0]))) return true;
    for (char c : url) {
        if (c == ':') return false;
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return true;
    }
    return true;
}

}  // namespace

rendered render(std::string_view md, const options& opts) {
    parsed_document doc(md);
    rendered result;

    std::vector<cmark_node*> heading_nodes;
    std::vector<cmark_node*> link_nodes;
    walk(doc.root(), [&](cmark_node* n) {
        const auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HEADING) heading_nodes.push_back(n);
        else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) link_nodes.push_back(n);
    });

    for (cmark_node* n : link_nodes) {
        std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
        if (!opts.relative_prefix.empty() && is_relative(url)) {
            url = opts.relative_prefix + url;
            cmark_node_set_url(n, url.c_str());
        }
        const int line = cmark_node_get_start_line(n);
        result.links.push_back({url, line, char_column(md, line, cmark_node_get_start_column(n))});
    }

    // Headings are replaced, after the walk, by custom blocks holding the HTML we want.
    for (cmark_node* n : heading_nodes) {
        heading h = to_heading(md, n);
        result.headings.push_back(h);
        if (!opts.on_heading) continue;
        const heading_output out = opts.on_heading(h);
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
    return result;
}

std::vector<section> sections(std::string_view md, const options& opts) {
    parsed_document doc(md);
    std::vector<section> out(1);
    auto add_text = [&](const std::string& t) {
        if (t.empty()) return;
        std::string& into = out.back().text;
        if (!into.empty()) into += '\n';
        into += t;
    };
    for (cmark_node* block = cmark_node_first_child(doc.root()); block; block = cmark_node_next(block)) {
        if (cmark_node_get_type(block) == CMARK_NODE_HEADING) {
            section s;
            s.source = to_heading(md, block);
            s.title = s.source.text;
            if (opts.on_heading) {
                const heading_output o = opts.on_heading(s.source);
                s.id = o.id;
                if (!o.replace_text.empty()) s.title = o.replace_text;
            }
            out.push_back(std::move(s));
            continue;
        }
        // Paragraphs, list items and table cells each add their own text, so words never run together.
        walk(block, [&](cmark_node* n) {
            const auto type = cmark_node_get_type(n);
            if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_CODE_BLOCK) {
                add_text(type == CMARK_NODE_CODE_BLOCK ? std::string(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "") : plain_text(n));
            } else if (std::string_view(cmark_node_get_type_string(n)) == "table_cell") {
                add_text(plain_text(n));
            }
        });
    }
    if (out.front().text.empty()) out.erase(out.begin());
    return out;
}

std::vector<heading> headings(std::string_view md) {
    parsed_document doc(md);
    std::vector<heading> out;
    walk(doc.root(), [&](cmark_node* n) {
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING) out.push_back(to_heading(md, n));
    });
    return out;
}

}  // namespace briefs::markdown
