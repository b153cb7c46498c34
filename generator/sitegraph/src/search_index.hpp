#pragma once
// Internal to sitegraph: the search index, split so that a query downloads little of it.
//
// Per language, in <lang>/search/:
//   meta.js      the index's size: documents, briefs, word buckets, and the version the other files
//                are fetched with (?v=…);
//   w/<k>.js     bucket k of the terms: every term whose key (its first two characters; a Chinese
//                character alone for one-character terms) hashes to k, with its postings;
//   t/<n>.js     brief n's result texts: its URL, region, period and each section's anchor, heading
//                and text, fetched only when one of its sections is shown.
// Each is a script that calls briefsSearchLoad(name, data): <script> elements load them from any host
// and from disk (file://), where fetch() is not allowed. A document is a section of a brief: its
// number is brief * 32 + section, so an edit to one brief changes no other brief's numbers.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "briefs/content/model.hpp"
#include "briefs/output/pack_store.hpp"

namespace briefs::sitegraph {
/// Each brief's search part, kept by a caller across builds (briefs serve): a rebuild segments only
/// the briefs that changed. Declared in briefs/sitegraph/build.hpp.
class search_memo;
}  // namespace briefs::sitegraph

namespace briefs::sitegraph::detail {

constexpr std::uint32_t search_sections_per_brief = 32;  ///< sections past the 31st count as the 31st

/// One brief's share of a language's index: its texts file's data and its terms. A term's text is its
/// kind and its characters: 'w' a word (ICU word, case-folded, with no Chinese character: queries look
/// Chinese up by pairs), 'p' a pair of adjacent Chinese characters, 'c' one Chinese character (for a
/// query of one character). The terms are packed (search_terms.cpp), a few bytes each, since every
/// part of a site stays in memory for a build: first the characters and pairs by number (see
/// search_id; each as the difference from the one before), then the words by text. A term is
///   character or pair: <number difference> <postings>;   word: <postings> <length> <text without 'w'>
/// with varints (7 bits a byte, low first), and postings as their count, then per section (ascending)
/// a byte: the section (5 bits), the weight below 7 (3 bits; 7: weight − 7 follows as a varint).
struct search_part {
    std::string texts;  ///< JSON: [url, region, period, [[anchor, heading, text], …]]
    std::string terms;  ///< packed, as above
    std::uint32_t hans = 0, words = 0;  ///< how many characters and pairs, words
    std::uint32_t sections = 0;
};

/// A part's terms, one by one: its id, its postings' place in the part's `terms` (`at`) and, for a
/// word, its text (without the 'w'). False at the end or where the bytes are not terms.
struct search_term {
    std::uint64_t id = 0;
    std::uint32_t at = 0;
    std::string_view word;
};
class search_term_reader {
public:
    explicit search_term_reader(const search_part& part) : bytes_(part.terms), hans_(part.hans), words_(part.words) {}
    bool next(search_term& t);
    std::size_t offset() const { return at_; }

private:
    std::string_view bytes_;
    std::size_t at_ = 0;
    std::uint32_t hans_, words_, code_ = 0;
};

/// A term's postings at `at` of a part's terms: calls each(section, weight) in order; returns where
/// they end, or 0 when the bytes are not postings.
template <typename F>
std::size_t read_postings(std::string_view bytes, std::size_t at, F&& each);

/// Reads a varint at `at` (moved past it); false when the bytes end first.
inline bool read_varint(std::string_view bytes, std::size_t& at, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; at < bytes.size() && shift < 64; shift += 7) {
        const auto b = static_cast<unsigned char>(bytes[at++]);
        v |= std::uint64_t{b & 127u} << shift;
        if (b < 128) return true;
    }
    return false;
}

template <typename F>
std::size_t read_postings(std::string_view bytes, std::size_t at, F&& each) {
    std::uint64_t count = 0;
    if (!read_varint(bytes, at, count) || count > bytes.size() - at) return 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (at >= bytes.size()) return 0;
        const auto b = static_cast<unsigned char>(bytes[at++]);
        std::uint64_t weight = b >> 5;
        if (weight == 7) {
            std::uint64_t more = 0;
            if (!read_varint(bytes, at, more) || more > 1u << 20) return 0;
            weight += more;
        }
        each(std::uint32_t{b & 31u}, static_cast<std::uint32_t>(weight));
    }
    return at;
}

/// Packs terms into a part, in the order above: characters and pairs by ascending number (see
/// search_id), then words by ascending text (without the 'w'); each with its (section, weight) pairs,
/// sections ascending.
class search_term_writer {
public:
    using runs = std::vector<std::pair<std::uint32_t, std::uint32_t>>;
    explicit search_term_writer(search_part& part) : part_(part) {}
    void han(std::uint32_t code, const runs& postings);
    void word(std::string_view text, const runs& postings);

private:
    search_part& part_;
    std::uint32_t code_ = 0;
};

/// The id of a word (its text without the 'w'): search_id("w" + word), without the copy.
std::uint64_t search_word_id(std::string_view word);
/// A character's or a pair's number as its kind and text ("c调", "p调解") and its bucket's hash.
std::string han_text(std::uint32_t code);
std::uint32_t han_hash(std::uint32_t code);

/// One section of a document: anchor, heading, text, and names (weighted as the heading is).
struct search_section {
    std::string anchor, heading, text, names;
    std::uint32_t heavy = 3;  ///< the weight of a word of the heading or names (a topic or term page's: 1, so briefs rank first)
};
/// A document's part: its URL, label (the region; for other pages what they are), period and sections.
search_part make_search_part(const std::string& lang, const std::string& url, const std::string& label, const std::string& period,
                             const std::vector<search_section>& sections);

/// A part as bytes (for .briefs-cache: native byte order, read back by the same binary only) and back.
std::string serialize(const search_part& part);
std::optional<search_part> parse_search_part(std::string_view bytes);

/// A JSON string (nlohmann's escaping) with `<`, `>`, `&` and U+2028/2029 escaped too, so that no text
/// of the content can close a script element or end a line of old JavaScript.
void append_js_string(std::string& out, const std::string& s);

/// The bucket of a term (kind and text, e.g. "p调解"): its kind and first characters (see search_key),
/// hashed as search.js hashes them (FNV-1a over code points, modulo the number of buckets).
std::string search_key(std::string_view term);
std::uint32_t search_hash(std::string_view key);
std::uint64_t search_id(std::string_view term);
inline std::uint32_t search_bucket(std::string_view key, std::uint32_t buckets) { return buckets ? search_hash(key) % buckets : 0; }

/// One language's index during one build: parts made once (by whichever job needs one first); the
/// terms of all parts dealt into buckets once; each bucket merged by its own job (in parallel), or
/// taken as it was from the previous build when the same parts, at the same numbers, fed it.
struct search_language {
    std::string lang;
    std::vector<std::pair<const content::region*, const content::brief*>> briefs;  ///< brief number → brief
    /// Documents after the briefs (numbers briefs.size() + i): topic pages and glossary terms, each one
    /// section. Made again in every build (they are few), never kept.
    struct page_doc {
        std::string url, label, anchor, heading, text;
    };
    std::vector<page_doc> pages;
    std::uint32_t buckets = 1;
    std::unique_ptr<std::once_flag[]> part_once;
    std::vector<std::shared_ptr<const search_part>> parts;  ///< per brief
    std::vector<std::string> part_keys;
    std::once_flag pack_once;
    std::unordered_map<std::string, std::string> pack;
    std::once_flag dealt_once;
    struct dealt_term {
        std::uint64_t id;  ///< the term's search_id
        std::uint32_t brief;  ///< brief number
        std::uint32_t at;  ///< where its postings are in that brief's part's terms
        bool operator<(const dealt_term& o) const { return id != o.id ? id < o.id : brief < o.brief; }
    };
    static_assert(search_sections_per_brief <= 32, "a section mask is 32 bits");
    std::vector<std::vector<dealt_term>> dealt;  ///< bucket → its terms, brief by brief
    std::vector<std::string_view> terms;  ///< brief number → its part's terms (the parts are kept in `parts`)
    /// bucket → whether two different words in it have the same id (never seen: a 56-bit hash), so
    /// that it must be grouped by text.
    std::vector<char> clashes;
    std::vector<std::string> fingerprints;  ///< bucket → what fed it (its number, its parts' keys and numbers, the limit)
    std::size_t docs = 0;
    std::unique_ptr<std::once_flag[]> chunk_once;
    std::vector<std::string> chunks;  ///< bucket → file bytes
    std::shared_ptr<const std::unordered_map<std::string, std::string>> previous;  ///< fingerprint → bucket bytes, of the last build
    std::string meta;
};

struct search_state {
    std::vector<std::unique_ptr<search_language>> langs;
    output::pack_store* store = nullptr;  ///< packs "<lang>.parts" and "<lang>.buckets", kept between runs; may be null
    sitegraph::search_memo* memo = nullptr;
    std::mutex pack_writing;  ///< one language's parts pack written at a time: its copies are large
    search_language& of(const std::string& lang) const;
};

}  // namespace briefs::sitegraph::detail
