#include <catch2/catch.hpp>

#include "briefs/core/diagnostic.hpp"
#include "briefs/core/fs.hpp"

using namespace briefs::core;

TEST_CASE("diagnostics format like GCC") {
    SECTION("with line and column") {
        CHECK(to_string({"content/regions/x/region.json", 12, 5, severity::error, "bad"}) ==
              "content/regions/x/region.json:12:5: error: bad");
    }
    SECTION("without a position") {
        CHECK(to_string({"content/site.json", 0, 0, severity::warning, "odd"}) == "content/site.json: warning: odd");
    }
    SECTION("sorting is by place, and duplicates go") {
        diagnostics d;
        d.error("b", 1, 1, "x");
        d.error("a", 2, 1, "y");
        d.error("a", 2, 1, "y");
        d.warning("a", 1, 1, "z");
        d.sort();
        REQUIRE(d.items().size() == 3);
        CHECK(d.items()[0].message == "z");
        CHECK(d.items()[1].message == "y");
        CHECK(d.error_count() == 2);
        CHECK(d.warning_count() == 1);
    }
}

TEST_CASE("positions count lines and characters, not bytes") {
    const std::string text = "ab\n台州x\n";
    CHECK(position_of(text, 0).line == 1);
    const auto at_x = position_of(text, text.find('x'));
    CHECK(at_x.line == 2);
    CHECK(at_x.column == 3);  // 台 and 州 are one column each
}

TEST_CASE("did you mean") {
    CHECK(nearest("pollarity", {"polarity", "period", "value"}) == "polarity");
    CHECK(nearest("zzz", {"polarity", "period"}).empty());
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("hashes are stable hex") {
    CHECK(hash_hex("abc") == hash_hex("abc"));
    CHECK(hash_hex("abc") != hash_hex("abd"));
    CHECK(hash_hex("").size() == 16);
}

#include "briefs/core/url.hpp"

TEST_CASE("links between the site's files") {
    auto t = resolve_in_site("zh/regions/taizhou/", "../linhai/#a");
    REQUIRE(t);
    CHECK(t->file == "zh/regions/linhai/index.html");
    CHECK(t->fragment == "a");
    CHECK(resolve_in_site("zh/regions/taizhou/2019/", "../../linhai/")->file == "zh/regions/linhai/index.html");
    CHECK(resolve_in_site("zh/", "regions/x/index.html?q=1")->file == "zh/regions/x/index.html");
    CHECK(resolve_in_site("", "zh/")->file == "zh/index.html");
    CHECK(resolve_in_site("zh/", "./")->file == "zh/index.html");
    CHECK(resolve_in_site("zh/", "../assets/style.css")->file == "assets/style.css");
    CHECK_FALSE(resolve_in_site("zh/", "../../etc/passwd"));
    CHECK(to_string({"a.md", 3, 1, severity::error, "x", "links"}) == "a.md:3:1: error: x [links]");
}

TEST_CASE("base URLs: what makes one unusable, and its host") {
    CHECK(base_url_problem("https://example.org/briefs/").empty());
    CHECK(base_url_problem("http://example.org").empty());
    CHECK(base_url_problem("https://example.org/a%20b/").empty());
    CHECK(base_url_problem("example.org/briefs/").find("absolute http(s) URL") != std::string::npos);
    CHECK(base_url_problem("ftp://example.org/").find("absolute http(s) URL") != std::string::npos);
    CHECK(base_url_problem("https://example.org/my briefs/").find("space") != std::string::npos);
    CHECK(base_url_problem("https://example.org/\t/").find("control character") != std::string::npos);
    CHECK(base_url_problem("https://example.org/?v=2").find("query") != std::string::npos);
    CHECK(base_url_problem("https://example.org/#top").find("fragment") != std::string::npos);
    CHECK(base_url_problem("https://example.org/\"x").find("character \"") != std::string::npos);
    CHECK(base_url_problem("https:///briefs/").find("no host") != std::string::npos);
    CHECK(url_host("https://User@Example.ORG:8080/a/") == "example.org");
    CHECK(url_host("http://example.org") == "example.org");
    CHECK(url_host("example.org/a").empty());
}

TEST_CASE("messages never carry control or bidirectional formatting characters to the terminal (issue 13)") {
    diagnostic d{"a\x1B.json", 1, 2, severity::warning, "unknown field \"\xE2\x80\xAE" "abc\xE2\x81\xA6\x07\xC2\x85\" 台\tx"};
    CHECK(to_string(d) == "a\\u001B.json:1:2: warning: unknown field \"\\u202Eabc\\u2066\\u0007\\u0085\" 台\tx");
}
