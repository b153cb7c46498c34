// A search part's terms, packed (see search_part in search_index.hpp), and a part as bytes for
// .briefs-cache.
#include "search_index.hpp"

#include <cstring>

namespace briefs::sitegraph::detail {

namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 128) {
        out += static_cast<char>(0x80 | (v & 127));
        v >>= 7;
    }
    out += static_cast<char>(v);
}

void put_postings(std::string& out, const search_term_writer::runs& postings) {
    put_varint(out, postings.size());
    for (const auto& [section, weight] : postings) {
        out += static_cast<char>(section | (std::min<std::uint32_t>(weight, 7) << 5));
        if (weight >= 7) put_varint(out, weight - 7);
    }
}

}  // namespace

void search_term_writer::han(std::uint32_t code, const runs& postings) {
    put_varint(part_.terms, code - code_);
    code_ = code;
    put_postings(part_.terms, postings);
    ++part_.hans;
}

void search_term_writer::word(std::string_view text, const runs& postings) {
    put_postings(part_.terms, postings);
    put_varint(part_.terms, text.size());
    part_.terms.append(text);
    ++part_.words;
}

std::uint64_t search_word_id(std::string_view word) {
    // As search_id: FNV-1a of the text ('w' first), below the kind.
    std::uint64_t h = (1469598103934665603ull ^ static_cast<unsigned char>('w')) * 1099511628211ull;
    for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return (std::uint64_t{static_cast<unsigned char>('w')} << 56) | (h >> 8);
}

bool search_term_reader::next(search_term& t) {
    std::size_t at = at_;
    if (hans_) {
        std::uint64_t difference = 0;
        if (!read_varint(bytes_, at, difference) || difference > 0xFFFFFFFFu - code_) return false;
        const std::size_t end = read_postings(bytes_, at, [](std::uint32_t, std::uint32_t) {});
        if (!end) return false;
        code_ += static_cast<std::uint32_t>(difference);
        t.id = (std::uint64_t{static_cast<unsigned char>(code_ > 0xFFFF ? 'p' : 'c')} << 56) | code_;
        t.at = static_cast<std::uint32_t>(at);
        t.word = {};
        at_ = end;
        --hans_;
        return true;
    }
    if (!words_) return false;
    std::size_t end = read_postings(bytes_, at, [](std::uint32_t, std::uint32_t) {});
    std::uint64_t size = 0;
    if (!end || !read_varint(bytes_, end, size) || size > bytes_.size() - end) return false;
    t.word = bytes_.substr(end, size);
    t.id = search_word_id(t.word);
    t.at = static_cast<std::uint32_t>(at);
    at_ = end + size;
    --words_;
    return true;
}

namespace {

constexpr std::string_view part_magic = "briefs-search-part-5\n";

template <typename T>
void put(std::string& out, const T& v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
bool take(std::string_view& in, T& v) {
    if (in.size() < sizeof v) return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
}
bool take_string(std::string_view& in, std::string& s) {
    std::uint64_t n = 0;
    if (!take(in, n) || n > in.size()) return false;
    s.assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
}

}  // namespace

std::string serialize(const search_part& part) {
    std::string out(part_magic);
    out.reserve(part_magic.size() + 28 + part.texts.size() + part.terms.size());
    put(out, static_cast<std::uint64_t>(part.texts.size()));
    out += part.texts;
    put(out, static_cast<std::uint64_t>(part.terms.size()));
    out += part.terms;
    put(out, part.hans);
    put(out, part.words);
    put(out, part.sections);
    return out;
}

std::optional<search_part> parse_search_part(std::string_view in) {
    search_part part;
    if (in.substr(0, part_magic.size()) != part_magic) return std::nullopt;
    in.remove_prefix(part_magic.size());
    if (!take_string(in, part.texts) || !take_string(in, part.terms) || !take(in, part.hans) || !take(in, part.words) ||
        !take(in, part.sections) || !in.empty() || part.terms.size() > 0xFFFFFFFFu || part.sections > search_sections_per_brief) {
        return std::nullopt;
    }
    // Every term readable, and nothing after the last.
    search_term_reader reader(part);
    search_term t;
    std::uint64_t n = 0;
    while (reader.next(t)) ++n;
    if (n != std::uint64_t{part.hans} + part.words || reader.offset() != part.terms.size()) return std::nullopt;
    return part;
}

}  // namespace briefs::sitegraph::detail
