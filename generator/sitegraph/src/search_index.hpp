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

namespace briefs::sitegraph {
/// Each brief's search part, kept by a caller across builds (briefs serve): a rebuild segments only
/// the briefs that changed. Declared in briefs/sitegraph/build.hpp.
class search_memo;
}  // namespace briefs::sitegraph

namespace briefs::sitegraph::detail {

constexpr std::uint32_t search_sections_per_brief = 32;  ///< sections past the 31st count as the 31st

/// One brief's share of a language's index: its texts file's data and its terms. Terms are prefixed
/// with their kind: 'w' a word (ICU word, case-folded), 'p' a pair of adjacent Chinese characters,
/// 'c' one Chinese character. Postings are section, weight, section, weight… (sections ascending).
struct search_part {
    std::string texts;  ///< JSON: [url, region, period, [[anchor, heading, text], …]]
    std::vector<std::pair<std::string, std::vector<std::uint32_t>>> terms;  ///< sorted by term
};

std::string serialize(const search_part& part);
std::optional<search_part> parse_search_part(std::string_view bytes);

/// A JSON string (nlohmann's escaping) with `<`, `>`, `&` and U+2028/2029 escaped too, so that no text
/// of the content can close a script element or end a line of old JavaScript.
void append_js_string(std::string& out, const std::string& s);

/// The bucket of a term (kind and text, e.g. "p调解"): its kind and first characters (see search_key),
/// hashed as search.js hashes them.
std::string search_key(std::string_view term);
std::uint32_t search_bucket(std::string_view key, std::uint32_t buckets);

/// The parts kept between runs of `briefs build` (`<search_cache>-<lang>.pack`).
std::unordered_map<std::string, std::string> read_search_pack(const std::filesystem::path& path);
void write_search_pack(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& parts);

/// One language's index during one build: parts made once (by whichever job needs one first), the
/// buckets merged once from all parts. Owned by the assembler (mutable: jobs run on several threads).
struct search_language {
    std::string lang;
    std::vector<std::pair<const content::region*, const content::brief*>> briefs;  ///< brief number → brief
    std::uint32_t buckets = 1;
    std::unique_ptr<std::once_flag[]> part_once;
    std::vector<std::shared_ptr<const search_part>> parts;  ///< per brief
    std::vector<std::string> part_keys;
    std::once_flag pack_once;
    std::unordered_map<std::string, std::string> pack;
    std::once_flag merged_once;
    std::vector<std::string> chunks;  ///< bucket → file bytes
    std::string meta;
};

struct search_state {
    std::vector<std::unique_ptr<search_language>> langs;
    std::filesystem::path cache;         ///< "" or the pack files' prefix
    sitegraph::search_memo* memo = nullptr;
    search_language& of(const std::string& lang) const;
};

}  // namespace briefs::sitegraph::detail
