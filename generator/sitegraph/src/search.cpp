// The search page (its index: search_index.cpp, search_parts.cpp).
#include "pages.hpp"


namespace briefs::sitegraph::detail {

using nlohmann::json;

json assembler::search_page(const page_job& job) const {
    json c = common(job, strings_.at(job.lang).value("search", "Search"), strings_.at(job.lang).value("search_intro", ""));
    c["is_search"] = true;  // the page has its own search box: none in the header
    c["index_src"] = "meta.js?v=" + content_version_.substr(0, 12);  // search.js loads it with the first query
    // A query in the other language's script: where to search instead of "nothing found" (search.js
    // shows the link only when the site's interface strings name it, as content/i18n does).
    const auto& t = strings_.at(job.lang);
    c["elsewhere"] = {{"label", t.value("search_elsewhere", "")}, {"href", root_of(job.url) + other(job.lang) + "/search/"}};
    c["more"] = t.value("search_more", "");
    return c;
}

}  // namespace briefs::sitegraph::detail
