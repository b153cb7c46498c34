// The build keeps slugs' words and collation keys in the memo its caller owns (`briefs serve` keeps
// one across rebuilds), not in function-static tables: the memo fills as a build makes anchors and
// sorts regions, and a build with a memo writes what a build without one writes.
#include <catch2/catch.hpp>

#include "briefs/i18n/text.hpp"
#include "briefs/output/sink.hpp"
#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;

namespace {

std::map<std::string, std::string> build(const test::temp_dir& dir, i18n::text_memo* memo) {
    sitegraph::build_options o;
    o.content_dir = dir.path() / "content";
    o.templates_dir = dir.path() / "templates";
    o.assets_dir = dir.path() / "assets";
    o.generator_id = "test";
    o.text_memo = memo;
    output::memory_sink out;
    core::diagnostics diags;
    const auto stats = sitegraph::render_site(o, out, diags);
    for (const auto& d : diags.items()) UNSCOPED_INFO(core::to_string(d));
    REQUIRE(stats);
    return out.files();
}

}  // namespace

TEST_CASE("a build keeps slugs' words and collation keys in its caller's memo") {
    auto files = test::minimal_content();
    for (auto& [path, text] : test::minimal_templates()) files[path] = text;
    const test::temp_dir dir(files);
    i18n::text_memo memo;
    const auto with = build(dir, &memo);
    // Anchors of the Chinese headings (slugs) and the regions' order in each language (collation keys).
    const std::size_t words = memo.words();
    CHECK(words > 0);
    CHECK(memo.sort_keys() == 4);  // 台州市, 临海市 and Taizhou, Linhai
    // A second build with the same memo finds every word and key there, and writes the same files.
    CHECK(build(dir, &memo) == with);
    CHECK(memo.words() == words);
    CHECK(memo.sort_keys() == 4);
    // Without a memo the build keeps its own, for itself: the same files.
    CHECK(build(dir, nullptr) == with);
}
