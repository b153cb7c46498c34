// `briefs check` reads the build's page model: its coverage table counts the headings the build's
// views of the bodies found, and it parses no Markdown body beyond the build's own.
#include <catch2/catch.hpp>

#include <algorithm>

#include "briefs/checks/check.hpp"
#include "briefs/markdown/render.hpp"
#include "inline_site.hpp"

using namespace briefs;

namespace {

checks::report run_check(const test::files& files) {
    test::temp_dir dir(files);
    sitegraph::build_options o;
    o.content_dir = dir.path() / "content";
    o.templates_dir = dir.path() / "templates";
    o.assets_dir = dir.path() / "assets";
    return checks::run(o);
}

const checks::coverage_row* row(const checks::report& r, const std::string& what) {
    const auto it = std::find_if(r.coverage.begin(), r.coverage.end(), [&](const auto& c) { return c.what == what; });
    return it == r.coverage.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("briefs check counts the headings from the build's views, parsing each body once per language") {
    auto files = test::minimal_content();
    for (auto& [path, text] : test::minimal_templates()) files[path] = text;
    // Taizhou's Chinese body gets a heading its headings map does not translate: 4 headings, 3 translated.
    auto& zh = files["content/regions/taizhou/2025.zh.md"];
    zh = test::replace_once(zh, "## 基层治理", "## 未译小节\n\n正文。\n\n## 基层治理");
    const auto before = markdown::documents_parsed();
    const auto r = run_check(files);
    const auto parsed = markdown::documents_parsed() - before;
    std::string m;
    for (const auto& d : r.findings.items()) m += core::to_string(d) + "\n";
    INFO(m);
    CHECK(r.findings.error_count() == 0);
    // As a build of this site: Taizhou zh and en, Linhai zh, and Linhai's Chinese body for its English
    // page. The coverage table adds none.
    CHECK(parsed == 4);
    const auto* headings = row(r, "headings");
    REQUIRE(headings);
    CHECK(headings->zh == 4);
    CHECK(headings->en == 3);
    CHECK(headings->total == 4);

    SECTION("a build that stops before reading the bodies leaves the headings out of the table, not at zero") {
        files["templates/home.html"] += "{{#unclosed}}\n";
        const auto broken = run_check(files);
        CHECK(broken.findings.error_count() > 0);
        CHECK(row(broken, "region names"));
        CHECK_FALSE(row(broken, "headings"));
    }
}
