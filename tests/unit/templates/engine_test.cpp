#include <catch2/catch.hpp>

#include "briefs/templates/engine.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;
using nlohmann::json;

TEST_CASE("templates render JSON data, escaped") {
    temp_dir dir(test::files{{"page.html", "{{> head}}{{title}}|{{{raw}}}|{{n}}|{{#flag}}yes{{/flag}}{{^none}}no{{/none}}|{{#list}}[{{.}}]{{/list}}|{{t.hello}}"},
                  {"partials/head.html", "<{{lang}}>"}});
    core::diagnostics d;
    auto e = templates::engine::load(dir.path(), d);
    REQUIRE(e);
    const json data = {{"lang", "zh"}, {"title", "<script>\"x\"&'"}, {"raw", "<b>"}, {"n", 42}, {"flag", true},
                       {"none", nullptr}, {"list", {"a", "b"}}, {"t", {{"hello", "你好"}}}};
    const auto out = e->render("page.html", data, d);
    CHECK(d.empty());
    CHECK(out == "<zh>&lt;script&gt;&quot;x&quot;&amp;&apos;|<b>|42|yesno|[a][b]|你好");
}

TEST_CASE("template mistakes are errors") {
    SECTION("a syntax error has its line and column") {
        temp_dir dir(test::files{{"page.html", "line one\n{{#open}}\nno close\n"}});
        core::diagnostics d;
        CHECK_FALSE(templates::engine::load(dir.path(), d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].message.find("Unclosed section \"open\"") != std::string::npos);
        CHECK(d.items()[0].line == 2);
        CHECK(d.items()[0].column == 1);
    }
    SECTION("a missing partial is an error at its line and column, when templates are loaded") {
        temp_dir dir(test::files{{"page.html", "<p>\n  {{> nowhere}}"}, {"partials/a.html", "{{> b}}"}, {"partials/b.html", "{{> a}}"}});
        core::diagnostics d;
        CHECK_FALSE(templates::engine::load(dir.path(), d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].line == 2);
        CHECK(d.items()[0].column == 3);
        CHECK(d.items()[0].message.find("partial \"nowhere\"") != std::string::npos);
    }
    SECTION("partials that include each other") {
        temp_dir dir(test::files{{"page.html", "{{> a}}"}, {"partials/a.html", "{{> b}}"}, {"partials/b.html", "{{> a}}"}});
        core::diagnostics d;
        CHECK_FALSE(templates::engine::load(dir.path(), d));
        CHECK(d.items()[0].message.find("in a loop") != std::string::npos);
    }
    SECTION("a missing interface string") {
        temp_dir dir(test::files{{"page.html", "{{t.missing}}{{t.ok}}"}});
        core::diagnostics d;
        auto e = templates::engine::load(dir.path(), d);
        REQUIRE(e);
        e->render("page.html", {{"lang", "en"}, {"t", {{"ok", "fine"}}}}, d);
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].message.find("interface string \"missing\", which content/i18n/en.json does not define") != std::string::npos);
    }
    SECTION("a missing template folder") {
        core::diagnostics d;
        CHECK_FALSE(templates::engine::load("/nonexistent/templates", d));
        CHECK(d.items()[0].message == "templates folder not found");
    }
}

TEST_CASE("the fingerprint changes with any template") {
    temp_dir a(test::files{{"page.html", "a"}, {"partials/x.html", "x"}});
    temp_dir b(test::files{{"page.html", "a"}, {"partials/x.html", "y"}});
    core::diagnostics d;
    CHECK(templates::engine::load(a.path(), d)->fingerprint() != templates::engine::load(b.path(), d)->fingerprint());
}

TEST_CASE("a site's templates over a theme's, file by file") {
    temp_dir site(test::files{{"page.html", "site {{> p}}"}});
    temp_dir theme(test::files{{"page.html", "theme"}, {"other.html", "theirs {{> p}}"}, {"partials/p.html", "partial"}});
    core::diagnostics d;
    auto e = templates::engine::load(std::vector<std::filesystem::path>{site.path(), theme.path()}, d);
    REQUIRE(e);
    CHECK(e->render("page.html", nlohmann::json::object(), d) == "site partial");  // the site's page, the theme's partial
    CHECK(e->render("other.html", nlohmann::json::object(), d) == "theirs partial");
    CHECK(d.empty());
    SECTION("a missing site folder leaves the theme") {
        auto only = templates::engine::load(std::vector<std::filesystem::path>{site.path() / "nothing", theme.path()}, d);
        REQUIRE(only);
        CHECK(only->render("page.html", nlohmann::json::object(), d) == "theme");
    }
    SECTION("no folder at all") {
        CHECK_FALSE(templates::engine::load(std::vector<std::filesystem::path>{site.path() / "a", theme.path() / "b"}, d));
        CHECK(d.items()[0].message == "templates folder not found");
    }
}
