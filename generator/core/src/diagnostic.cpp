#include "briefs/core/diagnostic.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace briefs::core {

namespace {
/// Control characters (but tab and line feed) and bidirectional formatting characters written as
/// \uXXXX, so that a message cannot drive the terminal or reorder what it shows. They are matched as
/// whole UTF-8 sequences: C0 and DEL (one byte), C1 (C2 80–9F), U+202A–202E (E2 80 AA–AE) and
/// U+2066–2069 (E2 81 A6–A9).
std::string terminal_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    auto escaped = [&](unsigned code) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", code);
        out += buf;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        const auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
            escaped(c);
        } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
            escaped(next(1));
            ++i;
        } else if (c == 0xE2 && ((next(1) == 0x80 && next(2) >= 0xAA && next(2) <= 0xAE) ||
                                 (next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9))) {
            escaped(next(1) == 0x80 ? 0x2000 + (next(2) - 0x80) : 0x2040 + (next(2) - 0x80));
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}
}  // namespace

std::string to_string(const diagnostic& d) {
    std::string out = terminal_safe(d.path);
    if (d.line > 0) {
        out += ':' + std::to_string(d.line);
        if (d.column > 0) out += ':' + std::to_string(d.column);
    }
    out += d.level == severity::error ? ": error: " : ": warning: ";
    out += terminal_safe(d.message);
    if (!d.check.empty()) out += " [" + d.check + "]";
    return out;
}

void diagnostics::error(std::string path, int line, int column, std::string message) {
    items_.push_back({std::move(path), line, column, severity::error, std::move(message)});
}

void diagnostics::warning(std::string path, int line, int column, std::string message) {
    items_.push_back({std::move(path), line, column, severity::warning, std::move(message)});
}

void diagnostics::append(const diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void diagnostics::name_check(std::size_t first, const std::string& check) {
    for (std::size_t i = first; i < items_.size(); ++i) {
        if (items_[i].check.empty()) items_[i].check = check;
    }
}

bool diagnostics::has_errors() const { return error_count() > 0; }

std::size_t diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [](const diagnostic& d) { return d.level == severity::error; }));
}

std::size_t diagnostics::warning_count() const { return items_.size() - error_count(); }

void diagnostics::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const diagnostic& a, const diagnostic& b) {
        return std::tie(a.path, a.line, a.column, a.message) < std::tie(b.path, b.line, b.column, b.message);
    });
    items_.erase(std::unique(items_.begin(), items_.end(),
                             [](const diagnostic& a, const diagnostic& b) {
                                 return std::tie(a.path, a.line, a.column, a.message, a.level) ==
                                        std::tie(b.path, b.line, b.column, b.message, b.level);
                             }),
                 items_.end());
}

text_position position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    text_position pos;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80 && !(i == 0 && c == 0xEF && text.substr(0, 3) == "\xEF\xBB\xBF")) {
            ++pos.column;  // count characters, not UTF-8 continuation bytes; a leading BOM is not a column
        }
    }
    return pos;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const auto d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

}  // namespace briefs::core
