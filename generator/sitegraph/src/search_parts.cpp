// The search index, brief by brief: a brief's texts and terms (its "part"), how parts are kept between
// builds (in memory for `briefs serve`, in .briefs-cache for `briefs build`), and the keys and buckets
// that search.js computes the same way.
#include "search_index.hpp"
#include "pages.hpp"
#include "headings.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>
#include <charconv>
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
    impl_->parts.insert_or_assign(key, std::move(part));  // a language's buckets replace the last build's
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

constexpr std::uint32_t fnv_basis = 2166136261u;
constexpr std::uint32_t fnv_step(std::uint32_t h, std::uint32_t c) { return (h ^ c) * 16777619u; }

/// The id of a character ('c', its code point) or a pair ('p', its two code points in one number):
/// the kind in the top byte, the characters below it. Exact: no two terms of these kinds share one.
constexpr std::uint64_t han_id(char kind, std::uint32_t code) { return (std::uint64_t{static_cast<unsigned char>(kind)} << 56) | code; }

/// Chinese characters as search.js tells them (its HAN pattern): CJK unified ideographs, extension A
/// and the compatibility ideographs.
bool han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

/// Sorts numbers by their bits from `shift` up (the bits below are left in no particular order): least
/// significant digit first, 10 bits a pass, a pass skipped where every number has the same digit. A
/// brief's terms are thousands of numbers; this is several times faster than std::sort on them.
void radix_sort(std::vector<std::uint64_t>& v, unsigned shift) {
    if (v.size() < 256) {
        std::sort(v.begin(), v.end(), [shift](std::uint64_t a, std::uint64_t b) { return (a >> shift) < (b >> shift); });
        return;
    }
    std::vector<std::uint64_t> other(v.size());
    std::array<std::uint32_t, 1024> count;
    for (unsigned bit = shift; bit < 64; bit += 10) {
        count.fill(0);
        for (const std::uint64_t x : v) ++count[(x >> bit) & 1023];
        if (count[(v.front() >> bit) & 1023] == v.size()) continue;
        std::uint32_t at = 0;
        for (auto& c : count) at += std::exchange(c, at);
        for (const std::uint64_t x : v) other[count[(x >> bit) & 1023]++] = x;
        v.swap(other);
    }
}

/// A brief's terms while it is read: Chinese characters and pairs as numbers (a character's code
/// point, a pair's two code points in the high and low 16 bits: every Chinese character search.js
/// knows is in the BMP), words as numbers given in the order they are first met; each occurrence with
/// its section and weight.
struct brief_terms {
    /// One occurrence: the term's number in the high 32 bits, then its section (5 bits), then its weight
    /// (an occurrence's is 1 or 3): sorting by the bits from the section up groups a term's
    /// occurrences, sections ascending (weights are summed, so their order within a section is free).
    static constexpr unsigned section_shift = 27;
    static std::uint64_t occurrence(std::uint32_t code, std::uint32_t section, std::uint32_t weight) {
        return (std::uint64_t{code} << 32) | (std::uint64_t{section} << section_shift) | std::min<std::uint32_t>(weight, 0xFFFF);
    }
    static std::uint32_t code_of(std::uint64_t o) { return static_cast<std::uint32_t>(o >> 32); }
    static std::uint32_t section_of(std::uint64_t o) { return static_cast<std::uint32_t>(o >> section_shift) & 31; }
    static std::uint32_t weight_of(std::uint64_t o) { return static_cast<std::uint32_t>(o & 0xFFFF); }
    static_assert(search_sections_per_brief <= 32, "a section is 5 bits of an occurrence");

    std::vector<std::uint64_t> chars, words;
    std::unordered_map<std::string, std::uint32_t> word_numbers;  // a word → its number in `words`
    std::vector<const std::string*> word_texts;                   // number → word

    void add(const std::string& lang, std::string_view text, std::uint32_t section, std::uint32_t weight) {
        // Words without their Chinese characters (a run of them is one space): queries look Chinese up
        // by characters and pairs, never by ICU's Chinese words (ICU's dictionary segmentation was the
        // costliest step), and ICU is not given a brief's Chinese to walk over.
        std::string latin;
        char32_t before = 0;
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t at = i;
            const auto c0 = static_cast<unsigned char>(text[i]);
            const int n = c0 < 0x80 ? 1 : c0 < 0xE0 ? 2 : c0 < 0xF0 ? 3 : 4;
            char32_t c = n == 1 ? c0 : n == 2 ? (c0 & 0x1F) : n == 3 ? (c0 & 0x0F) : (c0 & 0x07);
            for (int k = 1; k < n && i + k < text.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            i += n;
            if (!han(c)) {
                latin.append(text.substr(at, std::min<std::size_t>(n, text.size() - at)));
                before = c;
                continue;
            }
            if (!han(before)) latin += ' ';
            chars.push_back(occurrence(static_cast<std::uint32_t>(c), section, weight));
            if (han(before)) chars.push_back(occurrence(static_cast<std::uint32_t>((before << 16) | c), section, weight));
            before = c;
        }
        if (latin.find_first_not_of(' ') == std::string::npos) return;
        for (auto& w : i18n::search_terms(lang, latin)) {
            // As an object literal's key "__proto__" would set the prototype; a letter alone is no term.
            if (w.size() < 2 || w == "__proto__") continue;
            const auto [it, added] = word_numbers.try_emplace(std::move(w), static_cast<std::uint32_t>(word_texts.size()));
            if (added) word_texts.push_back(&it->first);
            words.push_back(occurrence(it->second, section, weight));
        }
    }

    /// The (section, summed weight) runs of one term's occurrences [from, to), sorted, into `out`.
    static void runs(search_term_writer::runs& out, const std::uint64_t* from, const std::uint64_t* to) {
        out.clear();
        for (; from != to; ++from) {
            const std::uint32_t s = section_of(*from), w = weight_of(*from);
            if (!out.empty() && out.back().first == s) {
                out.back().second = std::min<std::uint32_t>(1023, out.back().second + w);
            } else {
                out.emplace_back(s, std::min<std::uint32_t>(1023, w));
            }
        }
    }

    void build(search_part& part) {
        search_term_writer writer(part);
        search_term_writer::runs postings;
        radix_sort(chars, section_shift);
        for (std::size_t i = 0, j = 0; i < chars.size(); i = j) {
            for (j = i; j < chars.size() && code_of(chars[j]) == code_of(chars[i]); ++j) {}
            // A character's or a pair's text, key and id all follow from its number (see search_id).
            runs(postings, chars.data() + i, chars.data() + j);
            writer.han(code_of(chars[i]), postings);
        }
        // Words in the order of their text: each word's number becomes its rank.
        std::vector<std::uint32_t> order(word_texts.size()), rank(word_texts.size());
        for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return *word_texts[a] < *word_texts[b]; });
        for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
        for (auto& o : words) o = (std::uint64_t{rank[code_of(o)]} << 32) | (o & 0xFFFFFFFFu);
        radix_sort(words, section_shift);
        for (std::size_t i = 0, j = 0; i < words.size(); i = j) {
            for (j = i; j < words.size() && code_of(words[j]) == code_of(words[i]); ++j) {}
            runs(postings, words.data() + i, words.data() + j);
            writer.word(*word_texts[order[code_of(words[i])]], postings);
        }
    }
};

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

std::uint64_t search_id(std::string_view term) {
    // The kind in the top byte (so that a bucket's terms sort by kind). Below it, a character's or a
    // pair's code points (exact), or FNV-1a of a word's text (two words may share an id: merge_bucket
    // tells them apart by their text).
    if (!term.empty() && (term[0] == 'c' || term[0] == 'p')) {
        const auto cps = code_points(term.substr(1));
        if (cps.size() == (term[0] == 'c' ? 1u : 2u) && han(cps.front()) && han(cps.back()) && cps.front() <= 0xFFFF && cps.back() <= 0xFFFF) {
            return han_id(term[0], cps.size() == 1 ? cps[0] : (cps[0] << 16) | cps[1]);
        }
    }
    std::uint64_t h = 1469598103934665603ull;
    for (char c : term) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return (std::uint64_t{static_cast<unsigned char>(term.empty() ? 0 : term[0])} << 56) | (h >> 8);
}

std::uint32_t search_hash(std::string_view key) {
    // FNV-1a over the key's code points (search.js iterates a string's code points the same way).
    std::uint32_t h = fnv_basis;
    for (char32_t c : code_points(key)) h = fnv_step(h, static_cast<std::uint32_t>(c));
    return h;
}

std::string han_text(std::uint32_t code) {
    std::string text(1, code > 0xFFFF ? 'p' : 'c');
    if (code > 0xFFFF) append_utf8(text, code >> 16);
    append_utf8(text, code & 0xFFFF);
    return text;
}

std::uint32_t han_hash(std::uint32_t code) {
    // The key is the whole term: its kind and its one or two characters.
    std::uint32_t hash = fnv_step(fnv_basis, static_cast<unsigned char>(code > 0xFFFF ? 'p' : 'c'));
    if (code > 0xFFFF) hash = fnv_step(hash, code >> 16);
    return fnv_step(hash, code & 0xFFFF);
}

search_part assembler::make_search_part(const std::string& lang, const content::region& r, const content::brief& b) const {
    const bool latest = &b == &r.latest();
    auto sections = take_sections(b, lang);  // the page's own parse (brief_views.cpp)
    for (auto& p : sections) p.text = i18n::join_lines(p.text);
    // Section 0 is the brief itself: its title, the region's summary, the text before the first heading.
    std::string intro = latest ? r.summary.in(lang) : std::string();
    if (!sections.empty() && sections.front().source.level == 0) {
        intro = i18n::join_lines(intro + (intro.empty() ? "" : "\n") + sections.front().text);
        sections.erase(sections.begin());
    }
    std::vector<search_section> list{{"", b.title.in(lang), intro, r.name.zh + ' ' + r.name.en}};
    for (const auto& p : sections) list.push_back({p.id, p.title, p.text, r.name.in(lang)});
    return detail::make_search_part(lang, brief_url(lang, r, b), r.name.in(lang), b.period, list);
}

search_part make_search_part(const std::string& lang, const std::string& url, const std::string& label, const std::string& period,
                             const std::vector<search_section>& sections) {
    search_part part;
    brief_terms terms;
    std::string docs;
    std::uint32_t n = 0;
    for (const auto& [anchor, heading, text, names, heavy] : sections) {
        const std::uint32_t section = std::min(n++, search_sections_per_brief - 1);
        terms.add(lang, text, section, 1);
        terms.add(lang, heading + ' ' + names, section, heavy);  // a heading or a name counts more
        docs += docs.empty() ? "[" : ",[";
        append_js_string(docs, anchor);
        docs += ',';
        append_js_string(docs, heading);
        docs += ',';
        append_js_string(docs, text);
        docs += ']';
    }
    part.texts = "[";
    append_js_string(part.texts, url);
    part.texts += ',';
    append_js_string(part.texts, label);
    part.texts += ',';
    append_js_string(part.texts, period);
    part.texts += ",[" + docs + "]]";
    part.sections = std::min(n, search_sections_per_brief);
    terms.build(part);
    return part;
}

std::shared_ptr<const search_part> assembler::search_part_of(search_language& L, std::size_t n) const {
    std::call_once(L.part_once[n], [&] {
        if (n >= L.briefs.size()) {
            const auto& d = L.pages[n - L.briefs.size()];
            auto part = detail::make_search_part(L.lang, d.url, d.label, "", {{d.anchor, d.heading, d.text, "", 1}});
            // Keyed by its texts, which hold all it says.
            L.part_keys[n] = L.lang + "|page|" + core::hash_hex(part.texts);
            L.parts[n] = std::make_shared<const search_part>(std::move(part));
            return;
        }
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
            if (search_->store) L.pack = search_->store->read(L.lang + ".parts");
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

}  // namespace briefs::sitegraph::detail
