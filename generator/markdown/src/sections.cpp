// A document's sections as plain text (for the search index and descriptions), from the same parse as
// its HTML when the caller asks render() for both.
#include "document.hpp"

namespace briefs::markdown {
namespace detail {

std::vector<section> collect_sections(cmark_node* root, columns& cols, const std::vector<heading_output>* heading_out) {
    std::vector<section> out(1);
    auto add_text = [&](const std::string& t) {
        if (t.empty()) return;
        std::string& into = out.back().text;
        if (!into.empty()) into += '\n';
        into += t;
    };
    std::size_t k = 0;  // headings seen, in document order
    walk(root, [&](cmark_node* n) {
        const auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_HEADING) {
            const std::size_t index = k++;
            if (cmark_node_parent(n) != root) return;  // a heading in a quote or a list: text, as before
            section s;
            s.source = to_heading(cols, n);
            s.title = s.source.text;
            if (heading_out && index < heading_out->size()) {
                const heading_output& o = (*heading_out)[index];
                s.id = o.id;
                if (!o.replace_text.empty()) s.title = o.replace_text;
            }
            out.push_back(std::move(s));
            return;
        }
        // Paragraphs, list items and table cells each add their own text, so words never run together.
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_CODE_BLOCK) {
            add_text(type == CMARK_NODE_CODE_BLOCK ? std::string(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "") : plain_text(n));
        } else if (std::string_view(cmark_node_get_type_string(n)) == "table_cell") {
            add_text(plain_text(n));
        }
    });
    if (out.front().text.empty()) out.erase(out.begin());
    return out;
}

}  // namespace detail

std::size_t documents_parsed() { return detail::parse_counter.load(std::memory_order_relaxed); }

}  // namespace briefs::markdown
