#include "limits.hpp"

#include <vector>

#include "briefs/markdown/render.hpp"

namespace briefs::markdown::detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// The line without its indentation and block-quote markers.
std::string_view content_of(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && (is_blank(line[i]) || line[i] == '>')) ++i;
    std::string_view rest = line.substr(i);
    while (!rest.empty() && is_blank(rest.back())) rest.remove_suffix(1);
    return rest;
}

/// The number of columns of a GFM table delimiter row (`| :-- | --: |`), or 0 when it is not one.
std::size_t delimiter_columns(std::string_view s) {
    bool pipe = false;
    bool dash = false;
    std::size_t columns = 0;
    for (char c : s) {
        if (c == '|') {
            pipe = true;
            columns += dash;
            dash = false;
        } else if (c == '-') {
            dash = true;
        } else if (c != ':' && !is_blank(c)) {
            return 0;
        }
    }
    columns += dash;
    return pipe ? columns : 0;
}

/// After list markers (`- `, `* `, `+ `, `1. `, `1) `) as well: where a heading may start.
bool may_be_heading(std::string_view s) {
    while (true) {
        if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && is_blank(s[1])) {
            s.remove_prefix(2);
        } else {
            std::size_t d = 0;
            while (d < s.size() && d < 9 && s[d] >= '0' && s[d] <= '9') ++d;
            if (d == 0 || d + 1 >= s.size() || (s[d] != '.' && s[d] != ')') || !is_blank(s[d + 1])) break;
            s.remove_prefix(d + 2);
        }
        while (!s.empty() && (is_blank(s.front()) || s.front() == '>')) s.remove_prefix(1);
    }
    if (s.empty()) return false;
    if (s.front() == '#') return true;
    // A setext underline: only '=' or only '-' (spaces allowed).
    const char u = s.front();
    if (u != '=' && u != '-') return false;
    for (char c : s) {
        if (c != u && !is_blank(c)) return false;
    }
    return true;
}

bool in_address(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '@' || c == '.' ||
           c == '-' || c == '_' || c == '+';
}

}  // namespace

budget scan(std::string_view md) {
    budget b;
    // Lines, and for each line the index of the next blank line (where a table ends at the latest).
    std::vector<std::size_t> starts;
    for (std::size_t at = 0; at <= md.size();) {
        starts.push_back(at);
        const std::size_t nl = md.find('\n', at);
        if (nl == std::string_view::npos) break;
        at = nl + 1;
    }
    const std::size_t lines = starts.size();
    auto line = [&](std::size_t i) {
        const std::size_t end = i + 1 < lines ? starts[i + 1] - 1 : md.size();
        return md.substr(starts[i], end - starts[i]);
    };
    std::vector<std::size_t> next_blank(lines + 1, lines);
    for (std::size_t i = lines; i-- > 0;) next_blank[i] = content_of(line(i)).empty() ? i : next_blank[i + 1];

    for (std::size_t i = 0; i < lines; ++i) {
        const std::string_view s = content_of(line(i));
        if (s.empty()) continue;
        if (may_be_heading(s)) ++b.heading_candidates;
        if (i == 0) continue;  // a delimiter row needs a header row above it
        if (const std::size_t columns = delimiter_columns(s)) {
            const std::size_t rows = next_blank[i] - i;  // the header, then each line up to a blank one
            b.table_cells += columns * rows;
            if (b.tables_ok && b.table_cells > max_table_cells) {
                b.tables_ok = false;
                const std::string_view header = line(i - 1);
                std::size_t indent = 0;
                while (indent < header.size() && (is_blank(header[indent]) || header[indent] == '>')) ++indent;
                b.table_offset = starts[i - 1] + indent;
                b.table_columns = columns;
                b.table_rows = rows;
            }
        }
    }

    for (std::size_t i = 0; i < md.size(); ++i) {
        const char c = md[i];
        const bool punct = (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
        if (!punct && c != '\n') continue;
        if (++b.markup > max_markup && b.markup_ok) {
            b.markup_ok = false;
            b.markup_offset = i;
        }
    }

    for (std::size_t i = 0; i < md.size();) {
        if (!in_address(md[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        std::size_t ats = 0;
        for (; i < md.size() && in_address(md[i]); ++i) ats += md[i] == '@';
        if (ats == 0) continue;
        b.autolink_work += ats * (i - start);
        if (b.autolinks_ok && b.autolink_work > max_autolink_work) {
            b.autolinks_ok = false;
            b.autolink_offset = start;
            b.autolink_ats = ats;
            b.autolink_length = i - start;
        }
    }
    return b;
}

}  // namespace briefs::markdown::detail
