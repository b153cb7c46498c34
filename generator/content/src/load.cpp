#include "briefs/content/load.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "briefs/core/fs.hpp"
#include "briefs/core/json_source.hpp"
#include "content_file.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "reader.hpp"

namespace briefs::content {
namespace {

namespace fs = std::filesystem;
using core::diagnostics;
using core::json_source;
using detail::object_reader;
using nlohmann::json;

const std::vector<std::string> k_levels = {"city", "county-level-city", "district", "county"};
const std::vector<std::string> k_polarities = {"higher-better", "lower-better", "neutral"};
const std::vector<std::string> k_languages = {"zh", "en"};

class loader {
public:
    loader(const fs::path& dir, diagnostics& diags, load_cache* cache = nullptr, fs::path theme_i18n = {})
        : dir_(dir), theme_i18n_(std::move(theme_i18n)), diags_(diags), cache_(cache) {}

    std::optional<site_content> run() {
        std::error_code ec;
        if (!fs::is_directory(dir_, ec)) {
            diags_.error(core::display_path(dir_), 0, 0, "content folder not found");
            return std::nullopt;
        }
        root_ = fs::canonical(dir_, ec);
        site_content out;
        load_site(out);
        for (const auto& lang : out.site.languages) load_ui(out, lang);
        check_ui_keys(out);
        load_topics(out);
        load_regions(out);
        load_glossary(out);
        check_regions(out);
        check_topics(out);
        if (diags_.has_errors()) return std::nullopt;
        return out;
    }

private:
    /// Reads a file of content/ (see detail::read_content_file); `root` is the canonical folder it must stay in.
    std::optional<std::string> read_text(const fs::path& path, std::uintmax_t max_bytes = 8u * 1024 * 1024, const fs::path* root = nullptr) {
        return detail::read_content_file(path, root ? *root : root_, diags_, max_bytes);
    }

    std::optional<json_source> read_json(const fs::path& path, std::string* hash = nullptr, const fs::path* root = nullptr) {
        auto text = read_text(path, 8u * 1024 * 1024, root);
        if (!text) return std::nullopt;
        if (hash) *hash = core::hash_hex(*text);
        return json_source::parse(core::display_path(path), std::move(*text), diags_);
    }

    void load_site(site_content& out) {
        const fs::path path = dir_ / "site.json";
        if (!fs::exists(path)) {
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

    void load_ui(site_content& out, const std::string& lang) {
        // The site's own file, else the theme's (a site overrides the theme's strings file by file).
        const auto found = detail::find_ui_file(dir_, theme_i18n_, lang);
        const fs::path& path = found.path;
        if (std::error_code ec; !fs::exists(path, ec)) {
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

    void check_ui_keys(const site_content& out) {
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

    void load_regions(site_content& out) {
        const fs::path regions_dir = dir_ / "regions";
        std::error_code ec;
        if (!fs::is_directory(regions_dir, ec)) {
            diags_.error(core::display_path(regions_dir), 0, 0, "the regions folder is missing");
            return;
        }
        std::vector<fs::path> folders;
        for (const auto& entry : fs::directory_iterator(regions_dir, ec)) {
            if (entry.is_directory()) folders.push_back(entry.path());
            else diags_.warning(core::display_path(entry.path()), 0, 0, "belongs to no region (only folders are read in regions/)");
        }
        if (ec) diags_.error(core::display_path(regions_dir), 0, 0, "cannot list: " + ec.message());
        std::sort(folders.begin(), folders.end());
        // Regions are independent: they are read on every core, each with its own loader and findings,
        // and merged in folder order, so messages and results do not depend on timing.
        std::vector<core::diagnostics> found(folders.size());
        std::vector<std::optional<region>> loaded(folders.size());
        std::vector<std::map<std::string, std::shared_ptr<const json_source>>> sources(folders.size());
        std::vector<char> reused(folders.size(), 0);
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i; (i = next.fetch_add(1)) < folders.size();) {
                const std::string name = folders[i].filename().string();
                if (cache_ && !cache_->everything_dirty && !cache_->dirty.count(name)) {
                    if (auto hit = cache_->regions.find(name); hit != cache_->regions.end()) {
                        loaded[i] = hit->second.value;
                        found[i] = hit->second.found;
                        sources[i].emplace(hit->second.value.id, std::static_pointer_cast<const json_source>(hit->second.source));
                        reused[i] = 1;
                        continue;
                    }
                }
                if (!detail::is_slug(name)) {
                    found[i].error(core::display_path(folders[i]), 0, 0, "region folder names must be ASCII slugs ([a-z0-9-]+), not \"" + name + "\"");
                    continue;
                }
                loader sub(dir_, found[i]);
                sub.root_ = root_;
                loaded[i] = sub.load_region(out, folders[i], name);
                sources[i] = std::move(sub.region_sources_);
            }
        };
        const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads && folders.size() > 64; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        std::set<std::string> present;
        for (std::size_t i = 0; i < folders.size(); ++i) {
            const std::string name = folders[i].filename().string();
            present.insert(name);
            diags_.append(found[i]);
            if (cache_ && !reused[i]) {
                if (loaded[i] && !found[i].has_errors() && sources[i].size() == 1) {
                    cache_->regions[name] = {*loaded[i], sources[i].begin()->second, found[i]};
                } else {
                    cache_->regions.erase(name);
                }
            }
            if (loaded[i]) out.regions.push_back(std::move(*loaded[i]));
            region_sources_.merge(sources[i]);
        }
        if (cache_) {
            std::erase_if(cache_->regions, [&](const auto& e) { return !present.count(e.first); });
            cache_->dirty.clear();
            cache_->everything_dirty = false;
        }
        if (out.regions.empty() && !diags_.has_errors()) {
            diags_.error(core::display_path(regions_dir), 0, 0, "no regions: add content/regions/<id>/region.json");
        }
    }

    std::optional<region> load_region(const site_content& out, const fs::path& folder, const std::string& name) {
        const fs::path path = folder / "region.json";
        if (!fs::exists(path)) {
            diags_.error(core::display_path(folder), 0, 0, "region folder has no region.json");
            return std::nullopt;
        }
        region reg;
        auto src = read_json(path, &reg.json_hash);
        if (!src) return std::nullopt;
        const std::size_t errors_before = diags_.error_count();
        reg.path = src->path();
        object_reader r(*src, diags_, "", src->value(), "region");
        if (auto id = r.slug("id")) {
            reg.id = *id;
            if (*id != name) r.error("id", "\"id\" is \"" + *id + "\" but the folder is named \"" + name + "\"; they must match");
        }
        if (auto t = r.bilingual("name")) reg.name = *t;
        if (auto l = r.one_of("level", k_levels)) reg.level = *l;
        if (r.has("parent") && !src->value().at("parent").is_null()) {
            if (auto p = r.slug("parent")) reg.parent = *p;
        } else {
            r.allow("parent");
        }
        if (auto t = r.bilingual("summary")) reg.summary = *t;
        if (auto d = r.boolean("draft")) reg.draft = *d;
        if (const json* briefs = r.array("briefs")) {
            if (briefs->empty()) r.error("briefs", "a region needs at least one brief");
            std::set<std::string> periods;
            for (std::size_t i = 0; i < briefs->size(); ++i) {
                const std::string ptr = r.member("briefs") + "/" + std::to_string(i);
                if (auto b = load_brief(out, *src, ptr, (*briefs)[i], folder)) {
                    if (!periods.insert(b->period).second) src->error(diags_, ptr + "/period", "two briefs have the period \"" + b->period + "\"");
                    reg.briefs.push_back(std::move(*b));
                }
            }
        }
        r.finish();
        check_folder_files(folder, reg);
        if (diags_.error_count() != errors_before) return std::nullopt;
        std::sort(reg.briefs.begin(), reg.briefs.end(), [](const brief& a, const brief& b) { return a.period < b.period; });
        reg.source = std::make_shared<const json_source>(std::move(*src));
        region_sources_.emplace(reg.id, reg.source);
        return reg;
    }

    std::optional<brief> load_brief(const site_content& out, const json_source& src, const std::string& ptr,
                                    const json& value, const fs::path& folder) {
        object_reader r(src, diags_, ptr, value, "brief");
        if (!r.ok()) return std::nullopt;
        brief b;
        b.pointer = ptr;
        if (auto p = r.slug("period", true, true)) b.period = *p;
        if (auto d = r.boolean("draft")) b.draft = *d;
        if (auto t = r.bilingual("title")) b.title = *t;
        if (auto d = r.date("date")) {
            b.date = *d;
            detail::warn_if_future(r, "date", *d);
        }
        if (const json* sources = r.array("sources")) {
            if (sources->empty()) r.error("sources", "a brief needs at least one source");
            for (std::size_t i = 0; i < sources->size(); ++i) {
                const std::string sp = r.member("sources") + "/" + std::to_string(i);
                object_reader s(src, diags_, sp, (*sources)[i], "source");
                if (!s.ok()) continue;
                source so;
                if (auto id = s.slug("id")) so.id = *id;
                if (auto t = s.bilingual("title")) so.title = *t;
                if (auto t = s.bilingual("publisher")) so.publisher = *t;
                if (const json* authors = s.array("authors")) {
                    for (std::size_t k = 0; k < authors->size(); ++k) {
                        object_reader a(src, diags_, s.member("authors") + "/" + std::to_string(k), (*authors)[k], "author");
                        person pe;
                        if (auto t = a.bilingual("name")) pe.name = *t;
                        if (auto t = a.bilingual("role")) pe.role = *t;
                        a.finish();
                        so.authors.push_back(std::move(pe));
                    }
                }
                if (auto d = s.date("date", false)) so.date = *d;
                if (auto u = s.string("url", false)) {
                    if (!(u->starts_with("https://") || u->starts_with("http://"))) s.error("url", "\"url\" must start with http:// or https://");
                    else so.url = *u;
                }
                s.finish();
                if (b.find_source(so.id)) s.error("id", "two sources of this brief have the id \"" + so.id + "\"");
                b.sources.push_back(std::move(so));
            }
        }
        if (const json* metrics = r.array("metrics")) {
            for (std::size_t i = 0; i < metrics->size(); ++i) {
                const std::string mp = r.member("metrics") + "/" + std::to_string(i);
                if (auto m = load_metric(out, src, mp, (*metrics)[i], b)) {
                    if (b.find_metric(m->id)) src.error(diags_, mp + "/id", "two metrics of this brief have the id \"" + m->id + "\"");
                    b.metrics.push_back(std::move(*m));
                }
            }
        }
        if (const json* headline = r.array("headline")) {
            for (std::size_t i = 0; i < headline->size(); ++i) {
                const auto& v = (*headline)[i];
                const std::string hp = r.member("headline") + "/" + std::to_string(i);
                if (!v.is_string()) {
                    src.error(diags_, hp, "headline entries are metric ids (strings)");
                } else if (!b.find_metric(v.get<std::string>())) {
                    std::vector<std::string> ids;
                    for (const auto& m : b.metrics) ids.push_back(m.id);
                    std::string msg = "headline metric \"" + v.get<std::string>() + "\" is not a metric of this brief";
                    if (auto near = core::nearest(v.get<std::string>(), ids); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
                    src.error(diags_, hp, msg);
                } else {
                    b.headline.push_back(v.get<std::string>());
                }
            }
            if (headline->size() > 3) r.error("headline", "at most 3 headline metrics");
            if (headline->empty() && !b.metrics.empty()) r.error("headline", "choose 1 to 3 headline metrics");
        }
        if (const json* headings = r.object("headings")) {
            for (const auto& [zh, en] : headings->items()) {
                if (!en.is_string() || en.get<std::string>().empty()) {
                    src.error(diags_, r.member("headings") + "/" + json_source::escape_key(zh), "the translation of heading \"" + zh + "\" must be a non-empty string");
                    continue;
                }
                b.headings.push_back({zh, en.get<std::string>()});
            }
        }
        if (const json* topics = r.object("topics", false)) {
            for (const auto& [heading, ids] : topics->items()) {
                const std::string tp = r.member("topics") + "/" + json_source::escape_key(heading);
                if (!b.heading_en(heading)) {
                    std::vector<std::string> keys;
                    for (const auto& h : b.headings) keys.push_back(h.zh);
                    std::string msg = "\"" + heading + "\" is not a heading of this brief (topics are keyed by the Chinese headings of \"headings\")";
                    if (auto near = core::nearest(heading, keys); !near.empty()) msg += "; did you mean \"" + near + "\"?";
                    src.error(diags_, tp, msg);
                    continue;
                }
                if (auto list = topic_list(src, tp, ids)) b.topics.push_back({heading, std::move(*list)});
            }
        }
        r.finish();
        if (b.period.empty()) return std::nullopt;
        // The bodies.
        const fs::path zh = folder / (b.period + ".zh.md");
        const fs::path en = folder / (b.period + ".en.md");
        b.body_zh_path = core::display_path(zh);
        if (!fs::exists(zh)) {
            r.error("period", "the Chinese body of brief \"" + b.period + "\" is missing: create " + b.body_zh_path);
        } else if (auto t = read_text(zh, max_markdown_bytes)) {
            b.body_zh = std::move(*t);
        }
        if (fs::exists(en)) {
            b.body_en_path = core::display_path(en);
            if (auto t = read_text(en, max_markdown_bytes)) b.body_en = std::move(*t);
        }
        b.bodies_hash = core::hash_hex(b.body_zh + '\0' + (b.body_en ? "1" + *b.body_en : std::string("0")));
        return b;
    }

    std::optional<metric> load_metric(const site_content& out, const json_source& src, const std::string& ptr,
                                      const json& value, const brief& b) {
        object_reader r(src, diags_, ptr, value, "metric");
        if (!r.ok()) return std::nullopt;
        metric m;
        if (auto id = r.slug("id")) m.id = *id;
        if (auto t = r.bilingual("label")) m.label = *t;
        if (auto v = r.number("value")) m.value = *v;
        if (auto u = r.string("unit")) {
            m.unit = *u;
            const auto zh = out.ui.find("zh");
            if (zh != out.ui.end() && !zh->second.units.empty() && !zh->second.units.count(*u)) {
                std::vector<std::string> units;
                for (const auto& [k, v] : zh->second.units) units.push_back(k);
                std::string msg = "unknown unit \"" + *u + "\" (units are defined in content/i18n/*.json)";
                if (auto near = core::nearest(*u, units); !near.empty()) msg += "; did you mean \"" + near + "\"?";
                r.error("unit", msg);
            }
        }
        if (const json* change = r.object("change", false)) {
            object_reader c(src, diags_, r.member("change"), *change, "change");
            if (auto v = c.number("value")) m.change = *v;
            if (auto u = c.one_of("unit", {"percent", "points"})) m.change_unit = *u;
            c.finish();
        }
        if (auto p = r.number("previous", false)) m.previous = *p;
        if (auto p = r.one_of("polarity", k_polarities, false)) m.polarity = *p;
        if (auto p = r.slug("period", false, true)) m.period = *p;
        if (auto n = r.bilingual("note", false)) m.note = *n;
        if (auto s = r.string("source")) {
            m.source = *s;
            if (!b.find_source(*s)) {
                std::vector<std::string> ids;
                for (const auto& so : b.sources) ids.push_back(so.id);
                std::string msg = "source \"" + *s + "\" is not one of this brief's sources";
                if (auto near = core::nearest(*s, ids); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
                r.error("source", msg);
            }
        }
        r.string("evidence", false);
        if (r.has("topics")) {
            if (auto list = topic_list(src, r.member("topics"), value.at("topics"))) m.topics = std::move(*list);
        }
        r.allow("topics");
        if (auto sr = r.slug("series", false)) m.series = *sr;
        if (auto d = r.number("significant_digits", false)) {
            if (*d >= 1 && *d <= 15 && *d == static_cast<int>(*d)) m.significant_digits = static_cast<int>(*d);
            else r.error("significant_digits", "significant_digits must be a whole number from 1 to 15 (leave it out to show the figure as printed)");
        }
        r.finish();
        // Values that cannot be true.
        if (m.unit == "percent" && (m.value < 0 || m.value > 100)) r.error("value", "a percentage (unit \"percent\") must be between 0 and 100; for a change use \"percent_change\"");
        const bool is_change_unit = m.is_change();
        if (!is_change_unit && m.unit != "percent" && m.value < 0) r.error("value", "a " + m.unit + " cannot be negative");
        if (is_change_unit && m.change) r.error("change", "a metric whose unit is a change cannot also have a \"change\"");
        return m;
    }

    /// A list of topic ids: unique slugs. Whether each is in topics.json is checked once all is read.
    std::optional<std::vector<std::string>> topic_list(const json_source& src, const std::string& ptr, const json& value) {
        if (!value.is_array()) {
            src.error(diags_, ptr, "topics are a list of topic ids, such as [\"anti-fraud\"]");
            return std::nullopt;
        }
        std::vector<std::string> out;
        for (std::size_t i = 0; i < value.size(); ++i) {
            const std::string ip = ptr + "/" + std::to_string(i);
            if (!value[i].is_string() || !detail::is_slug(value[i].get<std::string>())) {
                src.error(diags_, ip, "a topic id is a slug ([a-z0-9-]+) from content/topics.json");
                continue;
            }
            const auto id = value[i].get<std::string>();
            if (std::find(out.begin(), out.end(), id) != out.end()) {
                src.error(diags_, ip, "topic \"" + id + "\" is listed twice");
                continue;
            }
            out.push_back(id);
        }
        return out;
    }

    void load_topics(site_content& out) {
        const fs::path path = dir_ / "topics.json";
        if (!fs::exists(path)) return;
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
    void check_topics(const site_content& out) {
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

    /// Markdown files in a region folder must belong to one of its briefs.
    void check_folder_files(const fs::path& folder, const region& reg) {
        std::error_code ec;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(folder, ec)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            const std::string name = f.filename().string();
            if (name == "region.json") continue;
            bool used = false;
            for (const auto& b : reg.briefs) used |= name == b.period + ".zh.md" || name == b.period + ".en.md";
            if (!used) diags_.warning(core::display_path(f), 0, 0, "belongs to no brief of region \"" + reg.id + "\" and is not published");
        }
    }

    void load_glossary(site_content& out) {
        const fs::path path = dir_ / "glossary.json";
        if (!fs::exists(path)) return;
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

    void check_regions(const site_content& out) {
        for (const auto& reg : out.regions) {
            if (reg.parent.empty()) continue;
            const auto& src = *region_sources_.at(reg.id);
            if (reg.parent == reg.id) {
                src.error(diags_, "/parent", "a region cannot be its own parent");
                continue;
            }
            if (!out.find_region(reg.parent)) {
                std::vector<std::string> ids;
                for (const auto& other : out.regions) ids.push_back(other.id);
                std::string msg = "parent \"" + reg.parent + "\" is not a region";
                if (auto near = core::nearest(reg.parent, ids); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
                src.error(diags_, "/parent", msg);
                continue;
            }
            // A cycle of parents: walk up at most as many steps as there are regions.
            const region* at = &reg;
            for (std::size_t steps = 0; at && !at->parent.empty(); ++steps) {
                if (steps > out.regions.size()) {
                    src.error(diags_, "/parent", "the parents of \"" + reg.id + "\" form a cycle");
                    break;
                }
                at = out.find_region(at->parent);
            }
        }
    }

    fs::path dir_;
    fs::path theme_i18n_;
    fs::path root_;
    diagnostics& diags_;
    std::map<std::string, json_source> ui_sources_;
    std::map<std::string, std::shared_ptr<const json_source>> region_sources_;
    load_cache* cache_ = nullptr;
};

}  // namespace

std::optional<site_content> load(const std::filesystem::path& dir, core::diagnostics& diags, load_cache* cache,
                                 const std::filesystem::path& theme_i18n) {
    const std::size_t first = diags.items().size();
    auto site = loader(dir, diags, cache, theme_i18n).run();
    diags.name_check(first, "content");
    return site;
}

}  // namespace briefs::content
