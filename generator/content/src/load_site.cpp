#include "loader.hpp"

#include <algorithm>
#include <set>

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "content_file.hpp"
#include "reader.hpp"

namespace briefs::content::detail {

void loader::load_site(site_content& out) {
    const fs::path path = dir_ / "site.json";
    if (!exists(path)) {
        diags_.error(core::display_path(path), 0, 0, "site.json is missing: every content folder needs one (see docs/content-format.md)");
        out.site.languages = k_languages;
        return;
    }
    auto src = read_json(path, &out.site_hash);
    out.site.languages = k_languages;
    if (!src) return;
    object_reader r(*src, diags_, "", src->value(), "site.json");
    if (auto t = r.bilingual("title")) out.site.title = *t;
    if (auto t = r.bilingual("description")) out.site.description = *t;
    if (const json* langs = r.array("languages")) {
        std::vector<std::string> got;
        for (std::size_t i = 0; i < langs->size(); ++i) {
            const auto& v = (*langs)[i];
            if (!v.is_string() || std::find(k_languages.begin(), k_languages.end(), v.get<std::string>()) == k_languages.end()) {
                src->error(diags_, r.member("languages") + "/" + std::to_string(i), "languages can only be \"zh\" and \"en\"");
                continue;
            }
            got.push_back(v.get<std::string>());
        }
        std::set<std::string> unique(got.begin(), got.end());
        if (got.size() != 2 || unique.size() != 2 || got[0] != "zh") {
            r.error("languages", "languages must be [\"zh\", \"en\"]: Chinese first (the default), then English");
        }
    }
    if (auto url = r.string("base_url", false)) {
        if (const std::string problem = core::base_url_problem(*url); !problem.empty()) {
            r.error("base_url", "\"base_url\" must be an absolute http(s) URL such as \"https://example.org/briefs/\": " + problem);
        } else {
            out.site.base_url = *url;
            if (out.site.base_url.back() != '/') out.site.base_url += '/';
        }
    }
    detail::read_tag_fields(r, *src, diags_, out.site);
    r.finish();
}

void loader::load_ui(site_content& out, const std::string& lang) {
    // The site's own file, else the theme's (a site overrides the theme's strings file by file).
    const auto found = detail::find_ui_file(dir_, theme_i18n_, lang);
    const fs::path& path = found.path;
    if (!exists(path)) {
        diags_.error(core::display_path(path), 0, 0, "interface strings for \"" + lang + "\" are missing");
        return;
    }
    auto src = read_json(path, &out.ui_hash[lang], found.from_theme ? &found.root : nullptr);
    if (!src) return;
    ui_sources_.emplace(lang, *src);
    object_reader r(*src, diags_, "", src->value(), core::display_path(path));
    ui_strings& ui = out.ui[lang];
    for (const char* section : {"strings", "units"}) {
        const json* obj = r.object(section);
        if (!obj) continue;
        auto& target = std::string(section) == "strings" ? ui.strings : ui.units;
        for (const auto& [k, v] : obj->items()) {
            const std::string ptr = r.member(section) + "/" + json_source::escape_key(k);
            if (!v.is_string()) {
                src->error(diags_, ptr, "\"" + k + "\" must be a string");
                continue;
            }
            target[k] = v.get<std::string>();
        }
    }
    r.finish();
}

void loader::check_ui_keys(const site_content& out) {
    if (out.ui.size() != 2 || !out.ui.count("zh") || !out.ui.count("en")) return;
    for (const auto& [lang, ui] : out.ui) {
        const auto& other = out.ui.at(lang == "zh" ? "en" : "zh");
        const auto& src = ui_sources_.at(lang == "zh" ? "en" : "zh");
        for (const auto& [k, v] : ui.strings) {
            if (!other.strings.count(k)) src.error(diags_, "/strings", "string \"" + k + "\" is defined for \"" + lang + "\" but not here");
        }
        for (const auto& [k, v] : ui.units) {
            if (!other.units.count(k)) src.error(diags_, "/units", "unit \"" + k + "\" is defined for \"" + lang + "\" but not here");
        }
    }
}

void loader::load_topics(site_content& out) {
    const fs::path path = dir_ / "topics.json";
    if (!exists(path)) return;
    auto src = read_json(path, &out.topics_hash);
    if (!src) return;
    object_reader r(*src, diags_, "", src->value(), "topics.json");
    if (const json* list = r.array("topics")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            object_reader t(*src, diags_, r.member("topics") + "/" + std::to_string(i), (*list)[i], "topic");
            if (!t.ok()) continue;
            topic tp;
            if (auto v = t.slug("id")) tp.id = *v;
            if (auto v = t.bilingual("name")) tp.name = *v;
            if (auto v = t.bilingual("summary")) tp.summary = *v;
            t.finish();
            if (!tp.id.empty() && out.find_topic(tp.id)) {
                t.error("id", "two topics have the id \"" + tp.id + "\"");
                continue;
            }
            out.topics.push_back(std::move(tp));
        }
    }
    r.finish();
}

/// Every topic a brief names must be in topics.json.
void loader::check_topics(const site_content& out) {
    std::vector<std::string> ids;
    for (const auto& t : out.topics) ids.push_back(t.id);
    auto check = [&](const json_source& src, const std::string& ptr, const std::vector<std::string>& list) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (out.find_topic(list[i])) continue;
            std::string msg = "topic \"" + list[i] + "\" is not in content/topics.json";
            if (auto near = core::nearest(list[i], ids); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
            src.error(diags_, ptr + "/" + std::to_string(i), msg);
        }
    };
    for (const auto& reg : out.regions) {
        const auto it = region_sources_.find(reg.id);
        if (it == region_sources_.end()) continue;
        const auto& src = *it->second;
        for (const auto& b : reg.briefs) {
            for (const auto& st : b.topics) check(src, b.pointer + "/topics/" + json_source::escape_key(st.heading_zh), st.topics);
            // Metrics keep their file order, so their index is their place in the file.
            for (std::size_t i = 0; i < b.metrics.size(); ++i) {
                check(src, b.pointer + "/metrics/" + std::to_string(i) + "/topics", b.metrics[i].topics);
            }
        }
    }
}

void loader::load_glossary(site_content& out) {
    const fs::path path = dir_ / "glossary.json";
    if (!exists(path)) return;
    auto src = read_json(path, &out.glossary_hash);
    if (!src) return;
    object_reader r(*src, diags_, "", src->value(), "glossary.json");
    std::set<std::string> ids, terms;
    if (const json* list = r.array("terms")) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            object_reader t(*src, diags_, r.member("terms") + "/" + std::to_string(i), (*list)[i], "glossary term");
            if (!t.ok()) continue;
            glossary_term g;
            if (auto v = t.slug("id")) g.id = *v;
            if (auto v = t.string("zh")) g.zh = *v;
            if (auto v = t.string("pinyin")) g.pinyin = *v;
            if (auto v = t.string("en")) g.en = *v;
            if (auto v = t.bilingual("explanation")) g.explanation = *v;
            t.finish();
            if (!g.id.empty() && !ids.insert(g.id).second) t.error("id", "two glossary terms have the id \"" + g.id + "\"");
            if (!g.zh.empty() && !terms.insert(g.zh).second) t.error("zh", "the term \"" + g.zh + "\" is in the glossary twice");
            out.glossary.push_back(std::move(g));
        }
    }
    r.finish();
}

}  // namespace briefs::content::detail
