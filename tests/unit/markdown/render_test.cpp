#include <catch2/catch.hpp>

#include "briefs/markdown/render.hpp"

using namespace briefs::markdown;

TEST_CASE("Markdown is rendered safely") {
    SECTION("raw HTML is not passed through") {
        const auto r = render("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)>\n");
        CHECK(r.html.find("<script") == std::string::npos);
        CHECK(r.html.find("onerror") == std::string::npos);
    }
    SECTION("javascript: links are emptied") {
        const auto r = render("[x](javascript:alert(1))");
        CHECK(r.html.find("javascript") == std::string::npos);
    }
    SECTION("GFM tables use style attributes, not align") {
        const auto r = render("| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        CHECK(r.html.find("<table>") != std::string::npos);
        CHECK(r.html.find("align=") == std::string::npos);
        CHECK(r.html.find("text-align: right") != std::string::npos);
    }
    SECTION("strikethrough and autolinks") {
        const auto r = render("~~old~~ see https://example.org\n");
        CHECK(r.html.find("<del>old</del>") != std::string::npos);
        CHECK(r.html.find("<a href=\"https://example.org\">") != std::string::npos);
    }
}

TEST_CASE("headings go through the caller's hook") {
    options o;
    o.on_heading = [](const heading& h) {
        heading_output out;
        out.id = h.text == "平安建设" ? "pingan-jianshe" : "other";
        out.extra_html = " <span lang=\"en\">Safety</span>";
        return out;
    };
    const auto r = render("Lead.\n\n## 平安建设\n\nBody.\n\n### *Sub* `x`\n", o);
    CHECK(r.html.find("<h2 id=\"pingan-jianshe\">平安建设 <span lang=\"en\">Safety</span></h2>") != std::string::npos);
    CHECK(r.html.find("<h3 id=\"other\"><em>Sub</em> <code>x</code> <span lang=\"en\">Safety</span></h3>") != std::string::npos);
    REQUIRE(r.headings.size() == 2);
    CHECK(r.headings[0].text == "平安建设");
    CHECK(r.headings[0].line == 3);
    CHECK(r.headings[1].text == "Sub x");
    CHECK(r.headings[1].level == 3);

    SECTION("replacing a heading's text escapes it") {
        options o2;
        o2.on_heading = [](const heading&) { return heading_output{"a", "", "<b>Safe</b>", "en"}; };
        const auto r2 = render("## 平安\n", o2);
        CHECK(r2.html == "<h2 id=\"a\" lang=\"en\">&lt;b&gt;Safe&lt;/b&gt;</h2>\n");
    }
}

TEST_CASE("relative links are rebased, others kept") {
    options o;
    o.relative_prefix = "../";
    const auto r = render("[a](../linhai/) [b](https://x.org/) [c](#top) [d](/abs) [e](mailto:a@b.c)", o);
    CHECK(r.html.find("href=\"../../linhai/\"") != std::string::npos);
    CHECK(r.html.find("href=\"https://x.org/\"") != std::string::npos);
    CHECK(r.html.find("href=\"#top\"") != std::string::npos);
    CHECK(r.html.find("href=\"/abs\"") != std::string::npos);
    REQUIRE(r.links.size() == 5);
    CHECK(r.links[0].url == "../../linhai/");
    CHECK(r.links[0].line == 1);
}

TEST_CASE("positions count characters") {
    const auto r = render("## 标题\n\n见[临海](../linhai/)\n");
    REQUIRE(r.links.size() == 1);
    CHECK(r.links[0].line == 3);
    CHECK(r.links[0].column == 2);
}

TEST_CASE("headings only") {
    const auto hs = headings("# A\n\ntext\n\n## B\n");
    REQUIRE(hs.size() == 2);
    CHECK(hs[1].text == "B");
    CHECK(escape_html("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("pathological inputs finish") {
    std::string deep(5000, '>');
    deep += " x\n";
    std::string lists;
    for (int i = 0; i < 2000; ++i) lists += std::string(static_cast<std::size_t>(i % 200) * 2, ' ') + "- item\n";
    CHECK_FALSE(render(deep).html.empty());
    CHECK_FALSE(render(lists).html.empty());
}

TEST_CASE("sections: plain text per heading, ids from the hook, from render's own parse") {
    SECTION("without with_sections, none") { CHECK(render("## 甲\n\nText.\n").sections.empty()); }
    options opts;
    opts.with_sections = true;
    int n = 0;
    opts.on_heading = [&](const heading& h) {
        heading_output o;
        o.id = "h" + std::to_string(++n);
        if (h.text == "甲") o.replace_text = "A";
        return o;
    };
    const auto before = documents_parsed();
    const auto r = render("Intro **bold** text.\n\n## 甲\n\nOne\ntwo.\n\n- item *x*\n- item y\n\n### 乙\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script>\n", opts);
    CHECK(documents_parsed() == before + 1);
    CHECK(n == 2);  // the hook is asked once per heading, for the page and its sections alike
    CHECK(r.html.find("<h2 id=\"h1\">A</h2>") != std::string::npos);
    const auto& s = r.sections;
    REQUIRE(s.size() == 3);
    CHECK(s[0].source.level == 0);
    CHECK(s[0].id.empty());
    CHECK(s[0].text == "Intro bold text.");
    CHECK(s[1].id == "h1");
    CHECK(s[1].title == "A");  // the hook's replacement, as the page shows it
    CHECK(s[1].source.text == "甲");
    CHECK(s[1].text == "One two.\nitem x\nitem y");
    CHECK(s[2].source.level == 3);
    CHECK(s[2].title == "乙");
    CHECK(s[2].text == "a\nb\n1\n2");  // table cells, never run together; raw HTML left out
    SECTION("no text before the first heading: no intro section") {
        n = 0;
        const auto t = render("## 甲\n\nText.\n", opts).sections;
        REQUIRE(t.size() == 1);
        CHECK(t[0].id == "h1");
    }
}

TEST_CASE("a body's work is bounded: tables (issue 13)") {
    // A header of 2,000 columns and 20,000 one-cell rows: cmark-gfm would pad every row to 2,000 cells.
    const std::string md = "Lead.\n\n" + [] {
        std::string s;
        for (int i = 0; i < 2000; ++i) s += "|a";
        s += "|\n";
        for (int i = 0; i < 2000; ++i) s += "|-";
        s += "|\n";
        for (int i = 0; i < 20000; ++i) s += "x\n";
        return s;
    }();
    const auto found = check_limits(md);
    REQUIRE(found.size() == 1);
    CHECK(found[0].error);
    CHECK(found[0].line == 3);
    CHECK(found[0].column == 1);
    CHECK(found[0].message.find("2,000 columns and 20,001 rows") != std::string::npos);
    // Rendering it anyway stays bounded: the table is left as text.
    const auto r = render(md);
    CHECK(r.html.find("<table>") == std::string::npos);
    SECTION("ordinary tables are within the limit, also in quotes and lists") {
        CHECK(check_limits("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n> | x |\n> |---|\n> | y |\n").empty());
        CHECK(render("> | x |\n> |---|\n> | y |\n").html.find("<table>") != std::string::npos);
    }
}

TEST_CASE("a body's work is bounded: email autolinks (issue 13)") {
    std::string runs = "See a@b.cn.\n\n";
    for (int i = 0; i < 100000; ++i) runs += "a@";
    runs += "\n";
    const auto found = check_limits(runs);
    REQUIRE(found.size() == 1);
    CHECK_FALSE(found[0].error);
    CHECK(found[0].line == 3);
    CHECK(found[0].column == 1);
    CHECK(found[0].message.find("200,000 characters with 100,000 '@' signs") != std::string::npos);
    const auto r = render(runs);  // without autolinks: linear
    CHECK(r.html.find("<a ") == std::string::npos);
    SECTION("ordinary addresses are linked") {
        CHECK(check_limits("mail a@b.cn or x.y@z.org").empty());
        CHECK(render("mail a@b.cn").html.find("<a href=\"mailto:a@b.cn\">") != std::string::npos);
    }
}

TEST_CASE("a body's work is bounded: headings (issue 13)") {
    std::string md;
    for (int i = 0; i < 1000; ++i) md += "## 标题\n\n";
    CHECK(check_limits(md).empty());
    md += "text\n\n> ## 第1001\n";
    const auto found = check_limits(md);
    REQUIRE(found.size() == 1);
    CHECK(found[0].error);
    CHECK(found[0].line == 2003);
    CHECK(found[0].column == 3);
    CHECK(found[0].message == "a body may have at most 1,000 headings; this is heading 1,001 of 1,001");
    SECTION("thematic breaks and list markers are not counted as headings") {
        std::string rules;
        for (int i = 0; i < 1500; ++i) rules += "text\n\n---\n\n";
        CHECK(check_limits(rules).empty());
    }
}

TEST_CASE("positions of many links on one line are counted in linear time (issue 13)") {
    std::string md = "台州";
    for (int i = 0; i < 40000; ++i) md += "[a](b)";
    const auto r = render(md);
    REQUIRE(r.links.size() == 40000);
    CHECK(r.links.back().line == 1);
    CHECK(r.links.back().column == 3 + 6 * 39999);
}

TEST_CASE("a body's work is bounded: markup, which makes the nodes of the tree (issue 13)") {
    std::string md = "## 标题\n\n";
    for (int i = 0; i < 520000; ++i) md += "- a\n";
    const auto found = check_limits(md);
    REQUIRE(found.size() == 1);
    CHECK(found[0].error);
    CHECK(found[0].line == 100001);
    CHECK(found[0].column == 1);
    CHECK(found[0].message.find("more than 200,000 markup characters") != std::string::npos);
    // Rendered anyway: one paragraph of escaped text, without building cmark's tree.
    const auto r = render(md);
    CHECK(r.html.starts_with("<p>## 标题"));
    CHECK(r.headings.empty());
    options with_sections;
    with_sections.with_sections = true;
    CHECK(render(md, with_sections).sections.size() == 1);
    CHECK(headings(md).empty());
}

TEST_CASE("files beside the document: named, replaced by the caller's URL, images sized and lazy") {
    CHECK(local_file_name("patrol.png") == "patrol.png");
    CHECK(local_file_name("./report.pdf?x#page=2") == "report.pdf");
    CHECK(local_file_name("%E5%B7%A1%E9%80%BB%20photo.jpg") == "巡逻 photo.jpg");
    CHECK(local_file_name("巡逻.png") == "巡逻.png");
    CHECK_FALSE(local_file_name("../linhai/"));
    CHECK_FALSE(local_file_name("img/x.png"));
    CHECK_FALSE(local_file_name("https://example.org/x.png"));
    CHECK_FALSE(local_file_name("#section"));
    CHECK_FALSE(local_file_name("/x.png"));
    CHECK_FALSE(local_file_name("a%2Fb.png"));  // a folder, once decoded
    CHECK_FALSE(local_file_name(""));

    options o;
    o.relative_prefix = "../";
    o.on_file = [](const std::string& url) -> std::optional<file_target> {
        if (url == "patrol.png") return file_target{"../../files/x/patrol.12345678.png", 640, 480};
        if (url == "report.pdf") return file_target{"../../files/x/report.12345678.pdf", 0, 0};
        return std::nullopt;
    };
    const auto r = render("![巡逻 *船*](patrol.png \"t\") [报告](report.pdf) [临海](../linhai/) ![远](https://e.org/a.png)\n", o);
    CHECK(r.html.find("<img src=\"../../files/x/patrol.12345678.png\" alt=\"巡逻 船\" title=\"t\" width=\"640\" height=\"480\" loading=\"lazy\" decoding=\"async\" />") != std::string::npos);
    CHECK(r.html.find("<a href=\"../../files/x/report.12345678.pdf\">报告</a>") != std::string::npos);
    CHECK(r.html.find("<a href=\"../../linhai/\">临海</a>") != std::string::npos);  // rebased as before
    CHECK(r.html.find("<img src=\"https://e.org/a.png\" alt=\"远\" loading=\"lazy\" decoding=\"async\" />") != std::string::npos);
    // The caller's files are not listed for the link checks; the other links are, at their columns.
    REQUIRE(r.links.size() == 2);
    CHECK(r.links[0].url == "../../linhai/");
    CHECK(r.links[0].column == 44);
    CHECK(r.links[1].url == "https://e.org/a.png");
}

TEST_CASE("an image's URL stays safe when the caller renders it") {
    const auto r = render("![x](javascript:alert(1)) ![y](\"onerror=alert(1).png)\n");
    CHECK(r.html.find("javascript") == std::string::npos);
    CHECK(r.html.find("\"onerror") == std::string::npos);
}

TEST_CASE("footnotes: prefixed ids, back-links with the caller's label, CJK labels and text") {
    options o;
    o.footnote_prefix = "zh";
    o.footnote_back_label = "返回正文";
    const auto r = render("下降[^注1]，另见[^a]。\n\n[^注1]: 数据来自台州日报。\n[^a]: 第二条。\n", o);
    CHECK(r.html.find("<a href=\"#fn-zh-%E6%B3%A81\" id=\"fnref-zh-%E6%B3%A81\" data-footnote-ref>1</a>") != std::string::npos);
    CHECK(r.html.find("<li id=\"fn-zh-%E6%B3%A81\">\n<p>数据来自台州日报。 <a href=\"#fnref-zh-%E6%B3%A81\" class=\"footnote-backref\" data-footnote-backref aria-label=\"返回正文\">") !=
          std::string::npos);
    CHECK(r.html.find("<li id=\"fn-zh-a\">") != std::string::npos);
    CHECK(r.html.find("[^") == std::string::npos);
    CHECK(r.links.empty());  // a footnote is not a link to check
    // Without a prefix, cmark-gfm's own ids.
    CHECK(render("x[^1]\n\n[^1]: y\n").html.find("<li id=\"fn-1\">") != std::string::npos);
}

TEST_CASE("inspect: references with positions and text alternatives, raw HTML by line, comments left alone") {
    const auto i = inspect("正文<span>红</span>与<b>粗</b>。\n\n<!-- 备注 -->\n\n![巡逻](p.png) [报告](r.pdf)\n\n<div>\nx\n</div>\n\n![](q.png)\n");
    REQUIRE(i.html.size() == 2);
    CHECK(i.html[0].line == 1);
    CHECK(i.html[0].column == 3);
    CHECK(i.html[0].text == "<span>");
    CHECK(i.html[1].line == 7);
    CHECK(i.html[1].text == "<div>");
    REQUIRE(i.references.size() == 3);
    CHECK(i.references[0].url == "p.png");
    CHECK(i.references[0].image);
    CHECK(i.references[0].alt == "巡逻");
    CHECK(i.references[0].line == 5);
    CHECK(i.references[0].column == 1);
    CHECK(i.references[1].url == "r.pdf");
    CHECK_FALSE(i.references[1].image);
    CHECK(i.references[1].column == 14);
    CHECK(i.references[2].alt.empty());
}

TEST_CASE("inspect: footnotes that do not work, at their positions (issue 15)") {
    using k = footnote_problem::kind;
    const std::string md =
        "台州[^注1]与[^缺]，又见 \\[^转义] 和 `[^代码]`。\n"  // line 1: a missing one; an escaped one and code are meant
        "\n"
        "- 列表[^nope]\n"                                  // line 3
        "\n"
        "[^注1]: 数据来自台州日报。\n"                      // line 5: used
        "\n"
        "[^无人]: 没有引用。\n"                             // line 7: never referenced
        "\n"
        "```\n[^b]: 代码里的不是定义\n```\n"                // lines 9-11
        "\n"
        "[^注1]: 第二次定义。\n";                           // line 13: a repeat
    const auto i = inspect(md);
    REQUIRE(i.footnotes.size() == 4);
    CHECK(i.footnotes[0].label == "缺");
    CHECK(i.footnotes[0].what == k::undefined);
    CHECK(i.footnotes[0].line == 1);
    CHECK(i.footnotes[0].column == 9);  // characters, not bytes
    CHECK(i.footnotes[1].label == "nope");
    CHECK(i.footnotes[1].line == 3);
    CHECK(i.footnotes[1].column == 5);
    CHECK(i.footnotes[2].label == "无人");
    CHECK(i.footnotes[2].what == k::unreferenced);
    CHECK(i.footnotes[2].line == 7);
    CHECK(i.footnotes[2].column == 1);
    CHECK(i.footnotes[3].label == "注1");
    CHECK(i.footnotes[3].what == k::repeated);
    CHECK(i.footnotes[3].line == 13);
    // Footnotes that work: nothing to say.
    CHECK(inspect("x[^1] y[^1]\n\n[^1]: z\n    more\n").footnotes.empty());
    CHECK(inspect("> 引[^q]\n>\n> [^q]: 在引用里定义。\n").footnotes.empty());
}
