// A brief's page: cards, chart, body, sources, children, earlier briefs, series.
#include "pages.hpp"
#include "headings.hpp"
#include "briefs/share/card.hpp"

#include <algorithm>
#include <set>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

namespace {

/// A source's authors as its language lists them: "孔珂依（本报记者）、王某（通讯员）" in Chinese;
/// "Kong Keyi (staff reporter), Wang X (correspondent) and Li Y" in English.
std::string authors_text(const std::string& lang, const std::vector<content::person>& authors) {
    const bool zh = lang == "zh";
    std::string out;
    for (std::size_t i = 0; i < authors.size(); ++i) {
        if (i > 0) out += zh ? "、" : i + 1 == authors.size() ? " and " : ", ";
        out += authors[i].name.in(lang);
        if (const std::string& role = authors[i].role.in(lang); !role.empty()) out += zh ? "（" + role + "）" : " (" + role + ")";
    }
    return out;
}

}  // namespace

json assembler::region_page(const page_job& job, core::diagnostics& diags, std::vector<std::string>* link_targets) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    const content::region& r = *job.region;
    const content::brief& b = *job.brief;
    const bool latest = &b == &r.latest();
    // The page's metadata (description, og:*, share image) is this brief's own, not the latest one's.
    const brief_own& about = own(b, lang);
    json c = common(job, about.page_title, about.description);
    const std::string root = root_of(job.url);
    c["region"] = {{"id", r.id}, {"name", r.name.in(lang)}, {"level", level_label(ui, r.level)}, {"summary", r.summary.in(lang)}};
    if (!about.image.empty()) {
        c["og"]["image"] = {{"url", about.image}, {"width", share::width}, {"height", share::height}, {"alt", about.image_alt}};
    }
    c["draft"] = preview_ && (r.draft || b.draft);

    json crumbs = json::array();
    crumbs.push_back({{"name", ui.strings.at("home")}, {"href", root + lang + "/"}});
    std::vector<const content::region*> chain;
    for (const content::region* p = site_.find_region(r.parent); p && chain.size() <= site_.regions.size(); p = site_.find_region(p->parent)) chain.push_back(p);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) crumbs.push_back({{"name", (*it)->name.in(lang)}, {"href", root + lang + "/regions/" + (*it)->id + "/"}});
    crumbs.push_back({{"name", r.name.in(lang)}, {"href", latest ? json(false) : json(root + lang + "/regions/" + r.id + "/")}});
    c["breadcrumb"] = crumbs;

    c["brief"] = {{"period", b.period}, {"title", b.title.in(lang)}, {"date", b.date.starts_with("TODO") ? b.date : i18n::format_date(lang, b.date)},
                  {"date_iso", b.date}, {"latest", latest}, {"latest_href", root + lang + "/regions/" + r.id + "/"}};

    // The headline metrics as large cards, then every other figure as a row of a compact table (a
    // phone reaches the brief's text after three cards). Each card and row links to its numbered note:
    // the article it comes from and the phrase quoted from it.
    json cards = json::array();
    json more = json::array();
    json notes = json::array();
    auto add = [&](const content::metric& m, json& into) {
        json card = to_json(card_of(lang, m, b));
        const std::size_t number = note_number(b, m);  // notes.size() + 1: the same order
        card["source_note"] = {{"href", "#note-" + m.id}, {"number", number}};
        notes.push_back(figure_note(lang, m, b, card, number));
        into.push_back(std::move(card));
    };
    for (const auto& id : b.headline) add(*b.find_metric(id), cards);
    for (const auto& m : b.metrics) {
        if (std::find(b.headline.begin(), b.headline.end(), m.id) == b.headline.end()) add(m, more);
    }
    c["has_cards"] = !cards.empty() || !more.empty();
    c["cards"] = cards;
    c["more_cards"] = more;
    c["has_more_cards"] = !more.empty();
    c["more_count"] = i18n::format_message(lang, ui.strings.at("more_figures"), {{"n", static_cast<double>(more.size())}});
    c["figure_notes"] = notes;
    c["has_figure_notes"] = !notes.empty();
    c["charts"] = change_charts(lang, b, ui);

    // Links in the Markdown are written for the region's own page; an earlier brief is one folder deeper.
    const brief_view& bd = view(b, lang);
    for (const auto& f : bd.findings) diags.add(f);
    // A body's links are checked on the page of its own language (a Chinese body shown on an English
    // page would only repeat the Chinese page's findings).
    if (!bd.untranslated) check_links(job, bd.links, lang == "zh" ? b.body_zh_path : b.body_en_path, diags, link_targets);
    if (lang == "zh" && r.source) {
        const auto& a = anchors_of(b);
        for (const auto& h : b.headings) {
            if (std::find(a.zh_text.begin(), a.zh_text.end(), h.zh) != a.zh_text.end()) continue;
            const auto pos = r.source->position(b.pointer + "/headings/" + core::json_source::escape_key(h.zh));
            std::string msg = "the headings map translates \"" + h.zh + "\", which is not a heading of " + b.body_zh_path;
            if (auto near = core::nearest(h.zh, a.zh_text); !near.empty()) msg += " (did you mean \"" + near + "\"?)";
            translation_warning(diags, r.path, pos.line, pos.column, msg);
        }
    }
    c["body"] = take_html(b, lang);
    c["toc"] = bd.toc;
    c["has_toc"] = !bd.toc.empty();
    c["untranslated"] = bd.untranslated;
    c["body_lang"] = bd.untranslated ? json("zh-Hans") : json(false);

    json sources = json::array();
    for (const auto& s : b.sources) {
        json authors = json::array();
        for (const auto& a : s.authors) authors.push_back({{"name", a.name.in(lang)}, {"role", a.role.in(lang)}});
        sources.push_back({{"title", s.title.in(lang)}, {"original", lang == "zh" ? json(false) : json(s.title.zh)},
                           {"chinese", lang == "zh"}, {"authors_text", authors_text(lang, s.authors)},
                           {"publisher", s.publisher.in(lang)}, {"authors", authors}, {"has_authors", !authors.empty()},
                           {"date", s.date.empty() ? json(false) : json(i18n::format_date(lang, s.date))},
                           {"url", s.url.empty() ? json(false) : json(s.url)}});
    }
    c["sources"] = sources;

    json children = json::array();
    for (const content::region* ch : this->children(lang, r.id)) {
        children.push_back({{"name", ch->name.in(lang)}, {"level", level_label(ui, ch->level)}, {"href", root + lang + "/regions/" + ch->id + "/"}});
    }
    c["children"] = children;
    c["has_children"] = !children.empty();

    json others = json::array();
    for (auto it = r.briefs.rbegin(); it != r.briefs.rend(); ++it) {
        others.push_back({{"period", it->period}, {"title", it->title.in(lang)}, {"href", root + brief_url(lang, r, *it)}, {"current", &*it == &b}});
    }
    c["briefs"] = others;
    c["has_briefs"] = r.briefs.size() > 1;
    c["topics"] = brief_topics(lang, b, root);
    c["has_topics"] = !c["topics"].empty();
    c["series"] = series_table(lang, r);
    return c;
}

json assembler::brief_topics(const std::string& lang, const content::brief& b, const std::string& root) const {
    std::set<std::string> used;
    for (const auto& st : b.topics) used.insert(st.topics.begin(), st.topics.end());
    for (const auto& m : b.metrics) used.insert(m.topics.begin(), m.topics.end());
    json out = json::array();
    for (const auto& t : site_.topics) {
        if (used.count(t.id)) out.push_back({{"name", t.name.in(lang)}, {"href", root + lang + "/topics/" + t.id + "/"}});
    }
    return out;
}

json assembler::series_table(const std::string& lang, const content::region& r) const {
    if (r.briefs.size() < 2) return false;
    const auto& ui = site_.ui.at(lang);
    // Series in the order the latest brief lists them, then those only earlier briefs have.
    std::vector<std::string> order;
    for (auto b = r.briefs.rbegin(); b != r.briefs.rend(); ++b) {
        for (const auto& m : b->metrics) {
            if (std::find(order.begin(), order.end(), m.series_id()) == order.end()) order.push_back(m.series_id());
        }
    }
    json periods = json::array();
    for (const auto& b : r.briefs) periods.push_back(b.period);
    json rows = json::array();
    for (const auto& id : order) {
        std::vector<const content::metric*> cells;
        std::size_t present = 0;
        const content::metric* last = nullptr;
        bool same_unit = true;
        for (const auto& b : r.briefs) {
            const content::metric* found = nullptr;
            for (const auto& m : b.metrics) {
                if (m.series_id() == id) found = &m;
            }
            cells.push_back(found);
            if (!found) continue;
            if (last && last->unit != found->unit) same_unit = false;
            ++present;
            last = found;
        }
        if (present < 2 || !same_unit) continue;
        json row = {{"label", last->label.in(lang)}, {"cells", json::array()}};
        const content::metric* first = nullptr;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (!cells[i]) {
                row["cells"].push_back({{"empty", true}});
                continue;
            }
            if (!first) first = cells[i];
            json card = to_json(card_of(lang, *cells[i], r.briefs[i]));
            card["period"] = r.briefs[i].period;
            // The qualifier in the language's brackets: （目标） / (target).
            if (cells[i]->note) card["note_text"] = lang == "zh" ? "（" + cells[i]->note->zh + "）" : "(" + cells[i]->note->en + ")";
            row["cells"].push_back(card);
        }
        // Levels (not rates of change) get the difference between the first and the last period (a
        // percentage's in points).
        // A qualified figure (2.3万余) is not exact enough to subtract.
        row["moved"] = last->is_change() || first == last || !first->qualifier.empty() || !last->qualifier.empty()
                           ? json(false)
                           : change_figure(lang, ui, last->value - first->value, last->unit == "percent" ? "point_change" : last->unit, last->polarity);
        rows.push_back(row);
    }
    if (rows.empty()) return false;
    return {{"periods", periods}, {"rows", rows}, {"first", r.briefs.front().period}, {"last", r.briefs.back().period}};
}

}  // namespace briefs::sitegraph::detail
