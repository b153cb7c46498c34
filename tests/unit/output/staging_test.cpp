#include <catch2/catch.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/output/staging.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;
namespace fs = std::filesystem;

TEST_CASE("a site is replaced in one step, or not at all") {
    temp_dir dir;
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    {
        auto s = output::staging::begin(out, d);
        REQUIRE(s);
        CHECK(s->write("index.html", "one").empty());
        CHECK(s->write("zh/index.html", "zh").empty());
        CHECK(s->commit(d));
    }
    CHECK(dir.read("site/index.html") == "one");
    SECTION("an abandoned build leaves the old site and no staging folder") {
        {
            auto s = output::staging::begin(out, d);
            REQUIRE(s);
            s->write("index.html", "two");
        }
        CHECK(dir.read("site/index.html") == "one");
        CHECK(test::read_tree(dir.path()).size() == 2);
    }
    SECTION("a new site replaces the old one, and removed files do not linger") {
        auto s = output::staging::begin(out, d);
        REQUIRE(s);
        s->write("index.html", "two");
        CHECK(s->commit(d));
        CHECK(dir.read("site/index.html") == "two");
        CHECK_FALSE(fs::exists(out / "zh/index.html"));
        CHECK(test::read_tree(dir.path()).size() == 1);
    }
    SECTION("leftovers of a killed build are cleaned") {
        fs::create_directories(dir.path() / "site.staging-999999999");
        auto s = output::staging::begin(out, d);
        CHECK_FALSE(fs::exists(dir.path() / "site.staging-999999999"));
    }
}

TEST_CASE("a folder that is not a site is never replaced") {
    temp_dir dir(test::files{{"content/site.json", "{}"}});
    core::diagnostics d;
    CHECK_FALSE(output::staging::begin(dir.path() / "content", d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.find("refusing to replace this folder") != std::string::npos);
    CHECK(dir.read("content/site.json") == "{}");
}

TEST_CASE("hashed asset names") {
    CHECK(output::hashed_name("style.css", "a") == "style." + core::hash_hex("a").substr(0, 8) + ".css");
    CHECK(output::hashed_name("js/site.min.js", "a").starts_with("js/site.min."));
    CHECK(output::hashed_name("LICENSE", "a") == "LICENSE." + core::hash_hex("a").substr(0, 8));
}
