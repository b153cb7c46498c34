// The Atom feeds (one per language): each brief's entry is what it says of itself (brief_views.cpp).
#include <algorithm>

#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"
#include "pages.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

namespace {

/// "2024" → "2024-01-01T00:00:00Z", "2024-12" → "2024-12-01T00:00:00Z" (Atom wants RFC 3339 times).
std::string rfc3339(const std::string& date) {
    std::string d = date;
    if (d.size() == 4) d += "-01";
    if (d.size() == 7) d += "-01";
    return d + "T00:00:00Z";
}

}  // namespace

std::string assembler::feed_id(const std::string& path) const {
    // Entry ids never change (RFC 4287 §4.2.6) and no other site has them: tag: URIs (RFC 4151) from
    // site.json; without those, the base URL; without that, ids that only this site's paths make unique.
    if (!site_.site.tag_authority.empty()) return "tag:" + site_.site.tag_authority + "," + site_.site.tag_date + ":" + path;
    if (!base_url_.empty()) return base_url_ + path;
    return "urn:briefs:" + path;
}

json assembler::feed(const page_job& job) const {
    const std::string& lang = job.lang;
    // Every brief, newest first: its page, its date, its title, its own description.
    std::vector<std::pair<std::string, json>> entries;
    for (const auto& r : site_.regions) {
        for (const auto& b : r.briefs) {
            const std::string url = brief_url(lang, r, b);
            // The id names the brief by its period, not by its page: the latest brief's page is the
            // region's, and it moves to a period folder when a newer brief comes.
            const brief_own& about = own(b, lang);
            json e = {{"title", about.title}, {"href", url.substr(lang.size() + 1)},
                      {"id", feed_id(lang + "/regions/" + r.id + "/" + b.period)},
                      {"updated", rfc3339(b.date)}, {"summary", about.summary}};
            entries.emplace_back(rfc3339(b.date) + '|' + url, std::move(e));
        }
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    json list = json::array();
    for (auto& [key, e] : entries) list.push_back(std::move(e));
    return {{"lang", lang}, {"html_lang", html_lang(lang)}, {"entries", list},
            {"updated", entries.empty() ? std::string("1970-01-01T00:00:00Z") : list[0]["updated"].get<std::string>()},
            {"id", feed_id(lang + "/feed.xml")},
            {"base", base_url_.empty() ? json(false) : json(base_url_ + lang + "/")}};
}

}  // namespace briefs::sitegraph::detail
