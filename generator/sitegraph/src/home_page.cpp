// The home page of a language: every region's card, grouped by city.
#include "pages.hpp"
#include "headings.hpp"

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

json assembler::home(const page_job& job) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    json c = common(job, site_.site.title.in(lang), site_.site.description.in(lang));
    c["is_home"] = true;
    const std::string root = root_of(job.url);
    json groups = json::array();
    for (const content::region* r : ordered_regions(lang)) {
        const auto& b = r->latest();
        json card;
        card["name"] = r->name.in(lang);
        card["href"] = root + lang + "/regions/" + r->id + "/";
        card["level"] = level_label(ui, r->level);
        card["period"] = b.period;
        card["title"] = b.title.in(lang);
        card["summary"] = i18n::truncate(lang, r->summary.in(lang), lang == "zh" ? 90 : 200);
        json headline = json::array();
        for (const auto& id : b.headline) headline.push_back(to_json(card_of(lang, *b.find_metric(id), b)));
        card["headline"] = headline;
        card["has_headline"] = !headline.empty();
        card["draft"] = preview_ && (r->draft || b.draft);
        if (r->parent.empty()) {
            groups.push_back({{"name", r->name.in(lang)}, {"id", r->id}, {"regions", json::array()}});
        } else if (groups.empty()) {
            continue;  // unreachable: ordered_regions starts with a top-level region
        }
        groups.back()["regions"].push_back(card);
    }
    c["groups"] = groups;
    return c;
}

}  // namespace briefs::sitegraph::detail
