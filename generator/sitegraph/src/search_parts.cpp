// The search index, brief by brief: a brief's texts and terms (its "part"), how parts are kept between
// builds (in memory for `briefs serve`, in .briefs-cache for `briefs build`), and the keys and buckets
// that search.js computes the same way.
#include "search_index.hpp"
#include "pages.hpp"
#include "headings.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include "briefs/core/fs.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"
#include "briefs/sitegraph/build.hpp"

namespace briefs::sitegraph {

struct search_memo::impl {
    std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const void>> parts;
};

search_memo::search_memo() : impl_(std::make_unique<impl>()) {}
search_memo::~search_memo() = default;

std::shared_ptr<const void> search_memo::find(const std::string& key) const {
    std::lock_guard lock(impl_->mutex);
    auto it = impl_->parts.find(key);
    return it == impl_->parts.end() ? nullptr : it->second;
}

void search_memo::keep(const std::string& key, std::shared_ptr<const void> part) {
    std::lock_guard lock(impl_->mutex);
    if (impl_->parts.size() > 200'000) impl_->parts.clear();  // bounded: briefs of sites long edited away
    impl_->parts.emplace(key, std::move(part));
}

}  // namespace briefs::sitegraph

namespace briefs::sitegraph::detail {

using nlohmann::json;

void append_js_string(std::string& out, const std::string& s) {
    const std::string quoted = json(s).dump();
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        const char ch = quoted[i];
        if (ch == '<') out += "\\u003c";
        else if (ch == '>') out += "\\u003e";
        else if (ch == '&') out += "\\u0026";
        else if (ch == '\xE2' && i + 2 < quoted.size() && quoted[i + 1] == '\x80' && (quoted[i + 2] == '\xA8' || quoted[i + 2] == '\xA9')) {
            out += quoted[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += ch;
        }
    }
}

namespace {

/// The code points of UTF-8 text (the content was checked to be valid UTF-8 when it was loaded).
std::vector<char32_t> code_points(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size() / 2);
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (int k = 1; k < n && i + k < s.size(); ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(v);
        i += n;
    }
    return out;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// Chinese characters as search.js tells them (its HAN pattern): CJK unified ideographs, extension A
/// and the compatibility ideographs.
bool han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

/// Adds `weight` per occurrence of each word, Chinese character and pair of adjacent Chinese
/// characters of `text` to `counts`.
void count_terms(const std::string& lang, const std::string& text, std::uint32_t weight, std::unordered_map<std::string, std::uint32_t>& counts) {
    for (auto& w : i18n::search_terms(lang, text)) counts["w" + w] += weight;
    const auto cps = code_points(text);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (!han(cps[i])) continue;
        std::string one = "c";
        append_utf8(one, cps[i]);
        counts[one] += weight;
        if (i + 1 < cps.size() && han(cps[i + 1])) {
            std::string pair = "p";
            append_utf8(pair, cps[i]);
            append_utf8(pair, cps[i + 1]);
            counts[pair] += weight;
        }
    }
}

}  // namespace

std::string search_key(std::string_view term) {
    // The kind and the term's first characters: one for a character ('c'), two for a pair ('p') or a
    // word that starts with a Chinese character, four for other words ("medi" for "mediation": the
    // words a query of four or more letters begins are all in its bucket; a shorter query is a whole
    // word, whose key is itself).
    const auto cps = code_points(term.substr(1));
    const char kind = term.empty() ? 'w' : term[0];
    const std::size_t want = kind == 'c' ? 1 : kind == 'p' || (!cps.empty() && han(cps[0])) ? 2 : 4;
    std::string key(1, kind);
    for (std::size_t i = 0; i < std::min(want, cps.size()); ++i) append_utf8(key, cps[i]);
    return key;
}

std::uint32_t search_bucket(std::string_view key, std::uint32_t buckets) {
    // FNV-1a over the key's code points (search.js iterates a string's code points the same way).
    std::uint32_t h = 2166136261u;
    for (char32_t c : code_points(key)) {
        h ^= static_cast<std::uint32_t>(c);
        h *= 16777619u;
    }
    return buckets ? h % buckets : 0;
}

std::string serialize(const search_part& part) {
    // texts length, texts, then per term: term '\0' count ' ' numbers… '\n'.
    std::string out = std::to_string(part.texts.size()) + '\n' + part.texts;
    for (const auto& [term, list] : part.terms) {
        out += term;
        out += '\0';
        out += std::to_string(list.size());
        for (auto v : list) out += ' ' + std::to_string(v);
        out += '\n';
    }
    return out;
}

std::optional<search_part> parse_search_part(std::string_view b) {
    search_part part;
    auto number = [&](std::size_t& at, std::uint32_t& v) {
        const auto [end, error] = std::from_chars(b.data() + at, b.data() + b.size(), v);
        if (error != std::errc()) return false;
        at = static_cast<std::size_t>(end - b.data());
        return true;
    };
    std::size_t at = 0;
    std::uint32_t length = 0;
    if (!number(at, length) || at >= b.size() || b[at] != '\n' || length > b.size() - at - 1) return std::nullopt;
    part.texts = std::string(b.substr(at + 1, length));
    at += 1 + length;
    while (at < b.size()) {
        const auto zero = b.find('\0', at);
        if (zero == std::string_view::npos) return std::nullopt;
        auto& [term, list] = part.terms.emplace_back(std::string(b.substr(at, zero - at)), std::vector<std::uint32_t>());
        at = zero + 1;
        std::uint32_t count = 0;
        if (!number(at, count) || count > b.size()) return std::nullopt;
        list.resize(count);
        for (auto& v : list) {
            if (at >= b.size() || b[at] != ' ') return std::nullopt;
            ++at;
            if (!number(at, v)) return std::nullopt;
        }
        if (at >= b.size() || b[at] != '\n') return std::nullopt;
        ++at;
    }
    return part;
}

search_part assembler::make_search_part(const std::string& lang, const content::region& r, const content::brief& b) const {
    const bool latest = &b == &r.latest();
    const std::string url = brief_url(lang, r, b);
    auto sections = take_sections(b, lang);  // the page's own parse (brief_views.cpp)
    for (auto& p : sections) p.text = i18n::join_lines(p.text);
    // Section 0 is the brief itself: its title, the region's summary, the text before the first heading.
    std::string intro = latest ? r.summary.in(lang) : std::string();
    if (!sections.empty() && sections.front().source.level == 0) {
        intro = i18n::join_lines(intro + (intro.empty() ? "" : "\n") + sections.front().text);
        sections.erase(sections.begin());
    }
    search_part part;
    std::unordered_map<std::string, std::vector<std::uint32_t>> terms;  // sorted below: the output is deterministic
    terms.reserve(4096);
    std::string docs;
    std::uint32_t n = 0;
    auto add = [&](const std::string& anchor, const std::string& heading, const std::string& text, const std::string& names) {
        const std::uint32_t section = std::min(n++, search_sections_per_brief - 1);
        std::unordered_map<std::string, std::uint32_t> counts;
        counts.reserve(2048);
        count_terms(lang, text, 1, counts);
        count_terms(lang, heading + ' ' + names, 3, counts);  // a heading or a name counts more
        for (const auto& [term, count] : counts) {
            auto& list = terms[term];
            if (!list.empty() && list[list.size() - 2] == section) list.back() += count;
            else list.insert(list.end(), {section, count});
        }
        docs += docs.empty() ? "[" : ",[";
        append_js_string(docs, anchor);
        docs += ',';
        append_js_string(docs, heading);
        docs += ',';
        append_js_string(docs, text);
        docs += ']';
    };
    add("", b.title.in(lang), intro, r.name.zh + ' ' + r.name.en);
    for (const auto& p : sections) add(p.id, p.title, p.text, r.name.in(lang));
    part.texts = "[";
    append_js_string(part.texts, url);
    part.texts += ',';
    append_js_string(part.texts, r.name.in(lang));
    part.texts += ',';
    append_js_string(part.texts, b.period);
    part.texts += ",[" + docs + "]]";
    part.terms.assign(std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end()));
    std::sort(part.terms.begin(), part.terms.end());
    return part;
}

std::shared_ptr<const search_part> assembler::search_part_of(search_language& L, std::size_t n) const {
    std::call_once(L.part_once[n], [&] {
        const auto& [r, b] = L.briefs[n];
        const std::string key = L.lang + '|' + r->id + '|' + r->json_hash + '|' + b->period + '|' + b->bodies_hash +
                                (b == &r->latest() ? "|latest" : "");
        L.part_keys[n] = key;
        if (search_->memo) {
            if (auto kept = search_->memo->find(generator_id_ + '|' + key)) {
                L.parts[n] = std::static_pointer_cast<const search_part>(kept);
                return;
            }
        }
        std::call_once(L.pack_once, [&] {
            if (!search_->cache.empty()) L.pack = read_search_pack(search_->cache.string() + "-" + L.lang + ".pack");
        });
        std::optional<search_part> part;
        if (auto it = L.pack.find(key); it != L.pack.end()) part = parse_search_part(it->second);
        if (!part) part = make_search_part(L.lang, *r, *b);
        auto shared = std::make_shared<const search_part>(std::move(*part));
        if (search_->memo) search_->memo->keep(generator_id_ + '|' + key, shared);
        L.parts[n] = std::move(shared);
    });
    return L.parts[n];
}

std::unordered_map<std::string, std::string> read_search_pack(const std::filesystem::path& path) {
    // Records of `key\n<length>\n<bytes>`; keys hold no newline. A damaged or missing file is an empty one.
    std::unordered_map<std::string, std::string> parts;
    std::string why;
    const auto bytes = core::read_file(path, why, 4ull << 30);
    if (!bytes) return parts;
    const std::string& b = *bytes;
    for (std::size_t at = 0; at < b.size();) {
        const auto key_end = b.find('\n', at);
        const auto len_end = key_end == std::string::npos ? std::string::npos : b.find('\n', key_end + 1);
        if (len_end == std::string::npos) break;
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(b.data() + key_end + 1, b.data() + len_end, length);
        if (error != std::errc() || end != b.data() + len_end || length > b.size() - len_end - 1) break;
        parts.emplace(b.substr(at, key_end - at), b.substr(len_end + 1, length));
        at = len_end + 1 + length;
    }
    return parts;
}

void write_search_pack(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& parts) {
    std::string out;
    std::size_t size = 0;
    for (const auto& [key, part] : parts) size += key.size() + part.size() + 24;
    out.reserve(size);
    for (const auto& [key, part] : parts) out.append(key).append("\n").append(std::to_string(part.size())).append("\n").append(part);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const auto tmp = path.string() + ".tmp";
    if (core::write_file(tmp, out).empty()) std::filesystem::rename(tmp, path, ec);
}

}  // namespace briefs::sitegraph::detail
