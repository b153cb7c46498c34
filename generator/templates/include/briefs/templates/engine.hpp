#pragma once
/// briefs::templates — Mustache templates (kainjow) fed from nlohmann::json.
///
/// Owns: reading `templates/` (pages `*.html`, `*.xml`, `*.txt` and partials `partials/*.html`), syntax
/// errors with line and column, rendering with HTML escaping of every `{{value}}`, and reporting a
/// template that uses a partial or an interface string (`{{t.key}}`) that does not exist. Does not own:
/// what the data means (sitegraph builds it).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/core/diagnostic.hpp"

namespace briefs::templates {

/// Data converted once and used by many renders, below each page's own data (a language's
/// interface strings, the site's title): converting it for every page would cost more than
/// rendering. Immutable; safe to share between threads.
class shared_data {
public:
    explicit shared_data(const nlohmann::json& value);
    ~shared_data();
    shared_data(shared_data&&) noexcept;
    shared_data& operator=(shared_data&&) noexcept;

private:
    friend class engine;
    struct converted;
    std::unique_ptr<converted> data_;
};

class engine {
public:
    /// Reads every template under `dir`. Syntax errors are added to `diags`; returns nullopt then.
    static std::optional<engine> load(const std::filesystem::path& dir, core::diagnostics& diags);
    /// Reads the templates of several folders, file by file: a file of an earlier folder hides the one
    /// at the same path in later folders (a site's templates/ over its theme's; see core::layers).
    static std::optional<engine> load(const std::vector<std::filesystem::path>& layers, core::diagnostics& diags);

    /// Renders the page template `name` (its file name, e.g. "region.html"). Interface strings are
    /// looked up under the `t` object of `data`. Unknown partials and strings are reported to `diags`
    /// (with the template's path). Thread-safe.
    /// A name not found in `data` is looked up in `shared` (when given).
    std::string render(const std::string& name, const nlohmann::json& data, core::diagnostics& diags,
                       const shared_data* shared = nullptr) const;

    [[nodiscard]] bool has(const std::string& name) const { return pages_->count(name) != 0; }

    /// Where a template wrote some text: its first occurrence in page template `name`, else in the
    /// partials (in name order). For messages about what a template made.
    struct location {
        std::string path;
        int line = 0;
        int column = 0;
    };
    [[nodiscard]] std::optional<location> locate(const std::string& name, std::string_view text) const;
    /// A hash of every template's source: changes when any template changes.
    [[nodiscard]] const std::string& fingerprint() const { return fingerprint_; }

private:
    static std::optional<engine> load_all(const std::vector<std::filesystem::path>& layers, core::diagnostics& diags);
    struct source {
        std::string path;  ///< for messages
        std::string text;  ///< a page's with its partials' text in place of `{{> name}}`
        std::string written;  ///< the file's text, as written
    };
    std::shared_ptr<const std::map<std::string, source>> pages_;
    std::shared_ptr<const std::map<std::string, source>> partials_;
    std::string fingerprint_;
    std::uint64_t generation_ = 0;  ///< identifies this set of templates in per-thread caches
};

}  // namespace briefs::templates
