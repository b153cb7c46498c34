// The search index's parts, packed (search_terms.cpp): the terms a part holds, read back in order with
// their ids and postings, and a part as bytes for .briefs-cache and back.
#include <catch2/catch.hpp>

#include <map>

#include "search_index.hpp"

using namespace briefs::sitegraph::detail;

namespace {

struct read_term {
    std::uint64_t id;
    std::string word;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> postings;  // section, weight
};

std::vector<read_term> terms_of(const search_part& part) {
    std::vector<read_term> out;
    search_term t;
    for (search_term_reader reader(part); reader.next(t);) {
        read_term r{t.id, std::string(t.word), {}};
        CHECK(read_postings(part.terms, t.at, [&](std::uint32_t s, std::uint32_t w) { r.postings.emplace_back(s, w); }) > 0);
        out.push_back(std::move(r));
    }
    CHECK(out.size() == part.hans + part.words);
    return out;
}

search_part sample() {
    // "mediation" eight times in section 1's text (a weight past the 3 bits of a posting's byte), once
    // in section 0's heading (weight 3).
    return make_search_part("en", "en/r/", "Linhai", "2026-10", {{"", "Mediation 调解", "调解 grid", "", 3},
                                                              {"s1", "Other", "mediation mediation mediation mediation mediation mediation mediation mediation", "", 3}});
}

}  // namespace

TEST_CASE("a part's packed terms read back in order: characters and pairs by number, then words by text, with their postings") {
    const search_part part = sample();
    const auto terms = terms_of(part);
    std::map<std::uint64_t, const read_term*> by_id;
    for (const auto& t : terms) by_id[t.id] = &t;
    REQUIRE(by_id.count(search_id("c调")));
    REQUIRE(by_id.count(search_id("p调解")));
    REQUIRE(by_id.count(search_id("wmediation")));
    REQUIRE(by_id.count(search_id("wgrid")));
    CHECK(search_word_id("mediation") == search_id("wmediation"));
    CHECK(by_id[search_id("wmediation")]->word == "mediation");
    CHECK(by_id[search_id("c调")]->word.empty());
    // 调解 in section 0's heading (3) and text (1); mediation in section 0's heading and 8 times in section 1.
    CHECK(by_id[search_id("p调解")]->postings == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 4}});
    CHECK(by_id[search_id("wmediation")]->postings == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 3}, {1, 8}});
    CHECK(by_id[search_id("wother")]->postings == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 3}});
    // Ids ascending among characters and pairs; words after them, by text.
    for (std::size_t i = 1; i < part.hans; ++i) CHECK(terms[i - 1].id < terms[i].id);
    for (std::size_t i = part.hans + 1; i < terms.size(); ++i) CHECK(terms[i - 1].word < terms[i].word);
    CHECK(han_text(static_cast<std::uint32_t>(search_id("p调解"))) == "p调解");
    CHECK(han_hash(static_cast<std::uint32_t>(search_id("c调"))) == search_hash(search_key("c调")));
    CHECK(han_hash(static_cast<std::uint32_t>(search_id("p调解"))) == search_hash(search_key("p调解")));
}

TEST_CASE("a part as bytes reads back the same, and damaged bytes are no part") {
    const search_part part = sample();
    const std::string bytes = serialize(part);
    const auto back = parse_search_part(bytes);
    REQUIRE(back);
    CHECK(back->texts == part.texts);
    CHECK(back->terms == part.terms);
    CHECK(back->hans == part.hans);
    CHECK(back->words == part.words);
    CHECK(back->sections == 2);
    CHECK(terms_of(*back).size() == terms_of(part).size());
    CHECK_FALSE(parse_search_part(bytes.substr(0, bytes.size() - 1)));
    CHECK_FALSE(parse_search_part(bytes + "x"));
    // A term count that promises more terms than the bytes hold.
    search_part more = part;
    ++more.words;
    CHECK_FALSE(parse_search_part(serialize(more)));
    // Terms cut short inside a word.
    search_part cut = part;
    cut.terms.resize(cut.terms.size() - 2);
    CHECK_FALSE(parse_search_part(serialize(cut)));
}
