#pragma once
// Shared by the site tests: a tiny site written inline, built in memory, with its files and findings.
// The rule (tests/README.md): a test about the generator carries its templates (test::minimal_site(),
// test::txtar); only a test about what the project's pages show uses the project's templates/, and is
// tagged [project-templates].
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "briefs/sitegraph/build.hpp"
#include "inline_site.hpp"

namespace briefs::test {

struct built {
    std::optional<sitegraph::build_stats> stats;
    core::diagnostics diags;
    std::map<std::string, std::string> files;
    const std::string& at(const std::string& path) const {
        auto it = files.find(path);
        INFO(path);
        REQUIRE(it != files.end());
        return it->second;
    }
    std::string messages() const {
        std::string out;
        for (const auto& d : diags.items()) out += core::to_string(d) + "\n";
        return out;
    }
};

inline built build(const files& content, std::optional<std::string> base_url = std::nullopt) {
    temp_dir dir(content);
    sitegraph::build_options o;
    o.content_dir = dir.path() / "content";
    // A site that carries its own templates and assets (Hugo's style: the whole site inline) is built
    // with them; otherwise with the project's.
    const bool own = std::any_of(content.begin(), content.end(), [](const auto& f) { return f.first.starts_with("templates/"); });
    if (!own) {
        INFO("this test builds with the project's templates/: tag it [project-templates] if it is about them, "
             "else give it templates of its own (test::minimal_site(), test::txtar)");
        REQUIRE(running_test_is_about_project_templates());
    }
    o.templates_dir = own ? dir.path() / "templates" : project_dir() / "templates";
    o.assets_dir = own ? dir.path() / "assets" : project_dir() / "assets";
    o.base_url = base_url;
    output::memory_sink sink;
    built b;
    b.stats = sitegraph::render_site(o, sink, b.diags);
    b.files = sink.files();
    return b;
}

inline bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

}  // namespace briefs::test
