#include <catch2/catch.hpp>

#include <regex>

#include "briefs/content/load.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;

namespace {

struct loaded {
    std::optional<content::site_content> site;
    core::diagnostics diags;
    std::string text;  ///< every diagnostic, one per line, paths relative to the site folder
};

loaded load(const test::files& files) {
    temp_dir dir(files);
    loaded out;
    out.site = content::load(dir.path() / "content", out.diags);
    for (const auto& d : out.diags.items()) {
        std::string line = core::to_string(d);
        const std::string prefix = (dir.path() / "").string();
        if (auto at = line.find(prefix); at != std::string::npos) line.erase(at, prefix.size());
        out.text += line + "\n";
    }
    return out;
}

std::string replace(const std::string& s, const std::string& from, const std::string& to) { return test::replace_once(s, from, to); }

}  // namespace

TEST_CASE("the minimal site loads") {
    auto r = load(test::minimal_content());
    INFO(r.text);
    REQUIRE(r.site);
    CHECK(r.diags.empty());
    REQUIRE(r.site->regions.size() == 2);
    CHECK(r.site->regions[0].id == "linhai");
    CHECK(r.site->regions[0].parent == "taizhou");
    const auto& b = r.site->find_region("taizhou")->latest();
    CHECK(b.metrics.size() == 3);
    CHECK(b.metrics[2].change.value() == 3.2);
    CHECK(*b.heading_en("基层治理") == "Grassroots governance");
    CHECK(b.body_en.has_value());
    CHECK_FALSE(r.site->find_region("linhai")->latest().body_en.has_value());
    CHECK(r.site->children_of("taizhou").size() == 1);
}

TEST_CASE("content errors name the file, line and column") {
    auto files = test::minimal_content();
    const std::string region = "content/regions/taizhou/region.json";

    SECTION("an unknown field, with a suggestion") {
        files[region] = replace(files[region], "\"polarity\": \"lower-better\", \"source\": \"daily\"}", "\"polarty\": \"lower-better\", \"source\": \"daily\"}");
        auto r = load(files);
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("content/regions/taizhou/region.json:18:") != std::string::npos);
        CHECK(r.text.find("unknown field \"polarty\" in metric (did you mean \"polarity\"?)") != std::string::npos);
    }
    SECTION("a missing required field points at its object") {
        files[region] = replace(files[region], "\"level\": \"city\",", "");
        auto r = load(files);
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("region.json:1:1: error: region is missing the required field \"level\"") != std::string::npos);
    }
    SECTION("a wrong type") {
        files[region] = replace(files[region], "\"value\": 98.6", "\"value\": \"98.6\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("\"value\" must be a number, not a string") != std::string::npos);
    }
    SECTION("an unknown unit, with a suggestion") {
        files[region] = replace(files[region], "\"unit\": \"percent\"", "\"unit\": \"percnt\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("unknown unit \"percnt\"") != std::string::npos);
        CHECK(r.text.find("did you mean \"percent\"?") != std::string::npos);
    }
    SECTION("values that cannot be") {
        files[region] = replace(files[region], "\"value\": 98.6", "\"value\": 198.6");
        files[region] = replace(files[region], "\"value\": 88500", "\"value\": -5");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("must be between 0 and 100") != std::string::npos);
        CHECK(r.text.find("a case cannot be negative") != std::string::npos);
    }
    SECTION("a date that does not exist") {
        files[region] = replace(files[region], "\"date\": \"2025-04-18\",\n      \"sources\"", "\"date\": \"2025-02-30\",\n      \"sources\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("region.json:11:7: error: \"date\" must be a real date") != std::string::npos);
    }
    SECTION("a source that does not exist") {
        files[region] = replace(files[region], "\"value\": 98.6, \"unit\": \"percent\", \"polarity\": \"higher-better\", \"source\": \"daily\"",
                                "\"value\": 98.6, \"unit\": \"percent\", \"polarity\": \"higher-better\", \"source\": \"dialy\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("source \"dialy\" is not one of this brief's sources (did you mean \"daily\"?)") != std::string::npos);
    }
    SECTION("a headline metric that does not exist") {
        files[region] = replace(files[region], "\"fraud-cases\"]", "\"fraud\"]");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("headline metric \"fraud\" is not a metric of this brief") != std::string::npos);
    }
    SECTION("a parent that does not exist, and a cycle") {
        auto f2 = files;
        f2["content/regions/linhai/region.json"] = replace(f2["content/regions/linhai/region.json"], "\"parent\": \"taizhou\"", "\"parent\": \"taizou\"");
        auto r = load(f2);
        INFO(r.text);
        CHECK(r.text.find("content/regions/linhai/region.json:5:3: error: parent \"taizou\" is not a region (did you mean \"taizhou\"?)") != std::string::npos);
        files[region] = replace(files[region], "\"parent\": null", "\"parent\": \"linhai\"");
        auto r2 = load(files);
        INFO(r2.text);
        CHECK(r2.text.find("form a cycle") != std::string::npos);
    }
    SECTION("an id that is not a slug or does not match its folder") {
        files[region] = replace(files[region], "\"id\": \"taizhou\"", "\"id\": \"../../etc\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("region.json:2:3: error: \"id\" must be an ASCII slug") != std::string::npos);
        files["content/regions/Tai Zhou/region.json"] = "{}";
        auto r2 = load(files);
        INFO(r2.text);
        CHECK(r2.text.find("region folder names must be ASCII slugs") != std::string::npos);
    }
    SECTION("JSON syntax") {
        files[region] = replace(files[region], "\"level\": \"city\",", "\"level\": \"city\"");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("content/regions/taizhou/region.json:5:3: error: invalid JSON") != std::string::npos);
    }
    SECTION("a missing Chinese body") {
        files.erase("content/regions/linhai/2023.zh.md");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("the Chinese body of brief \"2023\" is missing") != std::string::npos);
    }
    SECTION("site.json missing") {
        files.erase("content/site.json");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("content/site.json: error: site.json is missing") != std::string::npos);
    }
    SECTION("invalid UTF-8 in Markdown, with its line") {
        files["content/regions/linhai/2023.zh.md"] = "## 效能融合\n\nbad \xff byte\n";
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("content/regions/linhai/2023.zh.md:3:5: error: invalid UTF-8") != std::string::npos);
    }
    SECTION("a Markdown file that is too large") {
        files["content/regions/linhai/2023.zh.md"] = std::string(content::max_markdown_bytes + 1, 'a');
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("2023.zh.md: error: file is too large") != std::string::npos);
    }
    SECTION("interface strings must exist in both languages") {
        files["content/i18n/en.json"] = replace(files["content/i18n/en.json"], "\"key_figures\": \"Key figures\",", "");
        auto r = load(files);
        INFO(r.text);
        CHECK(r.text.find("content/i18n/en.json") != std::string::npos);
        CHECK(r.text.find("string \"key_figures\" is defined for \"zh\" but not here") != std::string::npos);
    }
}

TEST_CASE("inputs that are odd but fine") {
    auto files = test::minimal_content();
    SECTION("a BOM and CRLF line ends") {
        std::string md = "\xEF\xBB\xBF## 效能融合\r\n\r\n临海。\r\n";
        files["content/regions/linhai/2023.zh.md"] = md;
        std::string json = files["content/regions/linhai/region.json"];
        files["content/regions/linhai/region.json"] = "\xEF\xBB\xBF" + std::regex_replace(json, std::regex("\n"), "\r\n");
        auto r = load(files);
        INFO(r.text);
        INFO(r.text);
        REQUIRE(r.site);
        CHECK(r.site->find_region("linhai")->latest().body_zh.starts_with("## "));
    }
    SECTION("the files beside the bodies are read, hashed and sized; the build decides which are published") {
        files["content/regions/linhai/notes.txt"] = "x";
        files["content/regions/linhai/sub/x.md"] = "y";
        auto r = load(files);
        INFO(r.text);
        REQUIRE(r.site);
        CHECK(r.diags.empty());  // a stray file is reported by the build, which knows what the bodies use
        const auto* linhai = r.site->find_region("linhai");
        REQUIRE(linhai->files.size() == 1);
        CHECK(linhai->files[0].name == "notes.txt");
        CHECK(linhai->files[0].published.starts_with("files/linhai/notes."));
        CHECK(linhai->files[0].problem.empty());
        CHECK(linhai->other_entries == std::vector<std::string>{"sub"});
    }
}

namespace {

test::files with_topics(const std::string& section_topic = "grid-governance", const std::string& metric_topic = "anti-fraud") {
    return test::minimal_content_with_topics(section_topic, metric_topic);
}

}  // namespace

TEST_CASE("topics: the taxonomy, sections and metrics about them") {
    SECTION("valid topics load, in file order") {
        auto r = load(with_topics());
        INFO(r.text);
        REQUIRE(r.site);
        CHECK(r.diags.empty());
        REQUIRE(r.site->topics.size() == 2);
        CHECK(r.site->topics[0].id == "grid-governance");
        CHECK(r.site->topics[1].name.en == "Anti-fraud work");
        const auto& b = r.site->find_region("taizhou")->latest();
        REQUIRE(b.topics.size() == 1);
        CHECK(b.topics[0].heading_zh == "基层治理");
        CHECK(b.topics[0].topics == std::vector<std::string>{"grid-governance"});
        CHECK(b.find_metric("fraud-cases")->topics == std::vector<std::string>{"anti-fraud"});
        CHECK(b.find_metric("criminal-cases")->topics.empty());
    }
    SECTION("a section's topic that is not in topics.json, with a suggestion and its position") {
        auto r = load(with_topics("grid-governanse"));
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("content/regions/taizhou/region.json:23:27: error: topic \"grid-governanse\" is not in content/topics.json (did you mean \"grid-governance\"?) [content]") != std::string::npos);
    }
    SECTION("a metric's topic that is not in topics.json") {
        auto r = load(with_topics("grid-governance", "fraud"));
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("content/regions/taizhou/region.json:20:193: error: topic \"fraud\"") != std::string::npos);
        CHECK(r.text.find("topic \"fraud\" is not in content/topics.json") != std::string::npos);
    }
    SECTION("topics keyed by a heading the brief does not have") {
        auto files = with_topics();
        auto& region = files["content/regions/taizhou/region.json"];
        region = replace(region, "\"topics\": {\"基层治理\"", "\"topics\": {\"基层治里\"");
        auto r = load(files);
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("\"基层治里\" is not a heading of this brief") != std::string::npos);
        CHECK(r.text.find("did you mean \"基层治理\"?") != std::string::npos);
    }
    SECTION("a topic listed twice, two topics with one id, a topic id that is not a slug") {
        auto files = with_topics();
        files["content/topics.json"] = replace(files["content/topics.json"], "\"id\": \"anti-fraud\"", "\"id\": \"grid-governance\"");
        auto& region = files["content/regions/taizhou/region.json"];
        region = replace(region, "[\"grid-governance\"]", "[\"grid-governance\", \"grid-governance\", \"Grid Governance\"]");
        auto r = load(files);
        INFO(r.text);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("content/topics.json:4:6: error: two topics have the id \"grid-governance\"") != std::string::npos);
        CHECK(r.text.find("topic \"grid-governance\" is listed twice") != std::string::npos);
        CHECK(r.text.find("a topic id is a slug") != std::string::npos);
    }
    SECTION("no topics.json: no topics, and briefs cannot name any") {
        auto files = with_topics();
        files.erase("content/topics.json");
        auto r = load(files);
        CHECK_FALSE(r.site);
        CHECK(r.text.find("topic \"grid-governance\" is not in content/topics.json") != std::string::npos);
        auto plain = load(test::minimal_content());
        REQUIRE(plain.site);
        CHECK(plain.site->topics.empty());
    }
    SECTION("a metric's series") {
        auto files = test::minimal_content();
        auto& region = files["content/regions/taizhou/region.json"];
        region = replace(region, "\"id\": \"criminal-cases\",", "\"id\": \"criminal-cases\", \"series\": \"crime\",");
        auto r = load(files);
        INFO(r.text);
        REQUIRE(r.site);
        const auto& b = r.site->find_region("taizhou")->latest();
        CHECK(b.find_metric("criminal-cases")->series_id() == "crime");
        CHECK(b.find_metric("fraud-cases")->series_id() == "fraud-cases");
    }
}

TEST_CASE("limits on figures, lists and bodies (issue 13)") {
    auto files = test::minimal_content();
    const std::string region = "content/regions/taizhou/region.json";
    auto has = [](const loaded& r, const std::string& text) {
        INFO(r.text);
        CHECK(r.text.find(text) != std::string::npos);
    };
    SECTION("implausible figures are errors at their value") {
        files[region] = replace(files[region], "\"value\": -16.7", "\"value\": -1670");
        files[region] = replace(files[region], "\"value\": 88500", "\"value\": 1e15");
        files[region] = replace(files[region], "\"change\": {\"value\": 3.2", "\"change\": {\"value\": 3200");
        auto r = load(files);
        CHECK_FALSE(r.site);
        has(r, "region.json:18:83: error: a change in percent must be between -1000 and 1000 [content]");
        has(r, "region.json:20:77: error: a case must be less than 10,000,000,000,000 (1e13)");
        has(r, "region.json:20:119: error: a change in percent must be between -1000 and 1000 [content]");
    }
    SECTION("a map of headings longer than any brief needs") {
        std::string extra;
        for (int i = 0; i < 1000; ++i) extra += ", \"标题" + std::to_string(i) + "\": \"Heading\"";
        files[region] = replace(files[region], "\"基层治理\": \"Grassroots governance\"", "\"基层治理\": \"Grassroots governance\"" + extra);
        auto r = load(files);
        CHECK_FALSE(r.site);
        has(r, "region.json:22:7: error: has 1002 entries; a brief may have at most 1000 [content]");
    }
    SECTION("a body over a limit names its line and column") {
        std::string body = "## 基层治理\n\n";
        for (int i = 0; i < 1000; ++i) body += "### 小节\n";
        files["content/regions/taizhou/2025.zh.md"] += body;
        auto r = load(files);
        CHECK_FALSE(r.site);
        has(r, "2025.zh.md:");
        has(r, "error: a body may have at most 1,000 headings; this is heading 1,001 of");
    }
    SECTION("control and bidirectional formatting characters are warnings, escaped in messages") {
        files["content/regions/linhai/2023.zh.md"] += "\n\xE2\x80\xAE" "abc\x1B[31m\n";
        auto r = load(files);
        REQUIRE(r.site);
        has(r, "2023.zh.md:5:1: warning: bidirectional formatting character U+202E (and 1 more such characters in this file)");
        CHECK(r.text.find("\xE2\x80\xAE") == std::string::npos);
        CHECK(r.text.find('\x1B') == std::string::npos);
    }
}
