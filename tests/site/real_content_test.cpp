// The real content/: what every published brief must have (issue 3), and that it builds.
#include <catch2/catch.hpp>

#include <set>

#include "briefs/content/load.hpp"
#include "briefs/i18n/text.hpp"
#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;

namespace {
const content::site_content& real() {
    static core::diagnostics diags;
    static const auto site = content::load(test::project_dir() / "content", diags);
    if (!site) {
        for (const auto& d : diags.items()) UNSCOPED_INFO(core::to_string(d));
    }
    REQUIRE(site);
    return *site;
}
}  // namespace

TEST_CASE("real content: every region and brief is complete in both languages") {
    const auto& site = real();
    CHECK(site.regions.size() == 16);
    std::size_t briefs = 0;
    for (const auto& r : site.regions) {
        INFO(r.id);
        CHECK_FALSE(r.name.zh.empty());
        CHECK_FALSE(r.name.en.empty());
        CHECK_FALSE(r.summary.zh.empty());
        CHECK_FALSE(r.summary.en.empty());
        for (const auto& b : r.briefs) {
            ++briefs;
            INFO(b.period);
            CHECK(b.body_en.has_value());
            CHECK_FALSE(b.sources.empty());
            for (const auto& m : b.metrics) {
                INFO(m.id);
                CHECK_FALSE(m.label.zh.empty());
                CHECK_FALSE(m.label.en.empty());
                CHECK(b.find_source(m.source) != nullptr);
            }
            for (const auto& id : b.headline) CHECK(b.find_metric(id) != nullptr);
        }
    }
    CHECK(briefs == 18);
}

TEST_CASE("real content: every Chinese heading is translated, and only those") {
    // Building reports an untranslated heading, or an English heading that translates none, as a warning.
    test::temp_dir out;
    sitegraph::build_options o;
    o.content_dir = test::project_dir() / "content";
    o.templates_dir = test::project_dir() / "templates";
    o.assets_dir = test::project_dir() / "assets";
    o.base_url = "https://example.org/briefs/";  // without one, a warning says what is left out
    output::memory_sink sink;
    core::diagnostics diags;
    const auto stats = sitegraph::render_site(o, sink, diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(stats);
    CHECK(diags.empty());
    CHECK(stats->pages == 2 + 2 * (18 + 3 + 1 + 1 + 12));  // root, 404; per language 18 briefs, home, compare, glossary, search, topics and 12 topic pages
}

TEST_CASE("real content: the glossary") {
    const auto& site = real();
    CHECK(site.glossary.size() >= 25);
    std::set<std::string> zh, en;
    for (const auto& g : site.glossary) {
        INFO(g.id);
        CHECK(zh.insert(g.zh).second);
        CHECK(en.insert(g.en).second);
        CHECK_FALSE(g.pinyin.empty());
        CHECK_FALSE(g.explanation.zh.empty());
        CHECK_FALSE(g.explanation.en.empty());
    }
}

namespace {
/// The number a card shows, read back: "1853.7万" → 18537000, "18.537 million" → 18537000.
double read_back(std::string shown) {
    double scale = 1;
    for (const auto& [word, factor] : std::vector<std::pair<std::string, double>>{
             {"万", 1e4}, {"亿", 1e8}, {" thousand", 1e3}, {" million", 1e6}, {" billion", 1e9}, {" trillion", 1e12}}) {
        if (shown.size() > word.size() && shown.ends_with(word)) {
            shown.resize(shown.size() - word.size());
            scale = factor;
        }
    }
    std::erase(shown, ',');
    std::size_t used = 0;
    const double v = std::stod(shown, &used);
    REQUIRE(used == shown.size());
    return v * scale;
}
}  // namespace

TEST_CASE("real content: every card shows its figure with every digit the source gives, in both languages") {
    std::size_t figures = 0;
    for (const auto& r : real().regions) {
        for (const auto& b : r.briefs) {
            for (const auto& m : b.metrics) {
                INFO(r.id << " " << b.period << " " << m.id << " = " << m.value);
                CHECK(m.significant_digits == 0);  // the real briefs round nothing
                for (const char* lang : {"zh", "en"}) {
                    std::vector<double> published{m.value};
                    if (m.change) published.push_back(*m.change);
                    if (m.previous) published.push_back(*m.previous);
                    for (const double v : published) {
                        const std::string shown = i18n::format_number(lang, std::fabs(v), m.significant_digits);
                        INFO(lang << ": " << shown);
                        CHECK(read_back(shown) == Approx(std::fabs(v)).epsilon(1e-12));
                        ++figures;
                    }
                }
            }
        }
    }
    CHECK(figures >= 2 * 147);
}
