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

TEST_CASE("nesting is limited, and refused where the limit is passed (issue 13)") {
    diagnostics d;
    SECTION("64 levels are accepted") {
        const std::string ok = std::string(63, '[') + "{\"a\": 1}" + std::string(63, ']');
        auto src = json_source::parse("x.json", ok, d);
        REQUIRE(src);
        CHECK(d.empty());
    }
    SECTION("the 65th level is an error at its bracket") {
        const std::string deep = "{\"a\":\n  " + std::string(100000, '[') + std::string(100000, ']') + "}";
        CHECK_FALSE(json_source::parse("x.json", deep, d));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].line == 2);
        CHECK(d.items()[0].column == 3 + 63);
        CHECK(d.items()[0].message == "invalid JSON: arrays and objects are nested more than 64 levels deep");
    }
    SECTION("positions in a document nested 64 deep under long keys cost memory linear in its size") {
        std::string text;
        const std::string key(10000, 'k');
        for (int i = 0; i < 63; ++i) text += "{\"" + key + "\":";
        text += "[";
        for (int i = 0; i < 20000; ++i) text += i ? ",1" : "1";
        text += "]" + std::string(63, '}');
        auto src = json_source::parse("x.json", text, d);
        REQUIRE(src);
        std::string pointer;
        for (int i = 0; i < 63; ++i) pointer += "/" + key;
        CHECK(src->position(pointer + "/19999").line == 1);
        CHECK(src->position(pointer + "/19999").column == static_cast<int>(text.size()) - 64);
    }
}

TEST_CASE("a key given twice is an error at the second one (issue 13)") {
    diagnostics d;
    CHECK_FALSE(json_source::parse("x.json", "{\n  \"id\": \"a\",\n  \"name\": {\"zh\": \"台\", \"zh\": \"州\"},\n  \"id\": \"b\"\n}", d));
    REQUIRE(d.items().size() == 1);
    CHECK(to_string(d.items()[0]) ==
          "x.json:3:23: error: invalid JSON: duplicate key \"zh\": this object already has a member of that name");
    SECTION("the same key in different objects is fine") {
        diagnostics ok;
        CHECK(json_source::parse("x.json", "{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}", ok));
        CHECK(ok.empty());
    }
}

TEST_CASE("a number out of range is reported where it is (issue 13)") {
    diagnostics d;
    CHECK_FALSE(json_source::parse("x.json", "{\n  \"metrics\": [1,\n    1e400]\n}", d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].line == 3);
    CHECK(d.items()[0].column == 5);
    CHECK(d.items()[0].message == "invalid JSON: number overflow parsing '1e400'");
}
