// What search engines, feed readers, hosts and browsers see of a site: each brief's own metadata,
// permanent feed ids, canonical links, hreflang and the sitemap in agreement, the icon, the 404 page.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "briefs/sitegraph/build.hpp"
#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;

namespace {

using test::build;
using test::built;
using test::contains;

const std::string base = "https://example.org/briefs/";

/// The minimal site, with an earlier brief of Taizhou (2019) before its 2025 one.
test::files two_briefs() {
    auto f = test::minimal_content();
    auto& region = f["content/regions/taizhou/region.json"];
    region = test::replace_once(region, "\"briefs\": [\n", R"("briefs": [
    {
      "period": "2019",
      "title": {"zh": "台州二〇一九", "en": "Taizhou in 2019"},
      "date": "2020-01",
      "sources": [{"id": "old", "title": {"zh": "旧文", "en": "Old piece"}, "publisher": {"zh": "报社", "en": "Paper"}, "authors": []}],
      "headline": ["gangs"],
      "metrics": [{"id": "gangs", "label": {"zh": "黑恶团伙", "en": "Gangs"}, "value": 62, "unit": "count", "polarity": "neutral", "source": "old"}],
      "headings": {"排查在前": "Prevention first"}
    },
)");
    f["content/regions/taizhou/2019.zh.md"] = "二〇一九年台州打掉黑恶团伙六十二个。\n\n## 排查在前\n\n隐患早发现。\n";
    f["content/regions/taizhou/2019.en.md"] = "In 2019 Taizhou broke up 62 gangs.\n\n## Prevention first\n\nHazards found early.\n";
    return f;
}

/// The value of `<meta property|name="key" content="…">`.
std::string meta(const std::string& html, const std::string& key) {
    std::smatch m;
    const std::regex re("<meta (?:property|name)=\"" + key + "\" content=\"([^\"]*)\">");
    return std::regex_search(html, m, re) ? std::string(m[1]) : std::string("(none)");
}

/// The feed entry whose link is `href`: its text from <entry> to </entry>.
std::string entry(const std::string& feed, const std::string& href) {
    const auto at = feed.find("<link rel=\"alternate\" type=\"text/html\" href=\"" + href + "\"/>");
    REQUIRE(at != std::string::npos);
    const auto start = feed.rfind("<entry>", at);
    return feed.substr(start, feed.find("</entry>", at) - start);
}

std::set<std::string> all(const std::string& text, const std::string& pattern) {
    std::set<std::string> out;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}

}  // namespace

// The project's head and feed: what search engines and feed readers see of each brief.
TEST_CASE("each brief's page and feed entry carry that brief's own metadata", "[project-templates]") {
    const auto b = build(two_briefs(), base);
    INFO(b.messages());
    REQUIRE(b.stats);
    for (const std::string lang : {"zh", "en"}) {
        INFO(lang);
        const auto& latest = b.at(lang + "/regions/taizhou/index.html");
        const auto& earlier = b.at(lang + "/regions/taizhou/2019/index.html");
        const std::string summary = lang == "zh" ? "台州持续开展平安建设" : "Taizhou keeps building safety";
        const std::string own = lang == "zh" ? "二〇一九年台州打掉黑恶团伙六十二个。" : "In 2019 Taizhou broke up 62 gangs.";
        CHECK(contains(meta(latest, "description"), summary));
        CHECK(contains(meta(latest, "og:description"), summary));
        CHECK(meta(earlier, "description") == own);
        CHECK(meta(earlier, "og:description") == own);
        CHECK(meta(latest, "og:image") == base + lang + "/regions/taizhou/share.png");
        CHECK(meta(earlier, "og:image") == base + lang + "/regions/taizhou/2019/share.png");
        CHECK(contains(meta(earlier, "og:image:alt"), "2019"));
        CHECK_FALSE(contains(meta(earlier, "og:image:alt"), "2025"));
        CHECK(b.files.count(lang + "/regions/taizhou/2019/share.png"));

        const auto& feed = b.at(lang + "/feed.xml");
        CHECK(contains(entry(feed, "regions/taizhou/2019/"), "<summary>" + own + "</summary>"));
        CHECK(contains(entry(feed, "regions/taizhou/"), "<summary>" + summary));
    }
}

TEST_CASE("feed entry ids name the brief and never change") {
    auto files = test::merged(two_briefs(), test::minimal_templates());
    const auto before = build(files, base);
    REQUIRE(before.stats);
    const auto& feed = before.at("zh/feed.xml");
    CHECK(contains(entry(feed, "regions/taizhou/"), "<id>tag:briefs.example.org,2026-11-01:zh/regions/taizhou/2025</id>"));
    CHECK(contains(entry(feed, "regions/taizhou/2019/"), "<id>tag:briefs.example.org,2026-11-01:zh/regions/taizhou/2019</id>"));
    CHECK(contains(feed, "<id>tag:briefs.example.org,2026-11-01:zh/feed.xml</id>"));

    SECTION("a newer brief gets a new id, and the others keep theirs; with or without a base URL") {
        auto& region = files["content/regions/taizhou/region.json"];
        const auto at = region.rfind("\n  ]\n}");
        REQUIRE(at != std::string::npos);
        region.insert(at, R"(,
    {
      "period": "2026",
      "title": {"zh": "台州二〇二六", "en": "Taizhou in 2026"},
      "date": "2026-01",
      "sources": [{"id": "new", "title": {"zh": "新文", "en": "New piece"}, "publisher": {"zh": "报社", "en": "Paper"}, "authors": []}],
      "headline": ["cases"],
      "metrics": [{"id": "cases", "label": {"zh": "案件", "en": "Cases"}, "value": 5, "unit": "case", "polarity": "neutral", "source": "new"}],
      "headings": {}
    })");
        files["content/regions/taizhou/2026.zh.md"] = "二〇二六年。\n";
        for (const auto& url : {std::optional<std::string>(base), std::optional<std::string>()}) {
            const auto after = build(files, url);
            INFO(after.messages());
            REQUIRE(after.stats);
            const auto& f = after.at("zh/feed.xml");
            CHECK(contains(entry(f, "regions/taizhou/"), "<id>tag:briefs.example.org,2026-11-01:zh/regions/taizhou/2026</id>"));
            CHECK(contains(entry(f, "regions/taizhou/2025/"), "<id>tag:briefs.example.org,2026-11-01:zh/regions/taizhou/2025</id>"));
            CHECK(contains(entry(f, "regions/taizhou/2019/"), "<id>tag:briefs.example.org,2026-11-01:zh/regions/taizhou/2019</id>"));
        }
    }
    SECTION("without tag fields: one [content] warning at site.json, ids from the base URL") {
        files["content/site.json"] = test::replace_once(files["content/site.json"], ",\n  \"tag_authority\": \"briefs.example.org\",\n  \"tag_date\": \"2026-11-01\"", "");
        const auto b = build(files, base);
        REQUIRE(b.stats);
        CHECK(contains(b.messages(), "content/site.json:1:1: warning: site.json has no \"tag_authority\" and \"tag_date\""));
        CHECK(contains(b.messages(), "[content]"));
        CHECK(contains(entry(b.at("zh/feed.xml"), "regions/taizhou/"), "<id>" + base + "zh/regions/taizhou/2025</id>"));
    }
    SECTION("the fields are checked, at their line and column") {
        auto& site = files["content/site.json"];
        auto with = [&](const std::string& authority, const std::string& date) {
            auto f = files;
            f["content/site.json"] = test::replace_once(test::replace_once(site, "\"briefs.example.org\"", authority), "\"2026-11-01\"", date);
            const std::string out = build(f).messages();
            UNSCOPED_INFO(out);
            return out;
        };
        CHECK(contains(with("\"not a domain\"", "\"2026-11-01\""), "site.json:5:3: error: \"tag_authority\" must be a domain name"));
        CHECK(contains(with("\"desk@example.org\"", "\"2026-11-01\""), "error") == false);
        CHECK(contains(with("\"example\"", "\"2026-11-01\""), "site.json:5:3: error: \"tag_authority\" must be a domain name"));
        CHECK(contains(with("\"briefs.example.org\"", "\"2026-13\""), "site.json:6:3: error: \"tag_date\" must be a real date"));
        auto f = files;
        f["content/site.json"] = test::replace_once(site, "\"tag_authority\": \"briefs.example.org\",\n  ", "");
        CHECK(contains(build(f).messages(), "error: \"tag_date\" needs a \"tag_authority\""));
    }
}

TEST_CASE("without a base URL: no sitemap, canonical or hreflang links, and one warning that says so") {
    const auto b = build(test::minimal_site());
    REQUIRE(b.stats);
    CHECK_FALSE(b.files.count("sitemap.xml"));
    CHECK(b.diags.warning_count() == 1);
    CHECK(contains(b.messages(), "content/site.json:1:1: warning: no base URL"));
    for (const auto& [file, bytes] : b.files) {
        if (!file.ends_with(".html")) continue;
        INFO(file);
        CHECK_FALSE(contains(bytes, "rel=\"canonical\""));
        CHECK_FALSE(contains(bytes, "hreflang=\"x-default\""));
    }
    CHECK_FALSE(contains(b.at("robots.txt"), "Sitemap"));
}

// The project's head and sitemap agree (noindex pages, x-default, the sitemap's alternates).
TEST_CASE("with a base URL: hreflang, canonical links and the sitemap agree", "[project-templates]") {
    const auto b = build(two_briefs(), base);
    REQUIRE(b.stats);
    const auto& sitemap = b.at("sitemap.xml");
    const auto locs = all(sitemap, "<loc>([^<]*)</loc>");
    CHECK(locs.count(base));  // the language chooser
    CHECK(locs.count(base + "zh/regions/taizhou/2019/"));
    for (const auto& loc : locs) CHECK(loc.starts_with(base));

    std::set<std::string> canonical;
    for (const auto& [file, html] : b.files) {
        if (!file.ends_with(".html")) continue;
        INFO(file);
        const auto c = all(html, "<link rel=\"canonical\" href=\"([^\"]*)\">");
        const bool noindex = contains(html, "<meta name=\"robots\" content=\"noindex\">");
        // Indexable pages are in the sitemap with their canonical URL; the others are noindex.
        CHECK(noindex == c.empty());
        for (const auto& u : c) {
            CHECK(locs.count(u));
            canonical.insert(u);
        }
        if (noindex) CHECK_FALSE(contains(html, "hreflang=\"x-default\""));
    }
    CHECK(canonical == locs);
    CHECK(contains(b.at("zh/search/index.html"), "<meta name=\"robots\" content=\"noindex\">"));
    CHECK_FALSE(locs.count(base + "zh/search/"));

    // The chooser is the x-default of the home pages, and names itself so; other pages name the Chinese page.
    for (const std::string file : {"index.html", "zh/index.html", "en/index.html"}) {
        INFO(file);
        CHECK(contains(b.at(file), "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + base + "\">"));
        CHECK(contains(b.at(file), "<link rel=\"alternate\" hreflang=\"en\" href=\"" + base + "en/\">"));
    }
    CHECK(contains(b.at("en/regions/taizhou/index.html"), "<link rel=\"alternate\" hreflang=\"x-default\" href=\"" + base + "zh/regions/taizhou/\">"));
    // The sitemap gives each URL the same alternates as its page.
    CHECK(contains(sitemap, "<loc>" + base + "</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"" + base + "zh/\"/>\n"
                                "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"" + base + "en/\"/>\n"
                                "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"" + base + "\"/>"));
    CHECK(contains(sitemap, "<loc>" + base + "en/regions/taizhou/</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"" + base +
                                "zh/regions/taizhou/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"" + base +
                                "en/regions/taizhou/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"" + base + "zh/regions/taizhou/\"/>"));
}

// The project's head and assets/icon.svg.
TEST_CASE("every page declares the icon, and favicon.ico is published", "[project-templates]") {
    const auto b = build(test::minimal_content());
    REQUIRE(b.stats);
    const auto& ico = b.at("favicon.ico");
    REQUIRE(ico.size() > 22);
    CHECK(ico.substr(0, 4) == std::string("\0\0\1\0", 4));
    CHECK(ico.substr(22, 8) == "\x89PNG\r\n\x1a\n");
    std::string svg;
    for (const auto& [file, bytes] : b.files) {
        if (file.starts_with("assets/icon.") && file.ends_with(".svg")) svg = file;
    }
    REQUIRE_FALSE(svg.empty());
    for (const auto& [file, html] : b.files) {
        if (!file.ends_with(".html")) continue;
        INFO(file);
        const std::string root = file == "404.html" ? "/" : [&] {
            std::string r;
            for (char c : file) r += c == '/' ? "../" : "";
            return r;
        }();
        CHECK(contains(html, "<link rel=\"icon\" href=\"" + root + svg + "\" type=\"image/svg+xml\""));
    }
    CHECK(build(test::minimal_content()).at("favicon.ico") == ico);  // deterministic
}

// The project's 404.html (its script, the stylesheet inline) and root.html.
TEST_CASE("the 404 page works at any depth of any path, and the root page from disk", "[project-templates]") {
    const auto b = build(test::minimal_content());
    REQUIRE(b.stats);
    const auto& page = b.at("404.html");
    CHECK(contains(page, "<style>"));
    CHECK_FALSE(contains(page, "rel=\"stylesheet\""));
    CHECK(contains(page, ".entry-main"));  // the site's stylesheet, inline
    CHECK(contains(page, "href=\"/zh/\" data-site-path=\"zh/\""));
    std::string style;
    for (const auto& [file, bytes] : b.files) {
        if (file.starts_with("assets/style.")) style = file;
    }
    CHECK(contains(page, "var probe = \"" + style + "\";"));
    // The root chooser loads site.js, which adds index.html to folder links from disk.
    CHECK(contains(b.at("index.html"), "<script src=\"assets/site."));

    const auto with_base = build(test::minimal_content(), base);
    CHECK(contains(with_base.at("404.html"), "href=\"" + base + "zh/\""));
    CHECK_FALSE(contains(with_base.at("404.html"), "<script>"));
}

TEST_CASE("a brief dated in the future is a warning at its date") {
    auto files = test::minimal_site();
    files["content/regions/linhai/region.json"] = test::replace_once(files["content/regions/linhai/region.json"], "\"date\": \"2024\"", "\"date\": \"2099-01\"");
    const auto b = build(files);
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(contains(b.messages(), "content/regions/linhai/region.json:11:7: warning: the brief is dated 2099-01, in the future"));
    CHECK(contains(b.messages(), "[content]"));
}

TEST_CASE("a base URL with spaces, a query or a fragment is an error at its line and column") {
    for (const std::string url : {"https://example.org/my briefs/", "https://example.org/?lang=zh", "https://example.org/#top", "https:///x/"}) {
        INFO(url);
        auto files = test::minimal_site();
        files["content/site.json"] = test::replace_once(files["content/site.json"], "\"languages\"", "\"base_url\": \"" + url + "\",\n  \"languages\"");
        const auto b = build(files);
        INFO(b.messages());
        CHECK_FALSE(b.stats);
        CHECK(contains(b.messages(), "content/site.json:4:3: error: \"base_url\" must be an absolute http(s) URL"));
    }
}
