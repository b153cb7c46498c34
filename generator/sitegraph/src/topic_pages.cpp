// The topics page and one page per topic.
#include "pages.hpp"
#include "headings.hpp"

#include <algorithm>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

namespace {
bool lists_topic(const std::vector<std::string>& topics, const std::string& id) {
    return std::find(topics.begin(), topics.end(), id) != topics.end();
}
}  // namespace

std::vector<std::pair<std::string, std::string>> assembler::topic_sections(const content::brief& b, const std::string& topic) const {
    std::vector<std::pair<std::string, std::string>> out;
    const auto& a = anchors_of(b);
    for (const auto& st : b.topics) {
        if (!lists_topic(st.topics, topic)) continue;
        const auto at = std::find(a.zh_text.begin(), a.zh_text.end(), st.heading_zh);
        if (at != a.zh_text.end()) out.emplace_back(st.heading_zh, a.ids[static_cast<std::size_t>(at - a.zh_text.begin())]);
    }
    return out;
}

json assembler::topic_page(const page_job& job) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    const content::topic& t = *job.topic;
    json c = common(job, t.name.in(lang), t.summary.in(lang));
    const std::string root = root_of(job.url);
    c["topic"] = {{"id", t.id}, {"name", t.name.in(lang)}, {"summary", t.summary.in(lang)}};
    c["topics_href"] = root + lang + "/topics/";
    // Each brief about the topic, regions in the home page's order, newest brief first.
    json entries = json::array();
    std::size_t sections = 0;
    std::set<std::string> regions;
    for (const content::region* r : ordered_regions(lang)) {
        for (auto b = r->briefs.rbegin(); b != r->briefs.rend(); ++b) {
            const std::string href = root + brief_url(lang, *r, *b);
            json list = json::array();
            for (const auto& [heading, anchor] : topic_sections(*b, t.id)) {
                const std::string* en = b->heading_en(heading);
                list.push_back({{"title", lang == "zh" || !en ? heading : *en},
                                {"lang", lang == "en" && !en ? json("zh-Hans") : json(false)},
                                {"href", href + "#" + anchor}});
            }
            json metrics = json::array();
            for (const auto& m : b->metrics) {
                if (!lists_topic(m.topics, t.id)) continue;
                // The card leads to its numbered note on the brief's page (the article and the quoted phrase).
                json card = to_json(card_of(lang, m, *b));
                card["source_note"] = {{"href", href + "#note-" + m.id}, {"number", note_number(*b, m)}};
                metrics.push_back(std::move(card));
            }
            if (list.empty() && metrics.empty()) continue;
            sections += list.size();
            regions.insert(r->id);
            entries.push_back({{"region", r->name.in(lang)}, {"level", level_label(ui, r->level)}, {"period", b->period},
                               {"title", b->title.in(lang)}, {"href", href}, {"sections", list}, {"has_sections", !list.empty()},
                               {"metrics", metrics}, {"has_metrics", !metrics.empty()}});
        }
    }
    c["entries"] = entries;
    c["has_entries"] = !entries.empty();
    c["no_card_ids"] = true;  // cards of many briefs: their metric ids repeat
    c["counts"] = i18n::format_message(lang, strings_.at(lang).value("topic_counts", ""),
                                       {{"regions", static_cast<double>(regions.size())}, {"sections", static_cast<double>(sections)}});
    return c;
}

json assembler::topics_page(const page_job& job) const {
    const std::string& lang = job.lang;
    json c = common(job, strings_.at(lang).value("topics", "Topics"), strings_.at(lang).value("topics_intro", ""));
    const std::string root = root_of(job.url);
    json list = json::array();
    for (const auto& t : site_.topics) {
        std::set<std::string> regions;
        std::size_t sections = 0;
        for (const auto& r : site_.regions) {
            for (const auto& b : r.briefs) {
                // Counted as the topic's page lists them.
                const std::size_t found = topic_sections(b, t.id).size();
                sections += found;
                if (found || std::any_of(b.metrics.begin(), b.metrics.end(), [&](const content::metric& m) { return lists_topic(m.topics, t.id); })) regions.insert(r.id);
            }
        }
        list.push_back({{"name", t.name.in(lang)}, {"summary", t.summary.in(lang)}, {"href", root + lang + "/topics/" + t.id + "/"},
                        {"counts", i18n::format_message(lang, strings_.at(lang).value("topic_counts", ""),
                                                        {{"regions", static_cast<double>(regions.size())}, {"sections", static_cast<double>(sections)}})}});
    }
    c["topics"] = list;
    return c;
}

}  // namespace briefs::sitegraph::detail
