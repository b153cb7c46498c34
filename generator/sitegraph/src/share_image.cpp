// The share image of a brief (Open Graph / Twitter card).
#include "pages.hpp"
#include "briefs/share/card.hpp"

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

std::string assembler::share_image_url(const std::string& lang, const content::region& r, const content::brief& b) const {
    // Open Graph and Twitter want absolute image URLs, and previews are not shared.
    if (base_url_.empty() || preview_) return {};
    return base_url_ + brief_url(lang, r, b) + "share.png";
}

std::string assembler::share_image(const page_job& job) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    const content::region& r = *job.region;
    const content::brief& b = *job.brief;
    share::card card;
    card.lang = lang;
    card.site = site_.site.title.in(lang);
    card.title = r.name.in(lang);
    card.subtitle = b.period + " · " + b.title.in(lang);
    for (const auto& id : b.headline) {
        const json m = metric_card(lang, *b.find_metric(id), b, ui);
        std::string value = m.value("is_change", false) ? m["change"]["arrow"].get<std::string>() + m["change"]["amount"].get<std::string>()
                                                        : m.value("value", std::string());
        card.figures.push_back({std::move(value), m.value("label", std::string()), m.value("trend", std::string("neutral"))});
    }
    return share::render_png(card);
}

}  // namespace briefs::sitegraph::detail
