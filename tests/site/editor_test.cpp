// What an editor writes wrong, or leaves unfinished (issue 15): the Sources line in each language,
// footnotes that do not work, and `briefs new`'s placeholder date.
#include <catch2/catch.hpp>

#include "briefs/checks/check.hpp"
#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;
using test::build;
using test::contains;

namespace {

const std::string two_authors =
    R"("authors": [{"name": {"zh": "孔珂依", "en": "Kong Keyi"}, "role": {"zh": "本报记者", "en": "staff reporter"}},
                   {"name": {"zh": "王某", "en": "Wang Mou"}, "role": {"zh": "通讯员", "en": "correspondent"}},
                   {"name": {"zh": "李某", "en": "Li Mou"}, "role": {"zh": "见习记者", "en": "trainee reporter"}}])";

std::string sources_section(const std::string& html) {
    const auto at = html.find("<section aria-labelledby=\"sources\"");
    REQUIRE(at != std::string::npos);
    return html.substr(at, html.find("</section>", at) - at);
}

}  // namespace

// The project's Sources section and figure notes write the punctuation and the list of authors.
TEST_CASE("the Sources line: Chinese punctuation and authors in Chinese, commas and \"and\" in English", "[project-templates]") {
    auto files = test::minimal_content();
    auto& region = files["content/regions/taizhou/region.json"];
    region = test::replace_once(region, R"("authors": [{"name": {"zh": "孔珂依", "en": "Kong Keyi"}, "role": {"zh": "本报记者", "en": "staff reporter"}}])", two_authors);
    const auto b = build(files);
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(contains(sources_section(b.at("zh/regions/taizhou/index.html")),
                   "<li>孔珂依（本报记者）、王某（通讯员）、李某（见习记者）：《<cite>平安答卷</cite>》，台州日报，2025年4月18日。</li>"));
    CHECK(contains(sources_section(b.at("en/regions/taizhou/index.html")),
                   "<li><cite>A safety record</cite> (<span lang=\"zh-Hans\">平安答卷</span>). Taizhou Daily, 18 April 2025. Authors: Kong Keyi (staff reporter), "
                   "Wang Mou (correspondent) and Li Mou (trainee reporter).</li>"));
    // A source without authors; the figure notes cite the article the same way.
    const auto& linhai = b.at("zh/regions/linhai/index.html");
    CHECK(contains(sources_section(linhai), "<li>《<cite>文章</cite>》，报社。</li>"));
    CHECK(contains(b.at("zh/regions/taizhou/index.html"), "<p class=\"note-source\">《<cite>平安答卷</cite>》，台州日报，2025年4月18日。</p>"));
    CHECK(contains(b.at("en/regions/taizhou/index.html"), "<p class=\"note-source\"><cite>A safety record</cite> (<span lang=\"zh-Hans\">平安答卷</span>). Taizhou Daily, 18 April 2025.</p>"));
}

TEST_CASE("footnotes that do not work: a warning each at its line and column") {
    auto files = test::minimal_site();
    files["content/regions/linhai/2023.zh.md"] = "## 效能融合\n\n临海[^注]的平安建设[^缺]。\n\n[^注]: 数据来自台州日报。\n\n[^多余]: 没人引用。\n";
    const auto b = build(files);
    REQUIRE(b.stats);
    const std::string m = b.messages();
    INFO(m);
    CHECK(contains(m, "content/regions/linhai/2023.zh.md:3:12: warning: footnote [^缺] has no definition, so it is printed as written"));
    CHECK(contains(m, "content/regions/linhai/2023.zh.md:7:1: warning: footnote [^多余] is defined but nothing refers to it, so it is not published"));
    CHECK_FALSE(contains(m, "[^注]"));
}

TEST_CASE("briefs new's placeholder date: a draft keeps it and check lists it; a published brief may not") {
    auto files = test::minimal_site();
    auto& region = files["content/regions/linhai/region.json"];
    region = test::replace_once(region, "\"briefs\": [\n",
                                "\"briefs\": [\n"
                                "    {\"period\": \"2024\", \"draft\": true,\n"
                                "     \"date\": \"TODO: YYYY-MM-DD\",\n"
                                "     \"title\": {\"zh\": \"TODO：简报标题\", \"en\": \"TODO: title\"}, \"sources\": [{\"id\": \"s\", \"title\": {\"zh\": \"文\", \"en\": \"A\"}, "
                                "\"publisher\": {\"zh\": \"报\", \"en\": \"P\"}, \"authors\": []}], \"headline\": [], \"metrics\": [], \"headings\": {}},\n");
    files["content/regions/linhai/2024.zh.md"] = "临海2024。\n";
    {
        test::temp_dir dir(files);
        sitegraph::build_options o;
        o.content_dir = dir.path() / "content";
        o.templates_dir = dir.path() / "templates";
        o.assets_dir = dir.path() / "assets";
        o.include_drafts = true;
        const auto r = checks::run(o);
        std::string m;
        for (const auto& d : r.findings.items()) m += core::to_string(d) + "\n";
        INFO(m);
        CHECK(r.findings.error_count() == 0);
        CHECK(contains(m, "/regions/linhai/region.json:9:6: warning: the date of brief 2024 is still a placeholder (\"TODO: YYYY-MM-DD\"): the brief cannot be published"));
        const auto b = build(files);  // the draft is left out
        INFO(b.messages());
        CHECK(b.stats);
    }
    region = test::replace_once(region, "\"draft\": true,", "");
    const auto b = build(files);
    CHECK_FALSE(b.stats);
    CHECK(contains(b.messages(), "content/regions/linhai/region.json:9:6: error: brief 2024 is not a draft but its \"date\" is still the placeholder \"TODO: YYYY-MM-DD\""));
}
