#pragma once
/// briefs::core — escaping text for HTML.
#include <string>
#include <string_view>

namespace briefs::core {

/// Escapes text for HTML element content and attribute values (`& < > " '`).
///
/// **Example**: `escape_html("<a href=\"x\">")` → `"&lt;a href=&quot;x&quot;&gt;"`.
std::string escape_html(std::string_view text);

}  // namespace briefs::core
