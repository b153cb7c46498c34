// Approximate figures and ranks as the articles print them: 2.3万余人 / 23,000+, 近1万人次 / nearly 10,000,
// 第1名 / 1st, on cards, table rows, notes, the compare page and topic pages, in the text a screen reader
// reads too; a qualifier the model does not know is an error at its line and column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;
using test::contains;

namespace {

/// The minimal site (with topics) whose Taizhou brief has qualified counts and amounts in its headline,
/// ranks in its table, and a "nearly" figure on the anti-fraud topic's page.
test::files qualified_site() {
    auto f = test::minimal_content_with_topics();
    auto& region = f["content/regions/taizhou/region.json"];
    region = test::replace_once(region, R"("headline": ["criminal-cases", "resolution-rate", "fraud-cases"])",
                                R"("headline": ["volunteers", "staff", "losses"])");
    std::string metrics = R"(
        {"id": "volunteers", "label": {"zh": "志愿者", "en": "Volunteers"}, "value": 23000, "unit": "person", "qualifier": "more-than", "source": "daily", "evidence": "2.3万余名志愿者"},
        {"id": "staff", "label": {"zh": "出动执法人员", "en": "Deployments"}, "value": 10000, "unit": "person_time", "qualifier": "nearly", "source": "daily", "topics": ["anti-fraud"]},
        {"id": "losses", "label": {"zh": "挽回损失", "en": "Losses recovered"}, "value": 70900000, "unit": "yuan", "qualifier": "more-than", "source": "daily"},
        {"id": "about", "label": {"zh": "巡逻", "en": "Patrols"}, "value": 300, "unit": "time", "qualifier": "about", "source": "daily"})";
    for (const int rank : {1, 2, 3, 11, 21}) {
        const std::string n = std::to_string(rank);
        metrics += ",\n        {\"id\": \"rank-" + n + "\", \"label\": {\"zh\": \"排名" + n + "\", \"en\": \"Rank " + n + "\"}, \"value\": " + n +
                   ", \"unit\": \"rank\", \"source\": \"daily\"}";
    }
    region = test::replace_once(region, R"("polarity": "lower-better", "topics": ["anti-fraud"], "source": "daily"})",
                                R"("polarity": "lower-better", "topics": ["anti-fraud"], "source": "daily"},)" + metrics);
    return f;
}

std::string element(const std::string& html, const std::string& open, const std::string& close) {
    const auto at = html.find(open);
    if (at == std::string::npos) return "";
    return html.substr(at, html.find(close, at) - at);
}

}  // namespace

// What the project's cards, table rows, notes, compare and topic pages show.
TEST_CASE("qualified figures and ranks read as printed, in both languages and to a screen reader", "[project-templates]") {
    const auto b = test::build(qualified_site());
    INFO(b.messages());
    REQUIRE(b.stats);
    const auto& zh = b.at("zh/regions/taizhou/index.html");
    const auto& en = b.at("en/regions/taizhou/index.html");

    SECTION("more than: 2.3万余人 / 23,000+, read \"more than 23,000\"") {
        const std::string zh_card = element(zh, "id=\"metric-volunteers\"", "</li>");
        CHECK(contains(zh_card, "<p class=\"card-value\" title=\"23,000余人\"><span class=\"num\">2.3万余</span><span class=\"unit\">人</span></p>"));
        const std::string en_card = element(en, "id=\"metric-volunteers\"", "</li>");
        CHECK(contains(en_card, "<p class=\"card-value\" title=\"more than 23,000\"><span class=\"visually-hidden\">more than 23,000</span>"
                                "<span class=\"num\" aria-hidden=\"true\">23,000+</span><span class=\"unit\" aria-hidden=\"true\"></span></p>"));
        // A number written with a word takes the words on screen too; 万 keeps 余 after the number.
        CHECK(contains(element(en, "id=\"metric-losses\"", "</li>"), "<span class=\"num\">more than 70.9 million</span><span class=\"unit\"> yuan</span>"));
        CHECK(contains(element(zh, "id=\"metric-losses\"", "</li>"), "<span class=\"num\">7090万余</span><span class=\"unit\">元</span>"));
        // Its note, the compare page and the home page show it the same way.
        CHECK(contains(element(en, "<li id=\"note-volunteers\">", "</li>"), "<span class=\"visually-hidden\">more than 23,000</span><span aria-hidden=\"true\">23,000+</span>"));
        CHECK(contains(b.at("en/compare/index.html"), "<span class=\"visually-hidden\">more than 23,000</span><span aria-hidden=\"true\">23,000+</span>"));
        CHECK(contains(b.at("zh/compare/index.html"), "2.3万余人"));
        CHECK(contains(b.at("en/index.html"), "<span class=\"num\" aria-hidden=\"true\">23,000+</span>"));
        CHECK_FALSE(contains(en, "more than 23,000+"));
    }
    SECTION("nearly and about: 近1万人次 / nearly 10,000, 约300次 / about 300") {
        CHECK(contains(element(zh, "id=\"metric-staff\"", "</li>"), "title=\"近10,000人次\"><span class=\"num\">近1万</span><span class=\"unit\">人次</span>"));
        CHECK(contains(element(en, "id=\"metric-staff\"", "</li>"), "title=\"nearly 10,000\"><span class=\"num\">nearly 10,000</span>"));
        CHECK(contains(element(zh, "<tr id=\"metric-about\"", "</tr>"), "<span title=\"约300次\">约300次</span>"));
        CHECK(contains(element(en, "<tr id=\"metric-about\"", "</tr>"), "<span title=\"about 300\">about 300</span>"));
    }
    SECTION("ranks are ordinals by ICU's rules: 1st, 2nd, 3rd, 11th, 21st; 第1名") {
        for (const auto& [id, text] : std::initializer_list<std::pair<const char*, const char*>>{
                 {"rank-1", "1st"}, {"rank-2", "2nd"}, {"rank-3", "3rd"}, {"rank-11", "11th"}, {"rank-21", "21st"}}) {
            INFO(id);
            CHECK(contains(element(en, std::string("<tr id=\"metric-") + id + "\"", "</tr>"), std::string("<span title=\"") + text + "\">" + text + "</span>"));
        }
        CHECK(contains(element(zh, "<tr id=\"metric-rank-1\"", "</tr>"), "<span title=\"第1名\">第1名</span>"));
        CHECK(contains(element(zh, "<tr id=\"metric-rank-11\"", "</tr>"), "第11名"));
        CHECK_FALSE(contains(zh, "1位"));
    }
    SECTION("a card on a topic page leads to its note on the brief's page, with the note's number") {
        const std::string card = element(b.at("en/topics/anti-fraud/index.html"), "<p class=\"card-label\">Deployments</p>", "</li>");
        CHECK(contains(card, "<a href=\"../../../en/regions/taizhou/#note-staff\">Source [2]</a>"));
        CHECK(contains(en, "<li id=\"note-staff\">"));
        CHECK(contains(element(en, "id=\"metric-staff\"", "</li>"), "<a href=\"#note-staff\">Source [2]</a>"));
        // A figure beyond the headline: numbered after the headline's three, in file order.
        const std::string fraud = element(b.at("zh/topics/anti-fraud/index.html"), "<p class=\"card-label\">诈骗案件</p>", "</li>");
        CHECK(contains(fraud, "<a href=\"../../../zh/regions/taizhou/#note-fraud-cases\">出处 [6]</a>"));
        CHECK(contains(element(zh, "<tr id=\"metric-fraud-cases\"", "</tr>"), "[6]</a>"));
    }
}

TEST_CASE("a qualifier the model does not know, or one on a rank, is an error at its line and column") {
    auto f = test::minimal_site();
    auto& region = f["content/regions/taizhou/region.json"];
    const std::string bad = R"({"id": "bad", "qualifier": "almost", "label": {"zh": "志愿者", "en": "Volunteers"}, "value": 20, "unit": "person", "source": "daily"})";
    region = test::replace_once(region, R"("polarity": "higher-better", "source": "daily"},)",
                                R"("polarity": "higher-better", "source": "daily"},
        )" + bad + ",");
    const auto line_at = region.find(bad);
    const auto line = 1 + std::count(region.begin(), region.begin() + static_cast<std::ptrdiff_t>(line_at), '\n');
    const auto column = line_at - region.rfind('\n', line_at) + bad.find("\"qualifier\"");  // the member's key
    const auto b = test::build(f);
    CHECK_FALSE(b.stats);
    const std::string where = "content/regions/taizhou/region.json:" + std::to_string(line) + ":" + std::to_string(column) + ": error:";
    INFO(where);
    INFO(b.messages());
    CHECK(contains(b.messages(), where));
    CHECK(contains(b.messages(), "\"qualifier\" must be one of \"more-than\", \"nearly\", \"about\", not \"almost\""));

    auto g = test::minimal_site();
    g["content/regions/taizhou/region.json"] = test::replace_once(
        g["content/regions/taizhou/region.json"], R"("polarity": "higher-better", "source": "daily"},)",
        R"("polarity": "higher-better", "source": "daily"}, {"id": "rank", "label": {"zh": "排名", "en": "Rank"}, "value": 1, "unit": "rank", "qualifier": "nearly", "source": "daily"},)");
    const auto r = test::build(g);
    CHECK_FALSE(r.stats);
    CHECK(contains(r.messages(), "a rank, a percentage or a change is given as printed"));
}
