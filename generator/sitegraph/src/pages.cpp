// Which pages exist, where, and the data each template gets.
#include "pages.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>

#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"
#include "briefs/share/card.hpp"

namespace briefs::sitegraph::detail {
namespace {

using nlohmann::json;

class id_set {
public:
    std::string unique(std::string slug, std::size_t index) {
        if (slug.empty()) slug = "section-" + std::to_string(index + 1);
        std::string id = slug;
        for (int n = 2; !used_.insert(id).second; ++n) id = slug + "-" + std::to_string(n);
        return id;
    }

private:
    std::set<std::string> used_{"top", "main", "contents", "key-figures", "sources", "children", "briefs"};
};

struct body {
    std::string html;
    json toc = json::array();
    bool untranslated = false;          ///< an English page showing the Chinese body
    std::vector<markdown::link> links;  ///< the body's links, resolved from this page
};

void translation_warning(core::diagnostics& diags, const std::string& path, int line, int column, std::string message) {
    diags.add({path, line, column, core::severity::warning, std::move(message), "translation"});
}

/// What the heading hook learns while a body renders (shared by the hook and the checks after it).
struct heading_state {
    std::vector<bool> used;  ///< Chinese headings an English heading has taken
    id_set extra;            ///< ids for English headings that match no Chinese one
    std::size_t index = 0;
    struct seen {
        int line = 0, column = 0;
        std::string text;
        std::size_t match = 0;  ///< the Chinese heading it translates; npos when none
    };
    std::vector<seen> english;  ///< the English body's headings, in order
};

/// How a page shows a brief's headings: which body it shows, and a hook giving each heading its
/// anchor (shared by both languages) and, on English pages, its translation. Used to render the body
/// and to index its sections for search, so both agree.
struct heading_plan {
    const std::string* markdown = nullptr;
    bool untranslated = false;  ///< an English page showing the Chinese body
    markdown::options opts;
    std::shared_ptr<heading_state> state;
};

heading_plan plan_headings(const std::string& lang, const content::brief& b, const assembler::anchors& a, bool report,
                           core::diagnostics& diags, json* toc) {
    heading_plan plan;
    auto st = std::make_shared<heading_state>();
    plan.state = st;
    st->used.assign(a.ids.size(), false);
    for (const auto& id : a.ids) st->extra.unique(id, 0);
    auto add_toc = [toc](int level, const std::string& id, const std::string& text, const std::string& text_lang) {
        if (!toc || level < 2 || level > 3) return;
        toc->push_back({{"id", id}, {"text", text}, {"sub", level == 3}, {"lang", text_lang.empty() ? json(false) : json(text_lang)}});
    };

    if (lang == "zh" || !b.body_en) {
        plan.markdown = &b.body_zh;
        plan.untranslated = lang == "en";
        plan.opts.on_heading = [&lang, &b, &a, report, &diags, st, add_toc](const markdown::heading& h) {
            const std::size_t i = st->index++;
            markdown::heading_output o;
            o.id = i < a.ids.size() ? a.ids[i] : st->extra.unique(i18n::slugify(h.text), i);
            const std::string* en = b.heading_en(h.text);
            if (!en && report && lang == "zh") {
                translation_warning(diags, b.body_zh_path, h.line, h.column, "heading \"" + h.text + "\" has no English translation in the brief's \"headings\" map");
            }
            if (lang == "zh") {
                if (en) o.extra_html = " <span class=\"heading-en\" lang=\"en\">" + markdown::escape_html(*en) + "</span>";
                add_toc(h.level, o.id, h.text, "");
            } else if (en) {
                o.replace_text = *en;
                o.lang = "en";
                add_toc(h.level, o.id, *en, "");
            } else {
                add_toc(h.level, o.id, h.text, "zh-Hans");
            }
            return o;
        };
        return plan;
    }

    plan.markdown = &*b.body_en;
    plan.opts.on_heading = [&b, &a, report, &diags, st, add_toc](const markdown::heading& h) {
        const std::size_t i = st->index++;
        markdown::heading_output o;
        // The Chinese heading this one translates, by the headings map. Failing that, the Chinese heading
        // at the same position, but only one the map leaves untranslated: a heading the map translates
        // otherwise is never taken by a heading that is not its translation.
        std::size_t translates = a.ids.size();
        for (std::size_t j = 0; j < a.ids.size() && translates == a.ids.size(); ++j) {
            const std::string* en = b.heading_en(a.zh_text[j]);
            if (en && *en == h.text && !st->used[j]) translates = j;
        }
        for (std::size_t j = 0; j < a.ids.size() && translates == a.ids.size(); ++j) {
            const std::string* en = b.heading_en(a.zh_text[j]);
            if (en && *en == h.text) translates = j;  // already taken: a repeat
        }
        std::size_t match = a.ids.size();
        if (translates < a.ids.size()) {
            if (!st->used[translates]) match = translates;
            else if (report) {
                translation_warning(diags, b.body_en_path, h.line, h.column, "heading \"" + h.text + "\" repeats the translation of Chinese heading \"" +
                                                                                 a.zh_text[translates] + "\", which an earlier English heading already has");
            }
        } else if (i < a.ids.size() && !st->used[i] && !b.heading_en(a.zh_text[i])) {
            match = i;
            if (report) {
                translation_warning(diags, b.body_en_path, h.line, h.column, "heading \"" + h.text + "\" is not the translation of any Chinese heading in the \"headings\" map; it takes the anchor of Chinese heading " + std::to_string(i + 1) + " \"" + a.zh_text[i] + "\"");
            }
        } else if (report) {
            translation_warning(diags, b.body_en_path, h.line, h.column, "heading \"" + h.text + "\" is not the translation of any Chinese heading in the \"headings\" map: the English body has a heading the Chinese body does not");
        }
        if (match < a.ids.size()) {
            st->used[match] = true;
            o.id = a.ids[match];
        } else {
            o.id = st->extra.unique(i18n::slugify(h.text), i);
        }
        st->english.push_back({h.line, h.column, h.text, match < a.ids.size() ? match : std::string::npos});
        add_toc(h.level, o.id, h.text, "");
        return o;
    };
    return plan;
}

/// After an English body has rendered: a Chinese heading it has no heading for, and headings in
/// another order than the Chinese body's, are warnings at the English file's line, naming the Chinese
/// heading expected there.
void check_alignment(const content::brief& b, const assembler::anchors& a, const heading_state& st, core::diagnostics& diags) {
    const auto expected = [&](std::size_t j) {
        const std::string* en = b.heading_en(a.zh_text[j]);
        return "Chinese heading " + std::to_string(j + 1) + " \"" + a.zh_text[j] + "\"" + (en ? " (\"" + *en + "\")" : std::string());
    };
    std::size_t last = std::string::npos;  // the Chinese index of the previous matched English heading
    for (const auto& e : st.english) {
        if (e.match == std::string::npos) continue;
        if (last != std::string::npos && e.match < last) {
            translation_warning(diags, b.body_en_path, e.line, e.column, "heading \"" + e.text + "\" translates " + expected(e.match) +
                                                                             ", which the Chinese body has before " + expected(last) + ": the English headings are in another order");
        }
        last = last == std::string::npos ? e.match : std::max(last, e.match);
    }
    for (std::size_t j = 0; j < a.ids.size(); ++j) {
        if (st.used[j]) continue;
        // Where it was expected: before the first English heading that translates a later Chinese one.
        int line = 1, column = 1;
        for (const auto& e : st.english) {
            line = e.line;
            column = e.column;
            if (e.match != std::string::npos && e.match > j) break;
        }
        translation_warning(diags, b.body_en_path, line, column, "the English body has no heading for " + expected(j) +
                                                                     "; its section's link from the Chinese page leads nowhere");
    }
}

body render_body(const std::string& lang, const content::brief& b, const assembler::anchors& a, const std::string& link_prefix,
                 bool report, core::diagnostics& diags) {
    body out;
    heading_plan plan = plan_headings(lang, b, a, report, diags, &out.toc);
    plan.opts.relative_prefix = link_prefix;
    out.untranslated = plan.untranslated;
    auto r = markdown::render(*plan.markdown, plan.opts);
    out.html = std::move(r.html);
    out.links = std::move(r.links);
    if (report && lang == "en" && !out.untranslated) check_alignment(b, a, *plan.state, diags);
    return out;
}

std::string level_label(const content::ui_strings& ui, const std::string& level) {
    auto it = ui.strings.find("level_" + level);
    return it == ui.strings.end() ? level : it->second;
}

}  // namespace

assembler::assembler(const content::site_content& site, std::map<std::string, std::string> assets, std::string base_url,
                     bool preview, std::string shared_inputs, std::string generator_id, std::filesystem::path search_cache,
                     std::string inline_css)
    : site_(site), assets_(std::move(assets)), base_url_(std::move(base_url)), preview_(preview), shared_inputs_(std::move(shared_inputs)),
      generator_id_(std::move(generator_id)), search_cache_(std::move(search_cache)), inline_css_(std::move(inline_css)) {
    for (const auto& [lang, ui] : site_.ui) {
        json t = json::object();
        for (const auto& [k, v] : ui.strings) t[k] = v;
        strings_[lang] = std::move(t);
    }
    for (const auto& r : site_.regions) {
        for (const auto& b : r.briefs) brief_index_.emplace(&b, brief_index_.size());
    }
    std::string version = site_.topics_hash;
    for (const auto& r : site_.regions) {
        version += '|' + r.id + '|' + r.json_hash;
        for (const auto& b : r.briefs) version += ',' + b.bodies_hash;
    }
    content_version_ = core::hash_hex(version);
    jobs_ = list_pages();
    for (std::size_t i = 0; i < jobs_.size(); ++i) page_by_file_.emplace(jobs_[i].file, i);
    anchors_once_ = std::make_unique<std::once_flag[]>(brief_index_.size());
    anchors_.resize(brief_index_.size());
    // Collation order, once per language: siblings sorted by name, each followed by its own subtree.
    for (const auto& lang : site_.site.languages) {
        auto& by_parent = children_[lang];
        for (const auto& r : site_.regions) by_parent[r.parent].push_back(&r);
        for (auto& [parent, list] : by_parent) {
            std::vector<std::pair<std::string, const content::region*>> keyed;
            for (const content::region* r : list) keyed.emplace_back(i18n::sort_key(lang, r->name.in(lang)) + '\0' + r->id, r);
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
}

const assembler::anchors& assembler::anchors_of(const content::brief& b) const {
    const std::size_t i = brief_index_.at(&b);
    std::call_once(anchors_once_[i], [&] {
        id_set ids;
        const auto hs = markdown::headings(b.body_zh);
        for (std::size_t k = 0; k < hs.size(); ++k) {
            anchors_[i].zh_text.push_back(hs[k].text);
            anchors_[i].ids.push_back(ids.unique(i18n::slugify(hs[k].text), k));
        }
    });
    return anchors_[i];
}

void assembler::check_links(const page_job& job, const std::vector<markdown::link>& links, const std::string& source,
                            core::diagnostics& diags, std::vector<std::string>* link_targets) const {
    for (const auto& l : links) {
        auto error = [&](const std::string& message) { diags.add({source, l.line, l.column, core::severity::error, message, "links"}); };
        const std::string& url = l.url;
        if (url.empty()) {
            error("a link with no destination");
            continue;
        }
        if (url[0] == '/' ) {
            error("link \"" + url + "\" starts with '/': write it relative to the page (\"../linhai/\") so the site works under any path");
            continue;
        }
        const bool has_scheme = url.find(':') != std::string::npos && url.find(':') < url.find_first_of("/?#");
        if (has_scheme || url.starts_with("//")) continue;  // external: not checked here
        std::string path, fragment;
        if (url[0] == '#') {
            path = job.file;
            fragment = url.substr(1);
        } else if (auto t = core::resolve_in_site(job.url, url)) {
            path = std::move(t->file);
            fragment = std::move(t->fragment);
        } else {
            error("link \"" + url + "\" leads outside the site");
            continue;
        }
        if (link_targets && path != job.file) link_targets->push_back(path);
        const auto target = page_by_file_.find(path);
        if (target == page_by_file_.end()) {
            std::string msg = "link \"" + url + "\" leads to " + path + ", which is not a page of the site";
            if (!path.ends_with("index.html")) msg += " (a page's address ends with '/')";
            error(msg);
            continue;
        }
        const page_job& to = jobs_[target->second];
        if (!to.lang.empty() && to.lang != job.lang) {
            error("link \"" + url + "\" leads from a " + std::string(job.lang == "zh" ? "Chinese" : "English") +
                  " page into the other language's pages; link within the language (readers switch with the language switcher)");
            continue;
        }
        if (!fragment.empty() && !page_ids(to).count(fragment)) {
            error("link \"" + url + "\": " + path + " has no section \"#" + fragment + "\"");
        }
    }
}

std::string assembler::targets_state(const std::vector<std::string>& link_targets) const {
    std::string state;
    for (const auto& file : link_targets) {
        state += file;
        const auto target = page_by_file_.find(file);
        if (target == page_by_file_.end()) {
            state += "|missing\n";
            continue;
        }
        const page_job& to = jobs_[target->second];
        state += '|' + to.lang;
        for (const auto& id : page_ids(to)) state += '|' + id;
        state += '\n';
    }
    return core::hash_hex(state);
}

std::set<std::string> assembler::page_ids(const page_job& job) const {
    std::set<std::string> ids{"main"};
    switch (job.kind) {
        case page_kind::region: {
            ids.insert({"key-figures", "contents", "sources", "children", "briefs"});
            const auto& a = anchors_of(*job.brief);
            ids.insert(a.ids.begin(), a.ids.end());
            for (const auto& m : job.brief->metrics) ids.insert("metric-" + m.id);
            break;
        }
        case page_kind::home:
            for (const auto& r : site_.regions) {
                if (r.parent.empty()) ids.insert("group-" + r.id);
            }
            break;
        case page_kind::glossary:
            for (const auto& g : site_.glossary) ids.insert(g.id);
            break;
        default:
            break;
    }
    return ids;
}

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

std::string assembler::fingerprint(const page_job& job) const {
    if (job.kind == page_kind::share_image) {
        // Not the templates or assets: a stylesheet edit does not redraw thousands of images.
        const auto& r = *job.region;
        return core::hash_hex("share|" + generator_id_ + '|' + job.file + '|' + site_.site_hash + '|' + site_.ui_hash.at(job.lang) + '|' + r.json_hash);
    }
    if (job.kind == page_kind::favicon) return core::hash_hex("favicon|" + generator_id_);
    // Everything a page shows comes from these inputs; when in doubt, a page depends on more, never less.
    std::string in = shared_inputs_ + '|' + base_url_ + '|' + site_.site_hash + '|' + job.file + '|' + job.template_name;
    for (const auto& [lang, hash] : site_.ui_hash) {
        if (job.lang.empty() || job.lang == lang) in += '|' + hash;
    }
    in += site_.glossary.empty() ? "|no-glossary" : "|glossary";
    auto names = [&](const content::region& r) { in += '|' + r.id + '|' + r.name.zh + '|' + r.name.en + '|' + r.level; };
    switch (job.kind) {
        case page_kind::region: {
            in += '|' + job.region->json_hash + '|' + job.brief->bodies_hash + '|' + site_.topics_hash;
            for (const auto& b : job.region->briefs) in += ',' + b.bodies_hash;  // the series table, the brief list
            std::size_t steps = 0;  // the breadcrumb: every ancestor's name
            for (const content::region* p = site_.find_region(job.region->parent); p && steps++ <= site_.regions.size(); p = site_.find_region(p->parent)) names(*p);
            in += "|children";
            for (const content::region* c : children(site_.site.languages.front(), job.region->id)) names(*c);
            break;
        }
        case page_kind::home:  // every region's card
        case page_kind::compare:  // every region's headline figures
            for (const auto& r : site_.regions) in += '|' + r.id + '|' + r.json_hash;
            break;
        case page_kind::feed:  // every brief's title, date and description (an earlier brief's comes from its body)
            for (const auto& r : site_.regions) {
                in += '|' + r.id + '|' + r.json_hash;
                for (const auto& b : r.briefs) {
                    if (&b != &r.latest()) in += ',' + b.bodies_hash;  // the latest brief's summary is the region's
                }
            }
            break;
        case page_kind::glossary:
            in += '|' + site_.glossary_hash;
            break;
        case page_kind::topics:
        case page_kind::topic:  // sections (anchors come from the bodies) and metrics of every brief
        case page_kind::search:
        case page_kind::search_index:
            in += '|' + content_version_;
            break;
        case page_kind::sitemap:
        case page_kind::robots:  // the list of pages
            for (const auto& r : site_.regions) {
                in += '|' + r.id;
                for (const auto& b : r.briefs) in += ',' + b.period;
            }
            in += '|' + site_.topics_hash;
            break;
        case page_kind::root:
        case page_kind::not_found:
        case page_kind::share_image:
        case page_kind::favicon:
            break;
    }
    return core::hash_hex(in);
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
    // The search indexes first: each is one long job, started first so that pages fill the other cores.
    for (const auto& lang : site_.site.languages) out.push_back({page_kind::search_index, lang, lang + "/search/", lang + "/search/index.js", ""});
    out.push_back({page_kind::root, "", "", "index.html", "root.html"});
    out.push_back({page_kind::not_found, "", "", "404.html", "404.html"});
    // A sitemap needs absolute URLs: none without a base URL (notes() says so).
    if (!base_url_.empty()) out.push_back({page_kind::sitemap, "", "", "sitemap.xml", "sitemap.xml"});
    out.push_back({page_kind::favicon, "", "", "favicon.ico", ""});
    out.push_back({page_kind::robots, "", "", "robots.txt", "robots.txt"});
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
        for (const auto& id : b.headline) headline.push_back(metric_card(lang, *b.find_metric(id), b, ui));
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

json assembler::region_page(const page_job& job, core::diagnostics& diags, std::vector<std::string>* link_targets) const {
    const std::string& lang = job.lang;
    const auto& ui = site_.ui.at(lang);
    const content::region& r = *job.region;
    const content::brief& b = *job.brief;
    const bool latest = &b == &r.latest();
    std::string title = brief_title(lang, r, b);
    if (!latest) title += " (" + b.period + ")";
    // The page's metadata (description, og:*, share image) is this brief's own, not the latest one's.
    json c = common(job, title, brief_description(lang, r, b));
    const std::string root = root_of(job.url);
    c["region"] = {{"id", r.id}, {"name", r.name.in(lang)}, {"level", level_label(ui, r.level)}, {"summary", r.summary.in(lang)}};
    if (const std::string image = share_image_url(lang, r, b); !image.empty()) {
        c["og"]["image"] = {{"url", image}, {"width", share::width}, {"height", share::height},
                            {"alt", r.name.in(lang) + " · " + b.period + " · " + b.title.in(lang)}};
    }
    c["draft"] = preview_ && (r.draft || b.draft);

    json crumbs = json::array();
    crumbs.push_back({{"name", ui.strings.at("home")}, {"href", root + lang + "/"}});
    std::vector<const content::region*> chain;
    for (const content::region* p = site_.find_region(r.parent); p && chain.size() <= site_.regions.size(); p = site_.find_region(p->parent)) chain.push_back(p);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) crumbs.push_back({{"name", (*it)->name.in(lang)}, {"href", root + lang + "/regions/" + (*it)->id + "/"}});
    crumbs.push_back({{"name", r.name.in(lang)}, {"href", latest ? json(false) : json(root + lang + "/regions/" + r.id + "/")}});
    c["breadcrumb"] = crumbs;

    c["brief"] = {{"period", b.period}, {"title", b.title.in(lang)}, {"date", i18n::format_date(lang, b.date)},
                  {"date_iso", b.date}, {"latest", latest}, {"latest_href", root + lang + "/regions/" + r.id + "/"}};

    // The headline metrics as large cards, then every other figure as compact cards.
    json cards = json::array();
    json more = json::array();
    for (const auto& id : b.headline) cards.push_back(metric_card(lang, *b.find_metric(id), b, ui));
    for (const auto& m : b.metrics) {
        if (std::find(b.headline.begin(), b.headline.end(), m.id) == b.headline.end()) more.push_back(metric_card(lang, m, b, ui));
    }
    c["has_cards"] = !cards.empty() || !more.empty();
    c["cards"] = cards;
    c["more_cards"] = more;
    c["has_more_cards"] = !more.empty();
    c["chart"] = change_chart(lang, b, ui);

    // Links in the Markdown are written for the region's own page; an earlier brief is one folder deeper.
    const body bd = render_body(lang, b, anchors_of(b), latest ? "" : "../", true, diags);
    // A body's links are checked on the page of its own language (a Chinese body shown on an English
    // page would only repeat the Chinese page's findings).
    if (!bd.untranslated) check_links(job, bd.links, lang == "zh" ? b.body_zh_path : b.body_en_path, diags, link_targets);
    if (lang == "zh" && r.source) {
        const auto& a = anchors_of(b);
        for (const auto& h : b.headings) {
            if (std::find(a.zh_text.begin(), a.zh_text.end(), h.zh) != a.zh_text.end()) continue;
            const auto pos = r.source->position(b.pointer + "/headings/" + core::json_source::escape_key(h.zh));
            translation_warning(diags, r.path, pos.line, pos.column, "the headings map translates \"" + h.zh + "\", which is not a heading of " + b.body_zh_path);
        }
    }
    c["body"] = bd.html;
    c["toc"] = bd.toc;
    c["has_toc"] = !bd.toc.empty();
    c["untranslated"] = bd.untranslated;
    c["body_lang"] = bd.untranslated ? json("zh-Hans") : json(false);

    json sources = json::array();
    for (const auto& s : b.sources) {
        json authors = json::array();
        for (const auto& a : s.authors) authors.push_back({{"name", a.name.in(lang)}, {"role", a.role.in(lang)}});
        sources.push_back({{"title", s.title.in(lang)}, {"original", lang == "zh" ? json(false) : json(s.title.zh)},
                           {"publisher", s.publisher.in(lang)}, {"authors", authors}, {"has_authors", !authors.empty()},
                           {"date", s.date.empty() ? json(false) : json(i18n::format_date(lang, s.date))},
                           {"url", s.url.empty() ? json(false) : json(s.url)}});
    }
    c["sources"] = sources;

    json children = json::array();
    for (const content::region* ch : this->children(lang, r.id)) {
        children.push_back({{"name", ch->name.in(lang)}, {"level", level_label(ui, ch->level)}, {"href", root + lang + "/regions/" + ch->id + "/"}});
    }
    c["children"] = children;
    c["has_children"] = !children.empty();

    json others = json::array();
    for (auto it = r.briefs.rbegin(); it != r.briefs.rend(); ++it) {
        others.push_back({{"period", it->period}, {"title", it->title.in(lang)}, {"href", root + brief_url(lang, r, *it)}, {"current", &*it == &b}});
    }
    c["briefs"] = others;
    c["has_briefs"] = r.briefs.size() > 1;
    c["topics"] = brief_topics(lang, b, root);
    c["has_topics"] = !c["topics"].empty();
    c["series"] = series_table(lang, r);
    return c;
}

json assembler::brief_topics(const std::string& lang, const content::brief& b, const std::string& root) const {
    std::set<std::string> used;
    for (const auto& st : b.topics) used.insert(st.topics.begin(), st.topics.end());
    for (const auto& m : b.metrics) used.insert(m.topics.begin(), m.topics.end());
    json out = json::array();
    for (const auto& t : site_.topics) {
        if (used.count(t.id)) out.push_back({{"name", t.name.in(lang)}, {"href", root + lang + "/topics/" + t.id + "/"}});
    }
    return out;
}

json assembler::series_table(const std::string& lang, const content::region& r) const {
    if (r.briefs.size() < 2) return false;
    const auto& ui = site_.ui.at(lang);
    // Series in the order the latest brief lists them, then those only earlier briefs have.
    std::vector<std::string> order;
    for (auto b = r.briefs.rbegin(); b != r.briefs.rend(); ++b) {
        for (const auto& m : b->metrics) {
            if (std::find(order.begin(), order.end(), m.series_id()) == order.end()) order.push_back(m.series_id());
        }
    }
    json periods = json::array();
    for (const auto& b : r.briefs) periods.push_back(b.period);
    json rows = json::array();
    for (const auto& id : order) {
        std::vector<const content::metric*> cells;
        std::size_t present = 0;
        const content::metric* last = nullptr;
        bool same_unit = true;
        for (const auto& b : r.briefs) {
            const content::metric* found = nullptr;
            for (const auto& m : b.metrics) {
                if (m.series_id() == id) found = &m;
            }
            cells.push_back(found);
            if (!found) continue;
            if (last && last->unit != found->unit) same_unit = false;
            ++present;
            last = found;
        }
        if (present < 2 || !same_unit) continue;
        json row = {{"label", last->label.in(lang)}, {"cells", json::array()}};
        const content::metric* first = nullptr;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (!cells[i]) {
                row["cells"].push_back({{"empty", true}});
                continue;
            }
            if (!first) first = cells[i];
            json card = metric_card(lang, *cells[i], r.briefs[i], ui);
            card["period"] = r.briefs[i].period;
            // The qualifier in the language's brackets: （目标） / (target).
            if (cells[i]->note) card["note_text"] = lang == "zh" ? "（" + cells[i]->note->zh + "）" : "(" + cells[i]->note->en + ")";
            row["cells"].push_back(card);
        }
        // Levels (not rates of change) get the difference between the first and the last period (a
        // percentage's in points).
        row["moved"] = last->is_change() || first == last
                           ? json(false)
                           : change_figure(lang, ui, last->value - first->value, last->unit == "percent" ? "point_change" : last->unit, last->polarity);
        rows.push_back(row);
    }
    if (rows.empty()) return false;
    return {{"periods", periods}, {"rows", rows}, {"first", r.briefs.front().period}, {"last", r.briefs.back().period}};
}

json assembler::glossary(const page_job& job) const {
    const std::string& lang = job.lang;
    json c = common(job, strings_.at(lang).value("glossary", "Glossary"), strings_.at(lang).value("glossary_intro", ""));
    std::vector<std::pair<std::string, const content::glossary_term*>> terms;
    for (const auto& g : site_.glossary) terms.emplace_back(i18n::sort_key(lang, lang == "zh" ? g.zh : g.en), &g);
    std::sort(terms.begin(), terms.end());
    json list = json::array();
    for (const auto& [key, g] : terms) {
        list.push_back({{"id", g->id}, {"zh", g->zh}, {"pinyin", g->pinyin}, {"en", g->en}, {"explanation", g->explanation.in(lang)}});
    }
    c["terms"] = list;
    return c;
}

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
                json card = metric_card(lang, *m, b, ui);
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
                if (lists_topic(m.topics, t.id)) metrics.push_back(metric_card(lang, m, *b, ui));
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

json assembler::search_page(const page_job& job) const {
    json c = common(job, strings_.at(job.lang).value("search", "Search"), strings_.at(job.lang).value("search_intro", ""));
    c["is_search"] = true;  // the page has its own search box: none in the header
    c["index_src"] = "index.js?v=" + content_version_.substr(0, 12);
    return c;
}

namespace {

/// A JSON string (nlohmann's escaping), with `<`, `>` and `&` escaped too, so that no text of the
/// content can close a script element or look like markup wherever the index ends up, and U+2028/2029
/// (line ends in old JavaScript) escaped.
void append_json(std::string& out, const std::string& s) {
    const std::string quoted = json(s).dump();
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        const char ch = quoted[i];
        if (ch == '<') out += "\\u003c";
        else if (ch == '>') out += "\\u003e";
        else if (ch == '&') out += "\\u0026";
        else if (ch == '\xE2' && i + 2 < quoted.size() && quoted[i + 1] == '\x80' && (quoted[i + 2] == '\xA8' || quoted[i + 2] == '\xA9')) {
            out += quoted[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else {
            out += ch;
        }
    }
}

/// One brief's part of a search index, as JSON: `{"docs": [[url, region, period, heading, text], …],
/// "terms": {"term": [doc, weight, doc, weight, …], …}}`, document numbers local to the brief.
/// It depends only on the region's JSON (names, summary, headings), the bodies and whether the brief
/// is the latest (its URL, the summary), so it is kept for the process: a preview's rebuild segments
/// only the briefs that changed, and the index is the concatenation of the parts.
class search_parts_memo {
public:
    template <typename Make>
    std::shared_ptr<const std::string> get(const std::string& key, Make make) {
        {
            std::lock_guard lock(mutex_);
            if (auto it = memo_.find(key); it != memo_.end()) return it->second;
        }
        auto part = std::make_shared<const std::string>(make());
        std::lock_guard lock(mutex_);
        if (memo_.size() > 100'000) memo_.clear();  // bounded: briefs of sites long edited away
        memo_.emplace(key, part);
        return part;
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const std::string>> memo_;
};

/// The parts of a previous build's index, kept in one file per language between runs of `briefs
/// build`: records of `key\n<length>\n<bytes>`. Keys hold no newline (ids, periods and hashes).
/// A damaged or missing file is an empty one.
std::unordered_map<std::string, std::string> read_search_pack(const std::filesystem::path& path) {
    std::unordered_map<std::string, std::string> parts;
    std::string why;
    const auto bytes = core::read_file(path, why, 4ull << 30);
    if (!bytes) return parts;
    const std::string& b = *bytes;
    for (std::size_t at = 0; at < b.size();) {
        const auto key_end = b.find('\n', at);
        const auto len_end = key_end == std::string::npos ? std::string::npos : b.find('\n', key_end + 1);
        if (len_end == std::string::npos) break;
        std::size_t length = 0;
        const auto [end, error] = std::from_chars(b.data() + key_end + 1, b.data() + len_end, length);
        if (error != std::errc() || end != b.data() + len_end || length > b.size() - len_end - 1) break;
        parts.emplace(b.substr(at, key_end - at), b.substr(len_end + 1, length));
        at = len_end + 1 + length;
    }
    return parts;
}

void write_search_pack(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::shared_ptr<const std::string>>>& parts) {
    std::string out;
    std::size_t size = 0;
    for (const auto& [key, part] : parts) size += key.size() + part->size() + 24;
    out.reserve(size);
    for (const auto& [key, part] : parts) out.append(key).append("\n").append(std::to_string(part->size())).append("\n").append(*part);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const auto tmp = path.string() + ".tmp";
    if (core::write_file(tmp, out).empty()) std::filesystem::rename(tmp, path, ec);
}

}  // namespace

std::string assembler::search_index(const page_job& job, const std::atomic<bool>* cancel) const {
    static search_parts_memo memo;
    const std::filesystem::path pack_path = search_cache_.empty() ? std::filesystem::path() : std::filesystem::path(search_cache_.string() + "-" + job.lang + ".pack");
    const auto pack = pack_path.empty() ? std::unordered_map<std::string, std::string>() : read_search_pack(pack_path);
    std::vector<std::pair<std::string, std::shared_ptr<const std::string>>> used;
    const std::string& lang = job.lang;
    // One document per section of every brief (and one for the brief itself: its title, the region's
    // summary, the text before the first heading), regions in the home page's order, newest brief first.
    std::vector<std::shared_ptr<const std::string>> parts;
    std::size_t bytes = 0;
    for (const content::region* r : ordered_regions(lang)) {
        if (cancel && cancel->load()) return {};  // Ctrl-C: the build is abandoned, do not finish a long job
        for (auto b = r->briefs.rbegin(); b != r->briefs.rend(); ++b) {
            const bool latest = &*b == &r->latest();
            const std::string key = lang + '|' + r->id + '|' + r->json_hash + '|' + b->period + '|' + b->bodies_hash + (latest ? "|latest" : "");
            parts.push_back(memo.get(generator_id_ + '|' + key, [&] {
                if (auto it = pack.find(key); it != pack.end()) return it->second;
                const std::string url = brief_url(lang, *r, *b);
                core::diagnostics ignored;
                auto plan = plan_headings(lang, *b, anchors_of(*b), false, ignored, nullptr);
                auto sections = markdown::sections(*plan.markdown, plan.opts);
                for (auto& p : sections) p.text = i18n::join_lines(p.text);
                std::string intro = latest ? r->summary.in(lang) : std::string();
                if (!sections.empty() && sections.front().source.level == 0) {
                    intro = i18n::join_lines(intro + (intro.empty() ? "" : "\n") + sections.front().text);
                    sections.erase(sections.begin());
                }
                std::string docs = "{\"docs\":[";
                std::map<std::string, std::vector<std::uint32_t>> terms;  // sorted: the output is deterministic
                std::uint32_t n = 0;
                auto add = [&](const std::string& doc_url, const std::string& heading, const std::string& text, const std::string& names) {
                    std::unordered_map<std::string, std::uint32_t> counts;
                    for (auto& w : i18n::search_terms(lang, text)) ++counts[std::move(w)];
                    for (auto& w : i18n::search_terms(lang, heading + ' ' + names)) counts[std::move(w)] += 3;  // a heading or a name counts more
                    for (auto& [w, c] : counts) {
                        if (w == "__proto__") continue;  // in an object literal it would set the object's prototype
                        auto& list = terms[w];
                        list.push_back(n);
                        list.push_back(c);
                    }
                    docs += n++ ? ",[" : "[";
                    for (const std::string* field : {&doc_url, &r->name.in(lang), &b->period, &heading, &text}) {
                        if (field != &doc_url) docs += ',';
                        append_json(docs, *field);
                    }
                    docs += ']';
                };
                add(url, b->title.in(lang), intro, r->name.zh + ' ' + r->name.en);
                for (const auto& p : sections) add(url + "#" + p.id, p.title, p.text, r->name.in(lang));
                docs += "],\"terms\":{";
                bool first = true;
                for (const auto& [term, list] : terms) {
                    if (!first) docs += ',';
                    first = false;
                    append_json(docs, term);
                    docs += ":[";
                    for (std::size_t i = 0; i < list.size(); ++i) {
                        if (i) docs += ',';
                        docs += std::to_string(list[i]);
                    }
                    docs += ']';
                }
                return docs + "}}";
            }));
            bytes += parts.back()->size() + 1;
            if (!pack_path.empty()) used.emplace_back(key, parts.back());
        }
    }
    // Written again only when it changed (a brief edited, added or removed).
    if (!pack_path.empty() && (pack.size() != used.size() || std::any_of(used.begin(), used.end(), [&](const auto& u) { return !pack.count(u.first); }))) {
        write_search_pack(pack_path, used);
    }
    // A script, not JSON: a <script> element loads it from any host and from disk (file://), where
    // fetch() is not allowed. search.js numbers the documents across parts when it loads.
    std::string out = "window.briefsSearchIndex={\"lang\":";
    out.reserve(bytes + 64);
    append_json(out, lang);
    out += ",\"parts\":[";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += ',';
        out += *parts[i];
    }
    return out + "]};\n";
}

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

std::string assembler::generate(const page_job& job, const std::atomic<bool>* cancel) const {
    if (job.kind == page_kind::search_index) return search_index(job, cancel);
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
        case page_kind::search_index:
        case page_kind::share_image:
        case page_kind::favicon: return json::object();
    }
    return json::object();
}

}  // namespace briefs::sitegraph::detail
