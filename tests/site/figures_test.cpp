// Figures a reader can verify (issue 17): every card leads to a numbered note with its article and the
// phrase quoted from it; every change says what it is measured against, and a chart takes one basis
// only; the English page shows the Chinese headings; the figures beyond the headline are a table.
#include <catch2/catch.hpp>

#include <string>

#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;
using test::contains;

namespace {

/// The minimal site's Taizhou brief with evidence, a since-start and a so-far-this-year change, a
/// figure beyond the headline, and a Chinese heading whose slug would take a note's id.
test::files verifiable_site() {
    auto f = test::minimal_content();
    auto& region = f["content/regions/taizhou/region.json"];
    region = test::replace_once(region, R"("polarity": "lower-better", "source": "daily"},)",
                                R"("polarity": "lower-better", "source": "daily", "evidence": "刑事案件同比下降16.7%", "evidence_en": "criminal cases fell 16.7% year on year"},)");
    region = test::replace_once(region, R"("polarity": "higher-better", "source": "daily"},)",
                                R"("polarity": "higher-better", "source": "daily", "evidence": "矛盾纠纷化解率达98.6%"},)");
    region = test::replace_once(region, R"("change": {"value": 3.2, "unit": "percent"}, "polarity": "lower-better", "source": "daily"})",
                                R"("change": {"value": 3.2, "unit": "percent"}, "polarity": "lower-better", "source": "daily", "evidence": "诈骗案件8.85万件，同比上升3.2%"},
        {"id": "petitions", "label": {"zh": "信访量", "en": "Petitions"}, "value": -40, "unit": "percent_change", "polarity": "lower-better", "source": "daily",
         "basis": "since-start", "basis_note": {"zh": "自“365微共治”中心建立以来", "en": "since the 365 centre opened"}, "evidence": "自“365微共治”中心建立以来，信访量下降了40%"},
        {"id": "fraud-losses", "label": {"zh": "诈骗损失", "en": "Fraud losses"}, "value": 1200, "unit": "yuan", "change": {"value": -20, "unit": "percent"}, "polarity": "lower-better", "source": "daily",
         "basis": "year-to-date", "evidence": "今年以来，诈骗损失下降20%"})");
    region = test::replace_once(region, R"("基层治理": "Grassroots governance"})", R"("基层治理": "Grassroots governance", "Note Petitions": "Note on petitions"})");
    f["content/regions/taizhou/2025.zh.md"] += "\n## Note Petitions\n\n信访。\n";
    f["content/regions/taizhou/2025.en.md"] += "\n## Note on petitions\n\nPetitions.\n";
    return f;
}

/// The HTML of the element that starts at `open` (an `<li` or `<tr`), to its closing tag.
std::string element(const std::string& html, const std::string& open, const std::string& close) {
    const auto at = html.find(open);
    if (at == std::string::npos) return "";
    return html.substr(at, html.find(close, at) - at);
}

}  // namespace

// What the project's cards, figure table, notes and charts show.
TEST_CASE("figures a reader can verify: notes, bases, charts of one basis, bilingual headings", "[project-templates]") {
    const auto b = test::build(verifiable_site());
    INFO(b.messages());
    REQUIRE(b.stats);
    const auto& zh = b.at("zh/regions/taizhou/index.html");
    const auto& en = b.at("en/regions/taizhou/index.html");

    SECTION("every card and row links to its numbered note, which quotes the article's phrase in Chinese") {
        for (const auto* page : {&zh, &en}) {
            int number = 0;
            for (const std::string id : {"criminal-cases", "resolution-rate", "fraud-cases", "petitions", "fraud-losses"}) {
                INFO(id);
                ++number;
                const bool row = id == "petitions" || id == "fraud-losses";  // beyond the headline: rows of the table
                const std::string at = row ? element(*page, "<tr id=\"metric-" + id + "\"", "</tr>") : element(*page, "id=\"metric-" + id + "\"", "</li>");
                CHECK(contains(at, "href=\"#note-" + id + "\""));
                std::string mark = std::to_string(number);  // "[n]" (built so, not by "[" + …: a GCC 12 -Wrestrict false positive)
                mark.insert(mark.begin(), '[');
                mark.push_back(']');
                CHECK(contains(at, mark));
                const std::string note = element(*page, "<li id=\"note-" + id + "\">", "</li>");
                CHECK(contains(note, "<a href=\"#metric-" + id + "\">"));
                CHECK(contains(note, "<q lang=\"zh-Hans\">"));
                CHECK(contains(note, page == &zh ? "平安答卷" : "A safety record"));  // the article, as in Sources
                CHECK(contains(note, page == &zh ? "台州日报" : "Taizhou Daily"));
                CHECK(contains(note, page == &zh ? "2025年4月18日" : "18 April 2025"));
            }
        }
        CHECK(contains(zh, "<q lang=\"zh-Hans\">刑事案件同比下降16.7%</q></p>"));  // the Chinese page quotes the original only
        CHECK(contains(en, "<q lang=\"zh-Hans\">刑事案件同比下降16.7%</q> <span class=\"evidence-en\">(in English: <q>criminal cases fell 16.7% year on year</q>)</span>"));
        CHECK(contains(en, "<q lang=\"zh-Hans\">矛盾纠纷化解率达98.6%</q></p>"));  // no English rendering given: none shown
        CHECK(contains(en, "(<span lang=\"zh-Hans\">平安答卷</span>)"));  // the article's Chinese title on the English page
    }
    SECTION("every change says what it is measured against") {
        CHECK(contains(element(zh, "id=\"metric-criminal-cases\"", "</li>"), "<p class=\"card-basis\">同比</p>"));
        CHECK(contains(element(en, "id=\"metric-criminal-cases\"", "</li>"), "<p class=\"card-basis\">year on year</p>"));
        CHECK(contains(element(en, "id=\"metric-fraud-cases\"", "</li>"), "3.2% year on year</p>"));
        CHECK(contains(element(en, "<tr id=\"metric-petitions\"", "</tr>"), "since the 365 centre opened"));
        CHECK(contains(element(zh, "<tr id=\"metric-petitions\"", "</tr>"), "自“365微共治”中心建立以来"));
        CHECK(contains(element(en, "<tr id=\"metric-fraud-losses\"", "</tr>"), "20% so far this year"));
        CHECK(contains(element(zh, "<tr id=\"metric-fraud-losses\"", "</tr>"), "20% 今年以来"));
    }
    SECTION("no chart mixes bases: the year-on-year chart has only year-on-year changes") {
        const std::string yoy = element(en, "<figure class=\"chart\">", "</figure>");
        CHECK(contains(yoy, "<figcaption id=\"chart-1-title\">Changes year on year</figcaption>"));
        CHECK(contains(yoy, "<desc id=\"chart-1-desc\">Criminal cases −16.7%; Fraud cases +3.2%</desc>"));
        CHECK_FALSE(contains(yoy, "Petitions"));
        CHECK_FALSE(contains(yoy, "Fraud losses"));
        CHECK(contains(en, "<figcaption id=\"chart-2-title\">Changes so far this year</figcaption>"));
        CHECK(contains(en, "<desc id=\"chart-2-desc\">Fraud losses −20%</desc>"));
        CHECK(contains(en, "<figcaption id=\"chart-3-title\">Changes since the 365 centre opened</figcaption>"));
        CHECK(contains(zh, "<figcaption id=\"chart-3-title\">自“365微共治”中心建立以来的变化</figcaption>"));
        CHECK(contains(zh, "<desc id=\"chart-3-desc\">信访量 −40%</desc>"));
        CHECK_FALSE(contains(en, "chart-4-title"));
    }
    SECTION("the figures beyond the headline: a table in a details element, open without script") {
        CHECK(contains(en, "<details class=\"more-figures\" open>\n<summary>2 more figures</summary>"));
        CHECK(contains(zh, "<summary>其余2项数据</summary>"));
        CHECK_FALSE(contains(en, "class=\"cards cards-compact\""));
    }
    SECTION("a heading never takes a card's or a note's id; the English page shows the Chinese headings") {
        CHECK(contains(zh, "<h2 id=\"note-petitions-2\">Note Petitions"));
        CHECK(contains(en, "<h2 id=\"note-petitions-2\">Note on petitions <span class=\"heading-zh\" lang=\"zh-Hans\">Note Petitions</span></h2>"));
        CHECK(contains(en, "<span class=\"heading-zh\" lang=\"zh-Hans\">基层治理</span></h2>"));
    }
}

TEST_CASE("a stated-period change needs its period named; the build (and briefs check) says where") {
    auto f = test::merged(verifiable_site(), test::minimal_templates());
    auto& region = f["content/regions/taizhou/region.json"];
    region = test::replace_once(region, R"("basis": "year-to-date")", R"("basis": "period")");
    const auto b = test::build(f);
    CHECK_FALSE(b.stats);
    CHECK(contains(b.messages(), "content/regions/taizhou/region.json:"));
    CHECK(contains(b.messages(), "basis_note"));
}
