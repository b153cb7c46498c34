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

/// What is wrong with `url` as the base URL of a published site, or "" when nothing is: it must be an
/// absolute http(s) URL with a host, and nothing that would break the URLs made from it (spaces,
/// control characters, quotes, `<`, `>`, a query or a fragment).
///
/// **Example**: `base_url_problem("https://example.org/briefs/?x=1")` → "it has a query (\"?…\")…".
std::string base_url_problem(std::string_view url);

/// The host of an absolute URL, without user, port or path, lower-cased: "https://Example.org:8080/a/"
/// → "example.org"; "" when there is none.
std::string url_host(std::string_view url);

}  // namespace briefs::core
