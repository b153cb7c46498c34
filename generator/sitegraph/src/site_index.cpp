// The site index: which pages exist, where, their languages and orderings, and the data every page shares.
#include "pages.hpp"
#include "headings.hpp"
#include "briefs/share/card.hpp"

#include <algorithm>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

std::string level_label(const content::ui_strings& ui, const std::string& level) {
    auto it = ui.strings.find("level_" + level);
    return it == ui.strings.end() ? level : it->second;
}

assembler::assembler(const content::site_content& site, std::map<std::string, std::string> assets, std::string base_url,
                     bool preview, std::string shared_inputs, std::string generator_id, output::pack_store* search_store,
                     std::string inline_css, sitegraph::search_memo* search_memo, i18n::text_memo* text_memo, unsigned threads)
    : site_(site), own_text_memo_(text_memo ? nullptr : std::make_unique<i18n::text_memo>()),
      text_memo_(text_memo ? text_memo : own_text_memo_.get()), assets_(std::move(assets)), base_url_(std::move(base_url)), preview_(preview), shared_inputs_(std::move(shared_inputs)),
      generator_id_(std::move(generator_id)), inline_css_(std::move(inline_css)) {
    for (const auto& [name, hashed] : assets_) asset_files_.insert(hashed);
    for (const auto& [lang, ui] : site_.ui) {
        json t = json::object();
        for (const auto& [k, v] : ui.strings) t[k] = v;
        strings_[lang] = std::move(t);
    }
    for (const auto& r : site_.regions) {
        for (const auto& b : r.briefs) {
            brief_index_.emplace(&b, brief_index_.size());
            brief_region_.push_back(&r);
        }
    }
    std::string version = site_.topics_hash + '|' + site_.glossary_hash;  // both are searchable
    for (const auto& r : site_.regions) {
        version += '|' + r.id + '|' + r.json_hash;
        for (const auto& b : r.briefs) version += ',' + b.bodies_hash;
    }
    content_version_ = core::hash_hex(version);
    view_once_ = std::make_unique<std::once_flag[]>(2 * brief_index_.size());
    own_once_ = std::make_unique<std::once_flag[]>(2 * brief_index_.size());
    views_.resize(2 * brief_index_.size());
    // Collation order, once per language: siblings sorted by name, each followed by its own subtree.
    for (const auto& lang : site_.site.languages) {
        auto& by_parent = children_[lang];
        for (const auto& r : site_.regions) by_parent[r.parent].push_back(&r);
        for (auto& [parent, list] : by_parent) {
            std::vector<std::pair<std::string, const content::region*>> keyed;
            for (const content::region* r : list) keyed.emplace_back(i18n::sort_key(lang, r->name.in(lang), *text_memo_) + '\0' + r->id, r);
            std::sort(keyed.begin(), keyed.end());
            for (std::size_t i = 0; i < keyed.size(); ++i) list[i] = keyed[i].second;
        }
        auto& order = ordered_[lang];
        std::vector<const content::region*> stack(by_parent[""].rbegin(), by_parent[""].rend());
        while (!stack.empty() && order.size() <= site_.regions.size()) {
            const content::region* r = stack.back();
            stack.pop_back();
            order.push_back(r);
            const auto& kids = by_parent[r->id];
            stack.insert(stack.end(), kids.rbegin(), kids.rend());
        }
    }
    prepare_search(search_store, search_memo);
    check_bundles(threads);
    jobs_ = list_pages();
    for (std::size_t i = 0; i < jobs_.size(); ++i) page_by_file_.emplace(jobs_[i].file, i);
}

assembler::~assembler() = default;

const assembler::anchors& assembler::anchors_of(const content::brief& b) const { return view(b, "zh").anchors; }

json assembler::shared(const std::string& lang) const {
    return {{"t", strings_.at(lang)}, {"site", {{"title", site_.site.title.in(lang)}, {"description", site_.site.description.in(lang)}}}};
}

std::string assembler::brief_title(const std::string& lang, const content::region& r, const content::brief& b) const {
    std::string title = b.title.in(lang);
    if (title.find(r.name.in(lang)) == std::string::npos) title = r.name.in(lang) + (lang == "zh" ? "：" : ": ") + title;
    return title;
}

std::string assembler::brief_url(const std::string& lang, const content::region& r, const content::brief& b) const {
    std::string url = lang + "/regions/" + r.id + "/";
    if (&b != &r.latest()) url += b.period + "/";
    return url;
}

json assembler::asset_links(const std::string& prefix) const {
    json assets = json::object();  // "css/site-print.css" → key "css_site_print_css"
    for (const auto& [name, hashed] : assets_) {
        std::string key = name;
        std::replace_if(key.begin(), key.end(), [](char ch) { return ch == '.' || ch == '/' || ch == '-'; }, '_');
        assets[key] = prefix + hashed;
    }
    return assets;
}

std::vector<page_job> assembler::list_pages() const {
    std::vector<page_job> out;
    out.push_back({page_kind::root, "", "", "index.html", "root.html"});
    out.push_back({page_kind::not_found, "", "", "404.html", "404.html"});
    // A sitemap needs absolute URLs: none without a base URL (notes() says so).
    if (!base_url_.empty()) out.push_back({page_kind::sitemap, "", "", "sitemap.xml", "sitemap.xml"});
    out.push_back({page_kind::favicon, "", "", "favicon.ico", ""});
    out.push_back({page_kind::robots, "", "", "robots.txt", "robots.txt"});
    bundle_jobs(out);
    for (const auto& lang : site_.site.languages) {
        out.push_back({page_kind::home, lang, lang + "/", lang + "/index.html", "home.html"});
        out.push_back({page_kind::feed, lang, lang + "/", lang + "/feed.xml", "feed.xml"});
        out.push_back({page_kind::compare, lang, lang + "/compare/", lang + "/compare/index.html", "compare.html"});
        if (!site_.glossary.empty()) {
            out.push_back({page_kind::glossary, lang, lang + "/glossary/", lang + "/glossary/index.html", "glossary.html"});
        }
        out.push_back({page_kind::search, lang, lang + "/search/", lang + "/search/index.html", "search.html"});
        if (!site_.topics.empty()) {
            out.push_back({page_kind::topics, lang, lang + "/topics/", lang + "/topics/index.html", "topics.html"});
            for (const auto& t : site_.topics) {
                page_job j{page_kind::topic, lang, lang + "/topics/" + t.id + "/", lang + "/topics/" + t.id + "/index.html", "topic.html"};
                j.topic = &t;
                out.push_back(j);
            }
        }
        for (const auto& r : site_.regions) {
            for (const auto& b : r.briefs) {
                const std::string url = brief_url(lang, r, b);
                out.push_back({page_kind::region, lang, url, url + "index.html", "region.html", &r, &b});
                if (!share_image_url(lang, r, b).empty()) out.push_back({page_kind::share_image, lang, url, url + "share.png", "", &r, &b});
            }
        }
    }
    // Last: each brief's page takes its body's HTML from the brief's view as it renders, so that the
    // search index, which reads the views' sections, does not make every view first and hold every
    // page's HTML at once (brief_views.cpp).
    list_search_files(out);
    return out;
}

json assembler::common(const page_job& job, const std::string& title, const std::string& description) const {
    const std::string root = root_of(job.url);
    json c;
    c["lang"] = job.lang;
    c["html_lang"] = job.lang.empty() ? "zh-Hans" : html_lang(job.lang);
    c["root"] = root;
    c["title"] = title;
    c["description"] = description;
    c["assets"] = asset_links(root);
    page_metadata(job, c);
    c["has_glossary"] = !site_.glossary.empty();
    if (!job.lang.empty()) {
        const std::string& lang = job.lang;  // `t` and `site` come from shared(lang)
        c["home_href"] = root + lang + "/";
        c["compare_href"] = root + lang + "/compare/";
        c["search_href"] = root + lang + "/search/";
        c["topics_href"] = site_.topics.empty() ? json(false) : json(root + lang + "/topics/");
        c["feed_href"] = root + lang + "/feed.xml";
        c["og"] = {{"type", job.kind == page_kind::region ? "article" : "website"},
                   {"locale", lang == "zh" ? "zh_CN" : "en_GB"}, {"locale_alternate", lang == "zh" ? "en_GB" : "zh_CN"}};
        c["glossary_href"] = root + lang + "/glossary/";
        const std::string to = other(lang);
        c["switch"] = {{"href", root + swap_lang(job.url, to)}, {"hreflang", html_lang(to)},
                       {"label", strings_.at(lang).value("switch_to", to)}};
    }
    return c;
}

const std::vector<const content::region*>& assembler::children(const std::string& lang, const std::string& id) const {
    static const std::vector<const content::region*> none;
    const auto& by_id = children_.at(lang);
    auto it = by_id.find(id);
    return it == by_id.end() ? none : it->second;
}

std::string assembler::generate(const page_job& job, const std::atomic<bool>* cancel) const {
    if (job.kind == page_kind::search_meta || job.kind == page_kind::search_chunk || job.kind == page_kind::search_texts) {
        return search_file(job, cancel);
    }
    if (job.kind == page_kind::share_image) return share_image(job);
    if (job.kind == page_kind::favicon) return share::icon_ico(32);
    return {};
}

json assembler::context(const page_job& job, core::diagnostics& diags, std::vector<std::string>* link_targets) const {
    switch (job.kind) {
        case page_kind::home: return home(job);
        case page_kind::region: return region_page(job, diags, link_targets);
        case page_kind::glossary: return glossary(job);
        case page_kind::root: return root(job);
        case page_kind::not_found: return not_found(job);
        case page_kind::sitemap:
        case page_kind::robots: return sitemap();
        case page_kind::feed: return feed(job);
        case page_kind::compare: return compare(job);
        case page_kind::topics: return topics_page(job);
        case page_kind::topic: return topic_page(job);
        case page_kind::search: return search_page(job);
        case page_kind::search_meta:
        case page_kind::search_chunk:
        case page_kind::search_texts:
        case page_kind::share_image:
        case page_kind::bundle_file:
        case page_kind::favicon: return json::object();
    }
    return json::object();
}

}  // namespace briefs::sitegraph::detail
