#pragma once
/// briefs::core — JSON documents that remember where each value came from.
///
/// nlohmann/json parses. When a message needs a position, the text is parsed once more with a SAX
/// handler beside nlohmann's DOM builder that records, for every value, the byte offset where it
/// starts (for an object member: where its key starts), keyed by JSON pointer. Content checks can
/// then report `file:line:col` for a value that is well-formed JSON but wrong, and valid files (the
/// usual case) pay nothing for it.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "briefs/core/diagnostic.hpp"

namespace briefs::core {

class json_source {
public:
    /// Parses `text` (UTF-8; a leading BOM is skipped). On a syntax error, returns nullopt and adds
    /// an error at the offending line and column to `diags`.
    static std::optional<json_source> parse(std::string path, std::string text, diagnostics& diags);

    [[nodiscard]] const nlohmann::json& value() const { return value_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] const std::string& text() const { return text_; }

    /// Where the value at `pointer` (e.g. "/briefs/0/metrics/2/unit") starts. For a pointer that
    /// does not exist, the position of its nearest existing ancestor. Thread-safe (the first call
    /// computes every position).
    [[nodiscard]] text_position position(const std::string& pointer) const;

    void error(diagnostics& diags, const std::string& pointer, std::string message) const;
    void warning(diagnostics& diags, const std::string& pointer, std::string message) const;

    /// Escapes a key for use in a JSON pointer (`~` → `~0`, `/` → `~1`).
    static std::string escape_key(std::string_view key);

private:
    std::string path_;
    std::string text_;
    nlohmann::json value_;
    mutable std::map<std::string, std::size_t> offsets_;
    mutable bool located_ = false;
    std::shared_ptr<std::mutex> locating_ = std::make_shared<std::mutex>();
};

}  // namespace briefs::core
