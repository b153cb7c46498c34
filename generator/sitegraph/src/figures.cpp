// How a metric reads on a card: locale-formatted value, unit, direction and good/bad news.
#include <cmath>

#include "briefs/i18n/text.hpp"
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

json change_json(const std::string& lang, const content::ui_strings& ui, double value, const std::string& suffix,
                 const std::string& polarity) {
    const int dir = sign(value);
    const std::string trend = news(dir, polarity);
    json c;
    c["arrow"] = dir > 0 ? "▲" : dir < 0 ? "▼" : "■";
    c["direction"] = ui.strings.at(dir > 0 ? "change_up" : dir < 0 ? "change_down" : "change_flat");
    c["amount"] = i18n::format_number(lang, std::fabs(value)) + suffix;
    c["number"] = i18n::format_number(lang, std::fabs(value));
    c["unit"] = suffix;
    c["trend"] = trend;
    c["news"] = trend == "neutral" ? json(false) : json(ui.strings.at(trend == "good" ? "good_news" : "bad_news"));
    return c;
}

}  // namespace

json metric_card(const std::string& lang, const content::metric& m, const content::brief& b, const content::ui_strings& ui) {
    json card;
    card["id"] = m.id;
    card["label"] = m.label.in(lang);
    const bool is_change = m.unit == "percent_change" || m.unit == "point_change";
    const std::string suffix = unit_suffix(ui, m.unit);
    card["exact"] = i18n::format_number_exact(lang, m.value) + suffix;
    if (is_change) {
        card["change"] = change_json(lang, ui, m.value, suffix, m.polarity);
        card["is_change"] = true;
        card["trend"] = card["change"]["trend"];
    } else {
        card["value"] = i18n::format_number(lang, m.value) + suffix;
        card["number"] = i18n::format_number(lang, m.value);
        card["unit"] = suffix;
        card["is_change"] = false;
        card["trend"] = "neutral";
        if (m.change) {
            const std::string change_suffix = unit_suffix(ui, m.change_unit == "points" ? "point_change" : "percent_change");
            json c = change_json(lang, ui, *m.change, change_suffix, m.polarity);
            c["vs"] = ui.strings.at("vs_previous");
            card["delta"] = c;
            card["trend"] = c["trend"];
        } else if (m.previous) {
            json c = change_json(lang, ui, m.value - *m.previous, "", m.polarity);
            c["amount"] = false;  // the difference is not a published figure: show the earlier value instead
            c["vs"] = ui.strings.at("from_previous") + " " + i18n::format_number(lang, *m.previous) + suffix;
            card["delta"] = c;
            card["trend"] = c["trend"];
        }
    }
    card["note"] = m.note ? json(m.note->in(lang)) : json(false);
    card["period"] = m.period.empty() || m.period == b.period ? json(false) : json(m.period);
    if (const auto* s = b.find_source(m.source)) card["source"] = s->publisher.in(lang);
    return card;
}

}  // namespace briefs::sitegraph::detail
