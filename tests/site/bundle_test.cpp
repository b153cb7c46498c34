// Page bundles (files kept beside a brief), footnotes, and the checks of what a body references:
// issue 15. Each site, templates included, is written inline and built in memory.
#include <catch2/catch.hpp>

#include <regex>

#include "briefs/sitegraph/build.hpp"
#include "built_site.hpp"
#include "inline_site.hpp"

using namespace briefs;

namespace {

using test::build;
using test::contains;

// A 4×3 PNG and a 5×3 JPEG (made with libpng's format and libjpeg).
const std::string k_png("\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00\x00\x03\x08\x02\x00\x00\x00\x3b\x96\x39\x91\x00\x00\x00\x10\x49\x44\x41\x54\x78\xda\x63\x90\x8b\x3a\x01\x47\x0c\x38\x39\x00\x1c\xbe\x0f\x01\xa1\xe3\x24\x69\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82", 73);
const std::string k_jpeg("\xff\xd8\xff\xe0\x00\x10\x4a\x46\x49\x46\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xdb\x00\x43\x00\x50\x37\x3c\x46\x3c\x32\x50\x46\x41\x46\x5a\x55\x50\x5f\x78\xc8\x82\x78\x6e\x6e\x78\xf5\xaf\xb9\x91\xc8\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xc0\x00\x0b\x08\x00\x03\x00\x05\x01\x01\x11\x00\xff\xc4\x00\x14\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\xff\xc4\x00\x16\x10\x00\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x04\x33\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x55\x99\xff\xd9", 162);

const std::string k_zh_lead = "台州持续开展平安建设。\n\n";
const std::string k_zh_rest = "## 平安建设体系更加完善\n\n见[临海](../linhai/)。\n\n## 基层治理\n\n正文。\n";
const std::string k_en_rest = "## A more complete safety system\n\nSee [Linhai](../linhai/).\n\n## Grassroots governance\n\nText.\n";

test::files with_bodies(const std::string& zh_extra, const std::string& en_extra = "") {
    auto f = test::minimal_site();
    f["content/regions/taizhou/2025.zh.md"] = k_zh_lead + zh_extra + k_zh_rest;
    f["content/regions/taizhou/2025.en.md"] = "Taizhou keeps building safety.\n\n" + en_extra + k_en_rest;
    return f;
}

/// The findings with `text` in them.
std::vector<std::string> findings(const test::built& b, const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : b.diags.items()) {
        const auto s = core::to_string(d);
        if (contains(s, text)) out.push_back(s);
    }
    return out;
}

/// The one file published under `prefix` (e.g. "files/taizhou/patrol.").
std::string published(const test::built& b, const std::string& prefix) {
    std::string found;
    for (const auto& [path, bytes] : b.files) {
        if (path.starts_with(prefix)) {
            CHECK(found.empty());
            found = path;
        }
    }
    INFO(prefix);
    REQUIRE(!found.empty());
    return found;
}

}  // namespace

TEST_CASE("an image beside its brief is published once, sized, and shown on both languages' pages") {
    auto f = with_bodies("![巡逻船在港内](patrol.png \"巡逻\")\n\n照片见[附件](photo.jpeg)，报告见[全文](report.pdf#page=2)。\n\n",
                         "![A patrol boat in the harbour](patrol.png)\n\nSee [the report](./report.pdf).\n\n");
    f["content/regions/taizhou/patrol.png"] = k_png;
    f["content/regions/taizhou/photo.jpeg"] = k_jpeg;
    f["content/regions/taizhou/report.pdf"] = "%PDF-1.4 a report";
    f["content/regions/taizhou/notes.txt"] = "not referenced";
    const auto b = build(f);
    INFO(b.messages());
    REQUIRE(b.stats);

    const std::string png = published(b, "files/taizhou/patrol.");
    CHECK(std::regex_match(png, std::regex(R"(files/taizhou/patrol\.[0-9a-f]{8}\.png)")));
    CHECK(b.at(png) == k_png);  // byte for byte
    const std::string jpeg = published(b, "files/taizhou/photo.");
    CHECK(b.at(jpeg) == k_jpeg);
    const std::string pdf = published(b, "files/taizhou/report.");
    CHECK(b.at(pdf) == "%PDF-1.4 a report");
    std::size_t under_files = 0;
    for (const auto& [path, bytes] : b.files) under_files += path.starts_with("files/");
    CHECK(under_files == 3);

    const auto& zh = b.at("zh/regions/taizhou/index.html");
    CHECK(contains(zh, "<img src=\"../../../" + png + "\" alt=\"巡逻船在港内\" title=\"巡逻\" width=\"4\" height=\"3\" loading=\"lazy\" decoding=\"async\" />"));
    CHECK(contains(zh, "<a href=\"../../../" + jpeg + "\">附件</a>"));
    CHECK(contains(zh, "<a href=\"../../../" + pdf + "#page=2\">全文</a>"));
    const auto& en = b.at("en/regions/taizhou/index.html");
    CHECK(contains(en, "<img src=\"../../../" + png + "\" alt=\"A patrol boat in the harbour\" width=\"4\" height=\"3\" loading=\"lazy\""));
    CHECK(contains(en, "<a href=\"../../../" + pdf + "\">the report</a>"));

    // Only the unreferenced file is reported; it is not published.
    CHECK(findings(b, "notes.txt").size() == 1);
    CHECK(contains(b.messages(), "content/regions/taizhou/notes.txt: warning: belongs to no brief of region \"taizhou\" and is not published"));
    CHECK(findings(b, "patrol.png").empty());
    CHECK(findings(b, "error").empty());
}

TEST_CASE("an earlier brief's page reaches the same copy of a file") {
    auto f = with_bodies("![巡逻船](patrol.png)\n\n");
    f["content/regions/taizhou/patrol.png"] = k_png;
    auto& region = f["content/regions/taizhou/region.json"];
    const auto at = region.find("    {\n      \"period\": \"2025\"");
    const auto end = region.rfind("\n  ]\n}");
    region.insert(end, ",\n" + std::regex_replace(region.substr(at, end - at), std::regex("\"2025\""), "\"2019\""));
    f["content/regions/taizhou/2019.zh.md"] = f["content/regions/taizhou/2025.zh.md"];
    const auto b = build(f);
    INFO(b.messages());
    REQUIRE(b.stats);
    const std::string png = published(b, "files/taizhou/patrol.");
    CHECK(contains(b.at("zh/regions/taizhou/2019/index.html"), "<img src=\"../../../../" + png + "\""));
    CHECK(contains(b.at("en/regions/taizhou/2019/index.html"), "<img src=\"../../../../" + png + "\""));  // the Chinese body, untranslated
}

TEST_CASE("a missing image or file is an error at its line and column") {
    auto f = with_bodies("正文。 ![巡逻](patrol.png)\n\n见[报告](report.pdf)。\n\n");
    f["content/regions/taizhou/Patrol.png"] = k_png;
    const auto b = build(f);
    CHECK_FALSE(b.stats);
    CHECK(contains(b.messages(), "content/regions/taizhou/2025.zh.md:3:5: error: image \"patrol.png\": there is no file \"patrol.png\" in ")); 
    CHECK(contains(b.messages(), "content/regions/taizhou/ (did you mean \"Patrol.png\"?)"));
    CHECK(contains(b.messages(), "content/regions/taizhou/2025.zh.md:5:2: error: link \"report.pdf\": there is no file \"report.pdf\" in "));
    // Not also reported as a link to a page that does not exist.
    CHECK(findings(b, "not a page of the site").empty());
}

TEST_CASE("an image elsewhere than beside its brief, a remote image, an image without text") {
    const auto b = build(with_bodies("![](https://example.org/x.png)\n\n![图](../linhai/x.png)\n\n"));
    CHECK_FALSE(b.stats);  // the image in another folder
    CHECK(contains(b.messages(), "2025.zh.md:3:1: warning: image \"https://example.org/x.png\" has no text alternative"));
    CHECK(contains(b.messages(), "2025.zh.md:3:1: warning: image \"https://example.org/x.png\" is loaded from another site whenever the page is read"));
    CHECK(contains(b.messages(), "2025.zh.md:5:1: error: image \"../linhai/x.png\": an image is published from its brief's own folder ("));
    CHECK(contains(b.messages(), "content/regions/taizhou/): put it there and write its name, \"x.png\""));
}

TEST_CASE("a file that says it is an image but is not one is an error") {
    auto f = with_bodies("![巡逻](patrol.png)\n\n");
    f["content/regions/taizhou/patrol.png"] = k_jpeg;
    auto b = build(f);
    CHECK_FALSE(b.stats);
    CHECK(contains(b.messages(), "content/regions/taizhou/patrol.png: error: is not a PNG image, as its name says (it is a jpeg file)"));
    f["content/regions/taizhou/patrol.png"] = k_png.substr(0, 20);
    b = build(f);
    CHECK_FALSE(b.stats);
    CHECK(contains(b.messages(), "content/regions/taizhou/patrol.png: error: not a readable PNG image"));
}

TEST_CASE("raw HTML is a warning at its line; a comment is not") {
    const auto b = build(with_bodies("正文<span style=\"color:red\">红色</span>。\n\n<!-- 编辑备注 -->\n\n<div>\n块\n</div>\n\n"));
    INFO(b.messages());
    REQUIRE(b.stats);
    const auto raw = findings(b, "raw HTML");
    REQUIRE(raw.size() == 2);
    CHECK(contains(raw[0], "2025.zh.md:3:3: warning: raw HTML \"<span style=\"color:red\">\" is not published (it is dropped from the page): write it in Markdown"));
    CHECK(contains(raw[1], "2025.zh.md:7:1: warning: raw HTML \"<div>\" is not published"));
}

TEST_CASE("footnotes in both bodies: numbered, back-linked, ids of their own language") {
    const auto b = build(with_bodies("刑事案件下降[^注1]，化解率上升[^2]。\n\n[^注1]: 数据来自《台州日报》，2025年4月18日。\n[^2]: 同上。\n\n",
                                     "Criminal cases fell[^1].\n\n[^1]: From the *Taizhou Daily*.\n\n"));
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(b.diags.items().size() == findings(b, "base URL").size());  // no finding about them

    const auto& zh = b.at("zh/regions/taizhou/index.html");
    CHECK(contains(zh, "<sup class=\"footnote-ref\"><a href=\"#fn-zh-%E6%B3%A81\" id=\"fnref-zh-%E6%B3%A81\" data-footnote-ref>1</a></sup>"));
    CHECK(contains(zh, "<li id=\"fn-zh-%E6%B3%A81\">\n<p>数据来自《台州日报》，2025年4月18日。 <a href=\"#fnref-zh-%E6%B3%A81\" class=\"footnote-backref\" data-footnote-backref aria-label=\"返回正文\">↩</a>"));
    CHECK(contains(zh, "<li id=\"fn-zh-2\">"));
    CHECK_FALSE(contains(zh, "[^"));

    const auto& en = b.at("en/regions/taizhou/index.html");
    CHECK(contains(en, "<a href=\"#fn-en-1\" id=\"fnref-en-1\" data-footnote-ref>1</a>"));
    CHECK(contains(en, "<li id=\"fn-en-1\">\n<p>From the <em>Taizhou Daily</em>. <a href=\"#fnref-en-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to the text\">↩</a>"));
    CHECK_FALSE(contains(en, "[^1]"));
}

TEST_CASE("a headings-map key that nearly matches a heading gets a suggestion") {
    auto f = test::minimal_site();
    auto& region = f["content/regions/taizhou/region.json"];
    region = test::replace_once(region, "\"基层治理\": \"Grassroots governance\"", "\"基层治理\": \"Grassroots governance\", \"平安建设体系更加完整\": \"x\"");
    const auto b = build(f);
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(contains(b.messages(), "the headings map translates \"平安建设体系更加完整\", which is not a heading of"));
    CHECK(contains(b.messages(), "(did you mean \"平安建设体系更加完善\"?)"));
}

TEST_CASE("two regions with the same name in a language: a warning at the second one's name") {
    auto f = test::minimal_site();
    f["content/regions/linhai/region.json"] = test::replace_once(f["content/regions/linhai/region.json"], "\"en\": \"Linhai\"", "\"en\": \"Taizhou\"");
    const auto b = build(f);
    INFO(b.messages());
    REQUIRE(b.stats);
    CHECK(contains(b.messages(), "content/regions/taizhou/region.json:3:"));
    CHECK(contains(b.messages(), "warning: region \"taizhou\" has the same English name as region \"linhai\", \"Taizhou\": readers cannot tell them apart"));
    CHECK(findings(b, "same Chinese name").empty());
}
