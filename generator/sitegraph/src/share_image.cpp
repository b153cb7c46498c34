// The share image of a brief (Open Graph / Twitter card).
#include "cards.hpp"
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
    const content::region& r = *job.region;
    const content::brief& b = *job.brief;
    share::card card;
    card.lang = lang;
    card.site = site_.site.title.in(lang);
    card.title = r.name.in(lang);
    card.subtitle = b.period + " · " + b.title.in(lang);
    for (const auto& id : b.headline) {
        const detail::card& m = card_of(lang, *b.find_metric(id), b);
        std::string value = m.is_change ? m.change->arrow + m.change->amount.value_or("") : m.value;
        card.figures.push_back({std::move(value), m.label, m.trend});
    }
    return share::render_png(card);
}

}  // namespace briefs::sitegraph::detail
