#pragma once
/// briefs::core — JSON documents that remember where each value came from.
///
/// nlohmann/json parses. When a message needs a position, the text is parsed once more with a SAX
/// handler beside nlohmann's DOM builder that records, for every value, the byte offset where it
/// starts (for an object member: where its key starts), in a tree shaped like the document (memory
/// linear in the file, whatever the nesting). Content checks can then report `file:line:col` for a
/// value that is well-formed JSON but wrong, and valid files (the usual case) pay nothing for it.
///
/// Beyond JSON's syntax, a document is refused (with the position) when arrays and objects nest
/// deeper than `max_depth`, when an object has the same key twice, or when a number is out of range.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "briefs/core/diagnostic.hpp"

namespace briefs::core {

class json_source {
public:
    /// Arrays and objects inside one another: at most this many levels (a region.json needs 6).
    static constexpr std::size_t max_depth = 64;

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
    struct locations;  // where each value starts, computed on the first call of position()
    std::shared_ptr<locations> locations_;
};

}  // namespace briefs::core
