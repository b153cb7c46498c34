#pragma once
// Tiny sites written inline in tests (Hugo's style): a map of path → text, written to a fresh
// temporary folder that is removed when the test ends.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace briefs::test {

using files = std::map<std::string, std::string>;

/// A whole tiny site written as one text, txtar-style (Go's golang.org/x/tools/txtar, as Hugo's
/// integration tests write their sites):
///
///     -- content/site.json --
///     {"title": …}
///     -- templates/region.html --
///     <h1>{{region.name}}</h1>
///
/// A line `-- path --` starts a file; its text is every line up to the next such line, each with its
/// newline (a last line without one gets one, so every file that is not empty ends with "\n"). Lines
/// before the first marker are a comment. A line that merely contains `--` is text. A path given twice
/// fails the test.
files txtar(std::string_view text);

/// `base` with every file of `over` added or replaced.
files merged(files base, const files& over);

/// A valid one-city, one-district site (content/ only) that tests change to make their case.
files minimal_content();

/// The minimal site with content/topics.json (grid-governance, anti-fraud): Taizhou's 基层治理 section
/// is about `section_topic`, its fraud-cases metric about `metric_topic`.
files minimal_content_with_topics(const std::string& section_topic = "grid-governance", const std::string& metric_topic = "anti-fraud");

/// The smallest templates and assets a site needs (every page kind, a few lines each), for tests that
/// carry their whole site inline: `minimal_content()` plus these is a site that owes nothing to the
/// project's templates/.
files minimal_templates();

/// minimal_content() with minimal_templates(): a whole site that owes nothing to the project's templates/.
files minimal_site();

/// minimal_content_with_topics() with minimal_templates().
files minimal_site_with_topics(const std::string& section_topic = "grid-governance", const std::string& metric_topic = "anti-fraud");

/// `text` with the first `from` replaced by `to`; fails the test when `from` is not there.
std::string replace_once(std::string text, const std::string& from, const std::string& to);

/// Whether the running TEST_CASE is tagged [project-templates]: only such a test may build with the
/// project's templates/ (tests/README.md).
bool running_test_is_about_project_templates();

/// The project's own templates/ and assets/ folders.
std::filesystem::path project_dir();

class temp_dir {
public:
    explicit temp_dir(const files& contents = {});
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    void write(const std::string& rel, const std::string& text) const;
    [[nodiscard]] std::string read(const std::string& rel) const;

private:
    std::filesystem::path path_;
};

/// All files under `dir`, path → bytes.
files read_tree(const std::filesystem::path& dir);

}  // namespace briefs::test
