#pragma once
/// briefs::core — diagnostics shared by every library.
///
/// A Diagnostic is one finding about the input: where it is (file, 1-based line and column, the
/// column counted in characters) and what is wrong. Libraries collect them in a Diagnostics list
/// instead of throwing, so one build reports every mistake at once. Standard library only.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace briefs::core {

enum class severity { error, warning };

struct diagnostic {
    std::string path;  ///< as the user would type it (relative to the working directory when possible)
    int line = 0;      ///< 1-based; 0 when the finding is about the whole file
    int column = 0;    ///< 1-based, in Unicode characters; 0 when unknown
    severity level = severity::error;
    std::string message;
    std::string check;  ///< which check found it ("content", "links", …); "" when not named
};

/// Formats as GCC does: `path:line:col: error: message [check]` (line/col and check left out when unknown).
/// Control and bidirectional formatting characters in the path and message are written as `\uXXXX`.
std::string to_string(const diagnostic& d);

/// A list of findings, in the order they were found.
class diagnostics {
public:
    void error(std::string path, int line, int column, std::string message);
    void warning(std::string path, int line, int column, std::string message);
    void add(diagnostic d) { items_.push_back(std::move(d)); }
    void append(const diagnostics& other);
    /// Names the check of every finding from `first` on that has none yet.
    void name_check(std::size_t first, const std::string& check);

    [[nodiscard]] bool has_errors() const;
    [[nodiscard]] std::size_t error_count() const;
    [[nodiscard]] std::size_t warning_count() const;
    [[nodiscard]] const std::vector<diagnostic>& items() const { return items_; }
    [[nodiscard]] bool empty() const { return items_.empty(); }
    /// Sorts by path, line, column, then message: output order must not depend on thread timing.
    void sort();

private:
    std::vector<diagnostic> items_;
};

/// 1-based line and character column of byte `offset` in UTF-8 `text`.
struct text_position {
    int line = 1;
    int column = 1;
};
text_position position_of(std::string_view text, std::size_t offset);

/// Levenshtein distance between two short ASCII identifiers (for "did you mean …?").
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, or "" when none is close enough to be a likely typo.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace briefs::core
