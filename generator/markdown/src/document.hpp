#pragma once
// Internal to markdown: a parsed cmark-gfm document and the helpers that read it (shared by
// render.cpp and sections.cpp).
#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "briefs/markdown/render.hpp"
#include "limits.hpp"

namespace briefs::markdown::detail {

/// Documents parsed so far by this process (documents_parsed()).
inline std::atomic<std::size_t> parse_counter{0};

inline constexpr int k_options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_FOOTNOTES;

/// Owns a parser with the GFM extensions we publish with, and the document it produced. An extension
/// whose work on this body would not be bounded (detail::scan) is left out.
class parsed_document {
public:
    explicit parsed_document(std::string_view md) {
        static std::once_flag once;
        std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
        parser_ = cmark_parser_new(k_options);
        const detail::budget cost = detail::scan(md);
        for (const char* name : {"table", "strikethrough", "autolink", "tagfilter"}) {
            if (!cost.tables_ok && std::string_view(name) == "table") continue;
            if (!cost.autolinks_ok && std::string_view(name) == "autolink") continue;
            if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser_, ext);
        }
        parse_counter.fetch_add(1, std::memory_order_relaxed);
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

inline std::string plain_text(cmark_node* node) {
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

/// cmark counts columns in bytes; messages count characters (台 is one column, not three). Positions
/// are asked for in document order, so each is counted on from the previous one: linear in the body.
class columns {
public:
    explicit columns(std::string_view md) : md_(md) {
        starts_.push_back(0);
        for (std::size_t i = md.find('\n'); i != std::string_view::npos; i = md.find('\n', i + 1)) starts_.push_back(i + 1);
    }

    int at(int line, int byte_column) {
        if (line < 1 || static_cast<std::size_t>(line) > starts_.size()) return byte_column;
        const std::size_t begin = starts_[static_cast<std::size_t>(line) - 1];
        const std::size_t target = std::min(md_.size(), begin + static_cast<std::size_t>(std::max(byte_column - 1, 0)));
        if (line != line_ || target < offset_) {  // start again from the beginning of the line
            line_ = line;
            offset_ = begin;
            column_ = 1;
        }
        for (; offset_ < target; ++offset_) {
            if ((static_cast<unsigned char>(md_[offset_]) & 0xC0) != 0x80) ++column_;
        }
        return column_;
    }

private:
    std::string_view md_;
    std::vector<std::size_t> starts_;
    int line_ = 0;
    std::size_t offset_ = 0;
    int column_ = 1;
};

inline heading to_heading(columns& cols, cmark_node* n) {
    const int line = cmark_node_get_start_line(n);
    return {cmark_node_get_heading_level(n), plain_text(n), line, cols.at(line, cmark_node_get_start_column(n))};
}

/// The sections of a parsed document (markdown::render with `options::with_sections`), before anything in it is rewritten:
/// `heading_out[k]` is what the heading hook said of the k-th heading (in document order), if it was called.
std::vector<section> collect_sections(cmark_node* root, columns& cols, const std::vector<heading_output>* heading_out);

}  // namespace briefs::markdown::detail
