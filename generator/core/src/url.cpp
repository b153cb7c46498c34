#include "briefs/core/url.hpp"

#include <vector>

namespace briefs::core {

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

}  // namespace briefs::core
