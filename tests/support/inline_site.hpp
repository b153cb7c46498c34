#pragma once
// Tiny sites written inline in tests (Hugo's style): a map of path → text, written to a fresh
// temporary folder that is removed when the test ends.
#include <filesystem>
#include <map>
#include <string>

namespace briefs::test {

using files = std::map<std::string, std::string>;

/// A valid one-city, one-district site (content/ only) that tests change to make their case.
files minimal_content();

/// The minimal site with content/topics.json (grid-governance, anti-fraud): Taizhou's 基层治理 section
/// is about `section_topic`, its fraud-cases metric about `metric_topic`.
files minimal_content_with_topics(const std::string& section_topic = "grid-governance", const std::string& metric_topic = "anti-fraud");

/// The smallest templates and assets a site needs (every page kind, a few lines each), for tests that
/// carry their whole site inline: `minimal_content()` plus these is a site that owes nothing to the
/// project's templates/.
files minimal_templates();

/// `text` with the first `from` replaced by `to`; fails the test when `from` is not there.
std::string replace_once(std::string text, const std::string& from, const std::string& to);

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
