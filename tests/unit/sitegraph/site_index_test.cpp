// sitegraph's internals, one at a time: the site index (which pages exist and where), fingerprints
// (what a page depends on), and the link checks (Markdown links against sections, template links
// against files). The site tests check the same through whole builds; these say which part is wrong.
#include <catch2/catch.hpp>

#include <algorithm>

#include "briefs/content/load.hpp"
#include "briefs/templates/engine.hpp"
#include "inline_site.hpp"
#include "pages.hpp"

using namespace briefs;
using briefs::sitegraph::detail::assembler;
using briefs::sitegraph::detail::page_job;
using briefs::sitegraph::detail::page_kind;

namespace {

content::site_content load(const test::files& files) {
    test::temp_dir dir(files);
    core::diagnostics diags;
    auto site = content::load(dir.path() / "content", diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(site);
    return std::move(*site);
}

const page_job& page(const assembler& a, const std::string& file) {
    const auto& pages = a.pages();
    const auto it = std::find_if(pages.begin(), pages.end(), [&](const page_job& j) { return j.file == file; });
    INFO(file);
    REQUIRE(it != pages.end());
    return *it;
}

std::vector<std::string> files_of(const assembler& a) {
    std::vector<std::string> out;
    for (const auto& j : a.pages()) out.push_back(j.file);
    return out;
}

}  // namespace

TEST_CASE("the site index lists every page once, in both languages, and no sitemap without a base URL") {
    const auto site = load(test::minimal_content());
    const assembler without(site, {}, "", false, "inputs");
    auto files = files_of(without);
    auto sorted = files;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
    for (const char* f : {"index.html", "404.html", "robots.txt", "favicon.ico", "zh/index.html", "en/index.html",
                          "zh/regions/taizhou/index.html", "en/regions/taizhou/index.html", "zh/regions/linhai/index.html",
                          "en/regions/linhai/index.html", "zh/compare/index.html", "en/search/index.html", "zh/feed.xml"}) {
        INFO(f);
        CHECK(std::count(files.begin(), files.end(), f) == 1);
    }
    CHECK(std::count(files.begin(), files.end(), "sitemap.xml") == 0);
    CHECK(std::count(files.begin(), files.end(), "zh/regions/taizhou/share.png") == 0);  // platforms need absolute URLs
    const assembler with(site, {}, "https://example.org/briefs/", false, "inputs");
    files = files_of(with);
    CHECK(std::count(files.begin(), files.end(), "sitemap.xml") == 1);
    CHECK(std::count(files.begin(), files.end(), "zh/regions/taizhou/share.png") == 1);
    // A region page knows its region and brief; the URL is its folder.
    const auto& linhai = page(with, "en/regions/linhai/index.html");
    CHECK(linhai.kind == page_kind::region);
    CHECK(linhai.url == "en/regions/linhai/");
    CHECK(linhai.region->id == "linhai");
    CHECK(linhai.lang == "en");
}

TEST_CASE("a page's fingerprint changes with what it shows, and only with that") {
    auto files = test::minimal_content();
    const auto before = load(files);
    const assembler a(before, {}, "", false, "inputs");
    // Linhai's body edited: Linhai's pages change; Taizhou's do not (it shows Linhai's name only); the
    // home page does not (it shows region.json's summary and figures).
    files["content/regions/linhai/2023.zh.md"] += "\n新增一段。\n";
    const auto body_edit = load(files);
    const assembler b(body_edit, {}, "", false, "inputs");
    for (const char* f : {"zh/regions/linhai/index.html", "en/regions/linhai/index.html"}) {
        INFO(f);
        CHECK(a.fingerprint(page(a, f)) != b.fingerprint(page(b, f)));
    }
    for (const char* f : {"zh/regions/taizhou/index.html", "zh/index.html", "zh/compare/index.html", "zh/feed.xml"}) {
        INFO(f);
        CHECK(a.fingerprint(page(a, f)) == b.fingerprint(page(b, f)));
    }
    // Linhai's name changed: its parent's page lists it, so that page changes too; so does the home page.
    files["content/regions/linhai/region.json"] = test::replace_once(files["content/regions/linhai/region.json"], "临海市", "临海");
    const auto renamed = load(files);
    const assembler c(renamed, {}, "", false, "inputs");
    for (const char* f : {"zh/regions/taizhou/index.html", "zh/index.html", "zh/regions/linhai/index.html"}) {
        INFO(f);
        CHECK(b.fingerprint(page(b, f)) != c.fingerprint(page(c, f)));
    }
    // Shared inputs (templates, assets, the generator) change every page.
    const assembler d(renamed, {}, "", false, "other inputs");
    CHECK(c.fingerprint(page(c, "zh/regions/taizhou/index.html")) != d.fingerprint(page(d, "zh/regions/taizhou/index.html")));
    // The same input gives the same fingerprints.
    const assembler e(renamed, {}, "", false, "other inputs");
    for (const auto& j : d.pages()) CHECK(d.fingerprint(j) == e.fingerprint(page(e, j.file)));
}

TEST_CASE("link checks: a Markdown link to another region's section, and what the check depends on") {
    auto files = test::minimal_content();
    files["content/regions/taizhou/2025.zh.md"] = test::replace_once(files["content/regions/taizhou/2025.zh.md"], "(../linhai/)", "(../linhai/#nowhere)");
    const auto site = load(files);
    const assembler a(site, {}, "", false, "inputs");
    core::diagnostics diags;
    std::vector<std::string> targets;
    (void)a.context(page(a, "zh/regions/taizhou/index.html"), diags, &targets);
    REQUIRE(diags.error_count() == 1);
    const auto& d = diags.items().front();
    CHECK(d.path.ends_with("content/regions/taizhou/2025.zh.md"));
    CHECK(d.line == 5);
    CHECK(d.message.find("has no section \"#nowhere\"") != std::string::npos);
    CHECK(targets == std::vector<std::string>{"zh/regions/linhai/index.html"});
    // What the check found there is summed up by targets_state: it changes when the target's sections do.
    files["content/regions/linhai/2023.zh.md"] = "## 效能融合\n\n临海的平安建设。\n\n## 另一节\n\n正文。\n";
    const auto more = load(files);
    const assembler b(more, {}, "", false, "inputs");
    CHECK(a.targets_state(targets) != b.targets_state(targets));
    CHECK(a.targets_state(targets) == a.targets_state(targets));
}

TEST_CASE("template links: each against every file of the site, reported where the template wrote it") {
    const auto site = load(test::minimal_content());
    const assembler a(site, {{"style.css", "assets/style.0123abcd.css"}}, "", false, "inputs");
    test::temp_dir dir(test::files{{"templates/region.html", "<p>\n  <a href=\"{{root}}zh/nowhere/\">x</a> <a href=\"{{root}}en/\">y</a>\n</p>\n"}});
    core::diagnostics load_diags;
    const auto engine = templates::engine::load(dir.path() / "templates", load_diags);
    REQUIRE(engine);
    const auto& job = page(a, "zh/regions/taizhou/index.html");
    const std::string html =
        "<link rel=\"stylesheet\" href=\"../../../assets/style.0123abcd.css\">\n"
        "<a href=\"#main\">skip</a> <a href=\"https://example.org/\">out</a> <a href=\"mailto:a@b.c\">mail</a>\n"
        "<a href=\"../linhai/\">Linhai</a> <a href=\"../../../zh/nowhere/\">x</a>\n"
        "<a href=\"../../../en/\">y</a> <a data-lang-switch href=\"../../../en/regions/taizhou/\">English</a>\n"
        "<a hreflang=\"en\" href=\"../../../en/regions/taizhou/\">alt</a> <img src=\"../../../../up.png\">\n";
    core::diagnostics diags;
    a.check_template_links(job, html, *engine, "templates/region.html", {}, diags);
    diags.sort();
    std::vector<std::string> found;
    for (const auto& d : diags.items()) found.push_back(core::to_string(d));
    std::string all;
    for (const auto& f : found) all += f + "\n";
    INFO(all);
    REQUIRE(found.size() == 3);
    // Found in the template: reported at its line and column there.
    CHECK(diags.items()[0].path.ends_with("templates/region.html"));
    CHECK(std::any_of(found.begin(), found.end(), [](const std::string& s) {
        return s.find("region.html:2:20: error: link \"zh/nowhere/\" leads to zh/nowhere/index.html, which is not a file of the site") != std::string::npos;
    }));
    CHECK(std::any_of(found.begin(), found.end(), [](const std::string& s) {
        return s.find("region.html:2:56: error: link \"en/\" leads from a Chinese page into the other language's pages") != std::string::npos;
    }));
    CHECK(std::any_of(found.begin(), found.end(), [](const std::string& s) { return s.find("leads outside the site") != std::string::npos; }));
    // A section another page does not have.
    core::diagnostics sections;
    a.check_template_links(job, "<a href=\"../linhai/#nowhere\">x</a> <a href=\"../linhai/#metric-homicides\">y</a>", *engine,
                           "templates/region.html", {}, sections);
    REQUIRE(sections.items().size() == 1);
    CHECK(sections.items()[0].message.find("zh/regions/linhai/index.html, which has no section \"#nowhere\"") != std::string::npos);
    // A link the page's Markdown made was judged in the Markdown: skipped here.
    core::diagnostics again;
    a.check_template_links(job, "<a href=\"../../../zh/nowhere/\">x</a>", *engine, "templates/region.html", {"zh/nowhere/index.html"}, again);
    CHECK(again.items().empty());
}
