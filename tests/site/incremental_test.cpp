// Incremental builds (issue 4): after any sequence of edits, a build that reuses its cache gives
// exactly the bytes of a clean build, and renders only what the edit affects. Each site carries its
// templates inline (test::minimal_templates()).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>

#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;
namespace fs = std::filesystem;

namespace {

struct project {
    temp_dir dir;
    sitegraph::search_memo* memo = nullptr;
    /// The site on disk: `content` with the minimal templates and assets (the edits below change them).
    explicit project(const test::files& content) : dir(test::merged(test::minimal_templates(), content)) {}
    sitegraph::build_options options(const std::string& out) const {
        sitegraph::build_options o;
        o.content_dir = dir.path() / "content";
        o.templates_dir = dir.path() / "templates";
        o.assets_dir = dir.path() / "assets";
        o.out_dir = dir.path() / out;
        o.generator_id = "test";
        if (out == "site") o.search_parts = memo;  // as `briefs serve` keeps them
        return o;
    }
    /// An incremental build into "site" (with its cache) and a clean one into "clean"; both must agree.
    sitegraph::build_report build_both() {
        core::diagnostics d1, d2;
        auto inc = sitegraph::build(options("site"), dir.path() / "cache", d1);
        for (const auto& d : d1.items()) UNSCOPED_INFO(core::to_string(d));
        REQUIRE(inc);
        fs::remove_all(dir.path() / "clean");
        auto clean = sitegraph::build(options("clean"), std::nullopt, d2);
        REQUIRE(clean);
        const auto a = test::read_tree(dir.path() / "site");
        const auto b = test::read_tree(dir.path() / "clean");
        std::vector<std::string> an, bn;
        for (const auto& [k, v] : a) an.push_back(k);
        for (const auto& [k, v] : b) bn.push_back(k);
        CHECK(an == bn);
        for (const auto& [k, v] : b) {
            INFO(k);
            auto it = a.find(k);
            if (it != a.end()) CHECK(it->second == v);
        }
        return *inc;
    }
    /// An incremental build into "site" and a clean one into "clean", which may fail: both must give the
    /// same exit status and the same findings (and, when they succeed, the same files). Returns the findings.
    std::string build_pair() {
        core::diagnostics d1, d2;
        const bool inc = sitegraph::build(options("site"), dir.path() / "cache", d1).has_value();
        fs::remove_all(dir.path() / "clean");
        const bool clean = sitegraph::build(options("clean"), std::nullopt, d2).has_value();
        std::string a, b;
        for (const auto& d : d1.items()) a += core::to_string(d) + "\n";
        for (const auto& d : d2.items()) b += core::to_string(d) + "\n";
        INFO("incremental:\n" << a << "clean:\n" << b);
        CHECK(inc == clean);
        CHECK(a == b);
        if (inc && clean) CHECK(test::read_tree(dir.path() / "site") == test::read_tree(dir.path() / "clean"));
        return a;
    }
    void edit(const std::string& rel, const std::string& from, const std::string& to) {
        std::string text = dir.read(rel);
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        dir.write(rel, text.replace(at, from.size(), to));
    }
};

}  // namespace

TEST_CASE("incremental builds equal clean builds through a sequence of edits") {
    project p(test::minimal_content());
    auto first = p.build_both();
    CHECK(first.unchanged == 0);

    SECTION("nothing changed: nothing rendered or written") {
        auto r = p.build_both();
        CHECK(r.rendered == 0);
        CHECK(r.written.empty());
    }

    // The sequence the issue lists, each step checked against a clean build.
    p.edit("content/regions/linhai/region.json", "\"value\": -57", "\"value\": -58");  // change a metric
    auto r = p.build_both();
    // linhai in zh and en, both home pages, compare pages and feeds (it is a headline), search pages,
    // per language the search index's meta, its one bucket and Linhai's texts, and Taizhou's two pages,
    // whose Markdown links to Linhai's (a target's section ids are known changed by its inputs' hashes)
    CHECK(r.rendered == 18);
    CHECK(std::find(r.written.begin(), r.written.end(), "zh/regions/linhai/index.html") != r.written.end());
    CHECK(std::find(r.changed_urls.begin(), r.changed_urls.end(), "en/regions/linhai/") != r.changed_urls.end());

    p.edit("content/regions/taizhou/2025.zh.md", "## 基层治理", "## 基层治理与网格");  // rename a heading
    p.edit("content/regions/taizhou/region.json", "\"基层治理\":", "\"基层治理与网格\":");
    p.build_both();

    p.dir.write("content/regions/jiaojiang/region.json",
                std::regex_replace(p.dir.read("content/regions/linhai/region.json"), std::regex("linhai"), "jiaojiang"));
    p.dir.write("content/regions/jiaojiang/2023.zh.md", "## 效能融合\n\n椒江。\n");  // add a region
    r = p.build_both();
    CHECK(fs::exists(p.dir.path() / "site/zh/regions/jiaojiang/index.html"));
    // The parent's page lists its children, so Taizhou is rendered again too.
    CHECK(std::find(r.written.begin(), r.written.end(), "zh/regions/taizhou/index.html") != r.written.end());

    // Delete a region (and the links to it, which would otherwise stop the build).
    p.edit("content/regions/taizhou/2025.zh.md", "[临海](../linhai/)", "临海");
    p.edit("content/regions/taizhou/2025.en.md", "[Linhai](../linhai/)", "Linhai");
    fs::remove_all(p.dir.path() / "content/regions/linhai");
    r = p.build_both();
    CHECK_FALSE(fs::exists(p.dir.path() / "site/zh/regions/linhai"));
    CHECK(std::find(r.removed.begin(), r.removed.end(), "en/regions/linhai/index.html") != r.removed.end());

    p.edit("templates/partials/footer.html", "<footer class=\"site-footer\">", "<footer class=\"site-footer\" data-x=\"1\">");  // a template
    r = p.build_both();
    // Every page is rendered again after a template edit, but only those whose bytes changed are written.
    CHECK(r.unchanged == 9);  // favicon.ico and the 8 files of the search indexes: they depend on no template
    CHECK(std::find(r.written.begin(), r.written.end(), "robots.txt") == r.written.end());
    CHECK(std::find(r.written.begin(), r.written.end(), "zh/index.html") != r.written.end());

    p.edit("content/i18n/en.json", "\"Key figures\"", "\"Main figures\"");  // an interface string
    r = p.build_both();
    CHECK(r.written == std::vector<std::string>{"en/regions/jiaojiang/index.html", "en/regions/taizhou/index.html"});
    // the five Chinese pages, the Chinese feed, favicon.ico and both search indexes (4 files each) were not rendered again
    CHECK(r.unchanged == 15);
    CHECK(p.dir.read("site/en/regions/taizhou/index.html").find("Main figures") != std::string::npos);

    p.edit("assets/style.css", ":root {", ":root { --new: 1;");  // an asset: new name, old one removed
    r = p.build_both();
    CHECK(r.removed.size() == 1);
}

TEST_CASE("a failed incremental build leaves the site and the cache as they were") {
    project p(test::minimal_content());
    p.build_both();
    const auto before = test::read_tree(p.dir.path() / "site");
    p.edit("content/regions/linhai/region.json", "\"value\": -57", "\"value\": \"x\"");
    core::diagnostics d;
    CHECK_FALSE(sitegraph::build(p.options("site"), p.dir.path() / "cache", d));
    CHECK(test::read_tree(p.dir.path() / "site") == before);
    p.edit("content/regions/linhai/region.json", "\"value\": \"x\"", "\"value\": -57");
    auto r = p.build_both();
    CHECK(r.rendered == 0);
}

TEST_CASE("a site damaged by hand is rebuilt whole") {
    project p(test::minimal_content());
    p.build_both();
    fs::remove(p.dir.path() / "site/zh/regions/linhai/index.html");
    auto r = p.build_both();
    CHECK(r.unchanged == 0);
}

TEST_CASE("an incremental build reports what a clean build reports, and fails when it fails") {
    project p(test::minimal_content());
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
    // A link to a section of another region's brief.
    p.edit("content/regions/taizhou/2025.zh.md", "(../linhai/)", "(../linhai/#xiaoneng-ronghe)");
    p.edit("content/regions/taizhou/2025.en.md", "(../linhai/)", "(../linhai/#xiaoneng-ronghe)");
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
    // That heading renamed (body and headings map): the link is dead, in both kinds of build.
    p.edit("content/regions/linhai/2023.zh.md", "## 效能融合", "## 效能整合");
    p.edit("content/regions/linhai/region.json", "\"效能融合\"", "\"效能整合\"");
    auto found = p.build_pair();
    CHECK(found.find("has no section \"#xiaoneng-ronghe\"") != std::string::npos);
    // And again, with nothing changed: still refused.
    CHECK(p.build_pair() == found);
    // The link mended: both succeed.
    p.edit("content/regions/taizhou/2025.zh.md", "(../linhai/#xiaoneng-ronghe)", "(../linhai/#xiaoneng-zhenghe)");
    p.edit("content/regions/taizhou/2025.en.md", "(../linhai/#xiaoneng-ronghe)", "(../linhai/#xiaoneng-zhenghe)");
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
    // An untranslated heading: a warning, on the first build and on every build after it.
    p.edit("content/regions/linhai/2023.zh.md", "临海的平安建设。", "临海的平安建设。\n\n## 新的一节\n\n正文。");
    found = p.build_pair();
    CHECK(found.find("warning: heading \"新的一节\" has no English translation") != std::string::npos);
    CHECK(p.build_pair() == found);
    CHECK(p.build_pair() == found);
    // The region deleted: the links to it are errors in both.
    fs::remove_all(p.dir.path() / "content/regions/linhai");
    found = p.build_pair();
    CHECK(found.find("which is not a page of the site") != std::string::npos);
    // A template's link changed: the same, whatever the cache holds.
    p.edit("content/regions/taizhou/2025.zh.md", "见[临海](../linhai/#xiaoneng-zhenghe)。", "");
    p.edit("content/regions/taizhou/2025.en.md", "See [Linhai](../linhai/#xiaoneng-zhenghe).", "");
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
    p.edit("templates/partials/footer.html", "<footer class=\"site-footer\">", "<footer class=\"site-footer\"><a href=\"#main\">top</a>");
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
    // A template's link to a page the site does not have: refused by both kinds of build, on every
    // page that carries it, at its line in the page; and again with nothing changed.
    p.edit("templates/partials/footer.html", "<a href=\"#main\">top</a>", "<a href=\"{{root}}zh/nowhere/\">x</a>");
    found = p.build_pair();
    CHECK(found.find("templates/partials/footer.html:1:") != std::string::npos);
    CHECK(found.find("leads to zh/nowhere/index.html, which is not a file of the site") != std::string::npos);
    CHECK(p.build_pair() == found);
    p.edit("templates/partials/footer.html", "<a href=\"{{root}}zh/nowhere/\">x</a>", "<a href=\"{{root}}zh/\">x</a>");
    found = p.build_pair();
    CHECK(found.find("into the other language") != std::string::npos);  // English pages linking to zh/
    p.edit("templates/partials/footer.html", "<a href=\"{{root}}zh/\">x</a>", "<a href=\"{{root}}{{lang}}/\">x</a>");
    CHECK(p.build_pair().find(": error: ") == std::string::npos);
}

TEST_CASE("a file beside a brief: added, changed, unreferenced and missing, incremental equals clean") {
    const std::string png("\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x03\x08\x02\x00\x00\x00\x3b\x96\x39\x91\x00\x00\x00\x10\x49\x44\x41\x54\x78\xda\x63\x90\x8b\x3a\x01\x47\x0c\x38\x39\x00\x1c\xbe\x0f\x01\xa1\xe3\x24\x69\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82", 73);
    auto files = test::minimal_content();
    files["content/regions/taizhou/2025.zh.md"] = test::replace_once(files["content/regions/taizhou/2025.zh.md"], "台州持续开展平安建设。", "台州持续开展平安建设。\n\n![巡逻船](patrol.png)");
    project p(files);
    p.dir.write("content/regions/taizhou/patrol.png", png);
    auto r = p.build_both();
    const auto has = [&](const std::string& prefix) {
        for (const auto& [path, bytes] : test::read_tree(p.dir.path() / "site")) {
            if (path.starts_with(prefix)) return path;
        }
        return std::string();
    };
    const std::string first = has("files/taizhou/patrol.");
    REQUIRE(!first.empty());

    // Other bytes: a new name, the old file removed, the pages that show it written again.
    p.dir.write("content/regions/taizhou/patrol.png", std::string(png).replace(png.size() - 20, 1, "\x01"));
    r = p.build_both();
    const std::string second = has("files/taizhou/patrol.");
    CHECK(second != first);
    CHECK(std::find(r.removed.begin(), r.removed.end(), first) != r.removed.end());
    CHECK(std::find(r.written.begin(), r.written.end(), "zh/regions/taizhou/index.html") != r.written.end());
    CHECK(std::find(r.written.begin(), r.written.end(), "en/regions/taizhou/index.html") == r.written.end());  // its English body has no image

    // No longer referenced: a warning, and the file is gone from the site; missing: an error.
    p.edit("content/regions/taizhou/2025.zh.md", "![巡逻船](patrol.png)", "");
    CHECK(p.build_pair().find("patrol.png: warning: belongs to no brief") != std::string::npos);
    CHECK(has("files/").empty());
    p.edit("content/regions/taizhou/2025.zh.md", "台州持续开展平安建设。", "台州持续开展平安建设。![巡逻船](gone.png)");
    CHECK(p.build_pair().find("2025.zh.md:1:12: error: image \"gone.png\": there is no file") != std::string::npos);
}

TEST_CASE("with the search parts and buckets kept in memory (briefs serve), incremental equals clean") {
    project p(test::minimal_content());
    sitegraph::search_memo memo;
    p.memo = &memo;
    p.build_both();
    p.edit("content/regions/taizhou/2025.zh.md", "## 基层治理", "## 基层治理与网格");  // a brief's body and headings
    p.edit("content/regions/taizhou/region.json", "\"基层治理\":", "\"基层治理与网格\":");
    p.build_both();
    p.edit("content/regions/linhai/region.json", "\"value\": -57", "\"value\": -58");  // another region's data
    p.build_both();
    const auto r = p.build_both();  // nothing changed: the index is not made again
    CHECK(r.written.empty());
}

TEST_CASE("the search index keeps its parts and buckets in the store it is given, and rewrites them only after a change") {
    project p(test::minimal_content());
    output::memory_packs packs;
    sitegraph::build_options o = p.options("mem");
    o.search_store = &packs;
    auto render = [&](sitegraph::output_records& previous) {
        output::memory_sink sink;
        sitegraph::output_records next;
        core::diagnostics d;
        REQUIRE(sitegraph::render_changes(o, previous, next, sink, d));
        previous = std::move(next);
        return sink.files();
    };
    sitegraph::output_records records;
    const auto first = render(records);
    using writes = std::map<std::string, int>;
    CHECK(packs.writes() == writes{{"en.buckets", 1}, {"en.parts", 1}, {"zh.buckets", 1}, {"zh.parts", 1}});
    const auto parts = packs.read("zh.parts");
    CHECK(std::count_if(parts.begin(), parts.end(), [](const auto& kv) { return kv.first.starts_with("zh|taizhou|"); }) == 1);
    CHECK(packs.read("zh.buckets").size() > 0);
    CHECK_FALSE(fs::exists(p.dir.path() / "cache"));  // nothing of the index is kept anywhere else

    // A build of the same input, from the store alone (no records: every file is rendered again), makes
    // the same index without writing the packs again.
    sitegraph::output_records none;
    const auto again = render(none);
    for (const auto& [file, bytes] : first) {
        if (file.find("/search/") == std::string::npos) continue;
        INFO(file);
        REQUIRE(again.count(file));
        CHECK(again.at(file) == bytes);
    }
    CHECK(packs.writes() == writes{{"en.buckets", 1}, {"en.parts", 1}, {"zh.buckets", 1}, {"zh.parts", 1}});

    // An edit to one brief's Chinese body: each language's parts are written once more (a part is keyed
    // by both bodies: an English page without its own body shows the Chinese one), the Chinese buckets
    // too; the English buckets have the same terms and postings, so they are not; then, with no edit,
    // nothing is written again.
    p.edit("content/regions/taizhou/2025.zh.md", "台州持续开展平安建设。", "台州持续开展平安建设，网格员走访。");
    render(records);
    CHECK(packs.writes() == writes{{"en.buckets", 1}, {"en.parts", 2}, {"zh.buckets", 2}, {"zh.parts", 2}});
    CHECK(packs.read("zh.parts").size() == parts.size());  // the edited brief's part replaces its old one
    render(records);
    CHECK(packs.writes() == writes{{"en.buckets", 1}, {"en.parts", 2}, {"zh.buckets", 2}, {"zh.parts", 2}});
}

TEST_CASE("buckets of the search index fed by the same briefs (empty ones, say) are each taken back as they were, not one for another") {
    for (const bool serve : {true, false}) {
        INFO((serve ? "parts and buckets kept in memory" : "parts and buckets kept in the cache"));
        project p(test::minimal_content());
        sitegraph::search_memo memo;
        if (serve) p.memo = &memo;
        // A long body of few words: many buckets (one per 16 KB of text), most of them empty.
        std::string filler;
        for (int i = 0; i < 100000; ++i) filler += "网格 ";
        p.edit("content/regions/taizhou/2025.zh.md", "## 基层治理", filler + "\n\n## 基层治理");
        p.build_both();
        p.edit("content/regions/taizhou/2025.zh.md", "台州持续开展平安建设。", "台州持续开展平安建设，网格员走访。");
        p.build_both();
    }
}
