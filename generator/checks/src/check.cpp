#include "briefs/checks/check.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <optional>
#include <set>
#include <tuple>

#include "briefs/content/load.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/core/html.hpp"
#include "briefs/core/json_source.hpp"
#include "briefs/core/layers.hpp"
#include "briefs/core/url.hpp"
#include "briefs/output/sink.hpp"

namespace briefs::checks {
namespace {

using nlohmann::json;

void add(core::diagnostics& d, const std::string& path, core::severity level, const std::string& message, const std::string& check) {
    d.add({path, 0, 0, level, message, check});
}

bool starts_todo(const std::string& s) { return s.starts_with("TODO"); }

/// The file a link of `page_file` names inside the site; "" for links that are not internal, ".." for
/// one that leads above the root.
std::string resolve(const std::string& page_file, const std::string& href) {
    if (core::classify_href(href) != core::href_kind::relative) return "";
    auto t = core::resolve_in_site(page_file.substr(0, page_file.rfind('/') + 1), href);
    return t ? t->file : "..";
}


/// Pages no other page links to (the build has checked that every link leads to a file of the site,
/// in the right language).
void check_pages(const std::map<std::string, std::string>& files, core::diagnostics& d) {
    static const std::regex tag(R"(<(a|link|form|script)\s[^>]*>)");
    static const std::regex href(R"((?:href|action|src)="([^"]*)\")");
    std::set<std::string> linked;
    for (const auto& [file, html] : files) {
        if (!file.ends_with(".html") || file == "404.html") continue;
        for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
            const std::string t = (*it)[0];
            std::smatch m;
            if (!std::regex_search(t, m, href)) continue;
            if (const std::string target = resolve(file, m[1]); !target.empty() && target != file) linked.insert(target);
        }
    }
    for (const auto& [file, html] : files) {
        if (!file.ends_with(".html") || file == "index.html" || file == "404.html") continue;
        if (!linked.count(file)) add(d, file, core::severity::warning, "no page links to this page", "links");
    }
}

/// `headings`: each brief's, as the build found them (empty when the build stopped before reading the
/// bodies: the table then has no row for headings).
std::vector<coverage_row> coverage(const content::site_content& site, const std::vector<sitegraph::brief_headings>& headings) {
    auto count = [](auto&& pred, const auto& items) {
        return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), pred));
    };
    std::vector<coverage_row> rows;
    auto text_row = [&](const std::string& what, const std::vector<const content::text*>& texts) {
        coverage_row row{what, 0, 0, texts.size()};
        for (const auto* t : texts) {
            row.zh += !t->zh.empty() && !starts_todo(t->zh);
            row.en += !t->en.empty() && !starts_todo(t->en);
        }
        rows.push_back(row);
    };
    std::vector<const content::text*> names, summaries, titles, labels;
    std::size_t briefs = 0, en_bodies = 0;
    for (const auto& r : site.regions) {
        names.push_back(&r.name);
        summaries.push_back(&r.summary);
        for (const auto& b : r.briefs) {
            ++briefs;
            en_bodies += b.body_en.has_value();
            titles.push_back(&b.title);
            for (const auto& m : b.metrics) labels.push_back(&m.label);
        }
    }
    text_row("region names", names);
    text_row("region summaries", summaries);
    text_row("brief titles", titles);
    rows.push_back({"brief bodies", briefs, en_bodies, briefs});
    if (!headings.empty() || briefs == 0) {
        coverage_row row{"headings", 0, 0, 0};
        for (const auto& h : headings) {
            row.zh += h.headings;
            row.en += h.translated;
        }
        row.total = row.zh;
        rows.push_back(row);
    }
    text_row("metric labels", labels);
    const auto& zh = site.ui.at("zh").strings;
    const auto& en = site.ui.at("en").strings;
    rows.push_back({"interface strings", count([](const auto& kv) { return !kv.second.empty(); }, zh),
                    count([](const auto& kv) { return !kv.second.empty(); }, en), std::max(zh.size(), en.size())});
    std::vector<const content::text*> explanations;
    for (const auto& g : site.glossary) explanations.push_back(&g.explanation);
    text_row("glossary explanations", explanations);
    std::vector<const content::text*> topics;
    for (const auto& t : site.topics) {
        topics.push_back(&t.name);
        topics.push_back(&t.summary);
    }
    if (!topics.empty()) text_row("topic names and summaries", topics);
    return rows;
}

/// What `briefs init` and `briefs new` leave to write: each placeholder at its line and column.
void check_unfinished(const content::site_content& site, const std::filesystem::path& site_json, core::diagnostics& d) {
    auto placeholder = [](const std::string& what, const std::string& text) {
        std::size_t cut = std::min<std::size_t>(text.size(), 40);  // at a character's start
        while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        return what + " is still a placeholder (\"" + text.substr(0, cut) + (cut < text.size() ? "…" : "") + "\")";
    };
    // site.json as `briefs init` writes it.
    const std::string site_path = core::display_path(site_json);
    std::optional<core::json_source> site_src;
    std::string why;
    core::diagnostics ignored;  // a site.json that cannot be read was reported by the build
    if (auto text = core::read_file(site_json, why)) site_src = core::json_source::parse(site_path, *text, ignored);
    for (const auto& [what, pointer, text] : {std::tuple{"the Chinese site title", "/title/zh", &site.site.title.zh},
                                              {"the English site title", "/title/en", &site.site.title.en},
                                              {"the Chinese site description", "/description/zh", &site.site.description.zh},
                                              {"the English site description", "/description/en", &site.site.description.en}}) {
        if (!starts_todo(*text)) continue;
        const auto pos = site_src ? site_src->position(pointer) : core::text_position{0, 0};
        d.add({site_path, pos.line, pos.column, core::severity::warning, placeholder(what, *text), "unfinished"});
    }
    for (const auto& r : site.regions) {
        auto at = [&](const std::string& pointer, const std::string& message) {
            const auto pos = r.source ? r.source->position(pointer) : core::text_position{0, 0};
            d.add({r.path, pos.line, pos.column, core::severity::warning, message, "unfinished"});
        };
        auto todo = [&](const std::string& what, const std::string& pointer, const std::string& text) {
            if (starts_todo(text)) at(pointer, placeholder(what, text));
        };
        todo("the Chinese summary", "/summary/zh", r.summary.zh);
        todo("the English summary", "/summary/en", r.summary.en);
        for (const auto& b : r.briefs) {
            const std::string& p = b.pointer;
            todo("the Chinese title of brief " + b.period, p + "/title/zh", b.title.zh);
            todo("the English title of brief " + b.period, p + "/title/en", b.title.en);
            if (b.date_unfinished()) at(p + "/date", placeholder("the date of brief " + b.period, b.date) + ": the brief cannot be published until it is a real date");
            for (std::size_t i = 0; i < b.sources.size(); ++i) {
                const auto& s = b.sources[i];
                const std::string sp = p + "/sources/" + std::to_string(i);
                todo("the Chinese title of source \"" + s.id + "\" of brief " + b.period, sp + "/title/zh", s.title.zh);
                todo("the English title of source \"" + s.id + "\" of brief " + b.period, sp + "/title/en", s.title.en);
                todo("the Chinese publisher of source \"" + s.id + "\" of brief " + b.period, sp + "/publisher/zh", s.publisher.zh);
                todo("the English publisher of source \"" + s.id + "\" of brief " + b.period, sp + "/publisher/en", s.publisher.en);
            }
            if (b.metrics.empty()) at(p + "/metrics", "brief " + b.period + " has no metrics");
            if (!b.body_en) add(d, b.body_zh_path, core::severity::warning, "brief " + b.period + " has no English body yet (" + b.period + ".en.md)", "translation");
            for (const auto& [body, path, what] : {std::tuple{&b.body_zh, &b.body_zh_path, "Chinese"}, {b.body_en ? &*b.body_en : nullptr, &b.body_en_path, "English"}}) {
                if (!body) continue;
                for (std::size_t at_todo = body->find("TODO"); at_todo != std::string::npos;) {
                    const auto pos = core::position_of(*body, at_todo);
                    d.add({*path, pos.line, pos.column, core::severity::warning, std::string("the ") + what + " body still has a TODO", "unfinished"});
                    const std::size_t eol = body->find('\n', at_todo);
                    at_todo = eol == std::string::npos ? eol : body->find("TODO", eol);  // one a line
                }
            }
        }
    }
}

/// Which files of the site replace the theme's (templates, assets, interface strings).
void theme_overrides(const sitegraph::build_options& opts, report& r) {
    if (opts.theme.root.empty()) return;
    r.theme = opts.theme.root.lexically_normal().string();
    const std::pair<std::filesystem::path, std::filesystem::path> folders[] = {
        {opts.templates_dir, opts.theme.templates}, {opts.assets_dir, opts.theme.assets}, {opts.content_dir / "i18n", opts.theme.i18n}};
    r.site_is_theme = true;
    core::diagnostics ignored;  // folders that cannot be listed were reported by the build
    for (const auto& [site, theme] : folders) {
        if (core::layers(site, theme).size() > 1) r.site_is_theme = false;
        for (const auto& rel : core::overridden(site, theme, ignored)) {
            r.overrides.push_back({core::display_path(site / rel), core::display_path(theme / rel)});
        }
    }
}

std::string theme_text(const report& r) {
    if (r.theme.empty()) return "\ntheme: none (templates, assets and interface strings are the site's own only)\n";
    if (r.site_is_theme) return "\ntheme: " + r.theme + " (the site's folders are the theme's own)\n";
    std::string out = "\ntheme: " + r.theme + "; the site overrides " + std::to_string(r.overrides.size()) + " of its files" +
                      (r.overrides.empty() ? "\n" : ":\n");
    for (const auto& o : r.overrides) out += "  " + o.site_file + "  overrides  " + o.theme_file + "\n";
    return out;
}

std::string pct(std::size_t n, std::size_t total) {
    return total ? std::to_string(n * 100 / total) + "%" : "–";
}

}  // namespace

report run(const sitegraph::build_options& opts) {
    report r;
    output::memory_sink sink;
    // The build reads every region; the checks below take them from this cache instead of reading and
    // parsing the content a second time (only site.json, the strings and the glossary are read again).
    content::load_cache regions;
    sitegraph::build_options build = opts;
    if (!build.content_cache) build.content_cache = &regions;
    // The coverage table's headings come from the build's views of the bodies: no body is parsed again.
    std::vector<sitegraph::brief_headings> headings;
    build.headings = &headings;
    auto stats = sitegraph::render_site(build, sink, r.findings);
    if (stats) {
        r.pages = stats->pages;
        check_pages(sink.files(), r.findings);
    }
    core::diagnostics ignored;  // the same mistakes were reported by the build above
    if (auto site = content::load(opts.content_dir, ignored, build.content_cache, opts.theme.i18n)) {
        if (!opts.include_drafts && site->has_drafts()) *site = site->without_drafts();
        check_unfinished(*site, opts.content_dir / "site.json", r.findings);
        r.coverage = coverage(*site, headings);
    }
    theme_overrides(opts, r);
    r.findings.sort();
    return r;
}

std::string to_text(const report& r) {
    std::string out;
    for (const auto& d : r.findings.items()) out += core::to_string(d) + "\n";
    out += theme_text(r);
    if (!r.coverage.empty()) {
        out += "\ntranslation coverage          中文       English\n";
        for (const auto& row : r.coverage) {
            char line[160];
            std::snprintf(line, sizeof line, "  %-24s %5zu/%-5zu %4s %5zu/%-5zu %4s\n", row.what.c_str(), row.zh, row.total,
                          pct(row.zh, row.total).c_str(), row.en, row.total, pct(row.en, row.total).c_str());
            out += line;
        }
    }
    out += "\ncheck: " + std::to_string(r.findings.error_count()) + " error(s), " + std::to_string(r.findings.warning_count()) +
           " warning(s)" + (r.pages ? " in " + std::to_string(r.pages) + " pages" : std::string()) + "\n";
    return out;
}

json to_json(const report& r) {
    json findings = json::array();
    for (const auto& d : r.findings.items()) {
        findings.push_back({{"path", d.path}, {"line", d.line}, {"column", d.column},
                            {"severity", d.level == core::severity::error ? "error" : "warning"},
                            {"message", d.message}, {"check", d.check}});
    }
    json cov = json::array();
    for (const auto& row : r.coverage) cov.push_back({{"what", row.what}, {"zh", row.zh}, {"en", row.en}, {"total", row.total}});
    json theme = nullptr;
    if (!r.theme.empty()) {
        json overrides = json::array();
        for (const auto& o : r.overrides) overrides.push_back({{"site_file", o.site_file}, {"theme_file", o.theme_file}});
        theme = {{"dir", r.theme}, {"site_is_theme", r.site_is_theme}, {"overrides", overrides}};
    }
    return {{"findings", findings}, {"coverage", cov}, {"errors", r.findings.error_count()},
            {"warnings", r.findings.warning_count()}, {"pages", r.pages}, {"theme", theme}};
}

std::string to_html(const report& r) {
    const auto esc = [](const std::string& s) { return core::escape_html(s); };
    std::string h = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<title>Status · briefs check</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2327}"
                    "table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}"
                    "li{font-family:monospace;margin:.3rem 0}.error{color:#a32018}.warning{color:#7a4a00}</style></head><body><main>"
                    "<h1>Status</h1><p>What <code>briefs check</code> reports for the site being previewed (this page is not part of the published site).</p>";
    h += "<p>" + std::to_string(r.findings.error_count()) + " error(s), " + std::to_string(r.findings.warning_count()) + " warning(s), " +
         std::to_string(r.pages) + " pages.</p><h2>Translation coverage</h2><table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">中文</th>"
         "<th scope=\"col\">English</th><th scope=\"col\">Of</th></tr></thead><tbody>";
    for (const auto& row : r.coverage) {
        h += "<tr><td>" + esc(row.what) + "</td><td>" + std::to_string(row.zh) + "</td><td>" + std::to_string(row.en) + "</td><td>" +
             std::to_string(row.total) + "</td></tr>";
    }
    h += "</tbody></table><h2>Theme</h2><pre>" + esc(theme_text(r).substr(1)) + "</pre><h2>Findings</h2><ul>";
    for (const auto& d : r.findings.items()) {
        h += "<li class=\"" + std::string(d.level == core::severity::error ? "error" : "warning") + "\">" + esc(core::to_string(d)) + "</li>";
    }
    if (r.findings.empty()) h += "<li>None.</li>";
    return h + "</ul></main></body></html>\n";
}

}  // namespace briefs::checks
