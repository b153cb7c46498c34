// The glossary page, terms in the language's collation order.
#include "pages.hpp"

#include <algorithm>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

json assembler::glossary(const page_job& job) const {
    const std::string& lang = job.lang;
    json c = common(job, strings_.at(lang).value("glossary", "Glossary"), strings_.at(lang).value("glossary_intro", ""));
    std::vector<std::pair<std::string, const content::glossary_term*>> terms;
    for (const auto& g : site_.glossary) terms.emplace_back(i18n::sort_key(lang, lang == "zh" ? g.zh : g.en, *text_memo_), &g);
    std::sort(terms.begin(), terms.end());
    json list = json::array();
    for (const auto& [key, g] : terms) {
        list.push_back({{"id", g->id}, {"zh", g->zh}, {"pinyin", g->pinyin}, {"en", g->en}, {"explanation", g->explanation.in(lang)}});
    }
    c["terms"] = list;
    return c;
}

}  // namespace briefs::sitegraph::detail
