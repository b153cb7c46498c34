// How a brief's headings get their anchors and translations, and the checks of the English headings.
#include "pages.hpp"
#include "headings.hpp"

#include <algorithm>
#include <set>
#include "briefs/core/fs.hpp"
#include "briefs/core/url.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/markdown/render.hpp"

namespace briefs::sitegraph::detail {

using nlohmann::json;

void translation_warning(core::diagnostics& diags, const std::string& path, int line, int column, std::string message) {
    diags.add({path, line, column, core::severity::warning, std::move(message), "translation"});
}

std::set<std::string> figure_ids(const content::brief& b) {
    std::set<std::string> ids;
    for (std::size_t k = 0; k < b.metrics.size(); ++k) {
        ids.insert({"metric-" + b.metrics[k].id, "note-" + b.metrics[k].id});
        const std::string chart = "chart-" + std::to_string(k + 1);  // at most one chart per metric
        ids.insert({chart, chart + "-title", chart + "-desc"});
    }
    return ids;
}

heading_plan plan_headings(const std::string& lang, const content::brief& b, const assembler::anchors& a, bool report,
                           core::diagnostics& diags, json* toc, i18n::text_memo& memo) {
    heading_plan plan;
    auto st = std::make_shared<heading_state>();
    plan.state = st;
    st->used.assign(a.ids.size(), false);
    st->extra = id_set(figure_ids(b));
    for (const auto& id : a.ids) st->extra.unique(id, 0);
    // The table of contents is bilingual on both pages: each entry in the page's language (or Chinese,
    // when a heading has no translation), with the other language's heading under it.
    auto add_toc = [toc](int level, const std::string& id, const std::string& text, const std::string& text_lang,
                         const std::string* alt = nullptr, const char* alt_lang = "") {
        if (!toc || level < 2 || level > 3) return;
        toc->push_back({{"id", id}, {"text", text}, {"sub", level == 3}, {"lang", text_lang.empty() ? json(false) : json(text_lang)},
                        {"alt", alt ? json(*alt) : json(false)}, {"alt_lang", alt_lang}});
    };
    auto zh_span = [](const std::string& zh) { return " <span class=\"heading-zh\" lang=\"zh-Hans\">" + markdown::escape_html(zh) + "</span>"; };

    if (lang == "zh" || !b.body_en) {
        plan.markdown = &b.body_zh;
        plan.untranslated = lang == "en";
        plan.opts.on_heading = [&lang, &b, &a, report, &diags, &memo, st, add_toc, zh_span](const markdown::heading& h) {
            const std::size_t i = st->index++;
            markdown::heading_output o;
            o.id = i < a.ids.size() ? a.ids[i] : st->extra.unique(i18n::slugify(h.text, memo), i);
            st->given.zh_text.push_back(h.text);
            st->given.ids.push_back(o.id);
            const std::string* en = b.heading_en(h.text);
            if (!en && report && lang == "zh") {
                translation_warning(diags, b.body_zh_path, h.line, h.column, "heading \"" + h.text + "\" has no English translation in the brief's \"headings\" map");
            }
            if (lang == "zh") {
                if (en) o.extra_html = " <span class=\"heading-en\" lang=\"en\">" + markdown::escape_html(*en) + "</span>";
                add_toc(h.level, o.id, h.text, "", en, "en");
            } else if (en) {
                // The English heading, with the Chinese one (the body's own) under it.
                o.replace_text = *en;
                o.lang = "en";
                o.extra_html = zh_span(h.text);
                add_toc(h.level, o.id, *en, "", &h.text, "zh-Hans");
            } else {
                add_toc(h.level, o.id, h.text, "zh-Hans");
            }
            return o;
        };
        return plan;
    }

    plan.markdown = &*b.body_en;
    plan.opts.on_heading = [&b, &a, report, &diags, &memo, st, add_toc, zh_span](const markdown::heading& h) {
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
            o.id = st->extra.unique(i18n::slugify(h.text, memo), i);
        }
        st->english.push_back({h.line, h.column, h.text, match < a.ids.size() ? match : std::string::npos});
        // The Chinese heading it translates, under it: a reader can find the passage in the original.
        if (match < a.ids.size()) {
            o.extra_html = zh_span(a.zh_text[match]);
            add_toc(h.level, o.id, h.text, "", &a.zh_text[match], "zh-Hans");
        } else {
            add_toc(h.level, o.id, h.text, "");
        }
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
                 bool report, core::diagnostics& diags, i18n::text_memo& memo, const markdown::options* extra) {
    body out;
    heading_plan plan = plan_headings(lang, b, a, report, diags, &out.toc, memo);
    plan.opts.relative_prefix = link_prefix;
    if (extra) {
        plan.opts.on_file = extra->on_file;
        plan.opts.footnote_back_label = extra->footnote_back_label;
        plan.opts.with_inspection = extra->with_inspection && !plan.untranslated;
    }
    // The body's language names its footnotes (fn-zh-1, fn-en-1): two bodies on one page never collide.
    plan.opts.footnote_prefix = plan.untranslated ? "zh" : lang;
    out.untranslated = plan.untranslated;
    plan.opts.with_sections = true;
    auto r = markdown::render(*plan.markdown, plan.opts);
    out.html = std::move(r.html);
    out.links = std::move(r.links);
    out.sections = std::move(r.sections);
    if (plan.opts.with_inspection) out.found = std::move(r.found);
    out.anchors = std::move(plan.state->given);
    if (report && lang == "en" && !out.untranslated) check_alignment(b, a, *plan.state, diags);
    return out;
}

}  // namespace briefs::sitegraph::detail
