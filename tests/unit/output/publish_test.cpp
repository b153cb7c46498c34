#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <thread>

#include "briefs/core/fs.hpp"
#include "briefs/output/publish.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;
namespace fs = std::filesystem;
using mode = output::publication::mode;

namespace {

/// Publishes `files` into `out` in one publication; returns whether it committed.
bool publish(const fs::path& out, mode m, const test::files& files, core::diagnostics& d) {
    auto p = output::publication::begin(out, m, d);
    if (!p) return false;
    for (const auto& [rel, bytes] : files) {
        if (!p->write(rel, bytes).empty()) return false;
    }
    return p->commit(d);
}

ino_t inode(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_ino;
}

}  // namespace

TEST_CASE("a site is replaced in one step, or not at all") {
    temp_dir dir;
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    REQUIRE(publish(out, mode::replace, {{"sitemap.xml", "one"}, {"zh/index.html", "zh"}}, d));
    CHECK(dir.read("site/sitemap.xml") == "one");
    std::string why;
    CHECK(output::read_manifest(out, why) == std::set<std::string>{"sitemap.xml", "zh/index.html"});
    SECTION("an abandoned build leaves the old site and no staging folder") {
        {
            auto s = output::publication::begin(out, mode::replace, d);
            REQUIRE(s);
            s->write("sitemap.xml", "two");
        }
        CHECK(dir.read("site/sitemap.xml") == "one");
        CHECK(test::read_tree(dir.path()).size() == 3);  // two files and the manifest
    }
    SECTION("a new site replaces the old one, and removed files do not linger") {
        REQUIRE(publish(out, mode::replace, {{"sitemap.xml", "two"}}, d));
        CHECK(dir.read("site/sitemap.xml") == "two");
        CHECK_FALSE(fs::exists(out / "zh"));
        CHECK(test::read_tree(dir.path()).size() == 2);
    }
    SECTION("leftovers of a killed build are cleaned") {
        fs::create_directories(dir.path() / "site.staging-999999999");
        auto s = output::publication::begin(out, mode::replace, d);
        CHECK_FALSE(fs::exists(dir.path() / "site.staging-999999999"));
    }
}

TEST_CASE("a folder briefs did not make is never written into") {
    // A Hugo site's public/ folder, which has a sitemap.xml too.
    temp_dir dir(test::files{{"public/sitemap.xml", "<urlset/>"}, {"public/precious.txt", "keep"}, {"public/posts/a.html", "a"}});
    core::diagnostics d;
    CHECK_FALSE(output::publication::begin(dir.path() / "public", mode::replace, d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].message.find("is not a site built by briefs") != std::string::npos);
    CHECK(test::read_tree(dir.path()).size() == 3);
    CHECK(dir.read("public/precious.txt") == "keep");
    SECTION("an empty folder is fine") {
        fs::create_directories(dir.path() / "empty");
        core::diagnostics d2;
        CHECK(publish(dir.path() / "empty", mode::replace, {{"index.html", "x"}}, d2));
    }
}

TEST_CASE("files briefs did not write survive every build") {
    temp_dir dir;
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    REQUIRE(publish(out, mode::replace, {{"index.html", "1"}, {"zh/index.html", "zh1"}}, d));
    // A deployment's files, put there after the first build.
    dir.write("site/CNAME", "briefs.example.org");
    dir.write("site/.nojekyll", "");
    dir.write("site/.git/config", "[core]");
    dir.write("site/.git/objects/ab/cdef", "object");
    dir.write("site/zh/notes.txt", "hand-written");
    fs::create_symlink("index.html", out / "home.html");
    const auto foreign = [&] {
        CHECK(dir.read("site/CNAME") == "briefs.example.org");
        CHECK(fs::exists(out / ".nojekyll"));
        CHECK(dir.read("site/.git/config") == "[core]");
        CHECK(dir.read("site/.git/objects/ab/cdef") == "object");
        CHECK(dir.read("site/zh/notes.txt") == "hand-written");
        CHECK(fs::read_symlink(out / "home.html") == "index.html");
    };
    SECTION("a clean build (replace) keeps them, and drops only briefs' old files") {
        REQUIRE(publish(out, mode::replace, {{"index.html", "2"}, {"en/index.html", "en2"}}, d));
        foreign();
        CHECK(dir.read("site/index.html") == "2");
        CHECK_FALSE(fs::exists(out / "zh/index.html"));
        std::string why;
        CHECK(output::read_manifest(out, why) == std::set<std::string>{"en/index.html", "index.html"});
    }
    SECTION("an incremental build (update) keeps them") {
        auto p = output::publication::begin(out, mode::update, d);
        REQUIRE(p);
        CHECK(p->foreign().count(".git/config"));
        CHECK(p->write("index.html", "2").empty());
        CHECK(p->remove("zh/index.html").empty());
        CHECK(p->remove("zh/notes.txt").empty());  // not briefs': left alone
        REQUIRE(p->commit(d));
        foreign();
        CHECK(dir.read("site/index.html") == "2");
        CHECK_FALSE(fs::exists(out / "zh/index.html"));
    }
    SECTION("a build never overwrites one of them") {
        auto p = output::publication::begin(out, mode::replace, d);
        REQUIRE(p);
        const auto err = p->write("CNAME", "other");
        CHECK(err.find("was not written by briefs") != std::string::npos);
        CHECK(dir.read("site/CNAME") == "briefs.example.org");
    }
}

TEST_CASE("an incremental publication stages changes on hard links and shows them only at commit") {
    temp_dir dir;
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    REQUIRE(publish(out, mode::replace, {{"a.html", "a1"}, {"b.html", "b1"}}, d));
    const auto a_before = inode(out / "a.html");
    const auto b_before = inode(out / "b.html");
    auto p = output::publication::begin(out, mode::update, d);
    REQUIRE(p);
    CHECK(inode(p->folder() / "a.html") == a_before);  // carried over as a link: no bytes copied
    CHECK(p->write("a.html", "a2").empty());
    CHECK(dir.read("site/a.html") == "a1");  // the published file was not written through the link
    REQUIRE(p->commit(d));
    CHECK(dir.read("site/a.html") == "a2");
    CHECK(dir.read("site/b.html") == "b1");
    CHECK(inode(out / "b.html") == b_before);
    CHECK_FALSE(fs::exists(p->folder()));
}

TEST_CASE("a file kept beside the content is copied into the staged site, never through a link, never over a file briefs did not write") {
    temp_dir dir(test::files{{"content/patrol.png", "png bytes"}, {"content/v2.png", "new bytes"}});
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    {
        auto p = output::publication::begin(out, mode::replace, d);
        REQUIRE(p);
        CHECK(p->copy("files/taizhou/patrol.1a2b.png", dir.path() / "content/patrol.png").empty());
        REQUIRE(p->commit(d));
    }
    CHECK(dir.read("site/files/taizhou/patrol.1a2b.png") == "png bytes");
    CHECK(inode(out / "files/taizhou/patrol.1a2b.png") != inode(dir.path() / "content/patrol.png"));  // a copy, not a link to the content
    auto p = output::publication::begin(out, mode::update, d);
    REQUIRE(p);
    CHECK(p->copy("files/taizhou/patrol.1a2b.png", dir.path() / "content/v2.png").empty());
    CHECK(dir.read("site/files/taizhou/patrol.1a2b.png") == "png bytes");  // the published file untouched until commit
    CHECK_FALSE(p->copy("x.png", dir.path() / "content/missing.png").empty());  // an error sentence, not a throw
    REQUIRE(p->commit(d));
    CHECK(dir.read("site/files/taizhou/patrol.1a2b.png") == "new bytes");
    CHECK(dir.read("content/patrol.png") == "png bytes");
}

TEST_CASE("a damaged manifest is an error, not a licence") {
    temp_dir dir(test::files{{"site/.briefs-manifest.json", "{not json"}, {"site/x.html", "x"}});
    core::diagnostics d;
    CHECK_FALSE(output::publication::begin(dir.path() / "site", mode::replace, d));
    REQUIRE(d.has_errors());
    CHECK(dir.read("site/x.html") == "x");
}

TEST_CASE("one build at a time per output folder") {
    temp_dir dir;
    const fs::path out = dir.path() / "site";
    core::diagnostics d;
    auto held = output::folder_lock::acquire(out, nullptr, {}, d);
    REQUIRE(held);
    // A second build waits; here it is told so, and is cancelled while it waits.
    std::atomic<bool> cancel{false};
    bool waited = false;
    core::diagnostics d2;
    std::thread other([&] {
        auto second = output::folder_lock::acquire(out, &cancel, [&] { waited = true; cancel = true; }, d2);
        CHECK_FALSE(second);
    });
    other.join();
    CHECK(waited);
    REQUIRE(d2.items().size() == 1);
    CHECK(d2.items()[0].message.find("waiting for another build") != std::string::npos);
    SECTION("once released, the next build takes it") {
        held.reset();
        core::diagnostics d3;
        CHECK(output::folder_lock::acquire(out, nullptr, {}, d3));
    }
}

TEST_CASE("hashed asset names") {
    CHECK(output::hashed_name("style.css", "a") == "style." + core::hash_hex("a").substr(0, 8) + ".css");
    CHECK(output::hashed_name("js/site.min.js", "a").starts_with("js/site.min."));
    CHECK(output::hashed_name("LICENSE", "a") == "LICENSE." + core::hash_hex("a").substr(0, 8));
}
