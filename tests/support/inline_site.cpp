#define CATCH_CONFIG_EXTERNAL_INTERFACES  // for the listener below
#include <catch2/catch.hpp>

#include "inline_site.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace briefs::test {

namespace fs = std::filesystem;

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

files minimal_content_with_topics(const std::string& section_topic, const std::string& metric_topic) {
    auto f = minimal_content();
    f["content/topics.json"] = R"({
  "topics": [
    {"id": "grid-governance", "name": {"zh": "网格化治理", "en": "Grid governance"}, "summary": {"zh": "网格。", "en": "Grids."}},
    {"id": "anti-fraud", "name": {"zh": "反诈", "en": "Anti-fraud work"}, "summary": {"zh": "反诈。", "en": "Fraud."}}
  ]
})";
    auto& region = f["content/regions/taizhou/region.json"];
    region = replace_once(region, "\"基层治理\": \"Grassroots governance\"}",
                          "\"基层治理\": \"Grassroots governance\"},\n      \"topics\": {\"基层治理\": [\"" + section_topic + "\"]}");
    region = replace_once(region, "\"change\": {\"value\": 3.2, \"unit\": \"percent\"}, \"polarity\": \"lower-better\",",
                          "\"change\": {\"value\": 3.2, \"unit\": \"percent\"}, \"polarity\": \"lower-better\", \"topics\": [\"" + metric_topic + "\"],");
    return f;
}

fs::path project_dir() { return BRIEFS_SOURCE_DIR; }

files txtar(std::string_view text) {
    files out;
    std::string* current = nullptr;  // nullptr: the comment before the first marker
    while (!text.empty()) {
        const auto eol = text.find('\n');
        const std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        if (line.size() > 6 && line.starts_with("-- ") && line.ends_with(" --")) {
            std::string_view name = line.substr(3, line.size() - 6);
            while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
            while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
            if (!name.empty()) {
                INFO("txtar: file \"" << name << "\" given twice");
                REQUIRE(out.count(std::string(name)) == 0);
                current = &out[std::string(name)];
                continue;
            }
        }
        if (current) current->append(line).push_back('\n');
    }
    return out;
}

files merged(files base, const files& over) {
    for (const auto& [path, text] : over) base[path] = text;
    return base;
}

files minimal_site() { return merged(minimal_content(), minimal_templates()); }

files minimal_site_with_topics(const std::string& section_topic, const std::string& metric_topic) {
    return merged(minimal_content_with_topics(section_topic, metric_topic), minimal_templates());
}

files minimal_templates() {
    // Each page kind in a line or two; head and footer are partials (the incremental tests edit the footer).
    // Every value a generator test asserts on is shown here, in markup of its own: tests about what the
    // project's pages show use the project's templates (tests/README.md).
    return txtar(R"(
-- assets/style.css --
:root { color-scheme: light }
body { margin: 0 }
-- assets/site.js --
"use strict";
-- assets/search.js --
"use strict";
-- templates/partials/head.html --
<!doctype html><html lang="{{html_lang}}"><title>{{title}}</title>
{{#canonical}}<link rel="canonical" href="{{.}}">
{{/canonical}}{{#alternates}}<link rel="alternate" hreflang="{{hreflang}}" href="{{href}}">
{{/alternates}}<link rel="stylesheet" href="{{assets.style_css}}">
-- templates/partials/footer.html --
<footer class="site-footer"><a href="{{home_href}}">{{t.home}}</a></footer>
-- templates/root.html --
{{> head}}<a href="zh/">中文</a> <a href="en/">English</a>
-- templates/404.html --
<!doctype html><title>404</title><a href="{{home_zh}}">{{t_zh.back_home}}</a> <a href="{{home_en}}">{{t_en.back_home}}</a>
-- templates/robots.txt --
User-agent: *
{{#base_url}}
Sitemap: {{.}}sitemap.xml
{{/base_url}}
-- templates/sitemap.xml --
<urlset>
{{#urls}}<url><loc>{{loc}}</loc></url>
{{/urls}}</urlset>
-- templates/feed.xml --
<feed><title>{{site.title}}</title><id>{{id}}</id>
{{#entries}}<entry><id>{{id}}</id><link rel="alternate" type="text/html" href="{{href}}"/><summary>{{summary}}</summary></entry>
{{/entries}}</feed>
-- templates/home.html --
{{> head}}<main id="main">{{#groups}}<h2>{{name}}</h2>{{#regions}}<a href="{{href}}">{{name}}</a>
{{/regions}}{{/groups}}</main>
{{> footer}}
-- templates/region.html --
{{> head}}<form action="{{search_href}}"></form>
<main id="main">{{#breadcrumb}}{{#href}}<a href="{{.}}">{{name}}</a> {{/href}}{{/breadcrumb}}<h1>{{region.name}}</h1>
<h2 id="key-figures">{{t.key_figures}}</h2>
{{#cards}}<p>{{label}} {{#is_change}}{{#change}}{{number}}{{/change}}{{/is_change}}{{^is_change}}{{number}}{{/is_change}}</p>
{{/cards}}{{#untranslated}}<p>{{t.untranslated_note}}</p>
{{/untranslated}}{{{body}}}
{{#children}}<a href="{{href}}">{{name}}</a>
{{/children}}{{#briefs}}{{^current}}<a href="{{href}}">{{period}} · {{title}}</a>
{{/current}}{{/briefs}}</main>
{{> footer}}
-- templates/compare.html --
{{> head}}<main id="main"></main>
{{> footer}}
-- templates/glossary.html --
{{> head}}<main id="main"></main>
{{> footer}}
-- templates/search.html --
{{> head}}<main id="main" data-index="{{index_src}}"></main><script src="{{assets.search_js}}" defer></script>
{{> footer}}
-- templates/topics.html --
{{> head}}<main id="main"></main>
{{> footer}}
-- templates/topic.html --
{{> head}}<main id="main"></main>
{{> footer}}
)");
}

files minimal_content() {
    files f;
    f["content/site.json"] = R"({
  "title": {"zh": "平安简报", "en": "Ping'an Briefs"},
  "description": {"zh": "测试站点。", "en": "A test site."},
  "languages": ["zh", "en"],
  "tag_authority": "briefs.example.org",
  "tag_date": "2026-11-01"
})";
    std::ifstream zh(project_dir() / "content/i18n/zh.json"), en(project_dir() / "content/i18n/en.json");
    std::stringstream zs, es;
    zs << zh.rdbuf();
    es << en.rdbuf();
    f["content/i18n/zh.json"] = zs.str();
    f["content/i18n/en.json"] = es.str();
    f["content/regions/taizhou/region.json"] = R"({
  "id": "taizhou",
  "name": {"zh": "台州市", "en": "Taizhou"},
  "level": "city",
  "parent": null,
  "summary": {"zh": "台州持续开展平安建设，刑事案件同比下降16.7%。成效显著。", "en": "Taizhou keeps building safety; criminal cases fell 16.7%."},
  "briefs": [
    {
      "period": "2025",
      "title": {"zh": "台州平安建设", "en": "Safety work in Taizhou"},
      "date": "2025-04-18",
      "sources": [
        {"id": "daily", "title": {"zh": "平安答卷", "en": "A safety record"}, "publisher": {"zh": "台州日报", "en": "Taizhou Daily"},
         "authors": [{"name": {"zh": "孔珂依", "en": "Kong Keyi"}, "role": {"zh": "本报记者", "en": "staff reporter"}}], "date": "2025-04-18"}
      ],
      "headline": ["criminal-cases", "resolution-rate", "fraud-cases"],
      "metrics": [
        {"id": "criminal-cases", "label": {"zh": "刑事案件", "en": "Criminal cases"}, "value": -16.7, "unit": "percent_change", "polarity": "lower-better", "source": "daily"},
        {"id": "resolution-rate", "label": {"zh": "矛盾纠纷化解率", "en": "Disputes resolved"}, "value": 98.6, "unit": "percent", "polarity": "higher-better", "source": "daily"},
        {"id": "fraud-cases", "label": {"zh": "诈骗案件", "en": "Fraud cases"}, "value": 88500, "unit": "case", "change": {"value": 3.2, "unit": "percent"}, "polarity": "lower-better", "source": "daily"}
      ],
      "headings": {"平安建设体系更加完善": "A more complete safety system", "基层治理": "Grassroots governance"}
    }
  ]
})";
    f["content/regions/taizhou/2025.zh.md"] =
        "台州持续开展平安建设。\n\n## 平安建设体系更加完善\n\n见[临海](../linhai/)。\n\n## 基层治理\n\n| 项目 | 数值 |\n|---|---:|\n| 网格 | 100 |\n";
    f["content/regions/taizhou/2025.en.md"] =
        "Taizhou keeps building safety.\n\n## A more complete safety system\n\nSee [Linhai](../linhai/).\n\n## Grassroots governance\n\nText.\n";
    f["content/regions/linhai/region.json"] = R"({
  "id": "linhai",
  "name": {"zh": "临海市", "en": "Linhai"},
  "level": "county-level-city",
  "parent": "taizhou",
  "summary": {"zh": "临海连续十九年获评平安县（市）。", "en": "Linhai has been a Safe County for nineteen years."},
  "briefs": [
    {
      "period": "2023",
      "title": {"zh": "临海平安建设", "en": "Safety work in Linhai"},
      "date": "2024",
      "sources": [{"id": "s", "title": {"zh": "文章", "en": "Article"}, "publisher": {"zh": "报社", "en": "Paper"}, "authors": []}],
      "headline": ["homicides"],
      "metrics": [{"id": "homicides", "label": {"zh": "命案", "en": "Homicides"}, "value": -57, "unit": "percent_change", "polarity": "lower-better", "source": "s"}],
      "headings": {"效能融合": "Working as one"}
    }
  ]
})";
    f["content/regions/linhai/2023.zh.md"] = "## 效能融合\n\n临海的平安建设。\n";
    return f;
}

namespace {
std::atomic<int> counter{0};

// The running test's tags, for test::build's rule (tests/README.md).
bool running_about_project_templates = false;

struct tag_listener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(const Catch::TestCaseInfo& info) override {
        running_about_project_templates = std::find(info.lcaseTags.begin(), info.lcaseTags.end(), "project-templates") != info.lcaseTags.end();
    }
};
}  // namespace

CATCH_REGISTER_LISTENER(tag_listener)

bool running_test_is_about_project_templates() { return running_about_project_templates; }

temp_dir::temp_dir(const files& contents) {
    path_ = fs::temp_directory_path() / ("briefs-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
    for (const auto& [rel, text] : contents) write(rel, text);
}

temp_dir::~temp_dir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

void temp_dir::write(const std::string& rel, const std::string& text) const {
    const fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

std::string temp_dir::read(const std::string& rel) const {
    std::ifstream in(path_ / rel, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

files read_tree(const fs::path& dir) {
    files out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out[e.path().lexically_relative(dir).generic_string()] = ss.str();
    }
    return out;
}

}  // namespace briefs::test
