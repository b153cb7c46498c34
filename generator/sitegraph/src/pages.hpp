#pragma once
// Internal to sitegraph: the page list and the data each template receives.
#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <set>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/model.hpp"
#include "briefs/core/diagnostic.hpp"
#include "briefs/markdown/render.hpp"
#include "briefs/templates/engine.hpp"
#include "cards.hpp"
#include "search_index.hpp"

namespace briefs::i18n {
class text_memo;
}

namespace briefs::sitegraph::detail {

enum class page_kind { root, home, region, glossary, not_found, sitemap, robots, feed, compare, topics, topic, search, search_meta, search_chunk, search_texts, share_image, favicon, bundle_file };

struct page_job {
    page_kind kind = page_kind::home;
    std::string lang;        ///< "zh" or "en"; "" for root, 404, sitemap and robots
    std::string url;         ///< folder URL relative to the site root ("zh/regions/linhai/"); "" for the root
    std::string file;        ///< output file relative to the site root
    std::string template_name;  ///< "" for a file the assembler makes itself (see generate)
    const content::region* region = nullptr;
    const content::brief* brief = nullptr;
    const content::topic* topic = nullptr;
    const content::bundle_file* bundle = nullptr;  ///< a file beside a brief (bundle_files.cpp)
    std::uint32_t number = 0;  ///< a search file's bucket or brief number
};

inline const char* html_lang(const std::string& lang) { return lang == "zh" ? "zh-Hans" : "en"; }
inline std::string other(const std::string& lang) { return lang == "zh" ? "en" : "zh"; }

/// "../../" for a page at "zh/regions/" (each folder level is one step up).
inline std::string root_of(const std::string& url) {
    std::string r;
    for (char c : url) {
        if (c == '/') r += "../";
    }
    return r;
}

/// The same page in the other language: "zh/regions/x/" → "en/regions/x/".
inline std::string swap_lang(const std::string& url, const std::string& to) {
    return url.size() >= 3 && url[2] == '/' ? to + url.substr(2) : url;
}

/// The brief's changes as diverging bar charts (geometry for templates/partials/chart.html), one per
/// basis (year on year, so far this year, since a start, to date, a stated period: only like with
/// like), each with its id and title; empty when the brief has no change to show.
nlohmann::json change_charts(const std::string& lang, const content::brief& b, const content::ui_strings& ui);

/// What a metric's change is measured against, in the language: its basis_note, else the basis's name.
std::string basis_text(const std::string& lang, const content::metric& m, const content::ui_strings& ui);

/// The number of a metric's note on its brief's page: the headline metrics first, then the others in
/// file order (as the page lists its cards and table rows).
std::size_t note_number(const content::brief& b, const content::metric& m);

/// A card's numbered note: the card's data plus the quoted phrase (and, on English pages, its English
/// rendering), the article it comes from, and links between the note and the card.
nlohmann::json figure_note(const std::string& lang, const content::metric& m, const content::brief& b,
                           const nlohmann::json& card, std::size_t number);

/// A signed change as the templates show it: arrow, direction word, amount with the unit's suffix, and
/// good/bad/neutral by polarity.
nlohmann::json change_figure(const std::string& lang, const content::ui_strings& ui, double value, const std::string& unit,
                             const std::string& polarity);

/// The name of a region's level ("county") in the interface language.
std::string level_label(const content::ui_strings& ui, const std::string& level);

/// Builds page lists and template data for one loaded site.
class assembler {
public:
    /// `shared_inputs` is a hash of what every page depends on (templates, assets, generator, options).
    /// `inline_css` is the stylesheet's text, inlined into 404.html (served at any depth of any path).
    /// `text_memo` keeps slugs' words and collation keys (the caller's, kept across builds; null: the
    /// assembler keeps its own, for this build).
    assembler(const content::site_content& site, std::map<std::string, std::string> assets, std::string base_url,
              bool preview, std::string shared_inputs, std::string generator_id = "", output::pack_store* search_store = nullptr,
              std::string inline_css = {}, sitegraph::search_memo* search_memo = nullptr, i18n::text_memo* text_memo = nullptr,
              unsigned threads = 0);
    ~assembler();
    assembler(const assembler&) = delete;
    assembler& operator=(const assembler&) = delete;

    /// The file a page bundle's job copies (the sink copies it: nothing of it passes through here), or
    /// null for any other job.
    [[nodiscard]] const content::bundle_file* bundle_source(const page_job& job) const;
    /// What the folders of the regions hold that cannot be published or that no body uses.
    [[nodiscard]] const std::vector<core::diagnostic>& bundle_findings() const { return bundle_findings_; }

    /// Every page and file of the site, computed once by the constructor.
    [[nodiscard]] const std::vector<page_job>& pages() const { return jobs_; }
    /// A hash of every input the page's bytes depend on: equal fingerprints, equal pages.
    [[nodiscard]] std::string fingerprint(const page_job& job) const;
    /// The template data of one page. Findings (e.g. an untranslated heading, a broken link) go to
    /// `diags`; the pages its links lead to (files), to `link_targets` when given.
    [[nodiscard]] nlohmann::json context(const page_job& job, core::diagnostics& diags,
                                         std::vector<std::string>* link_targets = nullptr) const;
    /// What a page's link checks depend on in other pages: whether each target exists, its language and
    /// its section ids (for a brief's page, the hashes of its region.json and bodies, which they come
    /// from: no view is made for it). A page whose own inputs did not change is checked again when this changes.
    [[nodiscard]] std::string targets_state(const std::vector<std::string>& link_targets) const;
    /// Checks the links page `job`'s templates made (`html` is the rendered page; `engine` finds where
    /// a template wrote a link, for the message), against every file of the site; links to `body_targets` (files the page's Markdown
    /// links lead to) were checked in the Markdown and are skipped.
    void check_template_links(const page_job& job, std::string_view html, const templates::engine& engine,
                              const std::string& template_path, const std::vector<std::string>& body_targets,
                              core::diagnostics& diags) const;
    /// The bytes of a file made without a template (a search index, a share image). Long jobs stop
    /// early (returning anything) once `cancel` is true: the caller then fails the build.
    [[nodiscard]] std::string generate(const page_job& job, const std::atomic<bool>* cancel = nullptr) const;
    /// The data every page of a language shares (interface strings, site title), to be converted once.
    [[nodiscard]] nlohmann::json shared(const std::string& lang) const;
    /// Findings about the site as a whole (once per build, whatever is rendered): without a base URL,
    /// the files that need absolute URLs are left out. `site_json` is where they are reported.
    void notes(const std::string& site_json, core::diagnostics& diags) const;

private:
    nlohmann::json asset_links(const std::string& prefix) const;
    nlohmann::json common(const page_job& job, const std::string& title, const std::string& description) const;
    nlohmann::json home(const page_job& job) const;
    nlohmann::json region_page(const page_job& job, core::diagnostics& diags, std::vector<std::string>* link_targets) const;
    nlohmann::json glossary(const page_job& job) const;
    nlohmann::json root(const page_job& job) const;
    nlohmann::json not_found(const page_job& job) const;
    nlohmann::json sitemap() const;
    nlohmann::json feed(const page_job& job) const;
    /// The metadata of a page (metadata.cpp): canonical URL, hreflang alternates, whether it is indexed.
    void page_metadata(const page_job& job, nlohmann::json& c) const;
    /// Whether search engines may index the page: then it is in the sitemap, with its alternates.
    bool indexable(const page_job& job) const;
    /// The hreflang alternates of an indexable page (absolute URLs: only with a base URL).
    nlohmann::json alternates(const page_job& job) const;
    /// A permanent, site-unique id for a feed or a feed entry (`path` such as "zh/regions/taizhou/2025").
    std::string feed_id(const std::string& path) const;
    nlohmann::json compare(const page_job& job) const;
    nlohmann::json topics_page(const page_job& job) const;
    nlohmann::json topic_page(const page_job& job) const;
    nlohmann::json search_page(const page_job& job) const;
    // The search index (search_index.cpp, search_parts.cpp).
    void prepare_search(output::pack_store* store, sitegraph::search_memo* memo);
    void list_search_files(std::vector<page_job>& out) const;
    std::string search_file(const page_job& job, const std::atomic<bool>* cancel) const;
    search_part make_search_part(const std::string& lang, const content::region& r, const content::brief& b) const;
    std::shared_ptr<const search_part> search_part_of(search_language& L, std::size_t n) const;
    void merge_search(search_language& L, const std::atomic<bool>* cancel) const;
    void merge_bucket(search_language& L, std::uint32_t k) const;
    std::string share_image(const page_job& job) const;
    /// The URL of a brief's share image; "" when there is none (no base URL: platforms need absolute ones).
    std::string share_image_url(const std::string& lang, const content::region& r, const content::brief& b) const;
    /// The topics of a brief (its sections' and metrics'), in the taxonomy's order.
    nlohmann::json brief_topics(const std::string& lang, const content::brief& b, const std::string& root) const;
    /// The sections of a brief about a topic: (Chinese heading, anchor), in file order. A heading the
    /// body does not have is left out (the region's page reports it).
    std::vector<std::pair<std::string, std::string>> topic_sections(const content::brief& b, const std::string& topic) const;
    /// How a region's comparable metrics (one series) moved from brief to brief; false when none did.
    nlohmann::json series_table(const std::string& lang, const content::region& r) const;
    /// Every region in the language's collation order, each city followed by the regions below it.
    const std::vector<const content::region*>& ordered_regions(const std::string& lang) const { return ordered_.at(lang); }
    /// A region's children in the language's collation order.
    const std::vector<const content::region*>& children(const std::string& lang, const std::string& id) const;
    std::vector<page_job> list_pages() const;
    /// Page bundles (bundle_files.cpp): which files of each region's folder its bodies use, from the
    /// views of every brief of a region that has files (made now, on `threads`), and the folder's findings;
    /// a job per used file, its bytes, and how a page at `root` links to them.
    void check_bundles(unsigned threads);
    void bundle_jobs(std::vector<page_job>& out) const;

    markdown::options bundle_options(const std::string& lang, const content::region& r, const std::string& root) const;
    /// A brief's title that names its region once (whether or not the title already does).
    std::string brief_title(const std::string& lang, const content::region& r, const content::brief& b) const;
    std::string brief_url(const std::string& lang, const content::region& r, const content::brief& b) const;

    const content::site_content& site_;
    std::unique_ptr<i18n::text_memo> own_text_memo_;  ///< when the caller gives none
    i18n::text_memo* text_memo_ = nullptr;            ///< slugs' words and collation keys
    std::map<std::string, std::string> assets_;  ///< "style.css" → "assets/style.1a2b3c4d.css"
    std::set<std::string> asset_files_;          ///< "assets/style.1a2b3c4d.css", …
    std::string base_url_;                       ///< "" or ends with '/'
    bool preview_ = false;                       ///< drafts are shown, with a badge
    std::string shared_inputs_;
    std::string generator_id_;     ///< what share images depend on besides content (not the templates)
    std::shared_ptr<search_state> search_;  ///< this build's search index, made by its jobs
    std::string inline_css_;       ///< the stylesheet, for 404.html
    std::string content_version_;  ///< a hash of every region's content: what search and topic pages depend on
    std::map<std::string, nlohmann::json> strings_;  ///< lang → the `t` object
    std::map<std::string, std::vector<const content::region*>> ordered_;  ///< lang → regions, computed once
    std::map<std::string, std::map<std::string, std::vector<const content::region*>>> children_;  ///< lang → id → children
    std::vector<std::set<std::string>> bundle_used_;  ///< by region (as in site_.regions): the files its bodies use
    std::vector<core::diagnostic> bundle_findings_;

public:
    /// The section anchors of a brief, from its Chinese headings, shared by both languages' pages.
    struct anchors {
        std::vector<std::string> zh_text;
        std::vector<std::string> ids;
    };
    [[nodiscard]] const anchors& anchors_of(const content::brief& b) const;

    /// What a brief says of itself in one language: its page's title and metadata (description, og:*,
    /// share image) and its feed entry, each the brief's own (not its region's latest brief's).
    struct brief_own {
        std::string title;        ///< the brief's title, naming its region once (a feed entry's)
        std::string page_title;   ///< the title, with the period for an earlier brief (its page's)
        std::string summary;      ///< the region's summary for the latest brief, else the opening text of the
                                  ///< body in the language, else the page title (a feed entry's summary)
        std::string description;  ///< the summary cut to fit a meta description
        std::string image;        ///< the share image's URL; "" when none (no base URL, or a preview)
        std::string image_alt;    ///< its text alternative
    };

    /// A brief's body as its page in one language shows it, made from one parse of the Markdown per
    /// language per build (brief_views.cpp), whoever asks first: the page, the search index or a feed.
    struct brief_view {
        std::string html;  ///< taken by the brief's page (take_html)
        nlohmann::json toc;
        bool untranslated = false;                ///< an English page showing the Chinese body
        std::vector<markdown::link> links;        ///< resolved from the brief's page
        std::vector<markdown::section> sections;  ///< taken by the search index (take_sections)
        std::string opening;                      ///< the text before the first heading, else the first section's
        assembler::anchors anchors;               ///< the Chinese view's: the brief's section anchors
        std::vector<core::diagnostic> findings;   ///< what rendering it found (reported by its page)
        std::set<std::string> used;               ///< the files of the region's folder its body uses (not for a body in another language)
        brief_own own;                            ///< made by own(), which parses the body only when it must
    };
    [[nodiscard]] const brief_view& view(const content::brief& b, const std::string& lang) const;
    /// The brief's own title, description, image and alt text in a language, made once per build for its
    /// page and the feed. Only an earlier brief's description needs its body (its opening text): the
    /// latest brief's is its region's summary, and is made without parsing the body.
    [[nodiscard]] const brief_own& own(const content::brief& b, const std::string& lang) const;
    /// A metric's card in a language, made once per build (home, brief, compare and topic pages, the
    /// series table and the share image all show it).
    [[nodiscard]] const card& card_of(const std::string& lang, const content::metric& m, const content::brief& b) const;
    /// The view's HTML, moved out (its one reader is the brief's page: the site is not held in memory).
    [[nodiscard]] std::string take_html(const content::brief& b, const std::string& lang) const;
    /// The view's sections, moved out (their one reader is the search index).
    [[nodiscard]] std::vector<markdown::section> take_sections(const content::brief& b, const std::string& lang) const;

private:
    void check_links(const page_job& job, const std::vector<markdown::link>& links, const std::string& source,
                     core::diagnostics& diags, std::vector<std::string>* link_targets) const;
    std::set<std::string> page_ids(const page_job& job) const;
    /// Where brief `b`'s view in `lang` is kept: two per brief, zh then en.
    std::size_t view_index(const content::brief& b, const std::string& lang) const { return 2 * brief_index_.at(&b) + (lang == "zh" ? 0 : 1); }

    std::vector<page_job> jobs_;                                  ///< every page, for link checks
    std::unordered_map<std::string, std::size_t> page_by_file_;  ///< file → index in jobs_
    std::unordered_map<const content::brief*, std::size_t> brief_index_;
    std::vector<const content::region*> brief_region_;  ///< by brief index
    mutable std::unique_ptr<std::once_flag[]> view_once_;  ///< two per brief: zh, en
    mutable std::unique_ptr<std::once_flag[]> own_once_;   ///< the same, for brief_view::own
    mutable std::vector<brief_view> views_;
    mutable std::mutex take_mutex_;
    mutable std::shared_mutex cards_mutex_;
    mutable std::unordered_map<const content::metric*, std::unique_ptr<const card>> cards_[2];  ///< zh, en
};

}  // namespace briefs::sitegraph::detail
