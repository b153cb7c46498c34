// output::build_cache and the packs it keeps: what a build remembers of an output folder.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "briefs/core/fs.hpp"
#include "briefs/output/build_cache.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;
namespace fs = std::filesystem;

namespace {

std::string key_for(const fs::path& out) { return nlohmann::json({out.string(), "test"}).dump(); }

std::vector<std::string> names(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("packs on disk are read back as written; a damaged pack ends at its damage") {
    temp_dir dir;
    output::file_packs packs(dir.path() / "cache" / "search-x");
    CHECK(packs.read("zh.parts").empty());  // none yet
    packs.write("zh.parts", {{"a|1", "bytes\nwith a newline"}, {"b|2", ""}, {"c|3", std::string("\0\x01", 2)}});
    const auto p = packs.read("zh.parts");
    CHECK(p.size() == 3);
    CHECK(p.at("a|1") == "bytes\nwith a newline");
    CHECK(p.at("b|2").empty());
    CHECK(p.at("c|3") == std::string("\0\x01", 2));
    CHECK(names(dir.path() / "cache") == std::vector<std::string>{"search-x-zh.parts"});  // no temporary file left

    // Cut in the middle of the second record's bytes: the first is kept, the rest is no record.
    const fs::path file = dir.path() / "cache" / "search-x-zh.parts";
    std::string why;
    std::string bytes = *core::read_file(file, why);
    REQUIRE(core::write_file(file, bytes.substr(0, bytes.find("b|2") + 4)).empty());
    const auto cut = packs.read("zh.parts");
    CHECK(cut.size() == 1);
    CHECK(cut.count("a|1"));
    REQUIRE(core::write_file(file, "not a pack").empty());
    CHECK(packs.read("zh.parts").empty());
}

TEST_CASE("packs in memory count their writes") {
    output::memory_packs packs;
    packs.write("en.buckets", {{"k", "v"}});
    packs.write("en.buckets", {{"k", "w"}});
    CHECK(packs.read("en.buckets").at("k") == "w");
    CHECK(packs.read("zh.buckets").empty());
    CHECK(packs.writes() == std::map<std::string, int>{{"en.buckets", 2}});
}

TEST_CASE("an entry is kept per output folder; pruning forgets only the entries of folders that are gone") {
    temp_dir dir;
    const fs::path cache_dir = dir.path() / ".briefs-cache";
    fs::create_directories(dir.path() / "site");
    fs::create_directories(dir.path() / "tmp-out");
    const output::build_cache site(cache_dir, dir.path() / "site", key_for(dir.path() / "site"));
    const output::build_cache tmp(cache_dir, dir.path() / "tmp-out", key_for(dir.path() / "tmp-out"));
    output::records r;
    r["zh/index.html"] = {"fp", "bh", "zh/", {}, {}, ""};
    site.save(r);
    tmp.save(r);
    auto tmp_packs = tmp.packs();
    tmp_packs.write("zh.parts", {{"k", "v"}});
    CHECK(tmp.load().at("zh/index.html").fingerprint == "fp");
    CHECK(names(cache_dir).size() == 5);  // two entries of records and folder, one pack

    // An entry whose records are damaged is still kept while its folder exists: pruning reads only
    // each entry's small folder file, never the records of another output folder.
    const fs::path tmp_records = cache_dir / ("build-" + core::hash_hex(key_for(dir.path() / "tmp-out")) + ".json");
    REQUIRE(fs::exists(tmp_records));
    REQUIRE(core::write_file(tmp_records, "{damaged").empty());
    site.prune_others();
    CHECK(names(cache_dir).size() == 5);

    // The temporary folder is removed: the next build of another folder forgets its entry and packs.
    fs::remove_all(dir.path() / "tmp-out");
    site.prune_others();
    CHECK(tmp.load().empty());
    CHECK(site.load().size() == 1);
    CHECK(names(cache_dir).size() == 2);

    // Records left by an older briefs (no folder file) are of no use to this one: forgotten too.
    REQUIRE(core::write_file(cache_dir / "build-0123.json", "{}").empty());
    site.prune_others();
    CHECK(names(cache_dir).size() == 2);

    // --clean forgets this folder's own entry.
    site.forget();
    CHECK(names(cache_dir).empty());
}
