// How a metric reads on a card: locale-formatted value, unit, direction and good/bad news.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "briefs/i18n/text.hpp"
#include "cards.hpp"
#include "pages.hpp"

namespace briefs::sitegraph::detail {
namespace {

using nlohmann::json;

std::string unit_suffix(const content::ui_strings& ui, const std::string& unit) {
    auto it = ui.units.find(unit);
    return it == ui.units.end() ? std::string() : it->second;
}

/// "good", "bad" or "neutral" for a move of sign `direction` (-1, 0, 1) under `polarity`.
std::string news(int direction, const std::string& polarity) {
    if (direction == 0 || polarity == "neutral") return "neutral";
    const bool up_is_good = polarity == "higher-better";
    return (direction > 0) == up_is_good ? "good" : "bad";
}

int sign(double v) { return v > 0 ? 1 : v < 0 ? -1 : 0; }

/// An interface string's pattern ("{n}余", "nearly {n}") filled with a number.
std::string fill(const content::ui_strings& ui, const std::string& key, const std::string& number) {
    auto it = ui.strings.find(key);
    if (it == ui.strings.end()) return number;  // the loader made sure a used qualifier has its string
    std::string out = it->second;
    if (auto at = out.find("{n}"); at != std::string::npos) out.replace(at, 3, number);
    return out;
}

/// A number with the metric's qualifier, as shown and as read aloud (`spoken`, "" when the same):
/// zh 2.3万余 / 近1万, en 2,500+ (read "more than 2,500") / nearly 10,000. A number written with a
/// word ("70.9 million") takes the spoken form on screen too: "70.9 million+" reads badly.
struct qualified {
    std::string shown, spoken;
};
qualified qualify(const content::ui_strings& ui, const content::metric& m, const std::string& number) {
    if (m.qualifier.empty()) return {number, ""};
    const std::string key = "qualifier_" + m.qualifier;
    std::string shown = fill(ui, key, number);
    std::string spoken = ui.strings.count(key + "_spoken") ? fill(ui, key + "_spoken", number) : shown;
    if (std::any_of(number.begin(), number.end(), [](unsigned char c) { return std::isalpha(c); })) shown = spoken;
    return {shown, spoken == shown ? "" : spoken};
}

/// A metric's value as a number: an ordinal for a rank (第1 / 1st), else every significant digit (or as
/// many as the editor asked for); `exact` never abbreviates.
std::string value_number(const std::string& lang, const content::metric& m, double v, bool exact) {
    if (m.is_rank()) return i18n::format_ordinal(lang, v);
    return exact ? i18n::format_number_exact(lang, v) : i18n::format_number(lang, v, m.significant_digits);
}

change_text change_of(const std::string& lang, const content::ui_strings& ui, double value, const std::string& suffix,
                      const std::string& polarity, int digits = 0) {
    const int dir = sign(value);
    change_text c;
    c.arrow = dir > 0 ? "▲" : dir < 0 ? "▼" : "■";
    c.direction = ui.strings.at(dir > 0 ? "change_up" : dir < 0 ? "change_down" : "change_flat");
    c.number = i18n::format_number(lang, std::fabs(value), digits);
    c.amount = c.number + suffix;
    c.unit = suffix;
    c.trend = news(dir, polarity);
    if (c.trend != "neutral") c.news = ui.strings.at(c.trend == "good" ? "good_news" : "bad_news");
    return c;
}

json optional(const std::optional<std::string>& s) { return s ? json(*s) : json(false); }

}  // namespace

std::string basis_text(const std::string& lang, const content::metric& m, const content::ui_strings& ui) {
    if (m.basis_note) return m.basis_note->in(lang);
    auto it = ui.strings.find("basis_" + m.basis);
    return it == ui.strings.end() ? m.basis : it->second;
}

json to_json(const change_text& c) {
    json j;
    j["arrow"] = c.arrow;
    j["direction"] = c.direction;
    j["amount"] = optional(c.amount);
    j["number"] = c.number;
    j["unit"] = c.unit;
    j["trend"] = c.trend;
    j["news"] = optional(c.news);
    if (c.vs) j["vs"] = *c.vs;
    return j;
}

json to_json(const card& c) {
    json j;
    j["id"] = c.id;
    j["label"] = c.label;
    j["exact"] = c.exact;
    j["spoken"] = optional(c.spoken);
    j["is_change"] = c.is_change;
    j["trend"] = c.trend;
    if (c.is_change) {
        j["change"] = to_json(*c.change);
        j["basis"] = *c.basis;
    } else {
        j["value"] = c.value;
        j["number"] = c.number;
        j["unit"] = c.unit;
        if (c.delta) j["delta"] = to_json(*c.delta);
    }
    j["note"] = optional(c.note);
    j["period"] = optional(c.period);
    if (c.source) j["source"] = *c.source;
    return j;
}

json change_figure(const std::string& lang, const content::ui_strings& ui, double value, const std::string& unit, const std::string& polarity) {
    return to_json(change_of(lang, ui, value, unit_suffix(ui, unit), polarity));
}

card make_card(const std::string& lang, const content::metric& m, const content::brief& b, const content::ui_strings& ui) {
    card c;
    c.id = m.id;
    c.label = m.label.in(lang);
    c.is_change = m.is_change();
    const std::string suffix = unit_suffix(ui, m.unit);
    // The text alternative: the whole number, its qualifier in words (the loader keeps qualifiers to
    // counts and amounts, not percentages or changes).
    const qualified exact = qualify(ui, m, value_number(lang, m, m.value, true));
    c.exact = (exact.spoken.empty() ? exact.shown : exact.spoken) + suffix;
    if (c.is_change) {
        c.change = change_of(lang, ui, m.value, suffix, m.polarity, m.significant_digits);
        c.trend = c.change->trend;
        c.basis = basis_text(lang, m, ui);
    } else {
        const qualified q = qualify(ui, m, value_number(lang, m, m.value, false));
        c.value = q.shown + suffix;
        c.number = q.shown;
        c.unit = suffix;
        if (!q.spoken.empty()) c.spoken = q.spoken + suffix;
        if (m.change) {
            const std::string change_suffix = unit_suffix(ui, m.change_unit == "points" ? "point_change" : "percent_change");
            c.delta = change_of(lang, ui, *m.change, change_suffix, m.polarity);
            c.delta->vs = basis_text(lang, m, ui);
            c.trend = c.delta->trend;
        } else if (m.previous) {
            c.delta = change_of(lang, ui, m.value - *m.previous, "", m.polarity);
            c.delta->amount.reset();  // the difference is not a published figure: show the earlier value instead
            c.delta->vs = ui.strings.at("from_previous") + " " + (m.is_rank() ? i18n::format_ordinal(lang, *m.previous) : i18n::format_number(lang, *m.previous)) + suffix;
            c.trend = c.delta->trend;
        }
    }
    if (m.note) c.note = m.note->in(lang);
    if (!m.period.empty() && m.period != b.period) c.period = m.period;
    if (const auto* s = b.find_source(m.source)) c.source = s->publisher.in(lang);
    return c;
}

std::size_t note_number(const content::brief& b, const content::metric& m) {
    if (auto at = std::find(b.headline.begin(), b.headline.end(), m.id); at != b.headline.end()) {
        return static_cast<std::size_t>(at - b.headline.begin()) + 1;
    }
    std::size_t n = b.headline.size();
    for (const auto& x : b.metrics) {
        if (std::find(b.headline.begin(), b.headline.end(), x.id) == b.headline.end()) ++n;
        if (&x == &m) break;
    }
    return n;
}

json figure_note(const std::string& lang, const content::metric& m, const content::brief& b, const json& card, std::size_t number) {
    json n = card;
    n["number"] = number;
    n["note_id"] = "note-" + m.id;
    n["card_href"] = "#metric-" + m.id;
    n["evidence"] = m.evidence.empty() ? json(false) : json(m.evidence);
    // The English rendering beside the Chinese phrase, on the English page (the Chinese page quotes the original only).
    n["evidence_en"] = lang == "en" && !m.evidence_en.empty() ? json(m.evidence_en) : json(false);
    n["article"] = false;
    if (const auto* s = b.find_source(m.source)) {
        n["article"] = {{"title", s->title.in(lang)}, {"original", lang == "zh" ? json(false) : json(s->title.zh)}, {"chinese", lang == "zh"},
                        {"publisher", s->publisher.in(lang)}, {"date", s->date.empty() ? json(false) : json(i18n::format_date(lang, s->date))},
                        {"url", s->url.empty() ? json(false) : json(s->url)}};
    }
    return n;
}

namespace {

struct change_row {
    const content::metric* m;
    double value;  // signed, in the unit below
    std::string suffix;
};

/// One chart's geometry: a diverging bar chart around zero, scaled to its largest change.
json change_chart_rows(const std::string& lang, const std::vector<change_row>& rows, const content::ui_strings& ui) {
    double scale = 0;
    for (const auto& r : rows) scale = std::max(scale, std::fabs(r.value));
    if (scale == 0) scale = 1;
    // Geometry in SVG user units: a 640-wide chart, the zero axis in the middle, one 44-unit row per
    // change (its label and figure on one line, the bar under it).
    constexpr double width = 640, axis = 320, half = 310, row_height = 44;
    json out_rows = json::array();
    std::string desc;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const double len = std::max(2.0, std::fabs(r.value) / scale * half);
        const double y = static_cast<double>(i) * row_height;
        const int dir = sign(r.value);
        const std::string amount = (dir > 0 ? "+" : dir < 0 ? "−" : "") +
                                   i18n::format_number(lang, std::fabs(r.value), r.m->is_change() ? r.m->significant_digits : 0) + r.suffix;
        const std::string trend = news(dir, r.m->polarity);
        auto num = [](double v) { char buf[32]; std::snprintf(buf, sizeof buf, "%.1f", v); return std::string(buf); };
        out_rows.push_back({{"label", r.m->label.in(lang)}, {"label_y", num(y + 14)}, {"bar_x", num(dir < 0 ? axis - len : axis)},
                            {"bar_y", num(y + 20)}, {"bar_width", num(len)}, {"trend", trend}, {"amount", amount},
                            {"news", trend == "neutral" ? json(false) : json(ui.strings.at(trend == "good" ? "good_news" : "bad_news"))}});
        desc += (desc.empty() ? "" : "; ") + r.m->label.in(lang) + " " + amount;
    }
    const double height = static_cast<double>(rows.size()) * row_height + 8;
    char h[32];
    std::snprintf(h, sizeof h, "%.0f", height);
    char w[32];
    std::snprintf(w, sizeof w, "%.0f", width);
    return {{"rows", out_rows}, {"height", h}, {"width", w}, {"axis", "320"}, {"desc", desc}};
}

}  // namespace

json change_charts(const std::string& lang, const content::brief& b, const content::ui_strings& ui) {
    // Only like with like: one chart per basis (and per stated start or period), year on year first.
    static const char* const order[] = {"year-on-year", "year-to-date", "since-start", "to-date", "period"};
    struct group {
        std::string basis, note_zh;
        const content::metric* first;
        std::vector<change_row> rows;
    };
    std::vector<group> groups;
    for (const char* basis : order) {
        for (const auto& m : b.metrics) {
            if (m.basis != basis || (!m.is_change() && !m.change)) continue;
            const std::string note = m.basis_note ? m.basis_note->zh : std::string();
            auto g = std::find_if(groups.begin(), groups.end(), [&](const group& x) { return x.basis == m.basis && x.note_zh == note; });
            if (g == groups.end()) g = groups.insert(groups.end(), group{m.basis, note, &m, {}});
            if (m.is_change()) g->rows.push_back({&m, m.value, unit_suffix(ui, m.unit)});
            else g->rows.push_back({&m, *m.change, unit_suffix(ui, m.change_unit == "points" ? "point_change" : "percent_change")});
        }
    }
    json charts = json::array();
    for (std::size_t k = 0; k < groups.size(); ++k) {
        json chart = change_chart_rows(lang, groups[k].rows, ui);
        std::string title;
        if (groups[k].first->basis_note) {
            title = ui.strings.at("chart_title_noted");
            const std::string note = groups[k].first->basis_note->in(lang);
            if (auto at = title.find("{note}"); at != std::string::npos) title.replace(at, 6, note);
        } else {
            title = ui.strings.at("chart_title_" + groups[k].basis);
        }
        chart["title"] = title;
        chart["id"] = "chart-" + std::to_string(k + 1);
        charts.push_back(chart);
    }
    return charts;
}

const card& assembler::card_of(const std::string& lang, const content::metric& m, const content::brief& b) const {
    auto& cards = cards_[lang == "zh" ? 0 : 1];
    {
        std::shared_lock lock(cards_mutex_);
        if (auto it = cards.find(&m); it != cards.end()) return *it->second;
    }
    auto made = std::make_unique<const card>(make_card(lang, m, b, site_.ui.at(lang)));
    std::unique_lock lock(cards_mutex_);
    return *cards.try_emplace(&m, std::move(made)).first->second;
}

}  // namespace briefs::sitegraph::detail
