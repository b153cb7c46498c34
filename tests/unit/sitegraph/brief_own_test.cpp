// What a brief says of itself (its page's title, description, share image and alt text, its feed
// entry) is made once per build per language, in the brief's view, and is the brief's own: an
// earlier brief is described by its own body, not by its region's latest brief.
#include <catch2/catch.hpp>

#include "briefs/content/load.hpp"
#include "briefs/markdown/render.hpp"
#include "inline_site.hpp"
#include "pages.hpp"

using namespace briefs;
using briefs::sitegraph::detail::assembler;

TEST_CASE("a brief's own title, description, image and alt text, from its view") {
    auto files = test::minimal_content();
    auto& region = files["content/regions/taizhou/region.json"];
    region = test::replace_once(region, "\"briefs\": [\n", R"("briefs": [
    {
      "period": "2019",
      "title": {"zh": "台州二〇一九", "en": "Taizhou in 2019"},
      "date": "2020-01",
      "sources": [{"id": "old", "title": {"zh": "旧文", "en": "Old piece"}, "publisher": {"zh": "报社", "en": "Paper"}, "authors": []}],
      "headline": ["gangs"],
      "metrics": [{"id": "gangs", "label": {"zh": "黑恶团伙", "en": "Gangs"}, "value": 62, "unit": "count", "polarity": "neutral", "source": "old"}],
      "headings": {}
    },
)");
    files["content/regions/taizhou/2019.zh.md"] = "二〇一九年台州打掉黑恶团伙六十二个。\n";
    const test::temp_dir dir(files);
    core::diagnostics diags;
    const auto site = content::load(dir.path() / "content", diags);
    REQUIRE(site);
    const content::region& taizhou = *site->find_region("taizhou");
    const content::brief& earlier = taizhou.briefs.front();
    const content::brief& latest = taizhou.latest();
    REQUIRE(&earlier != &latest);
    const assembler a(*site, {}, "https://example.org/", false, "inputs");

    const auto before = markdown::documents_parsed();
    const auto& now = a.own(latest, "en");
    CHECK(markdown::documents_parsed() == before);  // the latest brief is described by its region's summary
    CHECK(now.title == "Safety work in Taizhou");  // names its region already
    CHECK(now.page_title == now.title);
    CHECK(now.summary == "Taizhou keeps building safety; criminal cases fell 16.7%.");
    CHECK(now.description == now.summary);
    CHECK(now.image == "https://example.org/en/regions/taizhou/share.png");
    CHECK(now.image_alt == "Taizhou · 2025 · Safety work in Taizhou");

    const auto& zh = a.own(earlier, "zh");
    CHECK(markdown::documents_parsed() == before + 1);  // its opening text: one parse, its view's
    CHECK(zh.title == "台州市：台州二〇一九");
    CHECK(zh.page_title == "台州市：台州二〇一九 (2019)");
    CHECK(zh.summary == "二〇一九年台州打掉黑恶团伙六十二个。");
    CHECK(zh.image == "https://example.org/zh/regions/taizhou/2019/share.png");
    CHECK(&a.own(earlier, "zh") == &zh);  // made once
    CHECK(markdown::documents_parsed() == before + 1);
    // No English body: the English page shows the Chinese one and is described by its title.
    const auto& en = a.own(earlier, "en");
    CHECK(en.summary == "Taizhou in 2019 (2019)");
    CHECK(en.image_alt == "Taizhou · 2019 · Taizhou in 2019");
    CHECK(markdown::documents_parsed() == before + 1);
}
