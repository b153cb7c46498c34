// The compare page: every region's headline figures side by side.
#include "pages.hpp"

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

json assembler::compare(const page_job& job) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    json c = common(job, strings_.at(lang).value("compare", "Compare"), strings_.at(lang).value("compare_intro", ""));
    const std::string root = root_of(job.url);
    // One row per region, grouped under its city; each cell keeps a value to sort by (data-sort).
    json groups = json::array();
    std::size_t rank = 0;
    for (const content::region* r : ordered_regions(lang)) {
        const auto& b = r->latest();
        json row = {{"name", r->name.in(lang)}, {"href", root + lang + "/regions/" + r->id + "/"}, {"level", level_label(ui, r->level)},
                    {"period", b.period}, {"order", rank++}};
        json figures = json::array();
        for (std::size_t i = 0; i < 3; ++i) {
            if (i < b.headline.size()) {
                const auto* m = b.find_metric(b.headline[i]);
                json card = to_json(card_of(lang, *m, b));
                card["sort"] = i18n::format_number_exact("en", m->value);
                figures.push_back(card);
            } else {
                figures.push_back({{"empty", true}, {"sort", ""}});
            }
        }
        row["figures"] = figures;
        if (r->parent.empty()) groups.push_back({{"name", r->name.in(lang)}, {"id", r->id}, {"rows", json::array()}});
        if (!groups.empty()) groups.back()["rows"].push_back(row);
    }
    c["groups"] = groups;
    return c;
}

}  // namespace briefs::sitegraph::detail
