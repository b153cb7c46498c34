#pragma once
// A checked view of one JSON object of a content file: typed getters that report wrong types and
// missing fields at the right line and column, and `finish()` that reports unknown fields.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "briefs/content/model.hpp"
#include "briefs/core/json_source.hpp"

namespace briefs::content::detail {

class object_reader {
public:
    /// `what` names the object in messages ("region", "metric"…). Reports an error if `value` is
    /// not an object; the getters then return nothing.
    object_reader(const core::json_source& src, core::diagnostics& diags, std::string pointer,
                  const nlohmann::json& value, std::string what);

    [[nodiscard]] bool ok() const { return obj_ != nullptr; }
    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] std::string member(const std::string& key) const;

    std::optional<std::string> string(const std::string& key, bool required = true, bool allow_empty = false);
    /// A string matching [a-z0-9-]+ (or, with `period`, [A-Za-z0-9-]+).
    std::optional<std::string> slug(const std::string& key, bool required = true, bool period = false);
    std::optional<std::string> one_of(const std::string& key, const std::vector<std::string>& allowed, bool required = true);
    std::optional<double> number(const std::string& key, bool required = true);
    std::optional<bool> boolean(const std::string& key);
    std::optional<text> bilingual(const std::string& key, bool required = true);
    /// A date YYYY, YYYY-MM or YYYY-MM-DD that exists.
    std::optional<std::string> date(const std::string& key, bool required = true);
    /// The array at `key` (nullptr, with an error when required, if missing or not an array).
    const nlohmann::json* array(const std::string& key, bool required = true);
    const nlohmann::json* object(const std::string& key, bool required = true);
    /// Marks a key as known without reading it.
    void allow(const std::string& key) { known_.insert(key); }
    bool has(const std::string& key) const;

    /// Reports every member that no getter asked for, with a "did you mean" for near misses.
    void finish();

    void error(const std::string& key, const std::string& message);
    void warning(const std::string& key, const std::string& message);

private:
    const nlohmann::json* get(const std::string& key, bool required, const char* expected);

    const core::json_source& src_;
    core::diagnostics& diags_;
    std::string pointer_;
    const nlohmann::json* obj_ = nullptr;
    std::string what_;
    std::set<std::string> known_;
};

bool is_slug(const std::string& s, bool period = false);

/// site.json's "tag_authority" and "tag_date" (what the feeds' entry ids are made of: tag: URIs,
/// RFC 4151): both or neither; neither is a warning.
void read_tag_fields(object_reader& r, const core::json_source& src, core::diagnostics& diags, site_config& site);

/// A warning at `key` when `date` (YYYY, YYYY-MM or YYYY-MM-DD) starts after today (UTC).
void warn_if_future(object_reader& r, const std::string& key, const std::string& date);

}  // namespace briefs::content::detail
