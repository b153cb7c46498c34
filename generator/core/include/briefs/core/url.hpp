#pragma once
/// briefs::core — resolving links between the site's own files.
#include <optional>
#include <string>
#include <string_view>

namespace briefs::core {

struct site_target {
    std::string file;      ///< the file inside the site: "zh/regions/linhai/index.html"
    std::string fragment;  ///< after '#', without it; "" when none
};

/// Resolves a relative link `href` written in a page whose folder is `base` ("zh/regions/taizhou/";
/// "" for the site's root). A link to a folder names its index.html. Returns nullopt when the link
/// leads above the site's root.
///
/// **Example**: `resolve_in_site("zh/regions/taizhou/", "../linhai/#a")` → `{"zh/regions/linhai/index.html", "a"}`.
std::optional<site_target> resolve_in_site(std::string_view base, std::string_view href);

}  // namespace briefs::core
