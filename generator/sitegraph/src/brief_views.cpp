// A brief's body as each language's page shows it, made once per build from one parse of its
// Markdown: the HTML and contents for its page, its links for the link checks, its sections for the
// search index, its opening text for feeds and descriptions, and (from the Chinese body) the section
// anchors that both languages' pages, topic pages and links from other briefs use. Beside it, what
// the brief says of itself (title, description, share image and its alt text), for its page and feeds.
#include "headings.hpp"
#include "pages.hpp"

#include "briefs/content/bundle.hpp"
#include "briefs/i18n/text.hpp"

namespace briefs::sitegraph::detail {

const assembler::brief_view& assembler::view(const content::brief& b, const std::string& lang) const {
    const std::size_t i = view_index(b, lang);
    std::call_once(view_once_[i], [&] {
        const content::region& r = *brief_region_.at(i / 2);
        const bool latest = &b == &r.latest();
        // The Chinese view names the anchors itself (as its headings come); the English one takes them.
        static const anchors none;
        const anchors& a = lang == "zh" ? none : anchors_of(b);
        markdown::options files = bundle_options(lang, r, root_of(brief_url(lang, r, b)));
        files.with_inspection = true;  // the checks of what the body references, from this same parse
        core::diagnostics found;
        body bd = render_body(lang, b, a, latest ? "" : "../", true, found, *text_memo_, &files);
        brief_view& v = views_[i];
        v.html = std::move(bd.html);
        v.toc = std::move(bd.toc);
        v.untranslated = bd.untranslated;
        v.links = std::move(bd.links);
        for (const auto& s : bd.sections) {
            if (std::string text = i18n::join_lines(s.text); !text.empty()) {
                v.opening = std::move(text);
                break;
            }
        }
        v.sections = std::move(bd.sections);
        if (lang == "zh") v.anchors = std::move(bd.anchors);
        v.findings = found.items();
        if (bd.found) {
            auto checked = content::check_body(r, lang == "zh" ? b.body_zh_path : b.body_en_path, *bd.found);
            v.findings.insert(v.findings.end(), std::make_move_iterator(checked.findings.begin()), std::make_move_iterator(checked.findings.end()));
            v.used = std::move(checked.used);
            // A reference reported here (a file that is not there) is not checked again as a link to a page.
            std::erase_if(v.links, [&](const markdown::link& l) { return checked.refused.count({l.line, l.column}) > 0; });
        }
    });
    return views_[i];
}

const assembler::brief_own& assembler::own(const content::brief& b, const std::string& lang) const {
    const std::size_t i = view_index(b, lang);
    std::call_once(own_once_[i], [&] {
        const content::region& r = *brief_region_.at(i / 2);
        const bool latest = &b == &r.latest();
        brief_own& o = views_[i].own;
        o.title = brief_title(lang, r, b);
        o.page_title = latest ? o.title : o.title + " (" + b.period + ")";
        // The region's summary describes the region as its latest brief tells it; an earlier brief is
        // described by its own opening text. An English page without an English body shows the Chinese
        // one: its description is its title.
        if (latest) o.summary = r.summary.in(lang);
        else if (lang == "zh" || b.body_en) o.summary = view(b, lang).opening;
        if (o.summary.empty()) o.summary = o.page_title;
        o.description = i18n::truncate(lang, o.summary, lang == "zh" ? 80 : 160);
        o.image = share_image_url(lang, r, b);
        o.image_alt = r.name.in(lang) + " · " + b.period + " · " + b.title.in(lang);
    });
    return views_[i].own;
}

std::string assembler::take_html(const content::brief& b, const std::string& lang) const {
    (void)view(b, lang);
    std::lock_guard lock(take_mutex_);
    return std::move(views_[view_index(b, lang)].html);
}

std::vector<markdown::section> assembler::take_sections(const content::brief& b, const std::string& lang) const {
    (void)view(b, lang);
    std::lock_guard lock(take_mutex_);
    return std::move(views_[view_index(b, lang)].sections);
}

}  // namespace briefs::sitegraph::detail
