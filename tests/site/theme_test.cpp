// A site over a theme (issue 18): the site's own templates, assets and interface strings replace the
// theme's one file at a time; a site with none of them builds from the theme alone.
#include <catch2/catch.hpp>

#include "briefs/checks/check.hpp"
#include "briefs/core/fs.hpp"
#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

using namespace briefs;
using briefs::test::temp_dir;

namespace {

sitegraph::theme_dirs project_theme() {
    const auto root = test::project_dir();
    return {root, root / "templates", root / "assets", root / "content" / "i18n"};
}

/// The minimal content without its interface strings, with `extra` files beside it.
test::files site_without_theme_files(const test::files& extra = {}) {
    test::files files;
    for (const auto& [path, text] : test::minimal_content()) {
        if (!path.starts_with("content/i18n/")) files[path] = text;
    }
    for (const auto& [path, text] : extra) files[path] = text;
    return files;
}

std::map<std::string, std::string> render(const temp_dir& dir, core::diagnostics& diags) {
    sitegraph::build_options o;
    o.content_dir = dir.path() / "content";
    o.templates_dir = dir.path() / "templates";
    o.assets_dir = dir.path() / "assets";
    o.theme = project_theme();
    output::memory_sink sink;
    REQUIRE(sitegraph::render_site(o, sink, diags));
    return sink.files();
}

}  // namespace

// The project's templates/, assets/ and interface strings as the theme.
TEST_CASE("a site with no templates, assets or interface strings builds from the theme", "[project-templates]") {
    temp_dir dir(site_without_theme_files());
    core::diagnostics d;
    const auto files = render(dir, d);
    for (const auto& x : d.items()) UNSCOPED_INFO(core::to_string(x));
    CHECK_FALSE(d.has_errors());
    CHECK(files.count("zh/index.html"));
    CHECK(files.count("en/index.html"));
}

TEST_CASE("a site's file replaces the theme's file of the same name, and only that one", "[project-templates]") {
    temp_dir plain(site_without_theme_files());
    core::diagnostics d;
    const auto before = render(plain, d);
    std::string home, en;
    std::string why;
    home = *core::read_file(test::project_dir() / "templates" / "home.html", why);
    en = *core::read_file(test::project_dir() / "content" / "i18n" / "en.json", why);
    temp_dir mine(site_without_theme_files({{"templates/home.html", test::replace_once(home, "<h1>", "<h1 class=\"mine\">")},
                                            {"content/i18n/en.json", test::replace_once(en, "\"Skip to content\"", "\"Skip ahead\"")}}));
    const auto after = render(mine, d);
    CHECK_FALSE(d.has_errors());
    REQUIRE(before.size() == after.size());
    for (const auto& [file, bytes] : after) {
        INFO(file);
        const bool home_page = file == "zh/index.html" || file == "en/index.html";
        const bool english = file.starts_with("en/") || file == "index.html" || file == "404.html";
        if (!home_page && !english) CHECK(bytes == before.at(file));
    }
    CHECK(after.at("zh/index.html").find("<h1 class=\"mine\">") != std::string::npos);
    CHECK(after.at("en/index.html").find("Skip ahead") != std::string::npos);
    CHECK(after.at("zh/index.html").find("Skip ahead") == std::string::npos);

    sitegraph::build_options o;
    o.content_dir = mine.path() / "content";
    o.templates_dir = mine.path() / "templates";
    o.assets_dir = mine.path() / "assets";
    o.theme = project_theme();
    const auto report = checks::run(o);
    REQUIRE(report.overrides.size() == 2);
    CHECK(report.overrides[0].site_file.ends_with("templates/home.html"));
    CHECK(report.overrides[1].site_file.ends_with("content/i18n/en.json"));
    CHECK(checks::to_text(report).find("; the site overrides 2 of its files:\n") != std::string::npos);
}
