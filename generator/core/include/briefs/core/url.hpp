#pragma once
/// briefs::core — links: what kind a link is, and resolving links between the site's own files. The one
/// place that decides whether a URL is external (used by markdown, sitegraph, checks and devserver).
#include <optional>
#include <string>
#include <string_view>

namespace briefs::core {

/// What a link (an `href` or `src` as written) is.
enum class href_kind {
    empty,     ///< ""
    fragment,  ///< "#a": a section of the same page
    query,     ///< "?q=x": the same page with a query
    rooted,    ///< "/zh/": from the host's root (breaks a site published under a sub-path)
    external,  ///< "https://…", "mailto:…", "//host/…": another site or another kind of resource
    relative,  ///< "../linhai/#a": a file of the site, relative to the page
};

/// Classifies a link by RFC 3986: a scheme is a letter followed by letters, digits, '+', '-' or '.',
/// then ':' (before any '/', '?' or '#'); "//" starts a network path.
///
/// **Example**: `classify_href("mailto:x@y")` → `external`; `classify_href("a:b/c")` → `external`;
/// `classify_href("./a:b")` → `relative`.
href_kind classify_href(std::string_view href);

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
