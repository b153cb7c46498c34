#pragma once
// `briefs --version`.
#include <string>

namespace briefs::cli {

/// "briefs 0.1.0 (git abc123)", then the ICU and cmark-gfm versions in use, then where the theme is.
std::string version_text(const std::string& theme_where);

}  // namespace briefs::cli
