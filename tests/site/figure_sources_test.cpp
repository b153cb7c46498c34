// The real content/, built: every figure of every brief page, in both languages, leads to its source
// and the phrase quoted from it; every change shows its basis; English pages show the Chinese headings.
#include <catch2/catch.hpp>

#include <string>

#include "briefs/content/load.hpp"
#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;

namespace {

// The strictness switch: false requires a metric's English rendering on the English page only where
// region.json gives one (evidence_en); true requires every metric of the real content to have one.
constexpr bool every_metric_has_evidence_en = true;

/// What the templates write for a value (kainjow mustache's escaping).
std::string escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string element(const std::string& html, const std::string& open, const std::string& close) {
    const auto at = html.find(open);
    if (at == std::string::npos) return "";
    return html.substr(at, html.find(close, at) - at);
}

struct real_site {
    content::site_content content;
    std::map<std::string, std::string> files;
};

const real_site& built() {
    static const real_site site = [] {
        real_site s;
        core::diagnostics diags;
        auto loaded = content::load(test::project_dir() / "content", diags);
        REQUIRE(loaded);
        s.content = *loaded;
        sitegraph::build_options o;
        o.content_dir = test::project_dir() / "content";
        o.templates_dir = test::project_dir() / "templates";
        o.assets_dir = test::project_dir() / "assets";
        output::memory_sink sink;
        REQUIRE(sitegraph::render_site(o, sink, diags));
        s.files = sink.files();
        return s;
    }();
    return site;
}

std::string page_of(const std::string& lang, const content::region& r, const content::brief& b) {
    return lang + "/regions/" + r.id + "/" + (&b == &r.latest() ? "" : b.period + "/") + "index.html";
}

}  // namespace

TEST_CASE("real content: every figure leads to its article and the phrase quoted from it, in both languages", "[project-templates]") {
    const auto& site = built();
    std::size_t notes = 0;
    for (const auto& r : site.content.regions) {
        for (const auto& b : r.briefs) {
            for (const char* lang : {"zh", "en"}) {
                const std::string path = page_of(lang, r, b);
                INFO(path);
                REQUIRE(site.files.count(path));
                const std::string& html = site.files.at(path);
                for (const auto& m : b.metrics) {
                    INFO(m.id);
                    // The card (a headline card, or a row of the table of further figures) links to its note.
                    const bool headline = std::find(b.headline.begin(), b.headline.end(), m.id) != b.headline.end();
                    const std::string card = element(html, (headline ? "<li class=\"card" : "<tr") + std::string(" id=\"metric-") + m.id + "\"",
                                                     headline ? "</li>" : "</tr>");
                    const std::string card_any = card.empty() ? element(html, "id=\"metric-" + m.id + "\"", headline ? "</li>" : "</tr>") : card;
                    REQUIRE_FALSE(card_any.empty());
                    CHECK(card_any.find("href=\"#note-" + m.id + "\"") != std::string::npos);
                    // The note: back to the card, the article as in Sources, the phrase in Chinese.
                    const std::string note = element(html, "<li id=\"note-" + m.id + "\">", "</li>");
                    REQUIRE_FALSE(note.empty());
                    CHECK(note.find("<a href=\"#metric-" + m.id + "\">") != std::string::npos);
                    const content::source* s = b.find_source(m.source);
                    REQUIRE(s);
                    CHECK(note.find(escaped(s->title.in(lang))) != std::string::npos);
                    CHECK(note.find(escaped(s->publisher.in(lang))) != std::string::npos);
                    CHECK_FALSE(m.evidence.empty());  // every real metric quotes its article
                    CHECK(note.find("<q lang=\"zh-Hans\">" + escaped(m.evidence) + "</q>") != std::string::npos);
                    if (std::string(lang) == "en" && (every_metric_has_evidence_en || !m.evidence_en.empty())) {
                        CHECK_FALSE(m.evidence_en.empty());
                        CHECK(note.find("<q>" + escaped(m.evidence_en) + "</q>") != std::string::npos);
                    }
                    // A change says what it is measured against.
                    if (m.is_change() || m.change) {
                        const std::string basis = m.basis_note ? m.basis_note->in(lang) : site.content.ui.at(lang).strings.at("basis_" + m.basis);
                        CHECK(card_any.find(escaped(basis)) != std::string::npos);
                    }
                    ++notes;
                }
            }
        }
    }
    CHECK(notes >= 2 * 147);
}

TEST_CASE("real content: every English brief page shows its Chinese headings, marked as Chinese", "[project-templates]") {
    const auto& site = built();
    for (const auto& r : site.content.regions) {
        for (const auto& b : r.briefs) {
            const std::string path = page_of("en", r, b);
            INFO(path);
            const std::string& html = site.files.at(path);
            REQUIRE_FALSE(b.headings.empty());
            for (const auto& h : b.headings) {
                INFO(h.zh);
                CHECK(html.find("<span class=\"heading-zh\" lang=\"zh-Hans\">" + escaped(h.zh) + "</span></h") != std::string::npos);
                CHECK(html.find("<span class=\"toc-alt\" lang=\"zh-Hans\">" + escaped(h.zh) + "</span>") != std::string::npos);
            }
        }
    }
}
