// What search engines and hosts see of the site: canonical links, hreflang alternates, noindex, the
// sitemap, robots.txt, the root language chooser and the 404 page.
//
// One rule ties them together: a page is either indexable, and then it has a canonical link,
// hreflang alternates and a sitemap entry with the same alternates, or it is `noindex` and in none of
// them. Canonical links, alternates and the sitemap need absolute URLs, so without a base URL there
// are none (and `notes()` says so, once).
#include "pages.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

bool assembler::indexable(const page_job& job) const {
    switch (job.kind) {
        case page_kind::root:
        case page_kind::home:
        case page_kind::region:
        case page_kind::glossary:
        case page_kind::compare:
        case page_kind::topics:
        case page_kind::topic:
            return true;
        default:  // the search page (its results are not content), the 404 page, files that are not pages
            return false;
    }
}

json assembler::alternates(const page_job& job) const {
    // The root chooser and the two home pages are one cluster, whose x-default is the chooser; every
    // other pair of pages names the default language's page.
    const bool home = job.kind == page_kind::root || job.kind == page_kind::home;
    const std::string zh = home ? "zh/" : swap_lang(job.url, "zh");
    const std::string en = home ? "en/" : swap_lang(job.url, "en");
    return json::array({{{"hreflang", html_lang("zh")}, {"href", base_url_ + zh}},
                        {{"hreflang", html_lang("en")}, {"href", base_url_ + en}},
                        {{"hreflang", "x-default"}, {"href", base_url_ + (home ? std::string() : zh)}}});
}

void assembler::page_metadata(const page_job& job, json& c) const {
    const bool indexed = indexable(job);
    c["noindex"] = !indexed;
    const bool absolute = indexed && !base_url_.empty();
    c["canonical"] = absolute ? json(base_url_ + job.url) : json(false);
    c["alternates"] = absolute ? alternates(job) : json::array();
    if (const auto icon = assets_.find("icon.svg"); icon != assets_.end()) {
        c["icon"] = root_of(job.url) + icon->second;
    } else {
        c["icon"] = false;
    }
}

void assembler::notes(const std::string& site_json, core::diagnostics& diags) const {
    if (!base_url_.empty() || preview_) return;
    diags.add({site_json, 1, 1, core::severity::warning,
               "no base URL (\"base_url\" here, or briefs build --base-url): sitemap.xml, canonical links, hreflang alternates and "
               "share images need absolute URLs, so they are left out",
               "content"});
}

json assembler::sitemap() const {
    json urls = json::array();
    for (const auto& job : pages()) {
        // The chooser, then one entry per page of each pair, each with the pair's alternates.
        if (!indexable(job) || (job.kind != page_kind::root && job.lang != "zh")) continue;
        if (job.kind == page_kind::root) {
            urls.push_back({{"loc", base_url_}, {"alternates", alternates(job)}});
            continue;
        }
        const json alt = alternates(job);
        for (const auto& lang : site_.site.languages) urls.push_back({{"loc", base_url_ + swap_lang(job.url, lang)}, {"alternates", alt}});
    }
    return {{"urls", urls}, {"base_url", base_url_.empty() ? json(false) : json(base_url_)}};
}

json assembler::root(const page_job& job) const {
    json c = common(job, site_.site.title.zh + " · " + site_.site.title.en, site_.site.description.zh);
    json langs = json::array();
    for (const auto& lang : site_.site.languages) {
        langs.push_back({{"lang", lang}, {"html_lang", html_lang(lang)}, {"href", lang + "/"},
                         {"title", site_.site.title.in(lang)}, {"description", site_.site.description.in(lang)},
                         {"label", strings_.at(other(lang)).value("switch_to", lang)}});
    }
    c["languages"] = langs;
    c["t_zh"] = strings_.at("zh");
    c["t_en"] = strings_.at("en");
    return c;
}

json assembler::not_found(const page_job& job) const {
    json c = root(job);
    // A 404 page is served at any depth of any path, so nothing in it may depend on where it is:
    // the stylesheet is inline, and links are absolute. With a base URL they are right everywhere;
    // without one they assume the site is at the domain's root ("/zh/"), and a script corrects them
    // where it is not (under a sub-path, or opened from disk).
    std::string css = inline_css_;
    for (std::size_t at = css.find("</"); at != std::string::npos; at = css.find("</", at + 3)) css.replace(at, 2, "<\\/");
    c["inline_css"] = css;
    const std::string base = base_url_.empty() ? "/" : base_url_;
    c["home_zh"] = base + "zh/";
    c["home_en"] = base + "en/";
    c["assets"] = asset_links(base);
    const auto icon = assets_.find("icon.svg");
    c["icon"] = icon == assets_.end() ? json(false) : json(base + icon->second);
    // A file only this site's root has (the stylesheet's name carries its hash): the script looks for it.
    const auto style = assets_.find("style.css");
    c["find_root"] = base_url_.empty() && style != assets_.end() ? json(style->second) : json(false);
    c["icon_path"] = icon == assets_.end() ? json(false) : json(icon->second);
    return c;
}

}  // namespace briefs::sitegraph::detail
