#pragma once
#include <filesystem>
#include <optional>

#include "briefs/content/model.hpp"
#include "briefs/core/diagnostic.hpp"

namespace briefs::content {

/// The Markdown files may be at most this large; larger ones are an error (cmark-gfm 0.29 has
/// quadratic cases, and no brief needs more).
inline constexpr std::uintmax_t max_markdown_bytes = 2u * 1024 * 1024;

/// Loads and validates `dir` (a `content/` folder). Every mistake is added to `diags` with its
/// position; returns nullopt when any of them is an error.
std::optional<site_content> load(const std::filesystem::path& dir, core::diagnostics& diags);

}  // namespace briefs::content
