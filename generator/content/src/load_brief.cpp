#include "loader.hpp"

#include <algorithm>
#include <set>

#include "briefs/core/fs.hpp"
#include "briefs/markdown/render.hpp"
#include "plausible.hpp"
#include "reader.hpp"

namespace briefs::content::detail {

std::optional<brief> loader::load_brief(const site_content& out, const json_source& src, const std::string& ptr,
                                        const json& value, const fs::path& folder) {
    object_reader r(src, diags_, ptr, value, "brief");
    if (!r.ok()) return std::nullopt;
    brief b;
    b.pointer = ptr;
    if (auto p = r.slug("period", true, true)) b.period = *p;
    if (auto d = r.boolean("draft")) b.draft = *d;
    if (auto t = r.bilingual("title")) b.title = *t;
    if (r.has("date") && value.at("date").is_string() && value.at("date").get<std::string>().starts_with("TODO")) {
        b.date = *r.string("date");  // `briefs new`'s placeholder: a draft may keep it (loader::check_unfinished_dates)
    } else if (auto d = r.date("date")) {
        b.date = *d;
        detail::warn_if_future(r, "date", *d);
    }
    if (const json* sources = r.array("sources"); sources && !too_many(src, r.member("sources"), *sources, "sources")) {
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
    if (const json* metrics = r.array("metrics"); metrics && !too_many(src, r.member("metrics"), *metrics, "metrics")) {
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
    if (const json* headings = r.object("headings"); headings && !too_many(src, r.member("headings"), *headings, "entries")) {
        for (const auto& [zh, en] : headings->items()) {
            if (!en.is_string() || en.get<std::string>().empty()) {
                src.error(diags_, r.member("headings") + "/" + json_source::escape_key(zh), "the translation of heading \"" + zh + "\" must be a non-empty string");
                continue;
            }
            b.headings.push_back({zh, en.get<std::string>()});
        }
    }
    if (const json* topics = r.object("topics", false); topics && !too_many(src, r.member("topics"), *topics, "entries")) {
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
    if (!exists(zh)) {
        r.error("period", "the Chinese body of brief \"" + b.period + "\" is missing: create " + b.body_zh_path);
    } else if (auto t = read_text(zh, max_markdown_bytes)) {
        check_body(b.body_zh_path, *t);
        b.body_zh = std::move(*t);
    }
    if (exists(en)) {
        b.body_en_path = core::display_path(en);
        if (auto t = read_text(en, max_markdown_bytes)) {
            check_body(b.body_en_path, *t);
            b.body_en = std::move(*t);
        }
    }
    b.bodies_hash = core::hash_hex(b.body_zh + '\0' + (b.body_en ? "1" + *b.body_en : std::string("0")));
    return b;
}

std::optional<metric> loader::load_metric(const site_content& out, const json_source& src, const std::string& ptr,
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
    if (auto q = r.one_of("qualifier", k_qualifiers, false)) {
        m.qualifier = *q;
        // Its wording is an interface string of each language ("{n}余", "nearly {n}").
        for (const auto& [lang, ui] : out.ui) {
            if (!ui.strings.empty() && !ui.strings.count("qualifier_" + *q)) {
                r.error("qualifier", "the interface strings for \"" + lang + "\" have no \"qualifier_" + *q + "\" to show it with");
            }
        }
    }
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
    if (auto e = r.string("evidence", false)) m.evidence = *e;
    if (auto e = r.string("evidence_en", false)) m.evidence_en = *e;
    if (auto bs = r.one_of("basis", k_bases, false)) m.basis = *bs;
    if (auto bn = r.bilingual("basis_note", false)) m.basis_note = *bn;
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
    if (!m.unit.empty()) {
        if (auto why = detail::implausible(m.unit, m.value); why && r.has("value")) r.error("value", *why);
        if (auto why = m.previous ? detail::implausible(m.unit, *m.previous) : std::nullopt) r.error("previous", *why);
    }
    if (auto why = m.change ? detail::implausible("change:" + m.change_unit, *m.change) : std::nullopt) {
        src.error(diags_, r.member("change") + "/value", *why);
    }
    const bool is_change_unit = m.is_change();
    if (is_change_unit && m.change) r.error("change", "a metric whose unit is a change cannot also have a \"change\"");
    if (r.has("basis") && !is_change_unit && !r.has("change")) {
        r.error("basis", "\"basis\" says what a change is measured against, but this metric has no \"change\" and its unit is not a change");
    }
    if (m.basis == "period" && !m.basis_note) {
        r.error("basis", "a change measured over a stated period needs a \"basis_note\" naming the period, in both languages");
    }
    if (!m.qualifier.empty() && (m.is_rank() || m.is_change() || m.unit == "percent")) {
        r.error("qualifier", "\"qualifier\" words an approximate count or amount (余, 多, 近, 约); a rank, a percentage or a change is given as printed");
    }
    if (!m.evidence_en.empty() && m.evidence.empty()) {
        r.error("evidence_en", "\"evidence_en\" translates \"evidence\", which is missing");
    }
    return m;
}

/// Whether a list or map of a brief is longer than any brief needs (checks over it are quadratic).
bool loader::too_many(const json_source& src, const std::string& ptr, const json& value, const char* what) {
    if (value.size() <= max_brief_entries) return false;
    src.error(diags_, ptr, "has " + std::to_string(value.size()) + " " + what + "; a brief may have at most " +
                               std::to_string(max_brief_entries));
    return true;
}

/// A body must stay within the limits that bound the work of rendering it (markdown::check_limits).
void loader::check_body(const std::string& shown, std::string_view text) {
    for (const auto& f : markdown::check_limits(text)) {
        if (f.error) diags_.error(shown, f.line, f.column, f.message);
        else diags_.warning(shown, f.line, f.column, f.message);
    }
}

/// A list of topic ids: unique slugs. Whether each is in topics.json is checked once all is read.
std::optional<std::vector<std::string>> loader::topic_list(const json_source& src, const std::string& ptr, const json& value) {
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

}  // namespace briefs::content::detail
