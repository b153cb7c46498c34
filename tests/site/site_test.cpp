// Behaviour of whole (tiny) sites, built in memory. Tests about the generator carry their templates
// inline (test::minimal_site(), or their own txtar); those tagged [project-templates] are about what
// the project's templates/ show (tests/README.md).
#include <catch2/catch.hpp>

#include <functional>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "briefs/sitegraph/build.hpp"
#include "briefs/markdown/render.hpp"
#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;

namespace {

using test::build;
using test::built;
using test::contains;

std::set<std::string> ids_of(const std::string& html) {
    std::set<std::string> ids;
    std::regex re("<h[23] id=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) ids.insert((*it)[1]);
    return ids;
}

}  // namespace

// What the project's pages show of the minimal content: cards, charts, contents, breadcrumb, lang switch.
TEST_CASE("a bilingual site from the minimal content", "[project-templates]") {
    const auto b = build(test::minimal_content());
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    CHECK(b.stats->pages == 12);  // root and 404; per language the home page, the compare page, the search page and 2 regions (no glossary, no topics)
    for (const char* f : {"index.html", "404.html", "favicon.ico", "robots.txt", "zh/index.html", "en/index.html",
                          "zh/regions/taizhou/index.html", "en/regions/taizhou/index.html", "zh/regions/linhai/index.html",
                          "en/regions/linhai/index.html"}) {
        CHECK(b.files.count(f));
    }

    const auto& zh = b.at("zh/regions/taizhou/index.html");
    const auto& en = b.at("en/regions/taizhou/index.html");

    SECTION("language and alternates") {
        CHECK(contains(zh, "<html lang=\"zh-Hans\">"));
        CHECK(contains(en, "<html lang=\"en\">"));
        // hreflang alternates need absolute URLs: none without a base URL (metadata_test.cpp).
        CHECK_FALSE(contains(zh, "hreflang=\"x-default\""));
        CHECK(contains(zh, "class=\"lang-switch\" href=\"../../../en/regions/taizhou/\" hreflang=\"en\""));
        CHECK_FALSE(contains(zh, "rel=\"canonical\""));
    }
    SECTION("translated headings share their anchors across languages") {
        CHECK(contains(zh, "<h2 id=\"pingan-jianshe-tixi-gengjia-wanshan\">平安建设体系更加完善 <span class=\"heading-en\" lang=\"en\">A more complete safety system</span></h2>"));
        // The English page shows the Chinese heading too (under the English one), marked as Chinese.
        CHECK(contains(en, "<h2 id=\"pingan-jianshe-tixi-gengjia-wanshan\">A more complete safety system <span class=\"heading-zh\" lang=\"zh-Hans\">平安建设体系更加完善</span></h2>"));
        CHECK(ids_of(zh) == ids_of(en));
        // Contents in both languages on both pages.
        CHECK(contains(zh, "<a href=\"#jiceng-zhili\"><span>基层治理</span> <span class=\"toc-alt\" lang=\"en\">Grassroots governance</span></a>"));
        CHECK(contains(en, "<a href=\"#jiceng-zhili\"><span>Grassroots governance</span> <span class=\"toc-alt\" lang=\"zh-Hans\">基层治理</span></a>"));
    }
    SECTION("cards: locale numbers, direction and news in text") {
        CHECK(contains(zh, "<span class=\"num\">8.85万</span><span class=\"unit\">件</span>"));
        CHECK(contains(en, ">88,500<"));
        CHECK(contains(zh, "<span class=\"arrow\" aria-hidden=\"true\">▼</span><span class=\"visually-hidden\">下降 </span><span class=\"num\">16.7</span><span class=\"unit\">%</span>"));
        CHECK(contains(zh, "<p class=\"card-news\">向好</p>"));
        CHECK(contains(en, "<p class=\"card-news\">bad news</p>"));  // fraud cases up 3.2%, lower is better
        CHECK(contains(zh, "2025年4月18日"));
        CHECK(contains(en, "18 April 2025"));
    }
    SECTION("a chart of the changes, with a text alternative") {
        CHECK(contains(zh, "<svg role=\"img\" aria-labelledby=\"chart-1-title chart-1-desc\""));
        CHECK(contains(zh, "<figcaption id=\"chart-1-title\">同比变化</figcaption>"));
        CHECK(contains(zh, "<desc id=\"chart-1-desc\">刑事案件 −16.7%; 诈骗案件 +3.2%</desc>"));
        CHECK(contains(en, "<tr><th scope=\"row\">Fraud cases</th><td>+3.2% (bad news)</td></tr>"));
        CHECK(contains(en, "class=\"chart-bar trend-good\""));
        CHECK_FALSE(contains(b.at("zh/index.html"), "<svg"));
    }
    SECTION("an English page without an English body") {
        const auto& linhai = b.at("en/regions/linhai/index.html");
        CHECK(contains(linhai, "The full English text of this brief is not yet available"));
        CHECK(contains(linhai, "<article class=\"brief-body\" lang=\"zh-Hans\">"));
        CHECK(contains(linhai, "<h2 id=\"xiaoneng-ronghe\" lang=\"en\">Working as one <span class=\"heading-zh\" lang=\"zh-Hans\">效能融合</span></h2>"));
        CHECK(contains(linhai, "临海的平安建设。"));
        CHECK_FALSE(contains(b.at("zh/regions/linhai/index.html"), "not yet available"));
    }
    SECTION("breadcrumb, children and relative links") {
        const auto& linhai = b.at("zh/regions/linhai/index.html");
        CHECK(contains(linhai, "<a href=\"../../../zh/regions/taizhou/\">台州市</a>"));
        CHECK(contains(zh, "<a href=\"../../../zh/regions/linhai/\">临海市</a>"));
        CHECK(contains(zh, "<a href=\"../linhai/\">临海</a>"));
        for (const auto& [path, text] : b.files) {
            INFO(path);
            CHECK_FALSE(contains(text, "src=\"http"));
            if (path != "404.html") CHECK_FALSE(contains(text, "href=\"/"));  // 404 is served at any depth
            if (path != "404.html") CHECK_FALSE(std::regex_search(text, std::regex("(href|src)=\"https?://")));
        }
    }
    SECTION("home pages group regions under their city in collation order") {
        const auto& home = b.at("zh/index.html");
        const auto group = home.find("<h2 id=\"group-taizhou\">台州市</h2>");
        const auto city = home.find(">台州市</a></h3>");
        const auto county = home.find(">临海市</a></h3>");
        CHECK(group != std::string::npos);
        CHECK(group < city);
        CHECK(city < county);
    }
    SECTION("hashed assets") {
        CHECK(std::regex_search(zh, std::regex("href=\"../../../assets/style\\.[0-9a-f]{8}\\.css\"")));
        CHECK(std::count_if(b.files.begin(), b.files.end(), [](const auto& f) { return f.first.starts_with("assets/style."); }) == 1);
    }
    SECTION("sitemap and robots without a base URL") {
        CHECK_FALSE(b.files.count("sitemap.xml"));  // its URLs must be absolute
        CHECK_FALSE(contains(b.at("robots.txt"), "Sitemap:"));
    }
}

TEST_CASE("a base URL gives canonical links and an absolute sitemap") {
    const auto b = build(test::minimal_site(), "https://example.org/briefs");
    REQUIRE(b.stats);
    CHECK(contains(b.at("zh/regions/linhai/index.html"), "<link rel=\"canonical\" href=\"https://example.org/briefs/zh/regions/linhai/\">"));
    CHECK(contains(b.at("sitemap.xml"), "<loc>https://example.org/briefs/en/regions/linhai/</loc>"));
    CHECK(contains(b.at("robots.txt"), "Sitemap: https://example.org/briefs/sitemap.xml"));
    CHECK(contains(b.at("404.html"), "href=\"https://example.org/briefs/zh/\""));
    // Links between pages stay relative.
    CHECK(contains(b.at("zh/regions/linhai/index.html"), "<a href=\"../../../zh/regions/taizhou/\">"));
}

TEST_CASE("two builds of the same input are byte-identical") {
    // With topics and a base URL: topic pages, feeds, the sitemap, share images and the search index too.
    const auto a = build(test::minimal_site_with_topics(), "https://example.org/briefs/");
    const auto b = build(test::minimal_site_with_topics(), "https://example.org/briefs/");
    REQUIRE(a.stats);
    CHECK(a.files.count("zh/topics/anti-fraud/index.html"));
    CHECK(a.files.count("en/regions/taizhou/share.png"));
    CHECK(a.files == b.files);
}

TEST_CASE("an earlier brief has its own page, and links keep working there") {
    auto files = test::minimal_site();
    auto& region = files["content/regions/taizhou/region.json"];
    const std::string brief_start = "    {\n      \"period\": \"2025\"";
    const auto at = region.find(brief_start);
    REQUIRE(at != std::string::npos);
    const auto end = region.rfind("\n  ]\n}");
    std::string earlier = region.substr(at, end - at);
    earlier = std::regex_replace(earlier, std::regex("\"2025\""), "\"2019\"");
    region.insert(end, ",\n" + earlier);
    files["content/regions/taizhou/2019.zh.md"] = files["content/regions/taizhou/2025.zh.md"];
    const auto b = build(files);
    REQUIRE(b.stats);
    const auto& old = b.at("zh/regions/taizhou/2019/index.html");
    CHECK(contains(old, "<a href=\"../../linhai/\">临海</a>"));  // rebased one folder up
    CHECK(contains(old, "<link rel=\"stylesheet\" href=\"../../../../assets/style."));
    CHECK(contains(b.at("zh/regions/taizhou/index.html"), "<a href=\"../../../zh/regions/taizhou/2019/\">2019 · 台州平安建设</a>"));
    CHECK(contains(b.at("en/regions/taizhou/2019/index.html"), "The full English text of this brief is not yet available"));
}

TEST_CASE("headings: collisions, empty slugs and missing translations") {
    auto files = test::minimal_site();
    files["content/regions/linhai/2023.zh.md"] = "## 效能融合\n\n## 效能融合\n\n## ！！\n\n## 新标题\n";
    const auto b = build(files);
    REQUIRE(b.stats);
    const auto& zh = b.at("zh/regions/linhai/index.html");
    CHECK(contains(zh, "<h2 id=\"xiaoneng-ronghe\">"));
    CHECK(contains(zh, "<h2 id=\"xiaoneng-ronghe-2\">"));
    CHECK(contains(zh, "<h2 id=\"section-3\">"));
    REQUIRE(b.diags.warning_count() == 3);  // and "no base URL", at content/site.json (sorted last)
    CHECK(core::to_string(b.diags.items()[1]).find("2023.zh.md:7:1: warning: heading \"新标题\" has no English translation") != std::string::npos);
    CHECK(contains(b.at("en/regions/linhai/index.html"), "<h2 id=\"xin-biaoti\" lang=\"zh-Hans\">") == false);
}

// About the project's templates: none of them writes a value unescaped.
TEST_CASE("values from JSON and Markdown are escaped everywhere", "[project-templates]") {
    // Every text field of region.json (each {zh, en} text, evidence, the headings map) and the
    // Markdown get the same payload; no page may contain it unescaped.
    const std::string evil = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> javascript:alert(1) '\"><";
    auto files = test::minimal_content();
    auto region = nlohmann::json::parse(files["content/regions/taizhou/region.json"]);
    std::function<void(nlohmann::json&)> poison = [&](nlohmann::json& v) {
        if (v.is_object()) {
            if (v.size() == 2 && v.contains("zh") && v.contains("en")) {
                v["zh"] = evil + "中";
                v["en"] = evil + "en";
                return;
            }
            for (auto& [k, child] : v.items()) poison(child);
        } else if (v.is_array()) {
            for (auto& child : v) poison(child);
        }
    };
    poison(region);
    auto& brief = region["briefs"][0];
    for (auto& m : brief["metrics"]) m["evidence"] = evil;
    brief["headings"] = {{evil + "标题", evil + "heading"}};
    files["content/regions/taizhou/region.json"] = region.dump(2);
    files["content/regions/taizhou/2025.zh.md"] = "## " + evil + "标题\n\n" + evil + "\n\n[x](javascript:alert(3)) <img src=x onerror=alert(4)>\n";
    files["content/regions/taizhou/2025.en.md"] = "## " + evil + "heading\n\n" + evil + " [y](javascript:alert(5))\n";
    const auto b = build(files);
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    const std::regex handler_attribute(R"(<[a-zA-Z][a-zA-Z0-9]*(\s+[a-zA-Z:-]+(=("[^"]*"|[^\s>"]+))?)*\s+on[a-z]+=)");
    for (const auto& [path, text] : b.files) {
        INFO(path);
        CHECK_FALSE(contains(text, "<script>alert"));
        CHECK_FALSE(contains(text, "<img src=x"));
        // No event-handler attribute: attribute names are checked, quoted values (escaped text) skipped.
        CHECK_FALSE(std::regex_search(text, handler_attribute));
        CHECK_FALSE(contains(text, "href=\"javascript:"));
    }
    const auto& zh = b.at("zh/regions/taizhou/index.html");
    CHECK(contains(zh, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(b.at("zh/index.html"), "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_CASE("errors stop the build and name the place") {
    auto files = test::minimal_site();
    files["content/regions/linhai/region.json"].insert(1, "\n  \"colour\": 1,");
    const auto b = build(files);
    CHECK_FALSE(b.stats);
    REQUIRE(b.diags.error_count() == 1);
    CHECK(core::to_string(b.diags.items()[0]).find("content/regions/linhai/region.json:2:3: error: unknown field \"colour\"") != std::string::npos);
}

// What the project's topic pages, chips and header show.
TEST_CASE("topic pages list the sections and figures about each topic", "[project-templates]") {
    const auto b = build(test::minimal_content_with_topics());
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    CHECK(b.stats->pages == 12 + 2 * 3);  // per language: the topics page and one page per topic
    const auto& grid = b.at("en/topics/grid-governance/index.html");
    // The section, under its translated heading, linked to its anchor on the region's page.
    CHECK(contains(grid, "<a href=\"../../../en/regions/taizhou/#jiceng-zhili\">Grassroots governance</a>"));
    CHECK(contains(grid, "1 region, 1 section"));
    CHECK_FALSE(contains(grid, "Fraud cases"));
    const auto& fraud = b.at("zh/topics/anti-fraud/index.html");
    CHECK(contains(fraud, "诈骗案件"));               // the metric's card
    CHECK_FALSE(contains(fraud, "id=\"metric-"));  // cards of many briefs carry no ids
    CHECK(contains(fraud, "1个地区，0个章节"));
    const auto& index = b.at("zh/topics/index.html");
    CHECK(index.find(">网格化治理</a>") < index.find(">反诈</a>"));  // the taxonomy's order
    // The region's page links to its topics; a region without topics shows none.
    CHECK(contains(b.at("en/regions/taizhou/index.html"), "<a class=\"chip\" href=\"../../../en/topics/grid-governance/\">Grid governance</a>"));
    CHECK_FALSE(contains(b.at("en/regions/linhai/index.html"), "topic-chips"));
    // Every page's header links to the topics page.
    CHECK(contains(b.at("en/index.html"), "href=\"../en/topics/\""));
    SECTION("without topics.json there are no topic pages and no link to them") {
        const auto plain = build(test::minimal_content());
        REQUIRE(plain.stats);
        CHECK_FALSE(plain.files.count("zh/topics/index.html"));
        CHECK_FALSE(contains(plain.at("zh/index.html"), "/topics/"));
    }
}

TEST_CASE("the search index: sections of every brief, Chinese split into words") {
    auto files = test::minimal_site();
    files["content/regions/taizhou/2025.zh.md"] += "\n## 源头治理\n\n矛盾纠纷化解率达98.6%，<b>不是标签</b> & “引号”。\n";
    files["content/regions/taizhou/region.json"] = test::replace_once(files["content/regions/taizhou/region.json"],
        "\"基层治理\": \"Grassroots governance\"}", "\"基层治理\": \"Grassroots governance\", \"源头治理\": \"At source\"}");
    const auto b = build(files);
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    // Each file of the index is a script calling briefsSearchLoad(name, data), data being JSON.
    auto data = [&](const std::string& file, const std::string& name) {
        const std::string& js = b.at(file);
        const std::string prefix = "briefsSearchLoad(\"" + name + "\",";
        REQUIRE(js.starts_with(prefix));
        REQUIRE(js.ends_with(");\n"));
        // No markup can appear in the file: < > & are escaped inside the JSON strings.
        CHECK(js.find('<') == std::string::npos);
        CHECK(js.find('&') == std::string::npos);
        return nlohmann::json::parse(js.substr(prefix.size(), js.size() - prefix.size() - 3));
    };
    // A small site: one bucket per language; one texts file per brief, regions in the home page's
    // order (Taizhou, then Linhai under it).
    const auto meta = data("zh/search/meta.js", "meta");
    CHECK(meta["lang"] == "zh");
    CHECK(meta["buckets"] == 1);
    CHECK(meta["briefs"] == 2);
    CHECK(meta["v"].get<std::string>().size() == 12);
    const auto taizhou = data("zh/search/t/0.js", "t0");
    // [url, region, period, [[anchor, heading, text], …]]: the brief itself, then each section.
    CHECK(taizhou[0] == "zh/regions/taizhou/");
    CHECK(taizhou[1] == "台州市");
    CHECK(taizhou[2] == "2025");
    REQUIRE(taizhou[3].size() == 4);
    CHECK(taizhou[3][2][0] == "jiceng-zhili");
    // The text as it reads (raw HTML left out), for snippets.
    CHECK(taizhou[3][3] == nlohmann::json::array({"yuantou-zhili", "源头治理", "矛盾纠纷化解率达98.6%，不是标签 & “引号”。"}));
    CHECK(data("zh/search/t/1.js", "t1")[3][1][0] == "xiaoneng-ronghe");
    CHECK(meta["docs"] == 4 + data("zh/search/t/1.js", "t1")[3].size());
    const auto terms = data("zh/search/w/0.js", "w0");
    // Chinese is found through its pairs of characters and its characters, whatever ICU made of it:
    // ICU's Chinese words are not indexed (no query looks them up) …
    CHECK_FALSE(terms["w"].contains("矛盾"));
    CHECK_FALSE(terms["w"].contains("矛盾纠纷化解率"));
    CHECK(terms["p"].contains("纷化"));
    CHECK(terms["c"].contains("矛"));
    // … and the words of the other scripts are ICU words, case-folded.
    CHECK(terms["w"].contains("98.6"));
    // Postings are per brief: its number (as a difference from the previous brief's), the mask of its
    // sections, each one's weight, five bits a character (A = 0). 源头 is in brief 0's section 3 (mask
    // 8 = I), in its heading: weight 3 (D), where a word of the text weighs 1.
    CHECK(terms["p"]["源头"] == "AID");
    CHECK(terms["p"]["项目"] == "AEB");
    // The English index has the English sections under their own headings.
    CHECK(contains(b.at("en/search/t/0.js"), "[\"jiceng-zhili\",\"Grassroots governance\",\"Text.\"]"));
    CHECK(contains(b.at("en/search/w/0.js"), "\"grassroots\":\""));
    CHECK_FALSE(b.files.count("zh/search/index.js"));
    // The search page names the meta file (with a version that changes with the content) for its script.
    const auto& page = b.at("zh/search/index.html");
    CHECK(std::regex_search(page, std::regex("data-index=\"meta\\.js\\?v=[0-9a-f]{12}\"")));
    CHECK(std::regex_search(page, std::regex("<script src=\"\\.\\./\\.\\./assets/search\\.[0-9a-f]{8}\\.js\" defer></script>")));
    // Every page can point a search form at its language's search page.
    CHECK(contains(b.at("en/regions/linhai/index.html"), "<form action=\"../../../en/search/\">"));
}

// The project's table of moved figures.
TEST_CASE("a region with several briefs shows how comparable figures moved", "[project-templates]") {
    auto files = test::minimal_content();
    auto& region = files["content/regions/taizhou/region.json"];
    // An earlier brief with the resolution rate (same id) and the criminal-case change under another id, in one series.
    const std::string earlier = R"({
      "period": "2019",
      "title": {"zh": "台州2019", "en": "Taizhou 2019"},
      "date": "2019",
      "sources": [{"id": "old", "title": {"zh": "旧文", "en": "Old"}, "publisher": {"zh": "报", "en": "Paper"}, "authors": []}],
      "headline": ["resolution-rate"],
      "metrics": [
        {"id": "resolution-rate", "label": {"zh": "化解率", "en": "Resolved"}, "value": 95.1, "unit": "percent", "polarity": "higher-better", "source": "old"},
        {"id": "crimes", "series": "criminal-cases", "label": {"zh": "刑案", "en": "Crimes"}, "value": -3, "unit": "percent_change", "polarity": "lower-better", "source": "old"},
        {"id": "fraud-cases", "label": {"zh": "诈骗", "en": "Fraud"}, "value": 5, "unit": "percent", "polarity": "lower-better", "source": "old"}
      ],
      "headings": {}
    },
    )";
    region = test::replace_once(region, "\"briefs\": [\n", "\"briefs\": [\n    " + earlier);
    files["content/regions/taizhou/2019.zh.md"] = "旧文。\n";
    const auto b = build(files);
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    for (const char* page : {"en/regions/taizhou/index.html", "en/regions/taizhou/2019/index.html"}) {
        INFO(page);
        const auto& html = b.at(page);
        REQUIRE(contains(html, "<table class=\"moved-table\">"));
        const auto table = html.substr(html.find("<table class=\"moved-table\">"), html.find("</table>", html.find("moved-table")) - html.find("<table class=\"moved-table\">"));
        CHECK(contains(table, "<th scope=\"col\">2019</th><th scope=\"col\">2025</th><th scope=\"col\">Change 2019–2025</th>"));
        // Levels get the difference (a rate in points); rates of change do not; a unit mismatch is left out.
        CHECK(contains(table, "<th scope=\"row\">Disputes resolved</th><td>95.1%</td><td>98.6%</td><td><span class=\"trend-good\"><span aria-hidden=\"true\">▲</span><span class=\"visually-hidden\">up </span>3.5 pp</span></td>"));
        CHECK(contains(table, "<th scope=\"row\">Criminal cases</th>"));
        CHECK_FALSE(contains(table, "Fraud"));
    }
    CHECK_FALSE(contains(b.at("en/regions/linhai/index.html"), "moved-table"));
}

TEST_CASE("share images: a PNG per region and language, referenced when the site has a base URL") {
    // The site's own head shows what the generator gives it of the image.
    const auto site = test::merged(test::minimal_site(), test::txtar(R"(
-- templates/partials/head.html --
<!doctype html><html lang="{{html_lang}}"><title>{{title}}</title>
{{#og.image}}<meta property="og:image" content="{{url}}">
<meta property="og:image:width" content="{{width}}">
<meta name="twitter:card" content="summary_large_image">
{{/og.image}}{{^og.image}}<meta name="twitter:card" content="summary">
{{/og.image}}<link rel="stylesheet" href="{{assets.style_css}}">
)"));
    const auto b = build(site, "https://example.org/briefs/");
    for (const auto& d : b.diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(b.stats);
    for (const char* file : {"zh/regions/taizhou/share.png", "en/regions/taizhou/share.png", "en/regions/linhai/share.png"}) {
        const auto& png = b.at(file);
        CHECK(png.starts_with("\x89PNG\r\n\x1a\n"));
    }
    CHECK(b.at("zh/regions/taizhou/share.png") != b.at("en/regions/taizhou/share.png"));
    const auto& html = b.at("en/regions/taizhou/index.html");
    CHECK(contains(html, "<meta property=\"og:image\" content=\"https://example.org/briefs/en/regions/taizhou/share.png\">"));
    CHECK(contains(html, "<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    CHECK(contains(html, "<meta property=\"og:image:width\" content=\"1200\">"));
    CHECK_FALSE(contains(b.at("sitemap.xml"), "share.png"));
    SECTION("without a base URL (platforms need absolute URLs) there is no image and no reference") {
        const auto plain = build(site);
        REQUIRE(plain.stats);
        CHECK_FALSE(plain.files.count("zh/regions/taizhou/share.png"));
        CHECK_FALSE(contains(plain.at("en/regions/taizhou/index.html"), "og:image"));
        CHECK(contains(plain.at("en/regions/taizhou/index.html"), "<meta name=\"twitter:card\" content=\"summary\">"));
    }
}

TEST_CASE("an English body whose headings do not line up with the Chinese body's: a finding each") {
    auto findings = [](const std::string& en_body) {
        auto files = test::minimal_site();
        files["content/regions/taizhou/2025.en.md"] = en_body;
        const auto b = build(files);
        REQUIRE(b.stats);  // warnings, not errors
        std::vector<std::string> out;
        for (const auto& d : b.diags.items()) {
            if (d.check == "translation") out.push_back(core::to_string(d));
        }
        return out;
    };
    const std::string lead = "Taizhou keeps building safety.\n\n";
    const std::string one = "## A more complete safety system\n\nText.\n\n", two = "## Grassroots governance\n\nText.\n";
    CHECK(findings(lead + one + two).empty());

    auto removed = findings(lead + one);
    REQUIRE(removed.size() == 1);
    CHECK(contains(removed[0], "2025.en.md:3:1: warning: the English body has no heading for Chinese heading 2 \"基层治理\" (\"Grassroots governance\")"));

    auto added = findings(lead + one + "## Something else\n\nText.\n\n" + two);
    REQUIRE(added.size() == 1);
    CHECK(contains(added[0], "2025.en.md:7:1: warning: heading \"Something else\" is not the translation of any Chinese heading"));

    auto swapped = findings(lead + two + "\n" + one);
    REQUIRE(swapped.size() == 1);
    CHECK(contains(swapped[0], "2025.en.md:7:1: warning: heading \"A more complete safety system\" translates Chinese heading 1 \"平安建设体系更加完善\""));
    CHECK(contains(swapped[0], "in another order"));
}

TEST_CASE("a build parses each Markdown body once per language, checks of its references included") {
    // Taizhou has a Chinese and an English body; Linhai a Chinese one only, which its English page shows.
    // Building: Taizhou zh and en, Linhai zh, and Linhai's Chinese body again for its English page: 4,
    // whatever else uses them (what a body references, anchors, link checks, topic pages, search,
    // feeds, descriptions). Loading parses none.
    auto site = test::minimal_site_with_topics();
    auto before = markdown::documents_parsed();
    auto b = test::build(site, "https://example.org/briefs/");
    REQUIRE(b.stats);
    CHECK(markdown::documents_parsed() - before == 4);

    // A file beside Taizhou's bodies, shown by one and left unused: which files are published depends
    // on all of a region's bodies, so its views are made before the pages; still one parse each.
    site["content/regions/taizhou/report.pdf"] = "%PDF-1.4\n";
    site["content/regions/taizhou/notes.txt"] = "x";
    site["content/regions/taizhou/2025.zh.md"] = test::replace_once(site["content/regions/taizhou/2025.zh.md"], "\n\n## ", "见[报告](report.pdf)。\n\n## ");
    before = markdown::documents_parsed();
    b = test::build(site, "https://example.org/briefs/");
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(markdown::documents_parsed() - before == 4);
    CHECK(std::count_if(b.files.begin(), b.files.end(), [](const auto& f) { return f.first.starts_with("files/taizhou/report."); }) == 1);
    CHECK(b.messages().find("notes.txt: warning: belongs to no brief of region \"taizhou\"") != std::string::npos);

    // A build that stops at loading (an error in another region) still reports what the bodies reference.
    site["content/regions/taizhou/2025.zh.md"] = test::replace_once(site["content/regions/taizhou/2025.zh.md"], "(report.pdf)", "(repport.pdf)");
    site["content/regions/linhai/region.json"] = test::replace_once(site["content/regions/linhai/region.json"], "\"level\"", "\"levle\"");
    b = test::build(site, "https://example.org/briefs/");
    INFO(b.messages());
    CHECK_FALSE(b.stats);
    CHECK(b.messages().find("linhai/region.json") != std::string::npos);
    CHECK(b.messages().find("2025.zh.md:1:13: error: link \"repport.pdf\": there is no file \"repport.pdf\" in ") != std::string::npos);
    CHECK(b.messages().find("content/regions/taizhou/ (did you mean \"report.pdf\"?)") != std::string::npos);
}

TEST_CASE("a whole tiny site inline, templates and assets included (Hugo's style)") {
    auto site = test::minimal_site();
    auto b = build(site);
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(b.at("zh/regions/taizhou/index.html").find("<h1>台州市</h1>") != std::string::npos);
    CHECK(b.at("en/regions/linhai/index.html").find("<h1>Linhai</h1>") != std::string::npos);
    CHECK(b.at("zh/index.html").find("href=\"../zh/regions/linhai/\"") != std::string::npos);
    // The site's own template decides the page: a link it makes to a page the site does not have is an
    // error at the template's line and column, once for every page it makes.
    auto& region = site["templates/region.html"];
    const auto line = std::count(region.begin(), region.end(), '\n') + 2;  // the line after <p>
    region += "<p>\n  <a href=\"{{root}}zh/nowhere/\">x</a></p>\n";
    b = build(site);
    CHECK_FALSE(b.stats);
    const std::string found = b.messages();
    INFO(found);
    CHECK(test::contains(found, "templates/region.html:" + std::to_string(line) + ":20: error: link \"zh/nowhere/\""));
    CHECK(test::contains(found, "which is not a file of the site"));
}
