// Golden sites: tests/sites/<name>/input/content is built with the project's templates and assets,
// and must give exactly tests/sites/<name>/expected/ (every file, every byte).
// To accept a change on purpose:  BRIEFS_UPDATE_GOLDEN=1 ctest -L golden   (then review the diff).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;
namespace fs = std::filesystem;

TEST_CASE("golden sites") {
    const fs::path sites = fs::path(BRIEFS_TEST_DATA_DIR) / "sites";
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(sites)) {
        if (e.is_directory()) cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE_FALSE(cases.empty());
    const bool update = std::getenv("BRIEFS_UPDATE_GOLDEN") != nullptr;
    for (const auto& dir : cases) {
        DYNAMIC_SECTION(dir.filename().string()) {
            sitegraph::build_options o;
            o.content_dir = dir / "input" / "content";
            o.templates_dir = test::project_dir() / "templates";
            o.assets_dir = test::project_dir() / "assets";
            o.base_url = "https://example.org/briefs/";
            output::memory_sink sink;
            core::diagnostics diags;
            const auto stats = sitegraph::render_site(o, sink, diags);
            for (const auto& d : diags.items()) UNSCOPED_INFO(core::to_string(d));
            REQUIRE(stats);
            const fs::path expected = dir / "expected";
            if (update) {
                fs::remove_all(expected);
                for (const auto& [rel, bytes] : sink.files()) {
                    fs::create_directories((expected / rel).parent_path());
                    std::ofstream(expected / rel, std::ios::binary) << bytes;
                }
            }
            const auto want = test::read_tree(expected);
            std::vector<std::string> got_names, want_names;
            for (const auto& [k, v] : sink.files()) got_names.push_back(k);
            for (const auto& [k, v] : want) want_names.push_back(k);
            CHECK(got_names == want_names);
            for (const auto& [rel, bytes] : sink.files()) {
                INFO(rel << " differs from " << (expected / rel).string() << "; if the change is intended, run BRIEFS_UPDATE_GOLDEN=1 ctest -L golden");
                auto it = want.find(rel);
                if (it == want.end()) continue;
                if (rel.ends_with(".png")) {
                    // Share images depend on the machine's fonts (fontconfig): the same size and format are
                    // expected here; their drawing is tested in tests/unit/share.
                    REQUIRE(bytes.size() > 24);
                    CHECK(bytes.substr(0, 8) == it->second.substr(0, 8));
                    CHECK(bytes.substr(12, 12) == it->second.substr(12, 12));  // IHDR: width, height, depth, colour type
                    continue;
                }
                CHECK(bytes == it->second);
            }
        }
    }
}
