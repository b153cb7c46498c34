#pragma once
// Internal to sitegraph: a metric as a reader sees it on a card, typed (figures.cpp makes it once per
// metric and language; templates get it as JSON through to_json, the share image reads it directly).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "briefs/content/model.hpp"

namespace briefs::sitegraph::detail {

/// A signed change as shown: arrow, direction word, amount with its unit's suffix, good/bad/neutral.
struct change_text {
    std::string arrow;      ///< ▲ ▼ ■
    std::string direction;  ///< the interface's word for up, down or flat
    std::optional<std::string> amount;  ///< with its suffix; none when the difference is not a published figure
    std::string number;     ///< the amount without its suffix
    std::string unit;       ///< the suffix
    std::string trend;      ///< "good", "bad" or "neutral"
    std::optional<std::string> news;  ///< "good news" / "bad news" in the language; none when neutral
    std::optional<std::string> vs;    ///< what it is measured against (a card's change), or the earlier value
};

struct card {
    std::string id;
    std::string label;
    std::string exact;                  ///< the whole number with its qualifier in words and its suffix
    std::optional<std::string> spoken;  ///< how the shown figure reads aloud, when not as shown
    bool is_change = false;             ///< the value itself is a change (percent_change, point_change)
    std::optional<change_text> change;  ///< is_change: the value as a change
    std::string trend = "neutral";
    std::optional<std::string> basis;   ///< is_change: what the change is measured against
    std::string value, number, unit;    ///< !is_change: the figure with its suffix, without it, the suffix
    std::optional<change_text> delta;   ///< !is_change: its change, or the move from its previous value
    std::optional<std::string> note, period, source;
};

card make_card(const std::string& lang, const content::metric& m, const content::brief& b, const content::ui_strings& ui);
nlohmann::json to_json(const change_text& c);
nlohmann::json to_json(const card& c);

}  // namespace briefs::sitegraph::detail
