#include <catch2/catch.hpp>

#include "briefs/core/json_source.hpp"

using namespace briefs::core;

TEST_CASE("a JSON document knows where each value is") {
    const std::string text = "{\n  \"id\": \"x\",\n  \"list\": [1, {\"unit\": \"percnt\"}],\n  \"name\": {\"zh\": \"台州\"}\n}\n";
    diagnostics d;
    auto src = json_source::parse("r.json", text, d);
    REQUIRE(src);
    CHECK(d.empty());
    CHECK(src->value()["id"] == "x");
    SECTION("members point at their key") {
        CHECK(src->position("/id").line == 2);
        CHECK(src->position("/id").column == 3);
        CHECK(src->position("/name/zh").line == 4);
        CHECK(src->position("/name/zh").column == 12);
    }
    SECTION("array elements and nested members") {
        CHECK(src->position("/list/1/unit").line == 3);
        CHECK(src->position("/list/1/unit").column == 16);
        CHECK(src->position("/list/0").column == 12);
    }
    SECTION("a missing member falls back to its object") {
        CHECK(src->position("/list/1/nothing").line == 3);
        CHECK(src->position("/list/1/nothing").column == 15);
    }
    SECTION("errors are reported at the value") {
        src->error(d, "/list/1/unit", "bad unit");
        REQUIRE(d.items().size() == 1);
        CHECK(to_string(d.items()[0]) == "r.json:3:16: error: bad unit");
    }
}

TEST_CASE("syntax errors name line and column") {
    diagnostics d;
    SECTION("a missing comma") {
        CHECK_FALSE(json_source::parse("x.json", "{\n  \"a\": 1\n  \"b\": 2\n}", d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].line == 3);
        CHECK(d.items()[0].column == 3);
        CHECK(d.items()[0].message.find("invalid JSON") == 0);
    }
    SECTION("an empty file") {
        CHECK_FALSE(json_source::parse("x.json", "", d));
        CHECK(d.items()[0].message.find("empty") != std::string::npos);
    }
    SECTION("a trailing comma after Chinese text counts characters") {
        CHECK_FALSE(json_source::parse("x.json", "{\"a\": \"台州\",}", d));
        CHECK(d.items()[0].line == 1);
        CHECK(d.items()[0].column == 12);
    }
    SECTION("a BOM is skipped and does not shift columns") {
        auto src = json_source::parse("x.json", "\xEF\xBB\xBF{\"a\": 1}", d);
        REQUIRE(src);
        CHECK(src->position("/a").column == 2);
    }
}
