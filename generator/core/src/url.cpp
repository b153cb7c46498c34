#include "briefs/core/url.hpp"

#include <cctype>
#include <vector>

namespace briefs::core {

href_kind classify_href(std::string_view href) {
    if (href.empty()) return href_kind::empty;
    if (href[0] == '#') return href_kind::fragment;
    if (href[0] == '?') return href_kind::query;
    if (href.starts_with("//")) return href_kind::external;
    if (href[0] == '/') return href_kind::rooted;
    if (std::isalpha(static_cast<unsigned char>(href[0]))) {
        for (char c : href) {
            if (c == ':') return href_kind::external;
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') break;
        }
    }
    return href_kind::relative;
}

std::optional<site_target> resolve_in_site(std::string_view base, std::string_view href) {
    site_target out;
    if (auto hash = href.find('#'); hash != std::string_view::npos) {
        out.fragment = std::string(href.substr(hash + 1));
        href = href.substr(0, hash);
    }
    if (auto q = href.find('?'); q != std::string_view::npos) href = href.substr(0, q);
    const std::string joined = std::string(base) + std::string(href);
    std::vector<std::string_view> parts;
    std::string_view rest(joined);
    while (true) {
        const std::size_t slash = rest.find('/');
        const std::string_view seg = rest.substr(0, slash);
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    for (const auto& p : parts) {
        if (!out.file.empty()) out.file += '/';
        out.file += p;
    }
    if (joined.empty() || joined.back() == '/' || href.empty()) {
        if (!out.file.empty()) out.file += '/';
        out.file += "index.html";
    }
    return out;
}

std::string base_url_problem(std::string_view url) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) return "it must be an absolute http(s) URL, such as https://example.org/briefs/";
    for (unsigned char c : url) {
        if (c <= 0x20 || c == 0x7F) return "it contains a space or a control character (write %20 for a space)";
        if (c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' || c == '`') {
            return std::string("it contains the character ") + static_cast<char>(c) + ", which cannot appear in a URL";
        }
    }
    if (url.find('?') != std::string_view::npos) return "it has a query (\"?…\"): the site's URLs are made by appending paths to it";
    if (url.find('#') != std::string_view::npos) return "it has a fragment (\"#…\"): the site's URLs are made by appending paths to it";
    if (url_host(url).empty()) return "it has no host, such as example.org";
    return {};
}

std::string url_host(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view authority = url.substr(scheme + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
    if (authority.starts_with("[")) return {};  // an IP v6 literal: not a name
    authority = authority.substr(0, authority.find(':'));
    std::string host;
    for (char c : authority) host += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return host;
}

}  // namespace briefs::core
